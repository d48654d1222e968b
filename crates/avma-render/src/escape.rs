//! Escaping at the printers: every string of a document may come from evidence someone else
//! wrote, so each format gets it as data, never as markup or terminal control.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that change what a terminal or an editor shows instead of being shown: C0 controls
/// but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates (which can
/// make a name read backwards).
pub fn is_hostile(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Hostile characters written as visible `\u{1b}` escapes; tab and newline kept.
pub fn controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hostile(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`controls`], and newlines and tabs become spaces: for one-line places (table cells,
/// status lines, labels).
pub fn one_line(s: &str) -> String {
    controls(s).replace(['\n', '\r', '\t'], " ")
}

/// Text for HTML element content and attribute values (quoted with `"`): `& < > " '` as
/// entities, hostile characters as visible escapes.
pub fn html(s: &str) -> String {
    let s = controls(s);
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for Markdown inline content: hostile characters as visible escapes, the characters that
/// start emphasis, code, links, HTML, tables and entities backslash-escaped, newlines as spaces.
pub fn markdown(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A line that starts like a list item, a heading, a quote or a rule.
    if let Some(first) = out.chars().next() {
        if matches!(first, '-' | '+' | '=') {
            out.insert(0, '\\');
        }
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.') | Some(')')) {
        out.insert(digits, '\\');
    }
    out
}

/// A Markdown code fence that no run of backticks in `lines` can close.
pub fn fence(lines: &[String]) -> String {
    let mut longest = 0;
    for l in lines {
        let mut run = 0;
        for c in l.chars() {
            if c == '`' {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// Markdown inline code: backticks around, more of them than any run inside.
pub fn md_code(s: &str) -> String {
    let s = one_line(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let f = "`".repeat(longest + 1);
    if s.starts_with('`') || s.ends_with('`') {
        format!("{f} {s} {f}")
    } else {
        format!("{f}{s}{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(html("a\"b'c&d"), "a&quot;b&#39;c&amp;d");
    }

    #[test]
    fn controls_become_visible() {
        assert_eq!(controls("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(controls("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(controls("tab\tnl\n"), "tab\tnl\n");
        assert_eq!(one_line("a\nb\tc\rd"), "a b c\\u{d}d");
    }

    #[test]
    fn markdown_is_inert() {
        assert_eq!(markdown("a|b*c*"), "a\\|b\\*c\\*");
        assert_eq!(markdown("# x"), "\\# x");
        assert_eq!(markdown("- x"), "\\- x");
        assert_eq!(markdown("1. x"), "1\\. x");
        assert_eq!(markdown("<script>"), "\\<script\\>");
        assert_eq!(markdown("VM-APP01"), "VM-APP01");
    }

    #[test]
    fn fences_outrun_backticks() {
        assert_eq!(fence(&["a ``` b".into()]), "````");
        assert_eq!(fence(&["plain".into()]), "```");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("x"), "`x`");
    }

    proptest::proptest! {
        #[test]
        fn html_output_has_no_markup(s in "\\PC*") {
            let h = html(&s);
            proptest::prop_assert!(!h.contains('<') && !h.contains('>') && !h.contains('"') && !h.contains('\''));
        }

        #[test]
        fn no_hostile_character_survives(s in proptest::string::string_regex("[\\x00-\\x1f\\x7f-\\x9f\u{202a}-\u{202e}a-z]*").unwrap_or_else(|_| unreachable!())) {
            proptest::prop_assert!(!controls(&s).chars().any(is_hostile));
            proptest::prop_assert!(!markdown(&s).chars().any(|c| is_hostile(c) || c == '\n'));
        }
    }
}
