//! `avma check` end to end: the status line, perfdata and exit codes (0 OK, 1 WARNING,
//! 2 CRITICAL, 3 UNKNOWN) for healthy, expiring, lapsing, lapsed, stale and unreadable evidence;
//! Checkmk lines; fleets.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{avma, path, stdout};
use serde_json::json;

const NOW: &str = "2026-12-01T09:00:00Z";

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("check-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A cluster of two activated Datacenter nodes and one AVMA-ready 2019 guest; `node2` is
/// merged into the second node, `collected` is when the evidence was taken.
fn inventory(cluster: &str, collected: &str, node2: serde_json::Value) -> serde_json::Value {
    let mut n2 = json!({"name": "HV-NODE2", "version": "2022", "edition": "ServerDatacenter",
        "license_status": 1, "channel": "OEM_DM", "grace_minutes": 0});
    for (k, v) in node2.as_object().unwrap() {
        n2[k] = v.clone();
    }
    json!({
        "schema": "avma.inventory/1",
        "cluster": cluster,
        "collected": collected,
        "nodes": [
            {"name": "HV-NODE1", "version": "2022", "edition": "ServerDatacenter",
             "license_status": 1, "channel": "OEM_DM", "grace_minutes": 0},
            n2
        ],
        "vms": [
            {"name": "VM-WEB01", "version": "2019", "edition": "ServerDatacenter",
             "partial_key": "WMBMW", "channel": "VIRTUAL_MACHINE_ACTIVATION", "license_status": 1,
             "owner": "HV-NODE1", "data_exchange": true}
        ]
    })
}

fn write(d: &std::path::Path, name: &str, v: &serde_json::Value) -> String {
    let f = d.join(name);
    std::fs::write(&f, serde_json::to_string_pretty(v).unwrap()).unwrap();
    f.display().to_string()
}

fn check(args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["check", "--now", NOW];
    all.extend_from_slice(args);
    let o = avma(&all);
    (o.status.code(), stdout(&o))
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

#[test]
fn healthy_is_ok() {
    let d = dir("healthy");
    let f = write(
        &d,
        "inv.json",
        &inventory("C1", "2026-12-01T08:00:00Z", json!({})),
    );
    let (code, out) = check(&[&f]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        first_line(&out),
        "AVMA OK - 2 node(s), 1 VM(s): every VM can be activated on every node it may run on | 'nodes'=2;;;0 'vms'=1;;;0 'vms_at_risk'=0;;;0 'evidence_age'=3600s;90000;;0"
    );
}

#[test]
fn expiring_is_warning() {
    let d = dir("expiring");
    // 10 days of grace left when collected an hour ago.
    let f = write(
        &d,
        "inv.json",
        &inventory(
            "C1",
            "2026-12-01T08:00:00Z",
            json!({"channel": "VOLUME_KMSCLIENT", "grace_minutes": 14400}),
        ),
    );
    let (code, out) = check(&[&f]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        first_line(&out).starts_with(
            "AVMA WARNING - HV-NODE2 licence lapses in 10 days from now; 1 VM at risk |"
        ),
        "{out}"
    );
    assert!(out.contains("'HV-NODE2_days_left'=10;14;7;0"), "{out}");
}

#[test]
fn lapsing_is_critical_as_the_walkthrough_nearly_was() {
    let inv = path("examples/cluster-inventory.json");
    let (code, out) = check(&["--max-age", "100", &inv]);
    assert_eq!(code, Some(2), "{out}");
    // Collected 2026-11-28 09:00 with 4 days of grace: 1 day left on 2026-12-01 09:00.
    assert!(
        first_line(&out)
            // Monitoring counts from now, and says so; the guest's KMS key (AV202) is an error.
            .starts_with("AVMA CRITICAL - HV-NODE3 licence lapses in 1 day from now; VM-APP01 cannot be activated by AVMA on any node: The guest holds a KMS client setup key where AVMA is intended (AV202 guest-kms-key-installed); 1 VM at risk"),
        "{out}"
    );
    assert!(out.contains("'HV-NODE3_days_left'=1;14;7;0"), "{out}");
    assert!(out.contains(" 'vms_at_risk'=1;;;0"), "{out}");
    // The long text names every reason, worst first.
    assert!(
        out.lines().nth(1).unwrap().starts_with("CRITICAL "),
        "{out}"
    );
}

#[test]
fn lapsed_is_critical() {
    let d = dir("lapsed");
    let f = write(
        &d,
        "inv.json",
        &inventory(
            "C1",
            "2026-12-01T08:00:00Z",
            json!({"license_ends": "2026-11-28T00:00:00Z", "channel": "TIMEBASED_EVAL"}),
        ),
    );
    let (code, out) = check(&[&f]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        first_line(&out).starts_with("AVMA CRITICAL - HV-NODE2 licence lapsed 4 days ago"),
        "{out}"
    );
    assert!(out.contains("'HV-NODE2_days_left'=-4;14;7;0"), "{out}");
}

#[test]
fn not_activated_is_critical() {
    let d = dir("notact");
    let f = write(
        &d,
        "inv.json",
        &inventory("C1", "2026-12-01T08:00:00Z", json!({"license_status": 5})),
    );
    let (code, out) = check(&[&f]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        first_line(&out).starts_with("AVMA CRITICAL - HV-NODE2 is not activated"),
        "{out}"
    );
}

#[test]
fn stale_is_warning_never_ok() {
    let d = dir("stale");
    let f = write(
        &d,
        "inv.json",
        &inventory("C1", "2026-11-27T09:00:00Z", json!({})),
    );
    let (code, out) = check(&[&f]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        first_line(&out).starts_with("AVMA WARNING - evidence is 96 hours old (more than 25) |"),
        "{out}"
    );
    // A longer limit makes the same evidence OK.
    let (code, _) = check(&["--max-age", "100", &f]);
    assert_eq!(code, Some(0));
}

#[test]
fn stale_evidence_folders_by_their_time() {
    // Evidence folders without a manifest or events: the files' modification time counts (the
    // guest's events, dated 2026-11-28, are left out: the newest event would count otherwise).
    let d = dir("stale-folder");
    for m in ["hv-node1", "hv-node2", "hv-node3", "vm-app01"] {
        let src = common::root().join("examples/cluster").join(m);
        std::fs::create_dir_all(d.join(m)).unwrap();
        for e in std::fs::read_dir(src).unwrap() {
            let e = e.unwrap();
            if e.file_name() == "spp-events.xml" {
                continue;
            }
            let to = d.join(m).join(e.file_name());
            std::fs::copy(e.path(), &to).unwrap();
            let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_764_320_400); // 2025-11-28T09:00Z
            std::fs::File::options()
                .write(true)
                .open(&to)
                .unwrap()
                .set_modified(t)
                .unwrap();
        }
    }
    let o = avma(&[
        "check",
        "--now",
        "2025-11-30T09:00:00Z",
        &d.display().to_string(),
    ]);
    let (code, out) = (o.status.code(), stdout(&o));
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("WARNING evidence is 48 hours old"), "{out}");
    assert!(out.contains("'HV-NODE3_days_left'=2;14;7;0"), "{out}");
}

