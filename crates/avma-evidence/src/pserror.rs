//! PowerShell error records and avma's own plan-script output: what admins paste after a failed
//! `Invoke-CimMethod ... InstallProductKey` (`FullyQualifiedErrorId : HRESULT 0xc004f069,...`, in
//! any display language: the id is never translated), a .NET `Exception from HRESULT: 0x...`, and
//! the lines `avma plan --format ps1` prints when a step fails (`... avma explain 0xC004F069`, in
//! any language avma writes: the command is never translated) and its current-edition line
//! (`Current edition: ServerStandardEval (build 17763)`, `現在のエディション: ... (ビルド 17763)`).
//! The HRESULT becomes an error fact, so that a paste that shows a failure never reads as
//! "no problem found".

use std::sync::OnceLock;

use regex::Regex;

use avma_core::Catalog;

use crate::observe::{ArtifactKind, EditionSource, Fact, Provenance, ReadResult};
use crate::util::hresults;

const READER: &str = "powershell-error";

/// How far above its `FullyQualifiedErrorId` line an error record's first line may be.
const RECORD_LINES: usize = 8;

fn is_fqid(l: &str) -> bool {
    l.contains("FullyQualifiedErrorId")
}

fn is_exception(l: &str) -> bool {
    l.contains("HRESULT: 0x") || l.contains("HRESULT:0x")
}

fn is_avma_explain(l: &str) -> bool {
    l.contains("avma explain 0x") || l.contains("avma explain 0X")
}

/// Does the text hold an error record or avma's script output with an HRESULT?
pub fn looks_like(lines: &[String]) -> bool {
    lines
        .iter()
        .any(|l| (is_fqid(l) || is_exception(l) || is_avma_explain(l)) && !hresults(l).is_empty())
}

/// `Label: EditionID (word 17763)` with a catalog EditionID: avma's ps1 current-edition line.
fn current_edition(l: &str, cat: &Catalog) -> Option<(String, u32)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = R.get_or_init(|| {
        Regex::new(
            r"^[^:：]{1,40}[:：]\s*([A-Za-z]{4,40})\s*[(（]\s*\S{1,12}\s+(\d{4,5})\s*[)）]\s*$",
        )
        .expect("static pattern")
    });
    let c = r.captures(l.trim())?;
    let e = cat.edition(&c[1])?;
    Some((e.id.clone(), c[2].parse().ok()?))
}

pub fn read_at(file: &str, lines: &[String], nums: &[u64], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::PowershellError);
    let num = |i: usize| nums.get(i).copied().unwrap_or(i as u64 + 1);
    // The message line of the record being read (`Invoke-CimMethod : 製品 SKU が見つかりません。`).
    let mut message: Option<(usize, String)> = None;
    for (i, raw) in lines.iter().enumerate() {
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        if !l.starts_with('+') && !is_fqid(l) {
            // `Cmdlet : message` (Windows PowerShell) or `Cmdlet: message` (PowerShell 7).
            if let Some((cmd, msg)) = l.split_once(':') {
                let cmd = cmd.trim();
                if cmd.contains('-')
                    && !cmd.contains(' ')
                    && cmd.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    message = Some((i, msg.trim().to_string()));
                }
            }
        }
        if is_fqid(l) || is_exception(l) {
            let Some(code) = hresults(l).into_iter().next() else {
                continue;
            };
            let text = match &message {
                Some((at, m)) if i - at <= RECORD_LINES && !m.is_empty() => m.clone(),
                _ => l.trim_start_matches('+').trim().to_string(),
            };
            // The record's lines, from its message to its id, are understood.
            let from = message
                .as_ref()
                .map_or(i, |(at, _)| if i - at <= RECORD_LINES { *at } else { i });
            r.placed.extend((from..=i).map(num));
            if !r.observations.iter().any(|o| {
                matches!(&o.fact, Fact::Error { code: c, .. } if *c == code)
                    && o.from.line.is_some_and(|x| x >= num(from))
            }) {
                r.push(
                    Fact::Error {
                        code,
                        tool: READER,
                        text,
                    },
                    Provenance::line(file, num(i), READER),
                );
            }
            message = None;
            continue;
        }
        if is_avma_explain(l) {
            if let Some(code) = hresults(l).into_iter().next() {
                r.placed.push(num(i));
                r.push(
                    Fact::Error {
                        code,
                        tool: READER,
                        text: l.to_string(),
                    },
                    Provenance::line(file, num(i), READER),
                );
            }
            continue;
        }
        if let Some((edition, build)) = current_edition(l, cat) {
            r.placed.push(num(i));
            r.push(
                Fact::Edition {
                    edition,
                    source: EditionSource::Registry,
                },
                Provenance::line(file, num(i), READER),
            );
            r.push(
                Fact::OsBuild { build },
                Provenance::line(file, num(i), READER),
            );
        }
    }
    r
}
