//! Data-driven lint tests: every file in tests/fixtures/lint states what it expects in `#!`
//! header lines (`#! expect: rule@line`, `#! expect: none`, `#! os: 2019`, `#! edition: Standard`).
//! Each lint rule has a fixture that triggers it and at least one near miss that must not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use avma_core::catalog::Catalog;
use avma_core::lint::{lint_text, LintOptions};
use avma_core::rules;
use avma_core::spec::{parse_edition_words, resolve_edition};

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (
                name,
                std::fs::read_to_string(e.path()).expect("utf-8 fixture"),
            )
        })
        .collect();
    v.sort();
    v
}

fn run(name: &str, text: &str) -> (BTreeSet<String>, BTreeSet<String>, Vec<String>) {
    let cat = Catalog::builtin();
    let mut expect = BTreeSet::new();
    let mut opts = LintOptions::default();
    for line in text.lines().filter_map(|l| l.strip_prefix("#! ")) {
        let (k, v) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("{name}: bad directive {line}"));
        match k {
            "expect" if v == "none" => {}
            "expect" => {
                expect.insert(v.to_string());
            }
            "os" => opts.os = Some(cat.version(v).unwrap_or_else(|| panic!("{name}: os {v}"))),
            "edition" => {
                let w = parse_edition_words(v, cat).unwrap();
                opts.edition = Some(resolve_edition(&w, cat, false).unwrap());
            }
            other => panic!("{name}: unknown directive {other}"),
        }
    }
    let report = lint_text(name, text, opts, cat);
    let got: BTreeSet<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}@{}",
                f.rule.name,
                f.location.as_ref().and_then(|l| l.line).unwrap_or(0)
            )
        })
        .collect();
    let messages = report
        .findings
        .iter()
        .map(|f| format!("{:?}", f.message))
        .collect();
    (expect, got, messages)
}

#[test]
fn every_fixture_gives_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    for (name, text) in fixtures() {
        let (expect, got, _) = run(&name, &text);
        if expect != got {
            failures.push(format!("{name}: expected {expect:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_lint_rule_has_a_hit_and_a_near_miss() {
    let names: Vec<String> = fixtures().into_iter().map(|(n, _)| n).collect();
    for r in rules::ALL
        .iter()
        .filter(|r| r.origins.contains(&rules::Origin::Lint))
    {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(r.name) && !n.contains("miss")),
            "{} has no triggering fixture",
            r.name
        );
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(r.name) && n.contains("miss")),
            "{} has no near-miss fixture",
            r.name
        );
    }
}

#[test]
fn private_keys_never_appear_in_findings() {
    for (name, text) in fixtures() {
        let (_, _, messages) = run(&name, &text);
        for m in messages {
            assert!(
                !m.contains("ABCDE-FGHJK"),
                "{name}: private key leaked: {m}"
            );
        }
    }
}

#[test]
fn the_walkthrough_runbook_is_flagged_with_the_keys_that_fit() {
    let text = include_str!("../../../examples/walkthrough/runbook-ja.md");
    let cat = Catalog::builtin();
    let r = lint_text("runbook-ja.md", text, LintOptions::default(), cat);
    assert_eq!(r.target_version.as_deref(), Some("2019"));
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    let f = &r.findings[0];
    assert_eq!(f.rule.name, "key-version-mismatch");
    let msg = format!("{:?}", f.message);
    assert!(msg.contains("WX4NM-KYWYW-QJJR4-XV3QB-6VM33"));
    assert!(msg.contains("WMDGN-G9PQG-XVVXX-R3X43-63DFG"));
    assert!(msg.contains("H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW"));
    assert!(f
        .fix
        .iter()
        .any(|c| c
            .contains("/Set-Edition:ServerDatacenter /ProductKey:WMDGN-G9PQG-XVVXX-R3X43-63DFG")));
    // One fix: the corrected line (a second key after it would undo it).
    assert_eq!(f.fix.len(), 1, "{:?}", f.fix);
}

