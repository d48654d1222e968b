//! Neutralised output, the one escaping module of avma: how a value from evidence is shown so
//! that it can neither drive the terminal nor forge structure (lines, table cells, CSV rows,
//! Markdown, HTML, formulas). The printers of this crate and avma-cli's edge (`out.rs`, which
//! re-exports this module as `crate::escape`) all use it. Pure.
//!
//! * [`text`]: a value in human text. Control characters (C0, DEL, C1, so ESC sequences and CR),
//!   bidi overrides and isolates and the other invisible format characters are shown escaped:
//!   `\n`, `\r`, `\t`, `\x1b`, `<U+202E>`. What a person sees is what the value holds.
//!   [`one_line`] is the same, owned.
//! * [`controls`]: the same, but tab and newline kept (a paragraph of several lines).
//! * [`output`]: everything avma writes as text, as a last line of defence: the same, except the
//!   line breaks and tabs of avma's own layout (and its own colour codes on a terminal).
//! * [`json`]: a rendered JSON document: the characters a terminal would act on are written as
//!   `\uXXXX` escapes, which keeps every value exact.
//! * [`html`]: element content and quoted attribute values.
//! * [`md_inline`], [`md_cell`], [`markdown`], [`md_code`], [`md_fence`], [`fence`]: Markdown
//!   that renders the value as text, never as markup or HTML.
//! * [`csv_record`]: RFC 4180 (the `csv` crate) with formula neutralisation.

use std::borrow::Cow;
use std::fmt::Write;

use avma_core::key::is_invisible;

/// Characters shown escaped in text: control characters, line and paragraph separators, and the
/// invisible characters redaction looks through (bidi controls, zero-width characters, ...).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}' || is_invisible(c)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0xA0 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
    }
}

/// A value for human text: every unsafe character shown escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The colour codes avma writes (the text printer, avma-cli's `Style`): `ESC [ digits;digits m`.
fn sgr_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    if b.get(1) != Some(&b'[') {
        return None;
    }
    let mut i = 2;
    while i < b.len() && i < 12 && (b[i].is_ascii_digit() || b[i] == b';') {
        i += 1;
    }
    (b.get(i) == Some(&b'm')).then_some(i + 1)
}

