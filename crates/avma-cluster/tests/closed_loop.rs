//! The closed loop: random clusters with one injected fault are simulated, their evidence is
//! written, read back by the real readers, and diagnosis plus audit must name the fault. A
//! fault-free cluster must produce no error finding. The faults include a renamed guest
//! (computer name ≠ VM name: linked by its KVP registry, or not linked at all without it),
//! stale evidence (judged now, long after it was taken), and a move: within the move delay the
//! guest is pending (activation-pending-after-move), after it AVMA has activated it on its new
//! host (12309/12310 there, and no finding). The events are written as event XML or as .evtx.

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
    /// A renamed guest with a KMS key, linked to its VM by its KVP registry: the KMS key is
    /// named, by diagnose on the guest and by the audit on the VM.
    RenamedKms(usize),
    /// A renamed guest whose evidence lacks its KVP registry: nothing links it to its VM.
    RenamedUnlinked(usize),
    /// The evidence judged 400 days after it was taken.
    Stale,
    /// The VM fails over on the last day: within the move delay at the end.
    MovedLastDay(usize),
    /// The VM fails over the day before the last: AVMA has activated it on its new host since.
    MovedBefore(usize),
}

impl Fault {
    fn rules(&self) -> &'static [&'static str] {
        match self {
            Fault::None | Fault::MovedBefore(_) => &[],
            Fault::NodeNotActivated(_) => &["host-not-activated"],
            Fault::NodeStandard(_) => &["host-not-datacenter"],
            Fault::NodeTooOld(_) => &["host-too-old-for-guest"],
            // Lapsing within the critical window: AV302 in diagnose and audit alike.
            Fault::NodeLapsing(_) => &["host-license-lapsing"],
            Fault::VmKms(_) | Fault::RenamedKms(_) => &["guest-kms-key-installed"],
            Fault::DataExchangeOff(_) => &["data-exchange-disabled"],
            Fault::RenamedUnlinked(_) => &["guest-not-linked", "vm-without-guest-evidence"],
            Fault::Stale => &["evidence-stale"],
            Fault::MovedLastDay(_) => &["activation-pending-after-move"],
        }
    }
}

fn scenario(nodes: usize, vms: &[(u8, bool, usize)], fault: &Fault) -> Scenario {
    let versions = ["2016", "2019", "2022"];
    let mut s = Scenario {
        start: "2026-12-01".into(),
        days: 3,
        validity_days: None,
        move_delay_minutes: None,
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
                computer_name: None,
                kvp_registry: true,
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
        Fault::RenamedKms(j) => {
            let v = &mut s.vms[j % vms.len()];
            v.computer_name = Some(format!("APP-{}", v.name));
            v.key = "kms".into();
        }
        Fault::RenamedUnlinked(j) => {
            let v = &mut s.vms[j % vms.len()];
            v.computer_name = Some(format!("APP-{}", v.name));
            v.kvp_registry = false;
        }
        Fault::Stale => {}
        Fault::MovedLastDay(j) | Fault::MovedBefore(j) => {
            let last = matches!(fault, Fault::MovedLastDay(_));
            let v = &s.vms[j % vms.len()];
            let to = format!("N{}", (owner_index(&v.owner) + 1) % nodes + 1);
            s.events.push(avma_cluster::simulate::SimEvent {
                day: if last { s.days - 1 } else { s.days - 2 },
                kind: "failover".into(),
                vm: Some(v.name.clone()),
                node: None,
                to: Some(to),
                key: None,
                version: None,
                edition: None,
                enabled: None,
            });
        }
    }
    s
}

fn owner_index(owner: &str) -> usize {
    owner
        .trim_start_matches('N')
        .parse::<usize>()
        .unwrap()
        .saturating_sub(1)
}

/// What the loop saw.
struct Seen {
    names: BTreeSet<String>,
    errors: Vec<String>,
    diagnosis: avma_diagnose::Diagnosis,
    ledger: avma_cluster::ledger::Ledger,
    audit_vm_names: Vec<String>,
}