#[test]
fn unreadable_is_unknown() {
    let d = dir("unreadable");
    let missing = d.join("no-such-folder").display().to_string();
    let (code, out) = check(&[&missing]);
    assert_eq!(code, Some(3), "{out}");
    assert!(
        first_line(&out).starts_with("AVMA UNKNOWN - no readable evidence"),
        "{out}"
    );
    let bin = d.join("garbage.bin");
    std::fs::write(&bin, [0u8, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7].repeat(100)).unwrap();
    let (code, out) = check(&[&bin.display().to_string()]);
    assert_eq!(code, Some(3), "{out}");
    // An inventory that cannot be read is a cluster of its own that nobody can judge.
    let f = write(
        &d,
        "inv.json",
        &inventory("C1", "2026-12-01T08:00:00Z", json!({})),
    );
    let bad = d.join("bad.json");
    std::fs::write(&bad, "{\"schema\": \"avma.inventory/1\", \"nodes\": 3}").unwrap();
    let (code, out) = check(&[&f, &bad.display().to_string()]);
    assert_eq!(code, Some(3), "{out}");
    assert!(out.contains("UNKNOWN bad: no readable evidence"), "{out}");
    // A cluster with one unreadable file among readable ones says so, as a WARNING.
    let c = copy_example(&d.join("cluster"));
    std::fs::write(
        c.join("vm-app01").join("broken.bin"),
        [0u8, 0, 0, 1].repeat(64),
    )
    .unwrap();
    let (code, out) = check(&["--max-age", "100000", &c.display().to_string()]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("\nWARNING 1 input could not be read\n"),
        "{out}"
    );
}

/// A copy of the example cluster's evidence.
fn copy_example(to: &std::path::Path) -> PathBuf {
    for m in ["hv-node1", "hv-node2", "hv-node3", "vm-app01"] {
        let src = common::root().join("examples/cluster").join(m);
        std::fs::create_dir_all(to.join(m)).unwrap();
        for e in std::fs::read_dir(src).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join(m).join(e.file_name())).unwrap();
        }
    }
    to.to_path_buf()
}