/// Everything written as text, last line of defence: unsafe characters escaped, except line
/// feeds, tabs, CR LF pairs (cmd scripts) and, when `sgr`, colour codes.
pub fn output(s: &str, sgr: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && c != '\n' && c != '\t';
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '\r' if it.peek().is_some_and(|&(_, n)| n == '\n') => out.push(c),
            '\x1b' if sgr => match sgr_len(&s[i..]) {
                Some(n) => {
                    out.push_str(&s[i..i + n]);
                    while it.peek().is_some_and(|&(j, _)| j < i + n) {
                        it.next();
                    }
                }
                None => push_escaped(&mut out, c),
            },
            c if bad(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A rendered JSON document with DEL, C1 controls and invisible characters written as `\uXXXX`
/// (serde_json escapes C0 itself). Such characters only occur inside JSON strings, so every value
/// stays exactly what it was.
pub fn json(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c > '\u{1f}') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) && c > '\u{1f}' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters that change what a terminal or an editor shows instead of being shown, but tab and
/// newline: [`is_unsafe`] less the two characters of a layout.
pub fn is_hostile(c: char) -> bool {
    is_unsafe(c) && c != '\n' && c != '\t'
}

/// Hostile characters written visibly, as [`text`] writes them (`\r`, `\x1b`, `<U+202E>`); tab
/// and newline kept.
pub fn controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hostile(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value for a one-line place (a table cell, a heading, a label): [`text`], owned. A line
/// break in the value is shown as `\n`, so it cannot forge a line.
pub fn one_line(s: &str) -> String {
    text(s).into_owned()
}

/// A value for a monitoring system's one-line text (Nagios plugin output, Checkmk local checks):
/// every control, invisible or bidi character, and the backslash, as `<U+XXXX>`. Both systems
/// turn the two characters `\n` back into a line break, so [`one_line`]'s `\n` would forge one.
pub fn monitoring(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) || c.is_control() || c == '\\' {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for HTML element content and attribute values (quoted with `"`): `& < > " '` as
/// entities, hostile characters as visible escapes (newlines kept: HTML folds them).
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

/// Markdown text at the start of a block (a paragraph, a list item, a heading): [`md_inline`],
/// and a start that would read as a list item, a heading, a quote or a rule escaped too.
pub fn markdown(s: &str) -> String {
    let mut out = md_inline(s);
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
    let longest = lines
        .iter()
        .map(|l| longest_backtick_run(l))
        .max()
        .unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// Markdown text (a paragraph, a list item): the value escaped as [`text`], then every character
/// that could start markup, a table cell, a code span or HTML backslash-escaped.
pub fn md_inline(s: &str) -> String {
    let t = text(s);
    let mut out = String::with_capacity(t.len() + 8);
    for c in t.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown table cell: never a raw `|` or line break, never markup.
pub fn md_cell(s: &str) -> String {
    md_inline(s)
}

fn longest_backtick_run(s: &str) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        if c == '`' {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// A Markdown code span that shows `s` (escaped as [`text`]) verbatim: its backtick fence is
/// longer than any backtick run inside, padded with a space when the content touches a backtick.
pub fn md_code(s: &str) -> String {
    let t = text(s);
    if t.is_empty() {
        return "` `".into();
    }
    let fence = "`".repeat(longest_backtick_run(&t) + 1);
    let pad = if t.starts_with('`') || t.ends_with('`') || (t.starts_with(' ') && t.ends_with(' '))
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{t}{pad}{fence}")
}

/// A fenced Markdown code block of `lines` (each escaped as [`text`]), its fence longer than any
/// backtick run inside so that no line can close it.
pub fn md_fence(info: &str, lines: &[String]) -> String {
    let body: Vec<Cow<'_, str>> = lines.iter().map(|l| text(l)).collect();
    let n = body
        .iter()
        .map(|l| longest_backtick_run(l))
        .max()
        .unwrap_or(0)
        .max(2)
        + 1;
    let fence = "`".repeat(n);
    let mut out = format!("{fence}{info}\n");
    for l in body {
        out.push_str(&l);
        out.push('\n');
    }
    out.push_str(&fence);
    out
}

/// A spreadsheet would run a cell starting with one of these as a formula.
fn formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
    )
}

/// A CSV cell's text: a leading formula character (after any spaces) gets a `'` prefix, then the
/// value is escaped as [`text`].
pub fn csv_cell(s: &str) -> String {
    let first = s.trim_start_matches(' ').chars().next();
    let guarded = if first.is_some_and(formula_start) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    };
    text(&guarded).into_owned()
}

/// One CSV record (RFC 4180 quoting by the `csv` crate, `\n` terminated) of the given values,
/// each made safe by [`csv_cell`].
pub fn csv_record<S: AsRef<str>>(cells: &[S]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let cells: Vec<String> = cells.iter().map(|c| csv_cell(c.as_ref())).collect();
    if w.write_record(&cells).is_err() {
        return String::from("\n");
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(s.as_bytes())
            .records()
            .map(|r| {
                r.map(|r| r.iter().map(str::to_string).collect())
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn monitoring_text_has_no_escape_a_monitoring_system_reads() {
        assert_eq!(
            monitoring("APP\nCRITICAL fake\\n\r\u{1b}x\u{202e}日本"),
            "APP<U+000A>CRITICAL fake<U+005C>n<U+000D><U+001B>x<U+202E>日本"
        );
        assert!(!monitoring("a\tb\u{85}c").contains(|c: char| c.is_control()));
    }

    #[test]
    fn text_shows_controls_and_bidi_escaped() {
        assert_eq!(
            text("a\u{1b}]0;x\u{7}b\u{1b}[2J\r\nc\u{9b}d\u{202e}e\u{2066}\u{200b}\u{7f}"),
            "a\\x1b]0;x\\x07b\\x1b[2J\\r\\nc\\x9bd<U+202E>e<U+2066><U+200B>\\x7f"
        );
        assert!(matches!(text("plain 日本語 ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn output_keeps_layout_and_own_colours_only() {
        assert_eq!(output("a\n\tb\r\nc\rd", false), "a\n\tb\r\nc\\rd");
        assert_eq!(
            output("\u{1b}[1;31mred\u{1b}[0m \u{1b}]0;t\u{7}", true),
            "\u{1b}[1;31mred\u{1b}[0m \\x1b]0;t\\x07"
        );
        assert_eq!(output("\u{1b}[1m", false), "\\x1b[1m");
    }

    #[test]
    fn json_keeps_values_exact() {
        let v = serde_json::json!({"n": "a\u{202e}b\u{85}c\u{1b}d\u{e0041}"});
        let s = serde_json::to_string(&v).unwrap();
        let j = json(&s);
        assert!(!j.chars().any(is_unsafe));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&j).unwrap(), v);
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(
            csv_record(&["=HYPERLINK(\"http://x\")", "a,b", "-1", " @x", "ok"]),
            "\"'=HYPERLINK(\"\"http://x\"\")\",\"a,b\",'-1,' @x,ok\n"
        );
        assert_eq!(csv_record(&["a\nb", "c\rd"]), "a\\nb,c\\rd\n");
    }

    #[test]
    fn markdown_cells_and_code() {
        assert_eq!(md_cell("a|b\nc`d<script>"), "a\\|b\\\\nc\\`d\\<script\\>");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`x`"), "`` `x` ``");
        assert_eq!(
            md_fence("powershell", &["a ````` b".into()]),
            "``````powershell\na ````` b\n``````"
        );
    }

    proptest! {
        #[test]
        fn csv_field_parses_back_to_its_cell(a in "\\PC*|.*", b in any::<String>()) {
            let rec = csv_record(&[a.as_str(), b.as_str()]);
            let rows = parse_csv(&rec);
            prop_assert_eq!(rows, vec![vec![csv_cell(&a), csv_cell(&b)]]);
            let cell = csv_cell(&a);
            prop_assert!(!cell.chars().any(is_unsafe));
            prop_assert!(!cell.chars().next().is_some_and(formula_start));
        }

        #[test]
        fn safe_values_stay_as_they_are(a in "[A-Za-z0-9 ._()日本語ー]{0,30}") {
            prop_assert_eq!(csv_cell(&a), a.clone());
            prop_assert_eq!(text(&a), a.as_str());
        }

        #[test]
        fn no_control_character_survives_text(s in any::<String>()) {
            prop_assert!(!text(&s).chars().any(is_unsafe));
            let o = output(&s, false);
            let mut chars = o.chars().peekable();
            while let Some(c) = chars.next() {
                prop_assert!(!is_unsafe(c) || c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n')));
            }
        }

        #[test]
        fn md_cell_has_no_raw_pipe_or_newline(s in any::<String>()) {
            let c = md_cell(&s);
            prop_assert!(!c.contains('\n') && !c.contains('\r'));
            // Every `|` is escaped: preceded by an odd run of backslashes.
            let b: Vec<char> = c.chars().collect();
            for (i, ch) in b.iter().enumerate() {
                if *ch == '|' {
                    let n = b[..i].iter().rev().take_while(|&&x| x == '\\').count();
                    prop_assert!(n % 2 == 1, "{c:?}");
                }
            }
        }

        #[test]
        fn md_code_fence_is_never_inside(s in "[a-z` ]{1,20}") {
            let c = md_code(&s);
            let fence = c.chars().take_while(|&x| x == '`').count();
            let inner = &c[fence..c.len() - fence];
            prop_assert!(longest_backtick_run(inner) < fence);
        }

        #[test]
        fn json_escaping_keeps_any_string(s in any::<String>()) {
            let j = serde_json::to_string(&s).unwrap();
            let e = json(&j);
            prop_assert!(!e.chars().any(is_unsafe));
            prop_assert_eq!(serde_json::from_str::<String>(&e).unwrap(), s);
        }
    }

    mod printers {
        use super::super::*;

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
            assert_eq!(controls("a\x1b[31mb"), "a\\x1b[31mb");
            assert_eq!(controls("x\u{202e}y"), "x<U+202E>y");
            assert_eq!(controls("zero\u{200b}width"), "zero<U+200B>width");
            assert_eq!(controls("tab\tnl\n"), "tab\tnl\n");
            // One rule everywhere: a line break in a value is shown, never taken.
            assert_eq!(one_line("a\nb\tc\rd"), "a\\nb\\tc\\rd");
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
}
