//! One story per node and per moment, whatever the command: the same rule and severity for a
//! lapsing licence in diagnose, audit, report and check; evidence time never taken from the
//! future; event times before file times; days labelled by where they count from. The clock of
//! every run is `common::CLOCK` (2026-12-01T09:00:00Z).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{avma, path, stdout, ExampleCopy};

/// The walkthrough's cluster dated `mtime`, with `manifest` (a fixture of this file's folder) at
/// its root when given.
fn copy(tag: &str, mtime: &str, manifest: Option<&str>) -> ExampleCopy {
    let c = ExampleCopy::new(tag, mtime);
    if let Some(name) = manifest {
        let from = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fix-asof")
            .join(name);
        std::fs::copy(from, c.0.join("manifest.json")).unwrap();
    }
    c
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = avma(args);
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&o)))
}

/// HV-NODE3 has 4 days left as of the evidence (2026-11-28): within the critical window (7 days),
/// so host-license-lapsing (AV302, an error) in every command; the guest's KMS key (AV202) is an
/// error in the registry, so check says CRITICAL for it.
#[test]
fn a_lapsing_node_is_one_rule_in_every_command() {
    let zip = path("examples/cluster-bundle.zip");
    let d = json(&["diagnose", "--format", "json", &zip]);
    let f = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["machine"] == "HV-NODE3" || f.to_string().contains("HV-NODE3"))
        .unwrap_or_else(|| panic!("{d}"));
    assert_eq!(f["rule"], "host-license-lapsing", "{f}");
    let a = json(&["audit", "--format", "json", &zip]);
    let risks = a["risks"].as_array().unwrap();
    assert!(!risks.is_empty(), "{a}");
    for r in risks.iter().filter(|r| r["node"] == "HV-NODE3") {
        assert_eq!(r["rule"], "host-license-lapsing", "{r}");
    }
    let audit = stdout(&avma(&["audit", &zip]));
    assert!(!audit.contains("host-license-expiring"), "{audit}");
    let report = stdout(&avma(&["report", "--format", "text", &zip]));
    assert!(report.contains("host-license-lapsing"), "{report}");
    assert!(!report.contains("host-license-expiring"), "{report}");
    let check = stdout(&avma(&["check", &zip]));
    let vm = check
        .lines()
        .skip(1)
        .find(|l| l.contains("VM-APP01") && l.contains("guest-kms-key-installed"))
        .unwrap_or_else(|| panic!("{check}"));
    assert!(vm.starts_with("CRITICAL"), "{check}");
}

