//! PowerShell's default table output (`Format-Table`, and what cmdlets such as
//! `Get-VMIntegrationService` print when nothing else is asked): a header of property names (never
//! translated), a line of dashes under each, then one row per object, columns aligned by display
//! width (East Asian characters take two columns), long cells cut with `…`.
//!
//! Rows become the same objects as Format-List and JSON, so the PowerShell reader's recognition
//! applies. `Get-VMIntegrationService` rows are read here: Data Exchange is found by its display
//! name in the languages listed below or, when no name matches, by its position (third of a VM's
//! five or six services in the order Hyper-V lists them on 2012 R2 and on 2016 and later).

use serde_json::Value;
use unicode_width::UnicodeWidthChar;

use avma_core::text::Msg;
use avma_core::Catalog;

use crate::observe::{ArtifactKind, Fact, IntegrationService, Provenance, ReadResult};
use crate::powershell::{classify_rows, PsObject};

const READER: &str = "format-table";

/// The Data Exchange (KVP) service's display name in the languages seen in captures (prefixes:
/// PowerShell cuts long cells). UNVERIFIED beyond English and Japanese; used only to name the
/// service, the position rule covers the others.
const DATA_EXCHANGE_NAMES: &[&str] = &[
    "Key-Value Pair Exchange",
    "Data Exchange",
    "Datenaustausch",
    "Austausch von Schlüssel",
    "Échange de données",
    "Échange de paires clé-valeur",
    "Intercambio de datos",
    "Intercambio de pares clave-valor",
    "Обмен данными",
    "Обмен парами",
    "データ交換",
    "キー値ペア交換",
    "キーと値のペアの交換",
    "数据交换",
    "键值对交换",
    "資料交換",
];

fn is_dash_line(t: &str) -> bool {
    let t = t.trim_end();
    !t.is_empty() && t.contains('-') && t.chars().all(|c| c == '-' || c == ' ') && {
        // Every group of dashes is at least two long (a lone "-" is not a column).
        t.split(' ').filter(|g| !g.is_empty()).all(|g| g.len() >= 2)
    }
}

/// Column spans (start, end) in display columns, from the dash line.
fn spans(dashes: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in dashes.char_indices() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, dashes.trim_end().len()));
    }
    out
}

/// The text of a line between display columns `from` and `to` (`to == usize::MAX`: to the end).
fn cols(line: &str, from: usize, to: usize) -> String {
    let mut w = 0usize;
    let mut out = String::new();
    for c in line.chars() {
        let cw = c.width().unwrap_or(0);
        if w >= from && w < to {
            out.push(c);
        }
        w += cw;
        if w >= to {
            break;
        }
    }
    out.trim().to_string()
}

/// Does the text hold a table (a header line over a dash line)?
pub fn looks_like(lines: &[String]) -> bool {
    lines
        .windows(2)
        .any(|w| is_dash_line(&w[1]) && !w[0].trim().is_empty() && spans(&w[1]).len() >= 2)
}

pub fn read_at(file: &str, lines: &[String], nums: &[u64], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::FormatTable);
    let num = |i: usize| nums.get(i).copied().unwrap_or(i as u64 + 1);
    let mut i = 1usize;
    while i < lines.len() {
        if !is_dash_line(&lines[i]) || lines[i - 1].trim().is_empty() {
            i += 1;
            continue;
        }
        let sp = spans(&lines[i]);
        if sp.len() < 2 {
            i += 1;
            continue;
        }
        let header = &lines[i - 1];
        // Cells run from a column's start to the next column's start (values overflow a
        // right-aligned header's dashes to the left, so a cell starts after the previous one).
        let mut bounds: Vec<(usize, usize)> = Vec::new();
        for (k, &(s, _)) in sp.iter().enumerate() {
            let end = sp.get(k + 1).map_or(usize::MAX, |n| n.0);
            bounds.push((s, end));
        }
        let names: Vec<String> = sp
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| {
                let end = if k + 1 == sp.len() {
                    usize::MAX
                } else {
                    e.max(s + 1)
                };
                let n = cols(header, s, end);
                if n.is_empty() {
                    format!("column{k}")
                } else {
                    n
                }
            })
            .collect();
        r.placed.push(num(i - 1));
        r.placed.push(num(i));
        let mut rows: Vec<PsObject> = Vec::new();
        let mut j = i + 1;
        while j < lines.len() && !lines[j].trim().is_empty() {
            let n = num(j);
            let mut o = PsObject {
                line: n,
                props: Vec::new(),
            };
            for (k, &(s, e)) in bounds.iter().enumerate() {
                // Right-aligned numbers may start left of their column: take what lies between
                // the previous cell's end and this one's.
                let from = if k == 0 { 0 } else { s };
                let v = cols(&lines[j], from, e);
                o.props.push((names[k].clone(), Value::String(v), n));
            }
            rows.push(o);
            j += 1;
        }
        read_rows(file, &names, rows, cat, &mut r);
        i = j;
    }
    r
}

fn read_rows(file: &str, names: &[String], rows: Vec<PsObject>, cat: &Catalog, r: &mut ReadResult) {
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("VMName") && has("Name") && has("Enabled") && !has("Id") {
        integration_rows(file, rows, r);
        return;
    }
    let before = r.observations.len();
    classify_rows(file, &rows, cat, r);
    if r.observations.len() > before {
        r.placed.extend(rows.iter().map(|o| o.line));
    }
}

fn cell<'a>(o: &'a PsObject, name: &str) -> Option<&'a str> {
    o.props
        .iter()
        .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v, _)| v.as_str())
        .filter(|s| !s.is_empty())
}

fn integration_rows(file: &str, rows: Vec<PsObject>, r: &mut ReadResult) {
    // Group by VM, in order.
    let mut groups: Vec<(String, Vec<PsObject>)> = Vec::new();
    for o in rows {
        let vm = cell(&o, "VMName").unwrap_or("").to_string();
        match groups.last_mut() {
            Some((g, list)) if *g == vm => list.push(o),
            _ => groups.push((vm, vec![o])),
        }
    }
    for (vm, list) in groups {
        let by_name = list.iter().position(|o| {
            cell(o, "Name").is_some_and(|n| {
                let n = n.trim_end_matches('…').trim_end_matches("...");
                DATA_EXCHANGE_NAMES
                    .iter()
                    .any(|d| d.starts_with(n) && n.chars().count() >= 6 || n.starts_with(d))
            })
        });
        let kvp = by_name.or_else(|| (list.len() == 5 || list.len() == 6).then_some(2));
        if by_name.is_none() && kvp.is_some() {
            if let Some(o) = list.get(2) {
                r.note(
                    Some(o.line),
                    Msg::new("reader-data-exchange-by-position")
                        .arg("vm", vm.as_str())
                        .arg("name", cell(o, "Name").unwrap_or("?")),
                );
            }
        }
        for (k, o) in list.iter().enumerate() {
            r.placed.push(o.line);
            let enabled = cell(o, "Enabled").and_then(|e| match e {
                "True" | "true" => Some(true),
                "False" | "false" => Some(false),
                _ => None,
            });
            r.push(
                Fact::IntegrationService(IntegrationService {
                    vm: Some(vm.clone()).filter(|v| !v.is_empty()),
                    name: cell(o, "Name").map(String::from),
                    id: None,
                    is_data_exchange: kvp == Some(k),
                    enabled,
                    primary_status: cell(o, "PrimaryStatusDescription").map(String::from),
                }),
                Provenance::line(file, o.line, READER),
            );
        }
    }
}
