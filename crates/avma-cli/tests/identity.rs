//! Who is who, end to end: a guest whose computer name (APP01) differs from its VM name (VM-APP01)
//! is linked to its VM by the VM ID its KVP registry holds, so `audit` and `diagnose` judge it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{avma, path, stdout};

const RENAMED: &str = "crates/avma-cli/tests/fixtures/renamed";

#[test]
fn a_renamed_guest_is_linked_by_its_vm_id_and_audited() {
    let o = avma(&["audit", &path(RENAMED)]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(!out.contains("No VM loses activation"), "{out}");
    assert!(
        out.contains("VM-APP01 cannot be activated by AVMA on any node: The guest holds a KMS client setup key where AVMA is intended (AV202 guest-kms-key-installed)"),
        "{out}"
    );
}

#[test]
fn a_renamed_guest_is_diagnosed_as_a_guest() {
    let o = avma(&["diagnose", "--format", "json", &path(RENAMED)]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["machine"] == "APP01")
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"guest-kms-key-installed"), "{rules:?}");
    assert!(!rules.contains(&"evidence-insufficient"), "{rules:?}");
}

#[test]
fn evidence_shows_the_link_and_how_it_was_made() {
    let o = avma(&["evidence", "--format", "json", &path(RENAMED)]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let app = v["machines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "APP01")
        .unwrap();
    assert_eq!(app["role"], "guest");
    assert_eq!(app["vm"]["name"], "VM-APP01");
    assert_eq!(app["vm"]["by"], "vm-id");
    assert_eq!(app["vm"]["id"], "5e4c5e6a-1a7c-4e2b-9a55-0d8b0c2f3a11");
    assert_eq!(
        app["identity"]["parameters"]["value"]["physical_host_fqdn"],
        "HV-NODE1.contoso.example"
    );
    let text = stdout(&avma(&[
        "evidence",
        &path(&format!("{RENAMED}/app01")),
        &path(&format!("{RENAMED}/hv-node1")),
    ]));
    assert!(
        text.contains("VM-APP01 (matched by VM ID; listed by HV-NODE1)"),
        "{text}"
    );
}

#[test]
fn the_inventory_names_the_vm_as_hyper_v_does() {
    let o = avma(&["inventory", &path(RENAMED)]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let vms = v["vms"].as_array().unwrap();
    assert_eq!(vms.len(), 1, "{vms:?}");
    assert_eq!(vms[0]["name"], "VM-APP01");
    assert_eq!(vms[0]["partial_key"], "63DFG");
    assert_eq!(vms[0]["owner"], "HV-NODE1");
}

/// The renamed guest's folder without its KVP registry, in a temporary copy.
fn without_kvp(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("avma-nokvp-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for m in ["app01", "hv-node1", "hv-node2", "hv-node3"] {
        std::fs::create_dir_all(dir.join(m)).unwrap();
        for e in std::fs::read_dir(common::root().join(RENAMED).join(m))
            .unwrap()
            .flatten()
        {
            if e.file_name() != "kvp-parameters.txt" {
                std::fs::copy(e.path(), dir.join(m).join(e.file_name())).unwrap();
            }
        }
    }
    dir
}

#[test]
fn an_unlinked_guest_is_never_an_all_clear() {
    let dir = without_kvp("audit");
    let o = avma(&["audit", &dir.display().to_string()]);
    let d = avma(&["diagnose", "--format", "json", &dir.display().to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(!out.contains("No VM loses activation"), "{out}");
    assert!(
        out.contains(
            "VM-APP01: whether HV-NODE1, HV-NODE2, HV-NODE3 can activate it cannot be judged"
        ),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&d)).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "vm-without-guest-evidence")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(f["machine"], "VM-APP01");
    assert!(v["healthy"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["machine"] != "VM-APP01" && h["machine"] != "APP01"));
}

#[test]
fn a_host_only_bundle_knows_each_guests_os_from_its_kvp_items() {
    let dir = std::env::temp_dir().join(format!("avma-hostonly-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("hv-node1")).unwrap();
    for e in std::fs::read_dir(common::root().join(RENAMED).join("hv-node1"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(e.path(), dir.join("hv-node1").join(e.file_name())).unwrap();
    }
    std::fs::write(
        dir.join("hv-node1/kvp-items.json"),
        r#"[{"VMName":"VM-APP01","VMId":"5e4c5e6a-1a7c-4e2b-9a55-0d8b0c2f3a11","GuestIntrinsicExchangeItems":{"FullyQualifiedDomainName":"APP01.contoso.example","OSName":"Windows Server 2019 Datacenter","OSBuildNumber":"17763","OSEditionId":"8"}}]"#,
    )
    .unwrap();
    let inv = avma(&["inventory", &dir.display().to_string()]);
    let d = stdout(&avma(&["diagnose", &dir.display().to_string()]));
    let _ = std::fs::remove_dir_all(&dir);
    let v: serde_json::Value = serde_json::from_str(&stdout(&inv)).unwrap();
    let vm = &v["vms"][0];
    assert_eq!(vm["name"], "VM-APP01");
    assert_eq!(vm["version"], "2019");
    assert_eq!(vm["edition"], "ServerDatacenter");
    assert!(
        d.contains(
            "its guest reports Windows Server 2019 Datacenter (build 17763), APP01.contoso.example"
        ),
        "{d}"
    );
}

#[test]
fn the_ledger_shows_the_move_next_to_the_activations() {
    let dir = without_kvp("ledger");
    std::fs::write(
        dir.join("hv-node1/cluster-events.xml"),
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-FailoverClustering'/><EventID>1641</EventID><Level>4</Level><TimeCreated SystemTime='2026-11-28T08:10:00.0000000Z'/><EventRecordID>4410</EventRecordID><Channel>Microsoft-Windows-FailoverClustering/Operational</Channel><Computer>HV-NODE1.contoso.example</Computer></System><EventData><Data Name='ResourceGroup'>VM-APP01</Data><Data Name='SourceNode'>HV-NODE2</Data><Data Name='TargetNode'>HV-NODE1</Data></EventData></Event>\n",
    )
    .unwrap();
    let o = avma(&["ledger", "--format", "json", &dir.display().to_string()]);
    let text = stdout(&avma(&["ledger", &dir.display().to_string()]));
    let _ = std::fs::remove_dir_all(&dir);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mv = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["source"] == "cluster-move")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(mv["vm"], "VM-APP01");
    assert_eq!(mv["host"], "HV-NODE1");
    assert_eq!(mv["outcome"], "moved");
    assert!(text.contains("cluster-move"), "{text}");
}
