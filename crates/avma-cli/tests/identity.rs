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
        out.contains("VM-APP01 cannot be activated by AVMA on any node: guest-kms-key-installed"),
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
