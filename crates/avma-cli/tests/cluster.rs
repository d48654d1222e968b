//! `avma inventory`, `audit`, `ledger` and `simulate` end to end.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{avma, path, stdout_rooted as stdout};

#[test]
fn audit_of_the_example_inventory_in_every_format() {
    let inv = path("examples/cluster-inventory.json");
    let o = avma(&["audit", &inv]);
    assert_eq!(o.status.code(), Some(1), "risks exit 1");
    insta::assert_snapshot!("audit_text", stdout(&o));
    let o = avma(&["audit", "--format", "json", &inv]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    insta::assert_json_snapshot!("audit_json", v);
    assert_eq!(v["schema"], "avma.audit/1");
    let csv = stdout(&avma(&["audit", "--format", "csv", &inv]));
    assert_eq!(csv.lines().next(), Some("vm,node,can,rule,from_date,risk"));
    assert!(
        csv.contains("VM-APP01,HV-NODE3,until,host-license-expiring,2026-12-02,lapse"),
        "{csv}"
    );
    // Issue #8: the text lists "VM-APP01 cannot be activated by AVMA on any node" (its KMS
    // key); the CSV dropped that risk, and the text showed "2 node(s) ✓" next to it.
    assert!(
        csv.contains("VM-APP01,*,no,guest-kms-key-installed,,vm"),
        "{csv}"
    );
    let text = stdout(&avma(&["audit", &inv]));
    assert!(!text.contains("node(s) ✓"), "{text}");
    let md = stdout(&avma(&["audit", "--format", "md", &inv]));
    assert!(
        md.starts_with("# Audit of cluster CONTOSO-HV") && md.contains("| Node |"),
        "{md}"
    );
    let ja = String::from_utf8(avma(&["--lang", "ja", "audit", &inv]).stdout).unwrap();
    assert!(
        ja.contains("実行可能な所有者") && ja.contains("リスク"),
        "{ja}"
    );
}

#[test]
fn inventory_from_evidence() {
    let args: Vec<String> = ["hv-node1", "hv-node2", "hv-node3", "vm-app01"]
        .iter()
        .map(|m| path(&format!("examples/cluster/{m}")))
        .collect();
    let mut a = vec!["inventory", "--cluster", "CONTOSO-HV"];
    a.extend(args.iter().map(String::as_str));
    let o = avma(&a);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema"], "avma.inventory/1");
    assert_eq!(v["nodes"].as_array().unwrap().len(), 3);
    let vm = &v["vms"][0];
    assert_eq!(vm["name"], "VM-APP01");
    assert_eq!(vm["possible_owners"].as_array().unwrap().len(), 3);
    assert_eq!(vm["data_exchange"], true);
    // What `avma inventory` writes, `avma audit` reads.
    let f = std::env::temp_dir().join(format!("avma-inv-{}.json", std::process::id()));
    std::fs::write(&f, &o.stdout).unwrap();
    let o2 = avma(&["audit", &f.display().to_string()]);
    let _ = std::fs::remove_file(&f);
    assert_eq!(o2.status.code(), Some(1));
    assert!(stdout(&o2).contains("host-license-expiring"));
}

#[test]
fn a_bad_inventory_exits_2_naming_item_and_field() {
    let f = std::env::temp_dir().join(format!("avma-badinv-{}.json", std::process::id()));
    std::fs::write(&f, r#"{"schema":"avma.inventory/1","nodes":[{"name":"N1","version":"2022","edition":"ServerDatacenter","license_status":1}],"vms":[{"name":"V","version":"2019","owner":"N7"}]}"#).unwrap();
    let o = avma(&["audit", &f.display().to_string()]);
    let _ = std::fs::remove_file(&f);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(e.contains("avma: V: owner \"N7\" is not a node"), "{e}");
}

#[test]
fn simulate_then_ledger_and_diagnose() {
    let scenario = path("examples/scenarios/rolling-upgrade.toml");
    let o = avma(&["simulate", &scenario]);
    assert_eq!(o.status.code(), Some(0), "everything activated at the end");
    insta::assert_snapshot!("simulate_text", stdout(&o));
    let dir = std::env::temp_dir().join(format!("avma-sim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = avma(&[
        "simulate",
        "--format",
        "json",
        "--write-evidence",
        &dir.display().to_string(),
        &scenario,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let machines: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    assert_eq!(machines.len(), 5);
    let mut a = vec!["ledger", "--format", "csv"];
    a.extend(machines.iter().map(String::as_str));
    let csv = stdout(&avma(&a));
    assert!(
        csv.contains("VM-WEB22,HV-NODE3,2026-12-04T09:15:00.0000000Z,0xC004FD03,guest-12309,true"),
        "{csv}"
    );
    let mut a = vec!["diagnose", "--format", "json"];
    a.extend(machines.iter().map(String::as_str));
    let v: serde_json::Value = serde_json::from_slice(&avma(&a).stdout).unwrap();
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "host-too-old-for-guest"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_scenario_exits_2() {
    let f = std::env::temp_dir().join(format!("avma-badscn-{}.toml", std::process::id()));
    std::fs::write(&f, "start = \"2026-12-01\"\nnodes = 3\n").unwrap();
    let o = avma(&["simulate", &f.display().to_string()]);
    let _ = std::fs::remove_file(&f);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8(o.stderr).unwrap().lines().count(), 1);
}

#[test]
fn unreadable_inputs_exit_2_with_one_line_each() {
    let dir = std::env::temp_dir().join(format!("avma-unreadable-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken-inventory.json");
    std::fs::write(
        &broken,
        r#"{"schema":"avma.inventory/1","nodes":[{"name":1}]}"#,
    )
    .unwrap();
    let binary = dir.join("dump.bin");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(64)).unwrap();
    let missing = dir.join("no-such-node").display().to_string();
    let (broken, binary) = (broken.display().to_string(), binary.display().to_string());
    for (args, names) in [
        (vec!["audit", &broken], vec![&broken]),
        (vec!["audit", &binary], vec![&binary]),
        (vec!["audit", &missing], vec![&missing]),
        (vec!["ledger", &missing], vec![&missing]),
        (vec!["inventory", &missing], vec![&missing]),
    ] {
        let o = avma(&args);
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), names.len(), "{args:?}: {err}");
        for (line, name) in lines.iter().zip(names) {
            assert!(line.starts_with(&format!("avma: {name}: ")), "{line}");
        }
    }
    // One unreadable input among readable ones: the audit is still shown, the code is 2.
    let o = avma(&["audit", &path("examples/cluster-inventory.json"), &missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("HV-NODE3"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn inventories_and_scenarios_in_windows_encodings() {
    let dir = std::env::temp_dir().join(format!("avma-encodings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // `avma inventory ... > inv.json` in Windows PowerShell 5.1 writes UTF-16LE with a BOM.
    let inv = std::fs::read_to_string(path("examples/cluster-inventory.json")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in inv.replace('\n', "\r\n").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let f = dir.join("inv.json");
    std::fs::write(&f, utf16).unwrap();
    let utf8 = avma(&[
        "audit",
        "--format",
        "json",
        &path("examples/cluster-inventory.json"),
    ]);
    let o = avma(&["audit", "--format", "json", &f.display().to_string()]);
    assert_eq!(
        o.status.code(),
        utf8.status.code(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.stdout, utf8.stdout);
    // A scenario saved by Notepad as ANSI on a Japanese Windows is Shift_JIS/CP932.
    let toml = std::fs::read_to_string(path("examples/scenarios/rolling-upgrade.toml")).unwrap();
    let toml = format!("# ローリング アップグレード\n{toml}");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&toml);
    let f = dir.join("scenario.toml");
    std::fs::write(&f, &*sjis).unwrap();
    let o = avma(&["simulate", &f.display().to_string()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Binary handed in as a scenario: one line with the offset.
    std::fs::write(&f, [b'#', b' ', 0, 1, 2]).unwrap();
    let o = avma(&["simulate", &f.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("binary data at byte offset 2"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A VM that fails over on the last day waits for AVMA on its new node (⋯): a warning, so the
/// run still exits 0, and the move is in the log.
#[test]
fn simulate_a_move_on_the_last_day_is_pending_not_failed() {
    let f = std::env::temp_dir().join(format!("avma-sim-move-{}.toml", std::process::id()));
    std::fs::write(
        &f,
        "start = \"2026-12-01\"\ndays = 3\n[[node]]\nname = \"N1\"\nversion = \"2022\"\n[[node]]\nname = \"N2\"\nversion = \"2022\"\n[[vm]]\nname = \"V\"\nversion = \"2022\"\nowner = \"N1\"\n[[event]]\nday = 2\nkind = \"failover\"\nvm = \"V\"\nto = \"N2\"\n",
    )
    .unwrap();
    let o = avma(&["simulate", &f.display().to_string()]);
    let out = stdout(&o);
    let _ = std::fs::remove_file(&f);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("2026-12-03  ⋯ N2"), "{out}");
    assert!(out.contains(" 1641 "), "{out}");
}
