//! The audit on hand-written inventories: what is at risk and why, the fixes and their order, and
//! bad inventories named field by field.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cluster::audit::{audit, AuditOptions, Can, Fix, RiskKind};
use avma_cluster::inventory::Inventory;
use avma_core::Catalog;

fn inv(json: &str) -> Inventory {
    serde_json::from_str(json).unwrap()
}

const BASE: &str = r#"{
  "schema": "avma.inventory/1",
  "cluster": "C1",
  "collected": "2026-11-28T09:00:00Z",
  "nodes": [
    {"name": "N1", "version": "2022", "edition": "ServerDatacenter", "license_status": 1, "channel": "OEM_DM"},
    {"name": "N2", "version": "2019", "edition": "ServerDatacenter", "license_status": 1},
    {"name": "N3", "version": "2022", "edition": "ServerStandard", "license_status": 1},
    {"name": "N4", "version": "2022", "edition": "ServerDatacenter", "license_status": 0},
    {"name": "N5", "version": "2022", "edition": "ServerDatacenter", "license_status": 1, "grace_minutes": 4320}
  ],
  "vms": [
    {"name": "V2019", "version": "2019", "edition": "ServerStandard", "partial_key": "4GF74", "owner": "N1"},
    {"name": "V2022", "version": "2022", "edition": "ServerDatacenter", "partial_key": "DV9BG", "owner": "N2",
     "possible_owners": ["N1", "N2", "N5"]},
    {"name": "VKMS", "version": "2019", "edition": "ServerDatacenter", "partial_key": "63DFG", "owner": "N1",
     "possible_owners": ["N1"], "data_exchange": false}
  ]
}"#;

#[test]
fn every_vm_against_every_possible_owner() {
    let inventory = inv(BASE);
    let a = audit(&inventory, &AuditOptions::default(), Catalog::builtin());
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    let node = |n: &str| a.nodes.iter().find(|x| x.name == n).unwrap();
    assert_eq!(node("N1").avma, Can::Yes);
    assert!(matches!(node("N3").avma, Can::No { rule } if rule.name == "host-not-datacenter"));
    assert!(matches!(node("N4").avma, Can::No { rule } if rule.name == "host-not-activated"));
    assert!(
        matches!(node("N5").avma, Can::Until { date, days: 3 } if date.to_string() == "2026-12-01")
    );
    assert_eq!(node("N5").lapse_days, Some(3));
    // A 2019 guest may run on every node (no owner list): N3 and N4 cannot activate it.
    let v = a.vms.iter().find(|v| v.name == "V2019").unwrap();
    assert!(v.possible_owners.is_none(), "no list: every node");
    let bad: Vec<&str> = a
        .risks_of(v)
        .iter()
        .filter(|r| r.kind != RiskKind::Lapse)
        .map(|r| r.node)
        .collect();
    assert_eq!(bad, ["N3", "N4"]);
    // The 2022 guest runs now on the 2019 node.
    let now = a
        .risks
        .iter()
        .find(|r| r.vm == "V2022" && r.node == "N2")
        .unwrap();
    assert_eq!(now.kind, RiskKind::Now);
    assert_eq!(now.rule.name, "host-too-old-for-guest");
    let lapse = a
        .risks
        .iter()
        .find(|r| r.vm == "V2022" && r.node == "N5")
        .unwrap();
    assert_eq!(lapse.kind, RiskKind::Lapse);
    assert_eq!(
        lapse.from_date.map(|d| d.to_string()).as_deref(),
        Some("2026-12-01")
    );
    // VM-level problems.
    let k = a.vms.iter().find(|v| v.name == "VKMS").unwrap();
    let names: Vec<&str> = k.not_ready.iter().map(|r| r.name).collect();
    assert_eq!(names, ["guest-kms-key-installed", "data-exchange-disabled"]);
    assert_eq!(a.mixed_versions.len(), 2);
}