#[test]
fn checkmk_local_check_lines() {
    let inv = path("examples/cluster-inventory.json");
    let (code, out) = check(&["--format", "checkmk", "--max-age", "100", &inv]);
    assert_eq!(code, Some(2));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("2 AVMA_CONTOSO-HV nodes=3|vms=1|vms_at_risk=1|evidence_age=259200;360000 HV-NODE3 licence lapses in 1 day from now"), "{out}");
    assert_eq!(
        lines[1],
        "0 AVMA_licence_HV-NODE1 - HV-NODE1 licence does not lapse"
    );
    assert_eq!(
        lines[3],
        "2 AVMA_licence_HV-NODE3 days_left=1;14;7;0 HV-NODE3 licence lapses in 1 day from now"
    );
    for l in lines {
        // <status> <service> <metrics> <text>: four fields, the service without blanks.
        let parts: Vec<&str> = l.splitn(4, ' ').collect();
        assert_eq!(parts.len(), 4, "{l}");
        assert!(["0", "1", "2", "3"].contains(&parts[0]), "{l}");
    }
}

#[test]
fn a_fleet_is_summarised_per_cluster() {
    let d = dir("fleet");
    let a = write(
        &d,
        "a.json",
        &inventory("ALPHA", "2026-12-01T08:00:00Z", json!({})),
    );
    let b = write(
        &d,
        "b.json",
        &inventory(
            "BRAVO",
            "2026-12-01T08:00:00Z",
            json!({"channel": "VOLUME_KMSCLIENT", "grace_minutes": 4320}),
        ),
    );
    let (code, out) = check(&[&a, &b]);
    assert_eq!(code, Some(2), "{out}");
    let head = first_line(&out);
    assert!(
        head.starts_with("AVMA CRITICAL - ALPHA: 2 node(s), 1 VM(s)"),
        "{head}"
    );
    assert!(
        head.contains("; BRAVO: HV-NODE2 licence lapses in 3 days"),
        "{head}"
    );
    assert!(
        head.contains("'BRAVO/HV-NODE2_days_left'=3;14;7;0"),
        "{head}"
    );
    assert!(head.contains("'ALPHA/vms'=1;;;0"), "{head}");
    // The audit summarises per cluster too.
    let o = avma(&["audit", "--format", "json", &a, &b]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema"], "avma.audit-fleet/1");
    assert_eq!(v["clusters"][0]["cluster"], "ALPHA");
    assert_eq!(v["clusters"][1]["cluster"], "BRAVO");
    let text = stdout(&avma(&["audit", &a, &b]));
    assert!(
        text.contains("Audit of cluster ALPHA") && text.contains("Audit of cluster BRAVO"),
        "{text}"
    );
}

#[test]
fn hostile_names_cannot_break_the_status_line() {
    let d = dir("hostile");
    let mut v = inventory("C1", "2026-12-01T08:00:00Z", json!({"license_status": 5}));
    v["nodes"][1]["name"] = json!("EVIL|'x'=1\u{1b}[31m\nCRITICAL");
    v["vms"][0]["possible_owners"] = json!(["HV-NODE1"]);
    let f = write(&d, "inv.json", &v);
    let (code, out) = check(&[&f]);
    assert_eq!(code, Some(2), "{out}");
    let head = first_line(&out);
    // One '|' only (the perfdata separator), no escape character, no line break.
    assert_eq!(head.matches('|').count(), 1, "{head}");
    assert!(!out.contains('\u{1b}'), "{out}");
    // Controls in the visible form monitoring systems leave alone (`\n` would become a line
    // break again in Nagios' and Checkmk's long output).
    assert!(
        head.contains("EVIL/'x'=1<U+001B>[31m<U+000A>CRITICAL is not activated"),
        "{head}"
    );
    assert!(!out.contains("\\n"), "{out}");
}

#[test]
fn lint_and_diagnose_share_the_sarif_printer() {
    let runbook = path("examples/walkthrough/runbook-ja.md");
    let o = avma(&["lint", "--format", "sarif", &runbook]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results
        .iter()
        .all(|r| r["ruleId"].as_str().unwrap().starts_with("AV")
            && r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64()));
    let o = avma(&["diagnose", "--format", "sarif", &path("examples/cluster")]);
    let d: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The same driver, each with the rules of its own origin.
    assert_eq!(
        d["runs"][0]["tool"]["driver"]["name"],
        v["runs"][0]["tool"]["driver"]["name"]
    );
    assert_ne!(
        d["runs"][0]["tool"]["driver"]["rules"],
        v["runs"][0]["tool"]["driver"]["rules"]
    );
}
