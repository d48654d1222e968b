//! The quoting layer's promises, for any string: the PowerShell rendering parses (with a real
//! PowerShell grammar) as one string literal whose value is the string; the cmd.exe rendering
//! keeps every metacharacter inside its double quotes; a value that cannot be quoted is refused
//! and replaced, never passed through.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::shell::{ps_quote, ps_unquote, refuse, Arg, Command, Shell};
use proptest::prelude::*;

/// The verbatim string literals of `src`, as byte ranges; panics on a parse error.
fn ps_literals(src: &str) -> Vec<(usize, usize)> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .expect("grammar loads");
    let tree = parser.parse(src, None).expect("parse");
    let mut lits = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        assert!(!n.is_error() && !n.is_missing(), "{} in {src:?}", n.kind());
        if n.kind() == "verbatim_string_characters" {
            lits.push((n.start_byte(), n.end_byte()));
        }
        let mut c = n.walk();
        for ch in n.children(&mut c) {
            stack.push(ch);
        }
    }
    lits
}

/// Strings rich in what breaks shells: every quote PowerShell knows, cmd metacharacters,
/// `$()`, backticks, line breaks, controls, bidi overrides, and anything else.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("'".to_string()),
        Just("\u{2018}".to_string()),
        Just("\u{2019}".to_string()),
        Just("\u{201A}".to_string()),
        Just("\u{201B}".to_string()),
        Just("\"".to_string()),
        Just("\u{201C}".to_string()),
        Just("$(calc)".to_string()),
        Just("`".to_string()),
        Just("&".to_string()),
        Just("|".to_string()),
        Just("^".to_string()),
        Just("%PATH%".to_string()),
        Just("!x!".to_string()),
        Just("<>".to_string()),
        Just("()".to_string()),
        Just("#".to_string()),
        Just(";".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{202E}".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9 ._-]{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

/// Where `line` is outside cmd.exe double quotes, byte by byte.
fn cmd_outside_quotes(line: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut inside = false;
    for (i, c) in line.char_indices() {
        if c == '"' {
            inside = !inside;
        } else if !inside {
            out.push((i, c));
        }
    }
    assert!(!inside, "unbalanced quotes in {line:?}");
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn powershell_renders_one_literal_with_the_value(s in hostile()) {
        let cmd = Command::powershell("Get-VM", [Arg::lit("-Name"), Arg::value(s.clone(), "VM name")]);
        let r = cmd.render(Shell::PowerShell);
        let lits = ps_literals(&r.text);
        prop_assert_eq!(lits.len(), 1, "{:?}", r.text);
        let (a, b) = lits[0];
        prop_assert_eq!(b, r.text.len(), "the literal ends the command: {:?}", r.text);
        let value = ps_unquote(&r.text[a..b]).expect("one literal");
        if refuse(&s, Shell::PowerShell).is_some() {
            prop_assert_eq!(value, "<VM name>");
            prop_assert_eq!(r.refused.len(), 1);
        } else {
            prop_assert_eq!(&value, &s);
            prop_assert!(r.refused.is_empty());
        }
    }

    #[test]
    fn cmd_keeps_metacharacters_inside_quotes(s in hostile()) {
        for (cmd, quoted) in [
            (Command::exe("DISM", [Arg::lit("/Online"), Arg::value(s.clone(), "name")]), format!("\"{s}\"")),
            (Command::powershell("Get-VM", [Arg::lit("-Name"), Arg::value(s.clone(), "VM name")]), ps_quote(&s)),
        ] {
            let r = cmd.render(Shell::Cmd);
            prop_assert!(!r.text.contains(['\n', '\r']));
            for (_, c) in cmd_outside_quotes(&r.text) {
                prop_assert!(!matches!(c, '&' | '|' | '<' | '>' | '^' | '%' | '!' | '(' | ')'),
                    "{:?} outside quotes in {:?}", c, r.text);
            }
            // `%` and `!` expand even inside quotes: they never come from a value.
            prop_assert!(!r.text.contains(['!']));
            if refuse(&s, Shell::Cmd).is_some() {
                prop_assert_eq!(r.refused.len(), 1);
            } else {
                prop_assert!(r.text.contains(&quoted));
            }
        }
    }

    #[test]
    fn words_never_escape(s in hostile()) {
        // A word from trusted data is bare only when harmless; anything else is quoted.
        let r = Command::powershell("Get-VM", [Arg::word(s.clone())]).render(Shell::PowerShell);
        let lits = ps_literals(&r.text);
        prop_assert!(lits.len() <= 1);
        if let Some((a, b)) = lits.first() {
            let v = ps_unquote(&r.text[*a..*b]).expect("one literal");
            prop_assert!(v == s || v == "<value>");
        }
    }
}

#[test]
fn the_checks_can_fail() {
    // An unescaped quote is two literals and an error; a bare `&` is outside quotes.
    let lits = std::panic::catch_unwind(|| ps_literals("Get-VM -Name 'a'b'"));
    assert!(lits.is_err() || lits.unwrap().len() != 1);
    assert!(!cmd_outside_quotes("DISM \"a\" & calc")
        .iter()
        .all(|(_, c)| *c != '&'));
}
