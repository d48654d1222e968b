//! The linter's fast path (byte pre-checks and matchers for ASCII lines) against its reference
//! (every line through the regexes): the same observations after every line and the same report,
//! for any text. The vocabulary is the patterns' own words in every case, glued or apart, with
//! the characters where ASCII and Unicode matching part ways (`ſ`, the Kelvin sign, U+3000,
//! a tab inside `2012 R2`, word characters next to a word).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::catalog::Catalog;
use avma_core::lint::{LintOptions, Linter};
use proptest::prelude::*;

/// The patterns' words; `ascii` leaves out every other character (the fast path's lines).
fn piece(ascii: bool) -> impl Strategy<Value = String> {
    let words = vec![
        "Windows",
        "windows",
        "WINDOWS",
        "Server",
        "server",
        "SERVER",
        "WS",
        "ws",
        "Ws",
        "2012",
        "R2",
        "r2",
        "2016",
        "2019",
        "2022",
        "2025",
        "2012R2",
        "WS2022",
        "Server2019",
        "version",
        "Version",
        "1709",
        "1809",
        "20H2",
        "2004",
        "guest",
        "guests",
        "Guests",
        "VM",
        "VMs",
        "vm0",
        "VMS",
        "virtual",
        "Virtual",
        "machine",
        "machines",
        "host",
        "hosts",
        "Host",
        "cluster",
        "Clusters",
        "node",
        "nodes",
        "Hyper-V",
        "hyper-v",
        "AVMA",
        "avma",
        "Automatic",
        "automatic virtual machine activation",
        "KMS",
        "GVLK",
        "ゲスト",
        "ホスト",
        "仮想マシン",
        "ſerver",
        "\u{212A}MS",
        "/skms",
        "-skms",
        "slmgr",
        "/ipk",
        "slmgr.vbs /ipk",
        "DISM",
        "dism.exe",
        "/online",
        "/Set-Edition:ServerDatacenter",
        "Set-WindowsEdition -Edition ServerStandard",
        "/ProductKey:",
        "-ProductKey",
        "Current Edition :",
        "current edition: ServerStandardEval",
        "<ProductKey>",
        "Set-VMAutomaticActivation",
        "InstallProductKey",
        "#",
        "##",
        "//",
        "rem",
        "::",
        "<!--",
        "```",
        "**",
        "if",
        "elseif",
        "switch",
        "case",
        "\"2019\" {",
        ":",
        "{",
        "---",
        "WX4NM-KYWYW-QJJR4-XV3QB-6VM33",
        "TNK62-RXVTB-4P47B-2D623-4GF74",
        "TNK62 RXVTB-4P47B-2D623-4GF74",
        "TNK62-RXVTB-4P47B-2D6234GF74",
        "H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW",
        "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE",
        "次元の",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        "é",
        "_",
        "x",
    ];
    let words: Vec<&str> = words
        .into_iter()
        .filter(|w| !ascii || w.is_ascii())
        .collect();
    prop_oneof![
        4 => proptest::sample::select(words).prop_map(str::to_string),
        1 => "[A-Z0-9]{5}",
        1 => if ascii { "[ -~]{0,12}" } else { "\\PC{0,12}" },
    ]
}

fn sep(ascii: bool) -> impl Strategy<Value = String> {
    let seps = vec![
        " ", " ", " ", "", "  ", "\t", "\u{b}", "\u{c}", "\r", "\u{3000}", "\u{a0}", "-", "_", ",",
        ": ", " (", ") ", "/", "x", "1",
    ];
    let seps: Vec<&str> = seps
        .into_iter()
        .filter(|w| !ascii || w.is_ascii())
        .collect();
    proptest::sample::select(seps).prop_map(str::to_string)
}

fn line(ascii: bool) -> impl Strategy<Value = String> {
    proptest::collection::vec((piece(ascii), sep(ascii)), 0..14)
        .prop_map(|v| v.into_iter().map(|(p, s)| p + &s).collect())
}

fn same(lines: &[String]) -> Result<(), TestCaseError> {
    let cat = Catalog::builtin();
    let mut fast = Linter::new("p", LintOptions::default(), cat);
    let mut reference = Linter::reference("p", LintOptions::default(), cat);
    for l in lines {
        fast.feed_line(l);
        reference.feed_line(l);
        prop_assert_eq!(
            fast.observations(),
            reference.observations(),
            "after {:?}",
            l
        );
    }
    let (a, b) = (fast.finish(), reference.finish());
    prop_assert_eq!(format!("{:?}", a.findings), format!("{:?}", b.findings));
    prop_assert_eq!(a.target_version, b.target_version);
    prop_assert_eq!(a.target_source, b.target_source);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_fast_path_observes_what_the_reference_does(lines in proptest::collection::vec(line(true), 1..6)) {
        same(&lines)?;
    }

    #[test]
    fn and_so_do_lines_with_other_characters(lines in proptest::collection::vec(line(false), 1..6)) {
        same(&lines)?;
    }

    #[test]
    fn any_printable_line_too(lines in proptest::collection::vec("\\PC{0,120}", 1..4)) {
        same(&lines)?;
    }
}

/// The shapes of the throughput benchmark and the walkthrough runbook, line by line.
#[test]
fn the_benchmark_log_and_the_runbooks_agree() {
    let mut lines: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "2026-11-29 10:{:02}:00 INFO cluster node HV{} heartbeat ok, VM{i} running on Windows Server 2019",
                i % 60,
                i % 3 + 1
            )
        })
        .collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for dir in [
        "examples/walkthrough",
        "crates/avma-core/tests/runbooks",
        "crates/avma-core/tests/fixtures/lint",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                lines.extend(text.lines().map(str::to_string));
            }
        }
    }
    assert!(lines.len() > 300);
    same(&lines).unwrap();
}
