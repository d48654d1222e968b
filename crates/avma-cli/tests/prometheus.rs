//! The Prometheus output of `check` and `audit`, and the example alerting rules, checked by
//! `promtool` (Debian's `prometheus` package, installed by .ci/run). Required when CI=true;
//! elsewhere the test says why it skips.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{avma, path, stdout};

fn promtool() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("promtool"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but promtool is not installed: .ci/run must install prometheus");
        }
        eprintln!("skipping: promtool is not installed (apt-get install prometheus)");
    }
    found
}

fn check_metrics(tool: &std::path::Path, text: &str) -> (bool, String) {
    let mut c = Command::new(tool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let o = c.wait_with_output().unwrap();
    let msg = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success() && msg.trim().is_empty(), msg)
}

/// A fleet whose names need escaping in label values.
fn hostile_fleet() -> String {
    let d = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("prometheus-fleet");
    std::fs::create_dir_all(&d).unwrap();
    let v = serde_json::json!({
        "schema": "avma.inventory/1",
        "cluster": "Q\"uote\\d\ncluster",
        "collected": "2026-12-01T08:00:00Z",
        "nodes": [
            {"name": "HV-\"A\"", "version": "2022", "edition": "ServerDatacenter", "license_status": 1,
             "grace_minutes": 600},
            {"name": "HV-B", "version": "2022", "edition": "ServerStandard", "license_status": 5}
        ],
        "vms": [{"name": "vm \\ \"x\"\n", "version": "2019", "edition": "ServerStandard",
                 "partial_key": "TNK62", "license_status": 1, "owner": "HV-\"A\""},
                // Control characters (the review's VM name: TAB, ESC, CR, RLO).
                {"name": "VM\tTAB\u{1b}[2J\r\u{202e}", "version": "2019", "edition": "ServerStandard",
                 "partial_key": "TNK62", "license_status": 1, "owner": "HV-B"}]
    });
    let f = d.join("hostile.json");
    std::fs::write(&f, serde_json::to_string(&v).unwrap()).unwrap();
    f.display().to_string()
}

#[test]
fn promtool_accepts_the_metrics_of_check_and_audit() {
    let Some(tool) = promtool() else { return };
    let inv = path("examples/cluster-inventory.json");
    let cluster = path("examples/cluster");
    let hostile = hostile_fleet();
    for args in [
        vec!["check", "--format", "prometheus", &inv],
        vec!["check", "--format", "prometheus", &cluster],
        vec!["check", "--format", "prometheus", &inv, &cluster, &hostile],
        vec!["audit", "--format", "prometheus", &inv, &hostile],
    ] {
        let o = avma(&args);
        let text = stdout(&o);
        assert!(text.contains("# TYPE avma_node_activated gauge"), "{text}");
        let (ok, msg) = check_metrics(&tool, &text);
        assert!(ok, "promtool check metrics {args:?}: {msg}\n{text}");
    }
    let text = stdout(&avma(&["check", "--format", "prometheus", &hostile]));
    assert!(
        text.contains("avma_vm_owners_blocking{cluster=\"Q\\\"uote\\\\d\\ncluster\",vm=\"vm \\\\ \\\"x\\\"\\n\"} 2"),
        "{text}"
    );
    for args in [
        vec!["check", "--format", "prometheus", &hostile],
        vec!["audit", "--format", "prometheus", &hostile],
    ] {
        let text = stdout(&avma(&args));
        // Control characters are shown as `\\u001b` (valid: an escaped backslash), never as `\x1b`
        // (an escape the format does not have) nor raw; every sample stays one line.
        assert!(
            text.contains("vm=\"VM\\\\u0009TAB\\\\u001b[2J\\\\u000d"),
            "{args:?}\n{text}"
        );
        assert!(!text.contains("\\x1b"), "{args:?}\n{text}");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}\n{text:?}"
        );
    }
}

#[test]
fn the_gauges_of_the_example_inventory() {
    let inv = path("examples/cluster-inventory.json");
    let o = avma(&[
        "check",
        "--now",
        "2026-12-01T09:00:00Z",
        "--format",
        "prometheus",
        &inv,
    ]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("check_prometheus", stdout(&o));
}

#[test]
fn promtool_accepts_the_alerting_rules() {
    let Some(tool) = promtool() else { return };
    let o = Command::new(tool)
        .args(["check", "rules"])
        .arg(path("monitoring/avma-alerts.yml"))
        .output()
        .unwrap();
    let msg = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{msg}");
    assert!(msg.contains("SUCCESS: 8 rules found"), "{msg}");
    // Every metric the rules use is one avma writes (or windows_exporter's own).
    let rules = std::fs::read_to_string(path("monitoring/avma-alerts.yml")).unwrap();
    let metrics = stdout(&avma(&[
        "check",
        "--format",
        "prometheus",
        &path("examples/cluster"),
    ]));
    for word in rules.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if word.starts_with("avma_") {
            assert!(metrics.contains(&format!("# TYPE {word} gauge")), "{word}");
        }
    }
}
