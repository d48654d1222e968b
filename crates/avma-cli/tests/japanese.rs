//! Japanese output (issue #11): East Asian widths in every table with Japanese content, and
//! snapshots of the main outputs in Japanese.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{avma_env, path, root};
use unicode_width::UnicodeWidthStr;

fn ja(args: &[&str]) -> String {
    let mut a = vec!["--lang", "ja"];
    a.extend_from_slice(args);
    let o = avma_env(&a, &[]);
    String::from_utf8(o.stdout)
        .unwrap()
        .replace(&root().display().to_string(), "<root>")
}

/// The display column where each cell of a table row starts (cells are separated by two or
/// more spaces).
fn cell_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut col = 0;
    let mut spaces = 0;
    let mut at_start = true;
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if at_start || spaces >= 2 {
                starts.push(col);
            }
            at_start = false;
            spaces = 0;
        }
        col += UnicodeWidthStr::width(c.to_string().as_str());
    }
    starts
}

/// Rows of one table share their column starts: consecutive lines with the same number of
/// cells (at least `min_cells`) must start every cell at the same display column.
fn assert_aligned(out: &str, min_cells: usize, what: &str) {
    let lines: Vec<&str> = out.lines().collect();
    let mut checked = 0;
    let mut i = 0;
    while i < lines.len() {
        let s = cell_starts(lines[i]);
        if s.len() < min_cells {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && cell_starts(lines[j]).len() == s.len() {
            let t = cell_starts(lines[j]);
            assert_eq!(t, s, "{what}: misaligned\n{}\n{}", lines[i], lines[j]);
            checked += 1;
            j += 1;
        }
        i = j;
    }
    assert!(checked > 0, "{what}: no table found\n{out}");
}

#[test]
fn the_evidence_rows_align_on_japanese_labels() {
    // ドメイン コントローラー is 22 columns wide: the value column moves for every row.
    let out = ja(&["evidence", &path("examples/cluster")]);
    let mut starts = std::collections::BTreeSet::new();
    // The machine blocks (the cluster section after them has its own layout).
    let machines = out.split("\nクラスター").next().unwrap();
    let rows = machines
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "));
    for l in rows.filter(|l| !l.starts_with("  ノード ") && !l.starts_with("  グループ ")) {
        let rest = &l[2..];
        let Some(i) = rest.find("  ") else { continue };
        if UnicodeWidthStr::width(&rest[..i]) > 30 {
            continue;
        }
        let value = i + rest[i..].len() - rest[i..].trim_start().len();
        starts.insert(UnicodeWidthStr::width(&rest[..value]));
    }
    assert_eq!(starts.len(), 1, "value columns at {starts:?}\n{out}");
    assert!(out.contains("ドメイン コントローラー  いいえ"), "{out}");
}

#[test]
fn keys_matrix_and_audit_tables_align_in_japanese() {
    assert_aligned(&ja(&["keys"]), 4, "keys");
    assert_aligned(&ja(&["matrix"]), 5, "matrix");
    assert_aligned(
        &ja(&["audit", &path("examples/cluster-inventory.json")]),
        3,
        "audit",
    );
}

#[test]
fn the_alignment_check_can_fail() {
    let bad = "名前  値\nドメイン コントローラー  いいえ\n";
    let r = std::panic::catch_unwind(|| assert_aligned(bad, 2, "bad"));
    assert!(r.is_err());
}

#[test]
fn snapshots_of_the_main_outputs_in_japanese() {
    let plan = ["plan", "--guest", "2019 std eval", "--host", "2022 DC"];
    for (fmt, name) in [("md", "ja_plan_md"), ("ps1", "ja_plan_ps1")] {
        let mut a = plan.to_vec();
        a.extend_from_slice(&["--format", fmt]);
        insta::assert_snapshot!(name, ja(&a));
    }
    // The batch file is CP932: decode it for the snapshot.
    let mut a = vec!["--lang", "ja"];
    a.extend_from_slice(&plan);
    a.extend_from_slice(&["--format", "cmd"]);
    let o = avma_env(&a, &[]);
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&o.stdout);
    assert!(!bad);
    insta::assert_snapshot!("ja_plan_cmd", text.replace("\r\n", "\n"));
    // As of a given date: the as-of line must not follow the checkout's file times.
    insta::assert_snapshot!(
        "ja_evidence",
        ja(&["--at", "2026-11-28", "evidence", &path("examples/cluster")])
    );
    insta::assert_snapshot!(
        "ja_audit",
        ja(&["audit", &path("examples/cluster-inventory.json")])
    );
    insta::assert_snapshot!("ja_matrix", ja(&["matrix"]));
    insta::assert_snapshot!("ja_keys_2019", ja(&["keys", "--os", "2019"]));
    insta::assert_snapshot!("ja_explain_fd02", ja(&["explain", "0xC004FD02"]));
    insta::assert_snapshot!(
        "ja_lint_walkthrough",
        ja(&["lint", &path("examples/walkthrough/runbook-ja.md")])
    );
    insta::assert_snapshot!("ja_plan_help", ja(&["plan", "--help"]));
}