#[test]
fn fixes_come_cheapest_first() {
    let inventory = inv(BASE);
    let a = audit(&inventory, &AuditOptions::default(), Catalog::builtin());
    // Node fixes first, the one that helps most VMs at the top.
    let first_non_node = a
        .fixes
        .iter()
        .position(|f| !matches!(f, Fix::Node { .. }))
        .unwrap();
    assert!(first_non_node > 0);
    let helps: Vec<usize> = a.fixes[..first_non_node]
        .iter()
        .map(|f| match f {
            Fix::Node { helps, .. } => *helps,
            _ => 0,
        })
        .collect();
    assert!(helps.windows(2).all(|w| w[0] >= w[1]), "{helps:?}");
    assert!(a
        .fixes
        .iter()
        .any(|f| matches!(f, Fix::Move { vm, to, .. } if *vm == "V2022" && *to == "N1")));
    assert!(a.fixes.iter().any(|f| matches!(f, Fix::LimitOwners { vms, owners, .. } if vms.contains(&"V2022") && owners == &["N1"])));
    assert!(a.fixes.iter().any(
        |f| matches!(f, Fix::Vm { vm, rule, commands, .. } if *vm == "VKMS" && rule.name == "guest-kms-key-installed" && commands[0].contains("H3RNG"))
    ));
}

#[test]
fn bad_inventories_name_item_and_field() {
    let bad = inv(r#"{
      "schema": "avma.inventory/1",
      "nodes": [
        {"name": "N1", "version": "2022", "edition": "ServerDatacenter", "license_status": 1},
        {"name": "n1", "version": "2022", "edition": "ServerDatacenter", "license_status": 1},
        {"name": "N2", "edition": "Turbo", "license_status": 1}
      ],
      "vms": [
        {"name": "V1", "version": "2019", "owner": "N9", "possible_owners": ["N1", "NX"]},
        {"name": "V1", "version": "2019"},
        {"name": "V2"}
      ]
    }"#);
    let a = audit(&bad, &AuditOptions::default(), Catalog::builtin());
    let has = |item: &str, field: &str, error: bool| {
        a.problems
            .iter()
            .any(|p| p.item == item && p.field == field && p.error == error)
    };
    assert!(has("n1", "name", true), "duplicate node");
    assert!(has("N2", "version", false), "missing version");
    assert!(has("N2", "edition", false), "unknown edition");
    assert!(has("V1", "owner", true), "owner not a node");
    assert!(
        has("V1", "possible_owners", true),
        "possible owner not a node"
    );
    assert!(has("V1", "name", true), "duplicate VM");
    assert!(has("V2", "version", false), "missing VM version");
    // Nothing dropped silently: every VM and node is either audited or named in a problem.
    for v in ["V1", "V2"] {
        assert!(a.vms.iter().any(|x| x.name == v) || a.problems.iter().any(|p| p.item == v));
    }
    // Unknown fields are refused by the schema.
    assert!(serde_json::from_str::<Inventory>(
        r#"{"schema":"avma.inventory/1","nodes":[],"vms":[],"extra":1}"#
    )
    .is_err());
}

#[test]
fn a_clean_cluster_has_no_risk() {
    let clean = inv(r#"{
      "schema": "avma.inventory/1", "collected": "2026-11-28T09:00:00Z",
      "nodes": [{"name": "A", "version": "2025", "edition": "ServerDatacenterCor", "license_status": 1},
                {"name": "B", "version": "2025", "edition": "ServerDatacenter", "license_status": 1}],
      "vms": [{"name": "V", "version": "2022", "edition": "ServerStandard", "partial_key": "78VHK", "owner": "A"}]
    }"#);
    let a = audit(&clean, &AuditOptions::default(), Catalog::builtin());
    assert!(
        a.risks.is_empty() && a.fixes.is_empty() && a.problems.is_empty(),
        "{:?} {:?}",
        a.risks,
        a.fixes
    );
    assert!(a.vms[0].not_ready.is_empty());
}