/// Simulate, write evidence, read it back, diagnose and audit as of the evidence's own time
/// (its newest event), judged by a clock `clock_days` later: every rule named anywhere.
fn named_rules(s: &Scenario, clock_days: i64, evtx: bool) -> Seen {
    let cat = Catalog::builtin();
    let result = run(s, cat);
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    let files = avma_cluster::evidence_out::write(&result, s, cat, evtx);
    let mut inputs: Vec<MachineInput> = Vec::new();
    for (machine, name, bytes) in files {
        let file = format!("{machine}/{name}");
        let r = if name.ends_with(".evtx") {
            let r = avma_evidence::evtx::read(&file, std::io::Cursor::new(bytes), false).0;
            // The .evtx reader says its problems as message ids.
            assert!(r.problems.is_empty(), "{machine}/{name}: {:?}", r.problems);
            r
        } else {
            let (_, lines) = avma_text::decode_lines(&bytes).unwrap();
            read_text(&file, &lines, cat)
        };
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
    let as_of = avma_evidence::asof::evidence_time(&model, &[]).expect("the events date it");
    assert_eq!(
        as_of.time.to_string(),
        format!("{}T09:00:00Z", result.end_date),
        "the evidence is the last day at 09:00"
    );
    // Staleness needs the run's clock (the CLI passes it; here a value).
    let clock = as_of
        .time
        .checked_add(jiff::SignedDuration::from_hours(24 * clock_days))
        .unwrap();
    let opts = avma_diagnose::Options::at(as_of.clone(), clock, 14, 7);
    let d = avma_diagnose::diagnose(&model, &opts, cat);
    let mut names: BTreeSet<String> = d.findings.iter().map(|f| f.rule.name.to_string()).collect();
    let errors: Vec<String> = d
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {:?}", f.rule.name, f.message))
        .collect();
    let inv = from_model(&model, Some(as_of.time.to_string()));
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
    let audit_vm_names = a.vms.iter().map(|v| v.name.to_string()).collect();
    let ledger = avma_cluster::ledger::ledger(
        &model,
        &avma_cluster::ledger::LedgerOptions {
            validity_days: 7,
            at: Some(as_of.time),
        },
    );
    Seen {
        names,
        errors,
        diagnosis: d,
        ledger,
        audit_vm_names,
    }
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
        (0usize..8).prop_map(Fault::RenamedKms),
        (0usize..8).prop_map(Fault::RenamedUnlinked),
        Just(Fault::Stale),
        (0usize..8).prop_map(Fault::MovedLastDay),
        (0usize..8).prop_map(Fault::MovedBefore),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_injected_fault_is_named(
        nodes in 2usize..5,
        vms in proptest::collection::vec((0u8..3, any::<bool>(), 0usize..5), 1..6),
        fault in fault(),
        evtx in any::<bool>(),
    ) {
        let s = scenario(nodes, &vms, &fault);
        let clock_days = if matches!(fault, Fault::Stale) { 400 } else { 0 };
        let seen = named_rules(&s, clock_days, evtx);
        let names = &seen.names;
        for rule in fault.rules() {
            prop_assert!(names.contains(*rule), "{fault:?}: {rule} not in {names:?}");
        }
        match &fault {
            Fault::None | Fault::Stale | Fault::MovedBefore(_) | Fault::MovedLastDay(_) => {
                prop_assert!(seen.errors.is_empty(), "{fault:?} produced errors: {:?}", seen.errors);
            }
            _ => {}
        }
        if !matches!(fault, Fault::Stale) {
            prop_assert!(!names.contains("evidence-stale"), "{fault:?}: {names:?}");
        }
        if !matches!(fault, Fault::RenamedUnlinked(_)) {
            // Every guest found its VM, renamed or not.
            prop_assert!(!names.contains("guest-not-linked"), "{fault:?}: {names:?}");
            prop_assert!(!names.contains("vm-without-guest-evidence"), "{fault:?}: {names:?}");
        }
        if !matches!(fault, Fault::MovedLastDay(_)) {
            prop_assert!(!names.contains("activation-pending-after-move"), "{fault:?}: {names:?}");
        }
        match fault {
            Fault::RenamedKms(j) => {
                let v = &s.vms[j % s.vms.len()];
                let computer = v.computer_name.clone().unwrap();
                // diagnose names the guest, the audit the VM (never the computer name).
                prop_assert!(seen.diagnosis.findings.iter().any(|f| f.rule.name == "guest-kms-key-installed" && f.machine.as_deref() == Some(computer.as_str())));
                prop_assert!(seen.audit_vm_names.contains(&v.name), "{:?}", seen.audit_vm_names);
                prop_assert!(!seen.audit_vm_names.contains(&computer), "{:?}", seen.audit_vm_names);
            }
            Fault::MovedLastDay(j) | Fault::MovedBefore(j) => {
                let vm = &s.vms[j % s.vms.len()].name;
                let to = s.events.last().and_then(|e| e.to.clone()).unwrap();
                // The ledger shows the move next to the activations.
                prop_assert!(seen.ledger.rows.iter().any(|r| r.source == avma_cluster::ledger::MOVE_SOURCE
                    && r.vm.as_deref() == Some(vm.as_str()) && r.host.as_deref() == Some(to.as_str())),
                    "{:?}", seen.ledger.rows);
                let on_new = seen.ledger.rows.iter().any(|r| r.source != avma_cluster::ledger::MOVE_SOURCE
                    && r.vm.as_deref() == Some(vm.as_str()) && r.host.as_deref() == Some(to.as_str())
                    && r.outcome == "success");
                if matches!(fault, Fault::MovedLastDay(_)) {
                    let f = seen.diagnosis.findings.iter().find(|f| f.rule.name == "activation-pending-after-move").unwrap();
                    prop_assert_eq!(f.machine.as_deref(), Some(vm.as_str()));
                    prop_assert!(!on_new, "activated on {} within the delay: {:?}", to, seen.ledger.rows);
                } else {
                    // 12309 (guest) and 12310 (host) with success on the new host.
                    prop_assert!(on_new, "not activated on {} after the delay: {:?}", to, seen.ledger.rows);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn a_healthy_cluster_is_found_healthy() {
    let s = scenario(3, &[(1, false, 0), (2, true, 1)], &Fault::None);
    let seen = named_rules(&s, 0, false);
    assert!(seen.errors.is_empty(), "{:?}", seen.errors);
}
