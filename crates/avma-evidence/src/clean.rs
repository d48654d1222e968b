//! Transcript noise around pasted output, removed before the readers see the text: prompts
//! (`PS C:\Users\x>`, `C:\>`, `[C:\Program Files\...]$`, `admin@host:~$`) with the command they
//! ran, per-line timestamps and log prefixes (`2019/04/15 10:22:31 GCEMetadataScripts: `), Event
//! Viewer's copy markers (`- <Event ...>`, `+ <EventData>`), `|` and box-drawing borders, `> `
//! quoting, and console hard wraps at 80 or 120 columns.
//!
//! Every decision is taken over the whole text (a prefix is stripped when most lines carry it), and
//! each cleaned line keeps the number of the line it came from. One pass per step: linear in the
//! input.

use std::sync::OnceLock;

use regex::Regex;
use unicode_width::UnicodeWidthStr;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static pattern"))
}

/// A text with its noise removed.
#[derive(Debug, Default, Clone)]
pub struct Cleaned {
    /// The cleaned lines; a prompt line is blank here (it separates outputs).
    pub lines: Vec<String>,
    /// For each cleaned line, the 1-based number of the input line it starts on.
    pub numbers: Vec<u64>,
    /// For each cleaned line, the command typed at a prompt on it, if any.
    pub commands: Vec<Option<String>>,
    /// Lines recognized as noise (prompts, banners, borders, transcript headers).
    pub noise: u64,
    /// Lines that were the continuation of a hard-wrapped line.
    pub rejoined: u64,
}

impl Cleaned {
    /// The lines with each prompt's command in place of the blank line (DISM takes its section
    /// from the command that was run).
    pub fn with_commands(&self) -> Vec<String> {
        self.lines
            .iter()
            .zip(&self.commands)
            .map(|(l, c)| c.clone().unwrap_or_else(|| l.clone()))
            .collect()
    }
}

/// The command typed at a prompt, when the line is a prompt.
pub fn prompt_command(line: &str) -> Option<&str> {
    static PS: OnceLock<Regex> = OnceLock::new();
    static CMD: OnceLock<Regex> = OnceLock::new();
    static BRACKET: OnceLock<Regex> = OnceLock::new();
    static UNIX: OnceLock<Regex> = OnceLock::new();
    let t = line.trim_start();
    let pats = [
        re(&PS, r"^PS(?: [A-Za-z]:\\[^>]*| [A-Za-z]+:[^>]*)?>\s?(.*)$"),
        re(&CMD, r"^[A-Za-z]:\\[^>:*?<|]*>\s?(.*)$"),
        re(&BRACKET, r"^\[[A-Za-z]:\\[^\]]*\][$#>]\s?(.*)$"),
        re(&UNIX, r"^[\w.-]+@[\w.-]+(?::[^$#\s]*)?[$#]\s?(.*)$"),
    ];
    for p in pats {
        if let Some(c) = p.captures(t) {
            return c.get(1).map(|m| m.as_str().trim_end());
        }
    }
    None
}

/// A timestamp at the start of a line, with the log source tag that may follow it. Returns the
/// length of the timestamp part and the tag (without its colon) if any.
fn timestamp_prefix(line: &str) -> Option<(usize, Option<(usize, &str)>)> {
    static TS: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    let ts = re(
        &TS,
        r"^\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?(?: |$)",
    );
    let m = ts.find(line)?;
    let rest = &line[m.end()..];
    let tag = re(&TAG, r"^([A-Za-z][\w.\-\[\]]{1,40}):(?:\s|$)")
        .captures(rest)
        .and_then(|c| {
            let all = c.get(0)?;
            Some((all.end(), c.get(1)?.as_str()))
        });
    Some((m.end(), tag))
}

fn is_box_line(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(c, '-' | '+' | '=' | '|' | ' ' | '*') || ('\u{2500}'..='\u{257f}').contains(&c)
        })
        && (t.contains('+')
            || t.contains('|')
            || t.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
            || t.starts_with("****"))
}

fn is_border(c: char) -> bool {
    c == '|' || c == '│' || c == '║'
}

