//! `Get-WinEvent`'s default table view, as people paste it: a `ProviderName: X` banner over
//! each provider's group, then a table (`TimeCreated  Id LevelDisplayName Message`, or the
//! columns a `Select-Object`/`Format-Table` asked for), columns aligned by display width, a right
//! -aligned `Id` that overflows its two dashes to the left, long messages cut with `...`/`…` or
//! wrapped onto lines of their own under the Message column (`-Wrap`).
//!
//! Property names are never translated; the level is shown in the console's language and kept
//! as read (`level_of_word` gives its number). The table's own reader (`table.rs`) reads other
//! tables; this one only those with `TimeCreated` and `Id` columns.

use unicode_width::UnicodeWidthChar;

use crate::observe::{ArtifactKind, EventRecord, Fact, Provenance, ReadResult};
use crate::util::{label_value, language_of};

const READER: &str = "event-table";

fn is_dash_line(t: &str) -> bool {
    let t = t.trim_end();
    !t.is_empty()
        && t.chars().all(|c| c == '-' || c == ' ')
        && t.split(' ').filter(|g| !g.is_empty()).all(|g| g.len() >= 2)
}

/// Start columns (display width) of the dash groups.
fn starts(dashes: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = ' ';
    for (i, c) in dashes.chars().enumerate() {
        if c == '-' && prev == ' ' {
            out.push(i);
        }
        prev = c;
    }
    out
}

/// The line as (display column, char) pairs.
fn columns(line: &str) -> Vec<(usize, char)> {
    let mut w = 0usize;
    line.chars()
        .map(|c| {
            let at = w;
            w += c.width().unwrap_or(0);
            (at, c)
        })
        .collect()
}

/// The cells of a row: cut at each column's start, a cut that falls inside a token moved left
/// to the token's start (right-aligned numbers overflow to the left).
fn cells(line: &str, starts: &[usize]) -> Vec<String> {
    let cs = columns(line);
    let mut cuts: Vec<usize> = Vec::new(); // char indexes
    for &s in starts.iter().skip(1) {
        let mut k = cs.iter().position(|(at, _)| *at >= s).unwrap_or(cs.len());
        while k > 0 && k < cs.len() && !cs[k].1.is_whitespace() && !cs[k - 1].1.is_whitespace() {
            k -= 1;
        }
        let floor = cuts.last().copied().unwrap_or(0);
        cuts.push(k.max(floor));
    }
    let mut out = Vec::new();
    let mut from = 0usize;
    for &c in cuts.iter().chain(std::iter::once(&cs.len())) {
        out.push(
            cs[from.min(cs.len())..c.min(cs.len())]
                .iter()
                .map(|(_, ch)| *ch)
                .collect::<String>()
                .trim()
                .to_string(),
        );
        from = c;
    }
    out
}

fn is_header(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    words.iter().any(|w| w.eq_ignore_ascii_case("TimeCreated"))
        && words.iter().any(|w| w.eq_ignore_ascii_case("Id"))
}

/// Does the text hold a Get-WinEvent table?
pub fn looks_like(lines: &[String]) -> bool {
    lines
        .windows(2)
        .any(|w| is_header(&w[0]) && is_dash_line(&w[1]))
}

fn banner(l: &str) -> Option<String> {
    let (k, v) = label_value(l)?;
    (k.eq_ignore_ascii_case("ProviderName") && !v.is_empty()).then(|| v.to_string())
}

/// A cell cut by the console ends with `...` or `…`: kept as printed, so that a name cut there
/// is not taken for a whole one.
fn cut(m: &str) -> &str {
    m.trim_end()
}

pub fn read_at(file: &str, lines: &[String], nums: &[u64]) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::FormatTable);
    let num = |i: usize| nums.get(i).copied().unwrap_or(i as u64 + 1);
    let mut provider: Option<String> = None;
    let mut i = 0usize;
    while i < lines.len() {
        if let Some(p) = banner(&lines[i]) {
            provider = Some(p);
            r.placed.push(num(i));
            i += 1;
            continue;
        }
        if !(i + 1 < lines.len() && is_header(&lines[i]) && is_dash_line(&lines[i + 1])) {
            i += 1;
            continue;
        }
        let st = starts(&lines[i + 1]);
        let names = cells(&lines[i], &st);
        let col = |n: &str| names.iter().position(|x| x.eq_ignore_ascii_case(n));
        let (Some(id_col), time_col) = (col("Id"), col("TimeCreated")) else {
            i += 1;
            continue;
        };
        let msg_col = col("Message");
        r.placed.push(num(i));
        r.placed.push(num(i + 1));
        let mut rows: Vec<(EventRecord, u64)> = Vec::new();
        let mut j = i + 2;
        while j < lines.len() && !lines[j].trim().is_empty() && banner(&lines[j]).is_none() {
            let c = cells(&lines[j], &st);
            let get = |k: Option<usize>| k.and_then(|k| c.get(k)).filter(|v| !v.is_empty());
            let id = get(Some(id_col)).and_then(|v| v.parse::<u32>().ok());
            match id {
                Some(event_id) => {
                    let level_name = get(col("LevelDisplayName")).cloned();
                    rows.push((
                        EventRecord {
                            provider: get(col("ProviderName"))
                                .cloned()
                                .or_else(|| provider.clone())
                                .unwrap_or_default(),
                            event_id,
                            time: get(time_col).cloned(),
                            computer: get(col("MachineName")).cloned(),
                            channel: get(col("LogName")).cloned(),
                            record_id: get(col("RecordId")).and_then(|v| v.parse().ok()),
                            level: level_name
                                .as_deref()
                                .and_then(crate::eventtext::level_of_word),
                            level_name,
                            message: get(msg_col).map(|m| cut(m).to_string()),
                            ..Default::default()
                        },
                        num(j),
                    ));
                }
                None => {
                    // -Wrap: the message goes on under its column, the other cells blank.
                    let only_message = msg_col
                        .is_some_and(|m| c.iter().enumerate().all(|(k, v)| k == m || v.is_empty()));
                    match (rows.last_mut(), only_message, get(msg_col)) {
                        (Some((rec, _)), true, Some(more)) => {
                            let m = rec.message.get_or_insert_with(String::new);
                            if !m.is_empty() {
                                m.push(' ');
                            }
                            m.push_str(cut(more));
                        }
                        _ => break,
                    }
                }
            }
            r.placed.push(num(j));
            j += 1;
        }
        for (rec, line) in rows {
            let rec = crate::eventxml::finish(rec);
            let from = Provenance::line(file, line, READER);
            if let Some(c) = &rec.computer {
                r.push(Fact::ComputerName { name: c.clone() }, from.clone());
            }
            r.push(Fact::Event(Box::new(rec)), from);
        }
        i = j;
    }
    r.language = language_of(lines.iter().map(String::as_str));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_right_aligned_id_that_overflows_is_one_cell() {
        let st = starts("-----------                      -- ---------------- -------");
        let c = cells(
            "11/29/2026 08:00:03 AM        12310 Information      AVMA Success. Host: N2",
            &st,
        );
        assert_eq!(
            c,
            vec![
                "11/29/2026 08:00:03 AM",
                "12310",
                "Information",
                "AVMA Success. Host: N2"
            ]
        );
        // Display width: a Japanese level takes two columns per character.
        let c = cells(
            "2026/11/29 8:00:03            12310 情報             x",
            &st,
        );
        assert_eq!(c[2], "情報");
        assert_eq!(c[3], "x");
    }
}
