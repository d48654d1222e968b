//! Which reader fits an input, decided by content (never by file name) over the whole text, after
//! the transcript noise around pasted output is removed ([`crate::clean`]). A console transcript
//! can hold several commands' outputs: every reader that recognizes part of it reads it, and what
//! they found is merged.

use avma_core::text::Msg;
use avma_core::Catalog;

use crate::clean::{clean, Cleaned};
use crate::observe::{ArtifactKind, Fact, LineStats, ReadResult, UnplacedLine};
use crate::{dism, eventtext, eventxml, powershell, slmgr, table};

/// The problems that only say a reader found nothing: dropped when another reader found something.
const NOTHING_FOUND: &[&str] = &[
    "reader-dism-nothing",
    "reader-slmgr-nothing",
    "reader-no-event",
];

/// How many lines that could not be placed are shown for an input that yields nothing.
const UNPLACED_SHOWN: usize = 5;

/// Read a decoded text input with every reader that recognizes it (a console transcript can hold
/// slmgr and DISM output together) and merge what they found.
pub fn read_text(file: &str, lines: &[String], cat: &Catalog) -> ReadResult {
    let c = clean(lines);
    let mut r = read_cleaned(file, &c, cat);
    r.lines = Some(stats(&c, &r, lines.len() as u64, cat));
    r
}

fn first_content(c: &Cleaned) -> Option<&str> {
    c.lines
        .iter()
        .map(|l| l.trim_start_matches('\u{feff}').trim_start())
        .find(|l| !l.is_empty())
}

/// Map the line numbers a reader gave (lines of the cleaned text, 1-based) to input lines.
fn remap(r: &mut ReadResult, c: &Cleaned) {
    let map = |l: u64| c.numbers.get(l as usize - 1).copied().unwrap_or(l);
    for o in &mut r.observations {
        if let Some(l) = o.from.line.filter(|l| *l >= 1) {
            o.from.line = Some(map(l));
        }
    }
    for n in r.problems.iter_mut().chain(r.notes.iter_mut()) {
        if let Some(l) = n.line.filter(|l| *l >= 1) {
            n.line = Some(map(l));
        }
    }
    for p in &mut r.placed {
        if *p >= 1 {
            *p = map(*p);
        }
    }
}

fn read_cleaned(file: &str, c: &Cleaned, cat: &Catalog) -> ReadResult {
    let start = first_content(c).unwrap_or("");
    // Event XML: the text starts with markup and holds events.
    if start.starts_with('<') && c.lines.iter().take(400).any(|l| l.contains("<Event")) {
        let text = c.lines.join("\n");
        return eventxml::read_at(file, &text, &c.numbers);
    }
    // JSON (ConvertTo-Json, converters' JSON, JSON Lines). A prompt's `[` was removed with the
    // prompt; text that starts with `[` but is no JSON goes on to the text readers.
    let mut json: Option<ReadResult> = None;
    if start.starts_with('{') || start.starts_with('[') {
        let text = c.lines.join("\n");
        let mut r = powershell::read_json(file, &text, cat);
        remap(&mut r, c);
        if !r.observations.is_empty() {
            return r;
        }
        json = Some(r);
    }
    let plain = &c.lines;
    let mut parts: Vec<ReadResult> = Vec::new();
    if dism::looks_like(plain) || c.commands.iter().flatten().any(|l| is_dism_command(l)) {
        parts.push(dism::read_at(file, &c.with_commands(), &c.numbers, cat));
    }
    if slmgr::looks_like(plain) {
        parts.push(slmgr::read_at(file, plain, &c.numbers, cat));
    }
    if powershell::looks_like_format_list(plain) {
        parts.push(powershell::read_format_list_at(
            file, plain, &c.numbers, cat,
        ));
    }
    if table::looks_like(plain) {
        parts.push(table::read_at(file, plain, &c.numbers, cat));
    }
    if eventtext::looks_like(plain) {
        parts.push(eventtext::read_at(file, plain, &c.numbers));
    }
    // A licensing object listed with Format-List is one product: slmgr's reading of the same
    // lines (it also sees "Windows(R), X edition") is dropped.
    let fl_products = parts.iter().any(|p| {
        p.kind == ArtifactKind::FormatList
            && p.observations
                .iter()
                .any(|o| matches!(o.fact, Fact::Product(_)))
    });
    if fl_products {
        parts.retain(|p| p.kind != ArtifactKind::Slmgr);
    }
    let mut useful: Vec<ReadResult> = parts
        .into_iter()
        .filter(|p| !p.observations.is_empty() || !p.notes.is_empty())
        .collect();
    if useful.is_empty() {
        if let Some(j) = json {
            return j;
        }
        let mut r = ReadResult::new(file, ArtifactKind::Unknown);
        r.problem(None, Msg::new("reader-not-recognized"));
        return r;
    }
    // The kind is that of the reader that found the most.
    useful.sort_by_key(|p| std::cmp::Reverse(p.observations.len()));
    let mut first = useful.remove(0);
    for mut other in useful {
        first.observations.append(&mut other.observations);
        first.notes.append(&mut other.notes);
        first.placed.append(&mut other.placed);
        first
            .problems
            .retain(|p| !NOTHING_FOUND.contains(&p.message.id));
        if first.language.is_none_or(|l| l == "unknown") {
            first.language = other.language;
        }
    }
    first.observations.sort_by(|a, b| a.from.cmp(&b.from));
    first
}

fn is_dism_command(l: &str) -> bool {
    let l = l.to_ascii_lowercase();
    l.contains("dism") && (l.contains("edition") || l.contains("/online"))
}

fn stats(c: &Cleaned, r: &ReadResult, total: u64, cat: &Catalog) -> LineStats {
    let mut placed = r.placed.clone();
    placed.extend(r.observations.iter().filter_map(|o| o.from.line));
    placed.sort_unstable();
    placed.dedup();
    let mut s = LineStats {
        total,
        noise: c.noise,
        ..Default::default()
    };
    // A JSON or XML document that was read is understood as a whole.
    let whole = matches!(
        r.kind,
        ArtifactKind::CimJson | ArtifactKind::EventJson | ArtifactKind::EventXml
    ) && !r.observations.is_empty();
    for (l, &n) in c.lines.iter().zip(&c.numbers) {
        if l.trim().is_empty() {
            continue;
        }
        if whole || placed.binary_search(&n).is_ok() {
            s.understood += 1;
        } else {
            s.skipped += 1;
            if r.observations.is_empty() && s.unplaced.len() < UNPLACED_SHOWN {
                let mut text: String = l.trim().chars().take(160).collect();
                text = avma_core::key::redact_text(&text, cat);
                s.unplaced.push(UnplacedLine { line: n, text });
            }
        }
    }
    s
}
