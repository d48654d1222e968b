//! The closed loop: random clusters with one injected fault are simulated, their evidence is
//! written, read back by the real readers, and diagnosis (as of the evidence's own time) plus
//! audit must name the fault; old evidence (judged 60 days later) is one of the faults. A
//! fault-free cluster must produce no error finding.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use avma_cluster::audit::{audit, AuditOptions, Can};
use avma_cluster::inventory::from_model;
use avma_cluster::simulate::{run, Scenario, SimNode, SimVm};
use avma_core::rules::Severity;
use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Fault {
    None,
    NodeNotActivated(usize),
    NodeStandard(usize),
    NodeTooOld(usize),
    NodeLapsing(usize),
    VmKms(usize),
    DataExchangeOff(usize),
    /// The evidence judged 60 days after it was taken.
    Stale,
}

impl Fault {
    fn rule(&self) -> Option<&'static str> {
        Some(match self {
            Fault::None => return None,
            Fault::NodeNotActivated(_) => "host-not-activated",
            Fault::NodeStandard(_) => "host-not-datacenter",
            Fault::NodeTooOld(_) => "host-too-old-for-guest",
            Fault::NodeLapsing(_) => "host-license-expiring",
            Fault::VmKms(_) => "guest-kms-key-installed",
            Fault::DataExchangeOff(_) => "data-exchange-disabled",
            Fault::Stale => "evidence-stale",
        })
    }
}

fn scenario(nodes: usize, vms: &[(u8, bool, usize)], fault: &Fault) -> Scenario {
    let versions = ["2016", "2019", "2022"];
    let mut s = Scenario {
        start: "2026-12-01".into(),
        days: 3,
        validity_days: None,
        cluster: Some("SIM".into()),
        nodes: (0..nodes)
            .map(|i| SimNode {
                name: format!("N{}", i + 1),
                version: "2022".into(),
                edition: "ServerDatacenter".into(),
                activated: true,
                expires: None,
                up: true,
            })
            .collect(),
        vms: vms
            .iter()
            .enumerate()
            .map(|(j, (v, dc, owner))| SimVm {
                name: format!("V{}", j + 1),
                version: versions[*v as usize % 3].into(),
                edition: if *dc {
                    "ServerDatacenter".into()
                } else {
                    "ServerStandard".into()
                },
                key: "avma".into(),
                owner: format!("N{}", owner % nodes + 1),
                possible_owners: Vec::new(),
                data_exchange: true,
            })
            .collect(),
        events: Vec::new(),
    };
    match *fault {
        Fault::None => {}
        Fault::NodeNotActivated(i) => s.nodes[i % nodes].activated = false,
        Fault::NodeStandard(i) => s.nodes[i % nodes].edition = "ServerStandard".into(),
        Fault::NodeTooOld(i) => {
            s.nodes[i % nodes].version = "2019".into();
            // A 2022 guest that may run there.
            s.vms[0].version = "2022".into();
        }
        Fault::NodeLapsing(i) => s.nodes[i % nodes].expires = Some("2026-12-06".into()),
        Fault::VmKms(j) => s.vms[j % vms.len()].key = "kms".into(),
        Fault::DataExchangeOff(j) => s.vms[j % vms.len()].data_exchange = false,
        Fault::Stale => {}
    }
    s
}

/// Simulate, write evidence, read it back, diagnose (as of the evidence's own time, the clock
/// `age_days` later) and audit: every rule named anywhere.
fn named_rules(s: &Scenario, age_days: i64) -> (BTreeSet<String>, Vec<String>) {
    let cat = Catalog::builtin();
    let result = run(s, cat);
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    let files = avma_cluster::evidence_out::write(&result, s, cat, false);
    let mut inputs: Vec<MachineInput> = Vec::new();
    for (machine, name, bytes) in files {
        let (_, lines) = avma_text::decode_lines(&bytes).unwrap();
        let r = read_text(&format!("{machine}/{name}"), &lines, cat);
        assert!(r.warnings.is_empty(), "{machine}/{name}: {:?}", r.warnings);
        match inputs.iter_mut().find(|i| i.label == machine) {
            Some(i) => i.results.push(r),
            None => inputs.push(MachineInput {
                label: machine,
                role: None,
                results: vec![r],
            }),
        }
    }
    let model = build(inputs, cat);
    let as_of =
        avma_evidence::asof::evidence_time(&model, &[]).expect("simulated evidence is dated");
    let clock = as_of
        .time
        .checked_add(jiff::SignedDuration::from_hours(24 * age_days))
        .unwrap();
    let opts = avma_diagnose::Options::at(as_of, clock, 14, 7);
    let d = avma_diagnose::diagnose(&model, &opts, cat);
    let mut names: BTreeSet<String> = d.findings.iter().map(|f| f.rule.name.to_string()).collect();
    let errors: Vec<String> = d
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {:?}", f.rule.name, f.message))
        .collect();
    let inv = from_model(&model, Some(format!("{}T09:00:00Z", result.end_date)));
    let a = audit(&inv, &AuditOptions::default(), cat);
    names.extend(a.risks.iter().map(|r| r.rule.name.to_string()));
    names.extend(
        a.vms
            .iter()
            .flat_map(|v| v.not_ready.iter().map(|r| r.name.to_string())),
    );
    for n in &a.nodes {
        if let Can::No { rule } = n.avma {
            names.insert(rule.name.to_string());
        }
    }
    (names, errors)
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        Just(Fault::None),
        (0usize..8).prop_map(Fault::NodeNotActivated),
        (0usize..8).prop_map(Fault::NodeStandard),
        (0usize..8).prop_map(Fault::NodeTooOld),
        (0usize..8).prop_map(Fault::NodeLapsing),
        (0usize..8).prop_map(Fault::VmKms),
        (0usize..8).prop_map(Fault::DataExchangeOff),
        Just(Fault::Stale),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_injected_fault_is_named(
        nodes in 2usize..5,
        vms in proptest::collection::vec((0u8..3, any::<bool>(), 0usize..5), 1..6),
        fault in fault(),
    ) {
        let s = scenario(nodes, &vms, &fault);
        let age = if matches!(fault, Fault::Stale) { 60 } else { 0 };
        let (names, errors) = named_rules(&s, age);
        match fault.rule() {
            Some(rule) => prop_assert!(names.contains(rule), "{fault:?}: {rule} not in {names:?}"),
            None => prop_assert!(errors.is_empty(), "a healthy cluster produced errors: {errors:?}"),
        }
    }
}

#[test]
fn a_healthy_cluster_is_found_healthy() {
    let s = scenario(3, &[(1, false, 0), (2, true, 1)], &Fault::None);
    let (_, errors) = named_rules(&s, 0);
    assert!(errors.is_empty(), "{errors:?}");
}