/// Issue #8: `avma lint --os 2022` on the walkthrough printed `slmgr /ipk <AVMA key>` and then
/// `slmgr /ipk <KMS key>`, which leaves the KMS key installed. The fix is the AVMA key alone.
#[test]
fn the_walkthrough_for_2022_gets_one_avma_key_not_the_kms_key_after_it() {
    let text = include_str!("../../../examples/walkthrough/runbook-ja.md");
    let cat = Catalog::builtin();
    let opts = LintOptions {
        os: cat.version("2022"),
        edition: None,
    };
    let r = lint_text("runbook-ja.md", text, opts, cat);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule.name == "key-version-mismatch")
        .expect("the 2019 AVMA key is flagged");
    assert_eq!(f.fix, ["slmgr /ipk W3GNR-8DDXR-2TFRP-H8P33-DV9BG"]);
    for f in &r.findings {
        let last = f.fix.iter().rposition(|c| c.contains("/ipk"));
        if let Some(i) = last {
            assert!(
                !f.fix[i].contains("WX4NM-KYWYW-QJJR4-XV3QB-6VM33"),
                "the last key installed must not be the KMS key: {:?}",
                f.fix
            );
        }
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Arbitrary text (keys, commands and noise mixed) never panics the linter, and every
        /// finding points at a line that exists.
        #[test]
        fn lint_never_panics_and_points_at_real_lines(lines in proptest::collection::vec(prop_oneof![
            "\\PC{0,80}",
            Just("DISM /online /Set-Edition:ServerDatacenter /ProductKey:WX4NM-KYWYW-QJJR4-XV3QB-6VM33 /AcceptEula".to_string()),
            Just("slmgr /ipk H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW".to_string()),
            Just("Windows Server 2019 ゲスト".to_string()),
            Just("Current Edition : ServerDatacenterEval".to_string()),
            Just("AVMA key: WMDGN-G9PQG-XVVXX-R3X43-63DFG".to_string()),
            "[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
        ], 0..12)) {
            let text = lines.join("\n");
            let n = text.lines().count() as u64;
            let r = lint_text("p", &text, LintOptions::default(), Catalog::builtin());
            for f in &r.findings {
                let line = f.location.as_ref().and_then(|l| l.line).unwrap_or(0);
                prop_assert!(line >= 1 && line <= n, "line {line} of {n}");
            }
        }

        /// Any public key with one character changed or removed is flagged as a damaged copy
        /// naming that key (unless the change makes it another public key), and the fix is the
        /// command with the key itself.
        #[test]
        fn a_public_key_one_character_off_is_a_damaged_copy_of_it(
            ki in 0usize..10_000,
            at in 0usize..25,
            c in proptest::sample::select(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".chars().collect::<Vec<char>>()
            ),
            remove in any::<bool>(),
        ) {
            let cat = Catalog::builtin();
            let k = &cat.keys[ki % cat.keys.len()];
            let mut chars: Vec<char> = k.key.chars().filter(|c| *c != '-').collect();
            if remove {
                chars.remove(at);
            } else {
                chars[at] = c;
            }
            // Dashes where the key had them (the shortened group stays short).
            let mut damaged = String::new();
            for (i, ch) in chars.iter().enumerate() {
                if i > 0 && i % 5 == 0 {
                    damaged.push('-');
                }
                damaged.push(*ch);
            }
            let other = avma_core::key::ProductKey::parse(&damaged)
                .and_then(|p| cat.key(&p).map(|o| o.key.clone()));
            prop_assume!(other.is_none());
            let text = format!("slmgr /ipk {damaged}");
            let r = lint_text("p", &text, LintOptions::default(), cat);
            let f = r.findings.iter().find(|f| f.rule.name == "damaged-public-key");
            prop_assert!(f.is_some(), "{damaged}: {:?}", r.findings);
            let f = f.unwrap();
            prop_assert!(format!("{:?}", f.message).contains(k.key.as_str()), "{damaged}: {:?}", f.message);
            prop_assert_eq!(f.fix.clone(), vec![format!("slmgr /ipk {}", k.key)]);
            prop_assert!(r.findings.iter().all(|f| f.rule.name != "unknown-key"));
        }
    }
}
