//! Runbooks shaped like real ones (front matter, reference tables, one section per version, a
//! `switch` on the build, Japanese text), each with the findings a careful reviewer expects in
//! `NAME.expect` (`LINE RULE-NAME` per line, or `LINE RULE-NAME SEVERITY` on every line of a
//! file that checks severities; empty: no finding). Any other finding is a false one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use avma_core::lint::{lint_text, LintOptions};
use avma_core::Catalog;

#[test]
fn real_shaped_runbooks_get_exactly_the_expected_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/runbooks");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "expect"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 7);
    let mut failures = Vec::new();
    for p in entries {
        let text = std::fs::read_to_string(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let r = lint_text(&name, &text, LintOptions::default(), Catalog::builtin());
        let mut want: Vec<String> = std::fs::read_to_string(p.with_extension("expect"))
            .unwrap()
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        want.sort();
        // `LINE RULE-NAME SEVERITY` lines: the severity is expected too (all lines of the file).
        let with_severity = want.iter().any(|l| l.split(' ').count() == 3);
        let mut got: Vec<String> = r
            .findings
            .iter()
            .map(|f| {
                let line = f.location.as_ref().and_then(|l| l.line).unwrap_or(0);
                if with_severity {
                    format!("{line} {} {}", f.rule.name, f.severity.as_str())
                } else {
                    format!("{line} {}", f.rule.name)
                }
            })
            .collect();
        got.sort();
        if got != want {
            failures.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// 100,000 harmless uses of the right key no longer hide a wrong key after them: every use is
/// judged, and memory holds one entry per distinct use.
#[test]
fn padding_does_not_hide_a_wrong_key() {
    let mut text = String::from("# Windows Server 2019 guest\n");
    for _ in 0..100_001 {
        text.push_str("slmgr /ipk TNK62-RXVTB-4P47B-2D623-4GF74\n");
    }
    text.push_str("slmgr /ipk W3GNR-8DDXR-2TFRP-H8P33-DV9BG\n");
    let r = lint_text(
        "padded.md",
        &text,
        LintOptions::default(),
        Catalog::builtin(),
    );
    let wrong: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule.name == "key-version-mismatch")
        .collect();
    assert_eq!(wrong.len(), 1, "{:?}", r.findings.len());
    assert_eq!(
        wrong[0].location.as_ref().and_then(|l| l.line),
        Some(100_003)
    );
}

/// The target a text names in its headings and labels, short forms too ("For 2019 Standard
/// guests:"), and "several" (not "none found") for a text whose versions are a table's rows.
#[test]
fn headings_and_labels_give_the_target() {
    use avma_core::lint::TargetSource;
    let cat = Catalog::builtin();
    let label = "Ops wiki, AVMA notes\n\nFor 2019 Standard guests:\n    slmgr.vbs /ato\n    slmgr.vbs /dlv\n";
    let r = lint_text("label.md", label, LintOptions::default(), cat);
    assert_eq!(r.target_version.as_deref(), Some("2019"));
    assert!(matches!(r.target_source, TargetSource::Text { line: 3 }));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    let heading = "# AVMA\n\n## 2022 のゲスト\n\nslmgr /ipk YDFWN-MJ9JR-3DYRK-FXXRW-78VHK\n";
    let r = lint_text("heading.md", heading, LintOptions::default(), cat);
    assert_eq!(r.target_version.as_deref(), Some("2022"));
    let table = "# AVMA on the EAST cluster (Windows Server 2025 Datacenter nodes)\n\n| Guest OS | AVMA key |\n|---|---|\n| Windows Server 2022 Standard | YDFWN-MJ9JR-3DYRK-FXXRW-78VHK |\n| Windows Server 2019 Standard | TNK62-RXVTB-4P47B-2D623-4GF74 |\n";
    let r = lint_text("table.md", table, LintOptions::default(), cat);
    assert_eq!(r.target_version, None);
    assert!(
        matches!(r.target_source, TargetSource::Several { .. }),
        "{:?}",
        r.target_source
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}