const TRANSCRIPT_HEADERS: &[&str] = &[
    "Windows PowerShell transcript start",
    "Windows PowerShell transcript end",
    "Transcript started, output file is",
    "Transcript stopped, output file is",
    "Start time:",
    "End time:",
    "Username:",
    "RunAs User:",
    "Configuration Name:",
    "Machine:",
    "Host Application:",
    "Process ID:",
    "PSVersion:",
    "PSEdition:",
    "PSCompatibleVersions:",
    "BuildVersion:",
    "CLRVersion:",
    "WSManStackVersion:",
    "PSRemotingProtocolVersion:",
    "SerializationVersion:",
];

/// Remove the noise from decoded lines.
pub fn clean(input: &[String]) -> Cleaned {
    let n = input.len();
    // Whole-text decisions first.
    let mut ts_lines = 0usize;
    let mut tags: Vec<(String, usize)> = Vec::new();
    let mut bordered = 0usize;
    let mut quoted = 0usize;
    let mut nonblank = 0usize;
    let mut prev_wrapped = false;
    for l in input {
        let t = l.trim();
        let after_wrap = std::mem::replace(&mut prev_wrapped, is_wrapped(l));
        // Blank lines, prompts and the continuations of wrapped lines carry no prefix of their
        // own: they do not vote.
        if t.is_empty() || after_wrap || prompt_command(t).is_some() {
            continue;
        }
        nonblank += 1;
        if let Some((_, tag)) = timestamp_prefix(t) {
            ts_lines += 1;
            if let Some((_, name)) = tag {
                if let Some(e) = tags.iter_mut().find(|(t, _)| t == name) {
                    e.1 += 1;
                } else if tags.len() < 16 {
                    tags.push((name.to_string(), 1));
                }
            }
        }
        if t.starts_with(is_border) {
            bordered += 1;
        }
        if t.starts_with("> ") || t == ">" {
            quoted += 1;
        }
    }
    let strip_ts = ts_lines >= 2 && ts_lines * 2 >= nonblank;
    let strip_tags: Vec<String> = tags
        .into_iter()
        .filter(|(_, c)| *c >= 2 && *c * 2 >= ts_lines)
        .map(|(t, _)| t)
        .collect();
    let strip_border = bordered >= 2 && bordered * 2 >= nonblank;
    let strip_quote = quoted >= 2 && quoted * 2 >= nonblank;

    let mut out = Cleaned::default();
    let mut i = 0usize;
    while i < n {
        let first = i;
        let mut line = input[i].clone();
        if i == 0 {
            if let Some(s) = line.strip_prefix('\u{feff}') {
                line = s.to_string();
            }
        }
        i += 1;
        // Hard wraps: a line exactly as wide as the console, followed by a line that does not
        // start anything of its own, continues on it.
        while i < n && is_wrapped(&line) && continues(&line, &input[i], strip_ts) {
            line.push_str(&input[i]);
            out.rejoined += 1;
            i += 1;
        }
        let mut t: &str = line.trim_end();
        if strip_quote {
            t = t.strip_prefix("> ").or(t.strip_prefix('>')).unwrap_or(t);
        }
        if strip_border {
            let s = t.trim_start();
            if let Some(rest) = s.strip_prefix(is_border) {
                t = rest.trim_end().strip_suffix(is_border).unwrap_or(rest);
                t = t.strip_prefix(' ').unwrap_or(t).trim_end();
            }
        }
        let mut s = t.to_string();
        if strip_ts {
            if let Some((len, tag)) = timestamp_prefix(s.trim_start()) {
                let lead = s.len() - s.trim_start().len();
                let mut cut = lead + len;
                if let Some((tlen, name)) = tag {
                    if strip_tags.iter().any(|t| t == name) {
                        cut = lead + len + tlen;
                    }
                }
                s = s.get(cut..).unwrap_or("").to_string();
            }
        }
        // Event Viewer's XML view marks expandable elements with "- " / "+ ".
        {
            let ts = s.trim_start();
            if let Some(rest) = ts.strip_prefix("- <").or_else(|| ts.strip_prefix("+ <")) {
                s = format!("<{rest}");
            }
        }
        let mut command = None;
        let trimmed = s.trim();
        if let Some(c) = prompt_command(trimmed) {
            command = Some(c.to_string());
            s = String::new();
            out.noise += 1;
        } else if is_box_line(trimmed) || TRANSCRIPT_HEADERS.iter().any(|h| trimmed.starts_with(h))
        {
            s = String::new();
            out.noise += 1;
        }
        out.lines.push(s);
        out.numbers.push(first as u64 + 1);
        out.commands.push(command);
    }
    out
}

