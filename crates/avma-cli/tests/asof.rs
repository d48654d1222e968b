//! As of when, end to end with fixed times: the collection time a manifest records, else the newest
//! event or file; `--at` overrides; the same dates from a folder and from its inventory; stale
//! evidence is a warning; `inventory` records the evidence's time, not now. The clock of every run
//! is `common::CLOCK` (2026-12-01T09:00:00Z).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{avma, avma_env, stdout, ExampleCopy};

const MANIFEST: &str = r#"{"schema": "avma.manifest/1", "collected": "2026-10-01T09:00:00Z"}"#;

fn lapse_of_hv_node3(csv: &str) -> String {
    csv.lines()
        .find(|l| l.contains(",HV-NODE3,until,"))
        .and_then(|l| l.split(',').nth(4))
        .unwrap_or_else(|| panic!("no lapse row in {csv}"))
        .to_string()
}

#[test]
fn the_collection_time_is_the_time_of_every_judgement() {
    let c = ExampleCopy::new("manifest", "2026-11-30T00:00:00Z");
    c.write("hv-node1/manifest.json", MANIFEST);
    // HV-NODE3 had 5,760 minutes (4 days) left when collected: it lapses on 2026-10-05.
    let o = avma(&["audit", &c.path()]);
    let text = stdout(&o);
    assert!(
        text.contains("As of 2026-10-01, 61 days ago (collected, at "),
        "{text}"
    );
    assert!(text.contains("until 2026-10-05"), "{text}");
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&avma(&["audit", "--format", "json", &c.path()]))).unwrap();
    assert_eq!(v["as_of"]["date"], "2026-10-01");
    assert_eq!(v["as_of"]["source"], "collected");
    assert_eq!(v["as_of"]["age_days"], 61);
    assert_eq!(v["at"], "2026-10-01T09:00:00Z");
    let ja =
        String::from_utf8(avma_env(&["--lang", "ja", "audit", &c.path()], &[]).stdout).unwrap();
    assert!(ja.contains("2026-10-01 時点 (61 日前、収集時刻"), "{ja}");
}

#[test]
fn a_folder_and_its_inventory_give_the_same_dates() {
    let c = ExampleCopy::new("same", "2026-10-01T09:00:00Z");
    // No manifest: the newest event (the guest's 8198 of 2026-11-28T08:40:11Z) is newer than
    // every file, so the evidence's time is that event's.
    let folder = stdout(&avma(&["audit", "--format", "csv", &c.path()]));
    let inv = avma(&["inventory", &c.path()]);
    assert_eq!(inv.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&inv)).unwrap();
    assert_eq!(
        v["collected"], "2026-11-28T08:40:11Z",
        "not the time it was written"
    );
    let f = c.0.join("inventory.json");
    std::fs::write(&f, &inv.stdout).unwrap();
    let from_inv = stdout(&avma(&[
        "audit",
        "--format",
        "csv",
        &f.display().to_string(),
    ]));
    assert_eq!(lapse_of_hv_node3(&folder), "2026-12-02");
    assert_eq!(lapse_of_hv_node3(&folder), lapse_of_hv_node3(&from_inv));
}

#[test]
fn without_events_or_manifest_the_newest_file_tells() {
    let c = ExampleCopy::new("mtime", "2026-10-01T09:00:00Z");
    c.remove("vm-app01/spp-events.xml");
    let o = avma(&["audit", &c.path()]);
    let text = stdout(&o);
    assert!(
        text.contains("As of 2026-10-01, 61 days ago (the newest file, "),
        "{text}"
    );
    assert!(text.contains("until 2026-10-05"), "{text}");
    let inv: serde_json::Value =
        serde_json::from_str(&stdout(&avma(&["inventory", &c.path()]))).unwrap();
    assert_eq!(inv["collected"], "2026-10-01T09:00:00Z");
}