/// Review #9: a rule is never named by its slug alone. Wherever audit, report and check name a
/// rule in text, its translated summary comes first and the code and name follow in parentheses.
#[test]
fn rules_are_named_by_their_summary_not_the_slug_alone() {
    let inv = common::path("examples/cluster-inventory.json");
    for lang in ["en", "ja"] {
        for args in [
            vec!["--lang", lang, "audit", &inv],
            vec!["--lang", lang, "audit", "--format", "md", &inv],
            vec!["--lang", lang, "check", &inv],
            vec!["--lang", lang, "report", "--format", "text", &inv],
            vec!["--lang", lang, "report", "--format", "html", &inv],
        ] {
            let out = common::stdout(&common::avma(&args));
            let mut named = 0;
            for r in avma_core::rules::ALL {
                let with_code = format!("{} {})", r.code, r.name);
                let all = out.matches(r.name).count();
                let coded = out.matches(&with_code).count();
                assert_eq!(all, coded, "{args:?}: {} alone\n{out}", r.name);
                named += coded;
            }
            assert!(named > 0, "{args:?}\n{out}");
            if lang == "ja" {
                assert!(
                    out.contains(
                        "KMS クライアント セットアップ キーが入っています (AV202 guest-kms-key-installed)"
                    ),
                    "{args:?}\n{out}"
                );
            } else {
                assert!(
                    out.contains("where AVMA is intended (AV202 guest-kms-key-installed)"),
                    "{args:?}\n{out}"
                );
            }
        }
    }
}

/// Review #10: Japanese punctuation and terms. No English colon or semicolon after a Japanese
/// stop, no space after 。, one word for collected evidence (収集データ, never 証跡 or 証拠), no
/// Latin glued to kanji in the plan, and lists of names joined with 、.
#[test]
fn japanese_punctuation_and_terms() {
    let inv = common::path("examples/cluster-inventory.json");
    let cluster = common::path("examples/cluster");
    let runs: Vec<Vec<&str>> = vec![
        vec!["audit", &inv],
        vec!["check", &inv],
        vec!["report", "--format", "text", &inv],
        vec!["evidence", &cluster],
        vec!["diagnose", &cluster],
        vec!["plan", "--host", "2022 dc", "--guest", "2019 std eval"],
        vec!["plan", "--host", "2022 dc", "--guest", "2019 std"],
        vec!["plan", "--host", "2022 dc", "--guest", "xyz"],
        vec!["rules"],
        vec!["explain", "AV405"],
        vec!["--help"],
        vec!["collect", "--help"],
    ];
    for args in runs {
        let mut all = vec!["--lang", "ja"];
        all.extend(args.iter().copied());
        let o = common::avma(&all);
        let out = format!("{}{}", common::stdout(&o), common::stderr(&o));
        // A space after 。 only before a mark ([公式, ...]) or a column gap.
        let chars: Vec<char> = out.chars().collect();
        for w in chars.windows(3) {
            assert!(
                !(w[0] == '。' && w[1] == ' ' && !matches!(w[2], '[' | '*' | ' ' | '<' | '\\')),
                "{all:?}: a space after 。 before {:?}\n{out}",
                w[2]
            );
        }
        for bad in [
            "。:",
            "。;",
            "証跡",
            "証拠",
            "公開KMS",
            "のみ で",
            "HV-NODE1, HV-NODE2",
        ] {
            assert!(!out.contains(bad), "{all:?}: {bad:?}\n{out}");
        }
        if args[0] == "check" {
            let first = out.lines().next().unwrap_or_default();
            assert!(!first.contains("; "), "{first}");
        }
    }
    let plan = common::stdout(&common::avma(&[
        "--lang", "ja", "plan", "--host", "2022 dc", "--guest", "2019 std",
    ]));
    assert!(!plan.contains("確認する: "), "{plan}");
}