/// Console widths at which Windows consoles wrap (conhost's defaults and the usual wide setting).
const WIDTHS: [usize; 2] = [80, 120];

fn is_wrapped(line: &str) -> bool {
    let w = UnicodeWidthStr::width(line);
    // A wide character that does not fit in the last column moves to the next row.
    let wide = line
        .chars()
        .any(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
    WIDTHS.iter().any(|&c| w == c || (wide && w + 1 == c))
}

fn continues(cur: &str, next: &str, prefixed: bool) -> bool {
    let t = next.trim();
    // An indented line is a line of its own (Format-List continuations, slmgr's AVMA block); a
    // single space is where a wrap fell between two words.
    if t.is_empty() || next.starts_with("  ") || next.starts_with('\t') {
        return false;
    }
    if prompt_command(t).is_some() || (prefixed && timestamp_prefix(t).is_some()) {
        return false;
    }
    // A line that is already a whole `label: value` is not continued by another label line
    // (an 80-character Installation ID followed by "Partial Product Key: ...").
    !(label_line(cur).is_some_and(|(_, v)| !v.is_empty()) && label_line(next).is_some())
}

/// `label: value` where the label is words (letters, digits, spaces, brackets, dashes), after any
/// timestamp and log tag.
fn label_line(line: &str) -> Option<(&str, &str)> {
    let mut t = line.trim_start();
    if let Some((len, tag)) = timestamp_prefix(t) {
        t = &t[len..];
        if let Some((tl, _)) = tag {
            t = t.get(tl..).unwrap_or("");
        }
    }
    let (label, value) = crate::util::label_value(t)?;
    let ok = !label.is_empty()
        && label.chars().count() <= 48
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '(' | ')' | '-' | '\'' | '.'));
    ok.then_some((label, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    #[test]
    fn prompts() {
        assert_eq!(
            prompt_command("PS C:\\Users\\x> slmgr /dlv"),
            Some("slmgr /dlv")
        );
        assert_eq!(prompt_command("C:\\>dism /online"), Some("dism /online"));
        assert_eq!(
            prompt_command("[C:\\Program Files\\Tools]$ cscript x"),
            Some("cscript x")
        );
        assert_eq!(prompt_command("admin@host:~$ cat x"), Some("cat x"));
        assert_eq!(prompt_command("PS>"), Some(""));
        assert_eq!(prompt_command("Name: Windows(R), X edition"), None);
        assert_eq!(prompt_command("Description: C:\\Windows> no"), None);
    }

    #[test]
    fn prefixes_borders_and_wraps() {
        let c = clean(&lines(
            "2019/04/15 10:22:31 Agent: Name: A\n2019/04/15 10:22:31 Agent: License Status: Licensed",
        ));
        assert_eq!(c.lines, ["Name: A", "License Status: Licensed"]);
        let c = clean(&lines("| a: 1 |\n| b: 2 |\n+----+"));
        assert_eq!(c.lines, ["a: 1", "b: 2", ""]);
        let long = "x".repeat(80);
        let c = clean(&[long.clone(), "yz".into(), "next".into()]);
        assert_eq!(c.lines, [format!("{long}yz"), "next".to_string()]);
        assert_eq!(c.numbers, [1, 3]);
        let c = clean(&lines("- <Event xmlns=\"x\">\n+ <EventData>"));
        assert_eq!(c.lines, ["<Event xmlns=\"x\">", "<EventData>"]);
    }
}