/// With 10 days left the node is only expiring (AV301, a warning), in audit as in diagnose.
#[test]
fn an_expiring_node_is_the_warning_rule_in_audit_and_diagnose() {
    let c = copy("expiring", "2026-11-20T00:00:00Z", None);
    let slp = c.0.join("hv-node3/slp.json");
    let text = std::fs::read_to_string(&slp).unwrap();
    // 10 days of grace left (14,400 minutes).
    std::fs::write(
        &slp,
        text.replace(
            "\"GracePeriodRemaining\": 5760",
            "\"GracePeriodRemaining\": 14400",
        ),
    )
    .unwrap();
    let p = c.path();
    let audit = json(&["audit", "--format", "json", &p]);
    let risk = audit["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["node"] == "HV-NODE3")
        .unwrap_or_else(|| panic!("{audit}"));
    assert_eq!(risk["rule"], "host-license-expiring", "{risk}");
    let diag = json(&["diagnose", "--format", "json", &p]);
    let rules: Vec<&serde_json::Value> = diag["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["rule"])
        .collect();
    assert!(
        rules.iter().any(|r| *r == "host-license-expiring"),
        "{diag}"
    );
    assert!(
        !rules.iter().any(|r| *r == "host-license-lapsing"),
        "{diag}"
    );
}

/// A manifest dated 2099 (a wrong clock or a hand edit) is passed over: the evidence is judged as
/// of its newest event, and every output says why; check is not OK and says so.
#[test]
fn a_future_collection_time_is_never_a_countdown() {
    let c = copy(
        "future",
        "2026-11-28T10:00:00Z",
        Some("manifest-future.json"),
    );
    let audit = stdout(&avma(&["audit", &c.path()]));
    assert!(audit.contains("As of 2026-11-28, 3 days ago"), "{audit}");
    assert!(
        audit.contains("The evidence time 2099-01-01T00:00:00Z"),
        "{audit}"
    );
    assert!(audit.contains("is in the future"), "{audit}");
    assert!(audit.contains("until 2026-12-02"), "{audit}");
    let v = json(&["audit", "--format", "json", &c.path()]);
    assert_eq!(v["as_of"]["date"], "2026-11-28", "{v}");
    let diag = stdout(&avma(&["diagnose", &c.path()]));
    assert!(diag.contains("is in the future"), "{diag}");
    let o = avma(&["check", &c.path()]);
    let text = stdout(&o);
    assert_ne!(o.status.code(), Some(0), "{text}");
    assert!(!text.contains("days_left=263"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("WARNING") && l.contains("is in the future")),
        "{text}"
    );
}

/// A manifest older than its own events by more than a day is said.
#[test]
fn a_manifest_its_events_contradict_is_a_warning() {
    let c = copy(
        "contra",
        "2026-11-28T10:00:00Z",
        Some("manifest-contradicted.json"),
    );
    let audit = stdout(&avma(&["audit", &c.path()]));
    assert!(
        audit.contains("is older than the newest event (2026-11-28T08:40:11Z)"),
        "{audit}"
    );
    let check = stdout(&avma(&["check", &c.path()]));
    assert!(
        check
            .lines()
            .any(|l| l.starts_with("WARNING") && l.contains("older than the newest event")),
        "{check}"
    );
}

/// Files copied today (mtime 2026-12-01) still hold the events of 2026-11-28: the events tell the
/// evidence's time, and the folder, its inventory and the bundle give the same dates.
#[test]
fn event_times_come_before_file_times() {
    let c = copy("copied", "2026-12-01T08:00:00Z", None);
    let diag = stdout(&avma(&["diagnose", &c.path()]));
    assert!(
        diag.contains("As of 2026-11-28, 3 days ago (the newest event"),
        "{diag}"
    );
    assert!(diag.contains("2026-12-02"), "{diag}");
    let inv = json(&["inventory", &c.path()]);
    assert_eq!(inv["collected"], "2026-11-28T08:40:11Z");
    let folder = json(&["audit", "--format", "json", &c.path()]);
    let bundle = json(&[
        "audit",
        "--format",
        "json",
        &path("examples/cluster-bundle.zip"),
    ]);
    let inventory = json(&[
        "audit",
        "--format",
        "json",
        &path("examples/cluster-inventory.json"),
    ]);
    let lapse = |v: &serde_json::Value| {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == "HV-NODE3")
            .map(|n| n["lapse_date"].clone())
            .unwrap_or_else(|| panic!("{v}"))
    };
    for v in [&folder, &bundle, &inventory] {
        assert_eq!(v["as_of"]["date"], "2026-11-28", "{v}");
        assert_eq!(lapse(v), "2026-12-02", "{v}");
    }
}

/// The report counts from today in its summary and node table and from the evidence in its
/// findings: both labelled. check counts from now and says so.
#[test]
fn countdowns_say_where_they_count_from() {
    let zip = path("examples/cluster-bundle.zip");
    let report = stdout(&avma(&["report", "--format", "text", &zip]));
    assert!(
        report.contains("Next licence lapse (HV-NODE3), from today"),
        "{report}"
    );
    assert!(report.contains("from today (2026-12-02)"), "{report}");
    assert!(report.contains("Countdowns:"), "{report}");
    let check = stdout(&avma(&["check", &zip]));
    assert!(
        check.contains("licence lapses in 1 day from now"),
        "{check}"
    );
}

/// The cluster's name is the one the collector's manifest records, wherever the files sit: in
/// audit (text and JSON), inventory, the report title and the monitoring identities.
#[test]
fn the_cluster_name_comes_from_the_manifest_not_the_folder() {
    let zip = path("examples/cluster-bundle.zip");
    let audit = stdout(&avma(&["audit", &zip]));
    assert!(audit.contains("Audit of cluster HV-CLUSTER"), "{audit}");
    assert_eq!(
        json(&["audit", "--format", "json", &zip])["cluster"],
        "HV-CLUSTER"
    );
    let c = copy("named", "2026-11-28T10:00:00Z", Some("manifest-named.json"));
    assert_eq!(json(&["inventory", &c.path()])["cluster"], "HV-CLUSTER");
    let report = stdout(&avma(&["report", "--format", "text", &zip]));
    assert!(report.contains("Cluster HV-CLUSTER"), "{report}");
    let prom = stdout(&avma(&["check", "--format", "prometheus", &c.path()]));
    assert!(prom.contains("cluster=\"HV-CLUSTER\""), "{prom}");
    assert!(!prom.contains("avma-fixasof"), "{prom}");
    let mk = stdout(&avma(&["check", "--format", "checkmk", &c.path()]));
    assert!(mk.contains("AVMA_HV-CLUSTER"), "{mk}");
}

/// An avma inventory handed to diagnose or ledger is said to be one, in one line, and makes no
/// machine; an unreadable file makes no phantom machine either.
#[test]
fn an_inventory_is_not_evidence_and_unreadable_files_make_no_machine() {
    let inv = path("examples/cluster-inventory.json");
    for cmd in ["diagnose", "ledger"] {
        let o = avma(&[cmd, &inv]);
        let err = common::stderr(&o);
        assert!(err.contains("an avma inventory"), "{cmd}: {err}");
        assert!(err.contains("avma audit"), "{cmd}: {err}");
        assert!(!err.contains("is not one avma reads"), "{cmd}: {err}");
        let out = stdout(&o);
        if cmd == "diagnose" {
            // No machine comes from it; diagnose names it only as nothing to judge (never
            // "No problem found").
            assert!(out.contains("Diagnosis of 0 machine(s)"), "{cmd}: {out}");
            let named = out.matches("cluster-inventory").count();
            assert_eq!(named, 1, "{cmd}: {out}");
            assert!(!out.contains("No problem found"), "{cmd}: {out}");
            assert!(out.contains("nothing to judge"), "{cmd}: {out}");
        } else {
            assert!(!out.contains("cluster-inventory"), "{cmd}: {out}");
        }
    }
    let t = std::env::temp_dir().join(format!("avma-fixasof-bad-{}", std::process::id()));
    std::fs::create_dir_all(&t).unwrap();
    let bad = t.join("deep.json");
    std::fs::write(&bad, "{\"Name\": [1, 2,").unwrap();
    let o = avma(&[
        "diagnose",
        &bad.display().to_string(),
        &path("examples/cluster"),
    ]);
    let out = stdout(&o);
    let _ = std::fs::remove_dir_all(&t);
    assert!(!out.contains("deep:"), "{out}");
    assert!(out.contains("HV-NODE3"), "{out}");
}

/// VM-APP01 holds a KMS key (AV202): no node can activate it, so its matrix row never says
/// "until DATE" for the lapsing node as if that node could, until then.
#[test]
fn a_vm_that_is_not_ready_is_not_activatable_until_a_date_in_the_matrix() {
    let report = stdout(&avma(&[
        "report",
        "--format",
        "text",
        &path("examples/cluster-bundle.zip"),
    ]));
    let row = report
        .lines()
        .find(|l| l.trim_start().starts_with("VM-APP01") && l.contains("VM not ready"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(!row.contains("until"), "{row}");
    assert_eq!(row.matches("VM not ready").count(), 3, "{row}");
}

/// The audit's "Possible owners" column does not hide the good nodes of a VM that is not ready.
#[test]
fn the_possible_owners_column_keeps_the_good_nodes() {
    let audit = stdout(&avma(&["audit", &path("examples/cluster-bundle.zip")]));
    let row = audit
        .lines()
        .find(|l| l.trim_start().starts_with("VM-APP01") && l.contains("HV-NODE3"))
        .unwrap_or_else(|| panic!("{audit}"));
    assert!(
        row.contains("2 node(s) ✓ once the VM's own problem is fixed"),
        "{row}"
    );
}

/// Fixing HV-NODE3 helps VM-APP01 only once its KMS key is replaced: the node fix comes after
/// the VM's own fix in "Fixes, cheapest first".
#[test]
fn a_node_fix_that_waits_for_a_guest_fix_comes_after_it() {
    let a = json(&[
        "audit",
        "--format",
        "json",
        &path("examples/cluster-bundle.zip"),
    ]);
    let fixes = a["fixes"].as_array().unwrap();
    let pos = |want: &dyn Fn(&serde_json::Value) -> bool| {
        fixes.iter().position(want).unwrap_or_else(|| panic!("{a}"))
    };
    let node = pos(&|f| f.to_string().contains("\"node\":\"HV-NODE3\""));
    let vm = pos(&|f| f.to_string().contains("guest-kms-key-installed"));
    assert!(vm < node, "{a}");
}