#[test]
fn at_overrides_the_evidence_time_everywhere() {
    let c = ExampleCopy::new("at", "2026-11-30T00:00:00Z");
    c.write("hv-node1/manifest.json", MANIFEST);
    let csv = stdout(&avma(&[
        "--at",
        "2026-11-01",
        "audit",
        "--format",
        "csv",
        &c.path(),
    ]));
    assert_eq!(lapse_of_hv_node3(&csv), "2026-11-05");
    // After the subcommand too (a global flag), and on the other commands.
    let o = avma(&["audit", "--at", "2026-11-01", &c.path()]);
    assert!(stdout(&o).contains("As of 2026-11-01, 30 days ago (given with --at)"));
    let inv: serde_json::Value = serde_json::from_str(&stdout(&avma(&[
        "inventory",
        "--at",
        "2026-11-01",
        &c.path(),
    ])))
    .unwrap();
    assert_eq!(inv["collected"], "2026-11-01T00:00:00Z");
    let d: serde_json::Value = serde_json::from_str(&stdout(&avma(&[
        "diagnose",
        "--at",
        "2026-11-01T00:00:00Z",
        "--format",
        "json",
        &c.path(),
    ])))
    .unwrap();
    assert_eq!(d["as_of"]["source"], "given");
    let l: serde_json::Value = serde_json::from_str(&stdout(&avma(&[
        "ledger",
        "--at",
        "2026-11-01",
        "--format",
        "json",
        &c.path(),
    ])))
    .unwrap();
    assert_eq!(l["as_of"]["date"], "2026-11-01");
    let o = avma(&["audit", "--at", "next tuesday", &c.path()]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(e.contains("--at: next tuesday is not a date"), "{e}");
    // Dates outside 2000..2099 are typos: said as such, never judged at (nor "not a date").
    for far in ["9999-12-31", "0001-01-01T00:00:00Z", "1999-12-31"] {
        let o = avma(&["audit", "--at", far, &c.path()]);
        assert_eq!(o.status.code(), Some(2), "{far}");
        let e = String::from_utf8(o.stderr).unwrap();
        assert!(
            e.contains(&format!("--at: {far} is outside the dates avma judges at")),
            "{far}: {e}"
        );
    }
    let o = avma(&["audit", "--at", "2000-01-01", &c.path()]);
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout(&o).contains("As of 2000-01-01"), "{}", stdout(&o));
}

#[test]
fn old_evidence_is_a_warning_and_said_in_every_format() {
    let c = ExampleCopy::new("stale", "2026-11-30T00:00:00Z");
    c.write("hv-node1/manifest.json", MANIFEST);
    let o = avma(&["diagnose", "--format", "json", &c.path()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let stale = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "evidence-stale")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(stale["severity"], "warning");
    assert!(stale["location"]["file"]
        .as_str()
        .unwrap()
        .ends_with("manifest.json"));
    let text = stdout(&avma(&["diagnose", &c.path()]));
    assert!(
        text.contains("The evidence is from 2026-10-01, 61 days ago"),
        "{text}"
    );
    assert!(text.contains("As of 2026-10-01, 61 days ago"), "{text}");
    let md = stdout(&avma(&["diagnose", "--format", "md", &c.path()]));
    assert!(md.contains("*As of 2026-10-01, 61 days ago"), "{md}");
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&avma(&[
        "diagnose",
        "--format",
        "sarif",
        &c.path(),
    ])))
    .unwrap();
    assert_eq!(
        sarif["runs"][0]["properties"]["as_of"]["date"],
        "2026-10-01"
    );
    let ledger = stdout(&avma(&["ledger", &c.path()]));
    assert!(ledger.contains("As of 2026-10-01, 61 days ago"), "{ledger}");
    // Inside the window, and when judged as of a chosen date, it is not stale.
    let fresh = r#"{"schema": "avma.manifest/1", "collected": "2026-11-25T09:00:00Z"}"#;
    c.write("hv-node1/manifest.json", fresh);
    let t = stdout(&avma(&["diagnose", &c.path()]));
    assert!(!t.contains("evidence-stale"), "{t}");
    c.write("hv-node1/manifest.json", MANIFEST);
    let t = stdout(&avma(&["diagnose", "--at", "2026-10-01", &c.path()]));
    assert!(!t.contains("evidence-stale"), "{t}");
}

/// Issue #8: evidence-stale was made by `avma diagnose` alone, so `report` and `check`, which
/// call `diagnose()`, missed it. Now a check of the diagnosis: both show it.
#[test]
fn report_and_check_show_stale_evidence() {
    let c = ExampleCopy::new("stale-report", "2026-11-30T00:00:00Z");
    c.write("hv-node1/manifest.json", MANIFEST);
    let r = stdout(&avma(&["report", "--format", "md", &c.path()]));
    assert!(r.contains("AV405"), "{r}");
    assert!(
        r.contains("The evidence is from 2026-10-01, 61 days ago"),
        "{r}"
    );
    // Within --max-age (2000 hours) but older than the 14-day window: the diagnosis says it.
    let o = avma(&["check", "--max-age", "2000", &c.path()]);
    let t = stdout(&o);
    assert_ne!(o.status.code(), Some(0), "{t}");
    assert!(
        t.lines()
            .any(|l| l.starts_with("WARNING The evidence is from 2026-10-01, 61 days ago")),
        "{t}"
    );
    // Fresh evidence: no such reason.
    let fresh = r#"{"schema": "avma.manifest/1", "collected": "2026-11-25T09:00:00Z"}"#;
    c.write("hv-node1/manifest.json", fresh);
    let t = stdout(&avma(&["check", "--max-age", "2000", &c.path()]));
    assert!(!t.contains("The evidence is from"), "{t}");
}
