//! Which reader fits an input, decided by content (never by file name).

use avma_core::Catalog;

use crate::observe::{ArtifactKind, ReadResult};
use crate::{dism, eventxml, powershell, slmgr};

/// Read a decoded text input with every reader that recognizes it (a console transcript can hold
/// slmgr and DISM output together) and merge what they found.
pub fn read_text(file: &str, lines: &[String], cat: &Catalog) -> ReadResult {
    let head: String = lines
        .iter()
        .take(5)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    if eventxml::looks_like(&head) {
        return eventxml::read(file, &lines.join("\n"));
    }
    if powershell::looks_like_json(&head) {
        return powershell::read_json(file, &lines.join("\n"), cat);
    }
    let mut parts: Vec<ReadResult> = Vec::new();
    if dism::looks_like(lines) {
        parts.push(dism::read(file, lines, cat));
    }
    if slmgr::looks_like(lines) {
        parts.push(slmgr::read(file, lines, cat));
    }
    if powershell::looks_like_format_list(lines) {
        parts.push(powershell::read_format_list(file, lines, cat));
    }
    let mut useful: Vec<ReadResult> = parts
        .into_iter()
        .filter(|p| !p.observations.is_empty())
        .collect();
    match useful.len() {
        0 => {
            let mut r = ReadResult::new(file, ArtifactKind::Unknown);
            r.warnings.push(format!(
                "{file}: not recognized as slmgr, DISM, PowerShell (JSON or Format-List) or event XML output"
            ));
            r
        }
        _ => {
            let mut first = useful.remove(0);
            for mut other in useful {
                first.observations.append(&mut other.observations);
                if first.language == Some("unknown") {
                    first.language = other.language;
                }
            }
            first.observations.sort_by(|a, b| a.from.cmp(&b.from));
            first
        }
    }
}
