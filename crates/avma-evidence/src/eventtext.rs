//! Event Viewer's "Copy details as text" (also what many tickets paste): `Log Name:`, `Source:`,
//! `Date:`, `Event ID:`, `Task Category:`, `Level:`, `Keywords:`, `User:`, `Computer:`,
//! `Description:` and the message, with the labels in the console's language.
//!
//! The labels are not matched: their order is fixed, so a block is found by a provider name
//! (`Microsoft-Windows-...`) followed, two label lines later, by a number (the event ID); the log
//! name is the line before the source and the computer the fifth label line after the ID. HRESULTs
//! and GUIDs of the description are kept like event data.

use crate::observe::{ArtifactKind, EventRecord, Fact, Provenance, ReadResult};
use crate::util::{label_value, language_of};

const READER: &str = "event-text";

fn provider_like(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && !v.contains(' ')
        && (v.starts_with("Microsoft-Windows-") || v.starts_with("Microsoft-"))
}

fn label_lines(lines: &[String], from: usize) -> impl Iterator<Item = (usize, &str, &str)> {
    lines
        .iter()
        .enumerate()
        .skip(from)
        .filter_map(|(i, l)| label_value(l).map(|(a, b)| (i, a, b)))
}

/// The Level label in the console languages avma knows (the order of the labels is what the
/// reader relies on; this only finds the level in a copy trimmed to a few labels).
fn is_level_label(l: &str) -> bool {
    [
        "level",
        "レベル",
        "ebene",
        "niveau",
        "nivel",
        "级别",
        "уровень",
    ]
    .iter()
    .any(|w| l.trim().eq_ignore_ascii_case(w))
}

fn is_description_label(l: &str) -> bool {
    [
        "description",
        "説明",
        "beschreibung",
        "descripción",
        "描述",
        "описание",
    ]
    .iter()
    .any(|w| l.trim().eq_ignore_ascii_case(w))
}

/// The event level a console's word names (the standard levels 1-5).
pub fn level_of_word(w: &str) -> Option<u32> {
    let w = w.trim().to_lowercase();
    let is = |ws: &[&str]| ws.contains(&w.as_str());
    if is(&[
        "critical", "重大", "kritisch", "critique", "crítico", "严重",
    ]) {
        Some(1)
    } else if is(&["error", "エラー", "fehler", "erreur", "错误"]) {
        Some(2)
    } else if is(&["warning", "警告", "warnung", "avertissement", "advertencia"]) {
        Some(3)
    } else if is(&[
        "information",
        "情報",
        "informationen",
        "informations",
        "información",
        "信息",
    ]) {
        Some(4)
    } else if is(&[
        "verbose",
        "詳細",
        "ausführlich",
        "commentaires",
        "detallado",
        "详细",
    ]) {
        Some(5)
    } else {
        None
    }
}

/// Does the text hold at least one copied event?
pub fn looks_like(lines: &[String]) -> bool {
    block_starts(lines).next().is_some()
}

/// Indexes of the source lines of the blocks, with the index of the event ID line.
fn block_starts(lines: &[String]) -> impl Iterator<Item = (usize, usize)> + '_ {
    lines.iter().enumerate().filter_map(move |(i, l)| {
        let (_, v) = label_value(l)?;
        if !provider_like(v) {
            return None;
        }
        // Date, then Event ID.
        let (id_at, _, id) = label_lines(lines, i + 1).take(2).nth(1)?;
        (!id.is_empty() && id.len() <= 5 && id.chars().all(|c| c.is_ascii_digit()))
            .then_some((i, id_at))
    })
}

/// The line Event Viewer puts before the XML of a copied event: `Event Xml:` in English, a short
/// label with `XML` in it in other languages (`Ereignis-XML:`, `イベント XML:`).
pub fn is_xml_marker(line: &str) -> bool {
    let t = line.trim();
    let label = t.strip_suffix(':').or_else(|| t.strip_suffix('：'));
    label.is_some_and(|l| {
        l.chars().count() <= 32 && l.to_ascii_lowercase().split([' ', '-']).any(|w| w == "xml")
    })
}

