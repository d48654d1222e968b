//! CSV exports of PowerShell objects (`Export-Csv`, `ConvertTo-Csv`, with or without the `#TYPE
//! ...` line, fields quoted or not) and `systeminfo /fo csv`. Each row becomes one object of the
//! same form the Format-List and JSON readers build ([`crate::powershell::PsObject`]), recognized
//! by the same property names ([`crate::powershell::Classifier`]); a systeminfo row becomes its
//! `Label: value` lines for [`crate::systeminfo`]. Fields are split by the `csv` crate (RFC 4180
//! quoting, `""` inside a quoted field).
//!
//! A header is a line of at least two fields that are all property names (or systeminfo labels),
//! followed by a row with as many fields. Rows end at a blank line or a line with another count.
//! One pass, one line at a time: memory bounded by a row.

use avma_core::Catalog;
use serde_json::Value;

use crate::observe::{ArtifactKind, ReadResult};
use crate::powershell::{Classifier, PsObject};

const READER: &str = "csv";

/// The most columns read (a wider header is no PowerShell object's export).
const MAX_COLUMNS: usize = 200;

/// The fields of one CSV line, when it has at least two.
fn fields(line: &str) -> Option<Vec<String>> {
    let t = line.trim_end_matches(['\r', '\n']);
    if !t.contains(',') {
        return None;
    }
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(t.as_bytes());
    let rec = rd.records().next()?.ok()?;
    if rec.len() < 2 || rec.len() > MAX_COLUMNS {
        return None;
    }
    Some(rec.iter().map(|f| f.trim().to_string()).collect())
}

/// A PowerShell property name (`LicenseStatus`, `PSComputerName`, `OsName`).
fn property_name(f: &str) -> bool {
    (1..=128).contains(&f.len())
        && f.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Header {
    Properties,
    Systeminfo,
}

fn header_kind(fs: &[String]) -> Option<Header> {
    if fs.iter().all(|f| property_name(f)) {
        return Some(Header::Properties);
    }
    let labels = fs.iter().filter(|f| crate::systeminfo::is_label(f)).count();
    (labels * 2 >= fs.len() && labels >= 2).then_some(Header::Systeminfo)
}

/// Does the text hold a CSV export: a header line and a row with as many fields.
pub fn looks_like(lines: &[String]) -> bool {
    let mut prev: Option<usize> = None;
    for l in lines {
        let t = l.trim();
        if t.is_empty() || t.starts_with("#TYPE") {
            prev = None;
            continue;
        }
        let fs = if t.contains(',') { fields(t) } else { None };
        match (prev, fs) {
            (Some(n), Some(f)) if f.len() == n => return true,
            (_, Some(f)) if header_kind(&f).is_some() => prev = Some(f.len()),
            _ => prev = None,
        }
    }
    false
}

/// Read the CSV exports in the text (line `i` is input line `nums[i]`).
pub fn read_at(file: &str, lines: &[String], nums: &[u64], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::Csv);
    let mut c = Classifier::new(file, READER, cat);
    let mut header: Option<(Vec<String>, Header, u64)> = None;
    let mut si_lines: Vec<String> = Vec::new();
    let mut si_nums: Vec<u64> = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let n = nums.get(i).copied().unwrap_or(i as u64 + 1);
        let t = raw.trim();
        if t.starts_with("#TYPE") {
            r.placed.push(n);
            header = None;
            continue;
        }
        let fs = if t.contains(',') { fields(t) } else { None };
        let Some(fs) = fs else {
            header = None;
            continue;
        };
        if let Some((names, kind, at)) = header.as_ref().filter(|h| h.0.len() == fs.len()) {
            match kind {
                Header::Properties => {
                    let o = PsObject {
                        line: n,
                        props: names
                            .iter()
                            .zip(&fs)
                            .map(|(k, v)| (k.clone(), Value::String(v.clone()), n))
                            .collect(),
                    };
                    c.feed(&o, &mut r);
                    if !r.placed.contains(at) {
                        r.placed.push(*at);
                    }
                    r.placed.push(n);
                }
                Header::Systeminfo => {
                    for (k, v) in names.iter().zip(&fs) {
                        si_lines.push(format!("{k}: {v}"));
                        si_nums.push(n);
                    }
                    si_lines.push(String::new());
                    si_nums.push(n);
                    r.placed.push(*at);
                    r.placed.push(n);
                }
            }
            continue;
        }
        header = header_kind(&fs).map(|k| (fs, k, n));
    }
    c.finish(&mut r);
    if !si_lines.is_empty() {
        let mut s = crate::systeminfo::read_at(file, &si_lines, &si_nums, cat);
        r.observations.append(&mut s.observations);
        r.notes.append(&mut s.notes);
        r.language = s.language;
    }
    r.placed.sort_unstable();
    r.placed.dedup();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    #[test]
    fn quoted_and_bare_exports() {
        let cat = Catalog::builtin();
        for text in [
            "#TYPE Microsoft.Management.Infrastructure.CimInstance#root/cimv2/SoftwareLicensingProduct\n\"Name\",\"LicenseStatus\",\"PartialProductKey\"\n\"Windows(R), ServerStandard edition\",\"1\",\"XJ4PQ\"",
            "Name,LicenseStatus,PartialProductKey\n\"Windows(R), ServerStandard edition\",1,XJ4PQ",
        ] {
            let l = lines(text);
            assert!(looks_like(&l), "{text}");
            let r = read_at("x", &l, &[], cat);
            let p = r
                .observations
                .iter()
                .find_map(|o| match &o.fact {
                    crate::observe::Fact::Product(p) => Some(p),
                    _ => None,
                })
                .expect("a product");
            assert_eq!(p.edition.as_deref(), Some("ServerStandard"));
            assert_eq!(p.license_status, Some(1));
            assert_eq!(p.partial_key.as_deref(), Some("XJ4PQ"));
        }
        // A sentence with commas is no CSV export.
        assert!(!looks_like(&lines(
            "We tried this, then that, then gave up.\nIt failed, twice, again."
        )));
    }
}
