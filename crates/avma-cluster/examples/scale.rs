//! The scale benchmark: 100 clusters of 64 nodes and 8,000 VMs each (800,000 VMs; every VM may
//! run on every node: 51.2 million VM × node pairs), audited. Nodes are mixed: a rolling upgrade
//! (some 2019 nodes), a few lapsing, one unactivated, one Standard.
//!   cargo run --release -p avma-cluster --example scale [CLUSTERS] [NODES] [VMS]
//! Prints the audit time (the inventories are built before the clock starts) and counts; peak
//! memory is measured around it by bench/audit-scale.sh.

use std::time::Instant;

use avma_cluster::audit::{audit, AuditOptions};
use avma_cluster::inventory::{Inventory, Node, Vm, SCHEMA};
use avma_core::Catalog;

fn cluster(c: usize, nodes: usize, vms: usize) -> Inventory {
    let nodes: Vec<Node> = (0..nodes)
        .map(|i| Node {
            name: format!("C{c}-N{i}"),
            version: Some(if i % 16 == 5 { "2019" } else { "2022" }.into()),
            edition: Some(
                if i == 7 {
                    "ServerStandard"
                } else {
                    "ServerDatacenter"
                }
                .into(),
            ),
            license_status: Some(if i == 3 { 0 } else { 1 }),
            grace_minutes: Some(if i % 21 == 2 { 4 * 1440 } else { 0 }),
            ..Default::default()
        })
        .collect();
    let versions = ["2016", "2019", "2022"];
    let keys = ["CWG3J", "4GF74", "78VHK"];
    let vms: Vec<Vm> = (0..vms)
        .map(|j| Vm {
            name: format!("C{c}-VM{j}"),
            version: Some(versions[j % 3].into()),
            edition: Some("ServerStandard".into()),
            partial_key: Some(keys[j % 3].into()),
            owner: Some(nodes[j % nodes.len()].name.clone()),
            ..Default::default()
        })
        .collect();
    Inventory {
        schema: SCHEMA.into(),
        cluster: Some(format!("C{c}")),
        collected: Some("2026-11-28T09:00:00Z".into()),
        nodes,
        vms,
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (clusters, nodes, vms) = (
        *args.first().unwrap_or(&100),
        *args.get(1).unwrap_or(&64),
        *args.get(2).unwrap_or(&8000),
    );
    let cat = Catalog::builtin();
    let inventories: Vec<Inventory> = (0..clusters).map(|c| cluster(c, nodes, vms)).collect();
    let started = Instant::now();
    let mut risks = 0usize;
    let mut fixes = 0usize;
    let mut audited = 0usize;
    for inv in &inventories {
        let a = audit(inv, &AuditOptions::default(), cat);
        risks += a.risks.len();
        fixes += a.fixes.len();
        audited += a.vms.len();
    }
    let secs = started.elapsed().as_secs_f64();
    let pairs = (clusters * nodes * vms) as f64;
    println!(
        "clusters {clusters}, nodes {nodes}, VMs {} ({audited} audited), pairs {:.1} M: {secs:.3} s, {:.1} M pairs/s; {risks} risks, {fixes} fixes",
        clusters * vms,
        pairs / 1e6,
        pairs / secs / 1e6
    );
}