/// The description's lines from line `from` (before `end`), and the index of its last line: its
/// first paragraph, and the paragraphs after a blank line only up to the data Windows introduces
/// with a line ending in a colon (`The following information was included with the event:`, in
/// any language, within the first few paragraphs) and that data's paragraph. It ends earlier at
/// the next prompt, at `Event Xml:` or markup, so prose after the copy (`Thanks in advance`) or
/// another command's output is never the event's.
fn description(
    lines: &[String],
    commands: &[Option<String>],
    from: usize,
    end: usize,
) -> (Vec<String>, Option<usize>) {
    /// How many paragraphs may come before the data's introduction.
    const INTRO_WITHIN: usize = 4;
    let mut paras: Vec<Vec<(usize, &str)>> = Vec::new();
    let mut cur: Vec<(usize, &str)> = Vec::new();
    for (j, l) in lines.iter().enumerate().take(end).skip(from) {
        if commands.get(j).is_some_and(Option::is_some) {
            break; // the next prompt
        }
        let t = l.trim();
        if t.starts_with('<') || is_xml_marker(t) {
            break; // "Event Xml:" follows in newer copies; the XML reader reads it.
        }
        if t.is_empty() {
            if !cur.is_empty() {
                paras.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push((j, t));
    }
    if !cur.is_empty() {
        paras.push(cur);
    }
    let intro = |p: &Vec<(usize, &str)>| {
        p.last()
            .is_some_and(|(_, t)| t.ends_with(':') || t.ends_with('：'))
    };
    let keep = paras
        .iter()
        .enumerate()
        .take(INTRO_WITHIN.min(paras.len().saturating_sub(1)))
        .filter(|(_, p)| intro(p))
        .map(|(k, _)| k + 1)
        .next_back()
        .unwrap_or(0);
    let kept: Vec<(usize, &str)> = paras.into_iter().take(keep + 1).flatten().collect();
    let last = kept.last().map(|(j, _)| *j);
    (kept.into_iter().map(|(_, t)| t.to_string()).collect(), last)
}

pub fn read_at(file: &str, lines: &[String], nums: &[u64]) -> ReadResult {
    read_with_commands(file, lines, nums, &[])
}

/// [`read_at`] knowing the prompts' commands (`commands[i]` is the command typed on line `i`,
/// whose text is blank): a prompt ends a description.
pub fn read_with_commands(
    file: &str,
    lines: &[String],
    nums: &[u64],
    commands: &[Option<String>],
) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::EventText);
    let num = |i: usize| nums.get(i).copied().unwrap_or(i as u64 + 1);
    let starts: Vec<(usize, usize)> = block_starts(lines).collect();
    // Each copied event's `Computer:` and where its copy starts.
    let mut computers: Vec<(u64, String)> = Vec::new();
    for (k, &(src, id_at)) in starts.iter().enumerate() {
        let end = starts
            .get(k + 1)
            .map_or(lines.len(), |n| n.0.saturating_sub(1));
        let provider = label_value(&lines[src])
            .map(|(_, v)| v.to_string())
            .unwrap_or_default();
        let event_id = label_value(&lines[id_at])
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let channel_at = src
            .checked_sub(1)
            .and_then(|p| label_value(&lines[p]))
            .is_some_and(|(_, v)| !v.is_empty());
        let channel = src
            .checked_sub(1)
            .and_then(|p| label_value(&lines[p]))
            .map(|(_, v)| v.to_string())
            .filter(|v| !v.is_empty());
        let date = label_lines(lines, src + 1)
            .next()
            .map(|(_, _, v)| v.to_string());
        // Task Category, Level, Keywords, User, Computer; then Description and the message.
        // Copies are often trimmed to a few labels, so the description is the first label
        // line with no value (every other label has one), the computer the label line before
        // it, the level found by its label's name, else by its place in a full copy.
        let after: Vec<(usize, &str, &str)> = label_lines(lines, id_at + 1)
            .take_while(|(i, _, _)| *i < end)
            .take(7)
            .collect();
        let desc_at = after
            .iter()
            .take(6)
            .position(|(_, _, v)| v.is_empty())
            .or_else(|| after.iter().position(|(_, l, _)| is_description_label(l)));
        let (computer, desc_from, inline) = match desc_at {
            Some(d) => (
                d.checked_sub(1)
                    .and_then(|c| after.get(c))
                    .map(|(_, _, v)| v.to_string())
                    .filter(|v| !v.is_empty()),
                after.get(d).map_or(end, |(i, _, _)| i + 1),
                after
                    .get(d)
                    .map(|(_, _, v)| v.to_string())
                    .filter(|v| !v.is_empty()),
            ),
            None => (
                after
                    .get(4)
                    .map(|(_, _, v)| v.to_string())
                    .filter(|v| !v.is_empty()),
                after.get(5).map_or(end, |(i, _, _)| i + 1),
                None,
            ),
        };
        let level_name = after
            .iter()
            .take(desc_at.unwrap_or(6))
            .find(|(_, l, _)| is_level_label(l))
            .or_else(|| (desc_at == Some(5)).then(|| after.get(1)).flatten())
            .map(|(_, _, v)| v.to_string())
            .filter(|v| !v.is_empty());
        let mut data: Vec<String> = inline.into_iter().collect();
        let (desc, last) = description(lines, commands, desc_from, end);
        data.extend(desc);
        let upto = last.map_or(desc_from, |l| l + 1).max(id_at + 1);
        for i in src.saturating_sub(1)..upto.min(lines.len()) {
            r.placed.push(num(i));
        }
        let rec = crate::eventxml::finish(EventRecord {
            provider,
            event_id,
            qualifiers: None,
            time: date,
            computer: computer.clone(),
            channel,
            record_id: None,
            level: level_name.as_deref().and_then(level_of_word),
            message: (!data.is_empty()).then(|| data.join("\n")),
            level_name,
            data,
            ..Default::default()
        });
        let from = Provenance::line(file, num(src), READER);
        if let Some(c) = computer.as_deref() {
            let at = if channel_at { num(src - 1) } else { num(src) };
            computers.push((at, c.to_string()));
        }
        if let Some(c) = computer {
            r.push(Fact::ComputerName { name: c }, from.clone());
        }
        r.push(Fact::Event(Box::new(rec)), from);
    }
    // Copies of events of different computers in one paste: each event is its computer's (a
    // section from its copy's first line).
    let mut names: Vec<String> = computers.iter().map(|c| c.1.to_ascii_uppercase()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() >= 2 {
        computers.dedup_by(|b, a| a.1.eq_ignore_ascii_case(&b.1));
        r.sections = computers;
    }
    r.language = Some(language_of(lines.iter().map(String::as_str)).unwrap_or(
        if lines.iter().any(|l| l.starts_with("Log Name:")) {
            "en"
        } else {
            "unknown"
        },
    ));
    r
}
