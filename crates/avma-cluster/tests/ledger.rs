//! The ledger's verdicts are the judgement's: each record's outcome and the cause its code names
//! (`judge::record_outcome`, `judge::cause_of`), a VM's lapsed activation
//! (`judge::activation_state`), and the moves of each VM's role next to its activations.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cluster::ledger::{ledger, Flag, Ledger, LedgerOptions, MOVE_SOURCE};
use avma_cluster::simulate::{parse, run, Scenario};
use avma_core::judge::{self, ActivationState, Record};
use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput, Model};
use proptest::prelude::*;

fn model_of(s: &Scenario) -> Model {
    let cat = Catalog::builtin();
    let r = run(s, cat);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let mut inputs: Vec<MachineInput> = Vec::new();
    for (machine, name, bytes) in avma_cluster::evidence_out::write(&r, s, cat, false) {
        let (_, lines) = avma_text::decode_lines(&bytes).unwrap();
        let rr = read_text(&format!("{machine}/{name}"), &lines, cat);
        match inputs.iter_mut().find(|i| i.label == machine) {
            Some(i) => i.results.push(rr),
            None => inputs.push(MachineInput {
                label: machine,
                role: None,
                results: vec![rr],
            }),
        }
    }
    build(inputs, cat)
}

fn led(model: &Model, at: &str, validity_days: u32) -> Ledger {
    ledger(
        model,
        &LedgerOptions {
            validity_days,
            at: Some(at.parse().unwrap()),
        },
    )
}

/// A VM fails over to a node that is not activated, then to one that is.
const MOVES: &str = r#"
start = "2026-12-01"
days = 5
[[node]]
name = "N1"
version = "2022"
[[node]]
name = "N2"
version = "2022"
activated = false
[[node]]
name = "N3"
version = "2022"
[[vm]]
name = "V1"
version = "2022"
owner = "N1"
[[event]]
day = 1
kind = "failover"
vm = "V1"
to = "N2"
[[event]]
day = 3
kind = "failover"
vm = "V1"
to = "N3"
"#;

#[test]
fn each_record_is_judged_by_the_judgement_and_moves_sit_next_to_activations() {
    let model = model_of(&parse(MOVES).unwrap());
    let l = led(&model, "2026-12-05T09:00:00Z", 7);
    // Every record's outcome and cause are the judgement's reading of its codes.
    for m in &model.machines {
        for e in &m.events {
            if !matches!(e.value.event_id, 12309 | 12310) {
                continue;
            }
            let row = l
                .rows
                .iter()
                .find(|r| r.from == e.from[0])
                .expect("every event is a row");
            match judge::record_outcome(e.value.result, &e.value.hresults) {
                Record::Success => {
                    assert_eq!(row.outcome, "success");
                    assert!(row.cause.is_none());
                }
                Record::Refused(r) => {
                    assert_eq!(row.outcome, r.token());
                    assert!(row.cause.is_none());
                }
                Record::Unknown => {
                    assert_eq!(row.outcome, "unknown");
                    assert!(row.cause.is_none());
                }
                Record::Failure(h) => {
                    assert_eq!(row.outcome, format!("0x{:08X}", h.0));
                    assert_eq!(
                        row.cause.map(|r| r.name),
                        judge::cause_of(h).map(|r| r.name)
                    );
                }
            }
        }
    }
    // On N2 (not activated) the guest's attempts fail with 0xC004FD02: the host is the cause.
    let fd02: Vec<_> = l
        .rows
        .iter()
        .filter(|r| r.host.as_deref() == Some("N2") && r.outcome == "0xC004FD02")
        .collect();
    assert!(!fd02.is_empty(), "{:?}", l.rows);
    assert!(fd02
        .iter()
        .all(|r| r.cause.map(|c| c.name) == Some("host-not-activated")));
    // The two moves, each right before the first attempt on the node it went to.
    let v1: Vec<_> = l
        .rows
        .iter()
        .filter(|r| r.vm.as_deref() == Some("V1") && r.source != "host-12310")
        .collect();
    let moves: Vec<usize> = (0..v1.len())
        .filter(|&i| v1[i].source == MOVE_SOURCE)
        .collect();
    assert_eq!(moves.len(), 2, "{v1:?}");
    for (i, (to, left)) in moves.iter().zip([("N2", "N1"), ("N3", "N2")]) {
        assert_eq!(v1[*i].host.as_deref(), Some(to));
        assert_eq!(v1[*i].moved_from.as_deref(), Some(left));
        let next = v1.get(i + 1).expect("an attempt after the move");
        assert_eq!(next.source, "guest-12309");
        assert_eq!(next.host.as_deref(), Some(to));
        assert!(next.time > v1[*i].time, "after the move delay");
    }
    // Activated on N3 at the end: neither never-activated nor lapsed.
    assert!(!l
        .flags
        .iter()
        .any(|f| matches!(f, Flag::Stale { .. } | Flag::NeverActivated { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Lapsed ("stale") is the judgement's activation_state for the VM's last success, for any
    /// validity and any time the ledger is read at.
    #[test]
    fn a_lapsed_activation_is_the_judgements(validity in 1u32..30, later in 0i64..60) {
        let model = model_of(&parse(MOVES).unwrap());
        let at = jiff::Timestamp::from_second(
            "2026-12-05T09:00:00Z".parse::<jiff::Timestamp>().unwrap().as_second() + later * 86_400,
        )
        .unwrap();
        let l = led(&model, &at.to_string(), validity);
        let last = l
            .rows
            .iter()
            .filter(|r| r.vm.as_deref() == Some("V1") && r.outcome == "success")
            .filter_map(|r| r.time.as_deref().and_then(avma_evidence::asof::parse_time))
            .max()
            .unwrap();
        let stale = l.flags.iter().find_map(|f| match f {
            Flag::Stale { vm, age_days, .. } if vm == "V1" => Some(*age_days),
            _ => None,
        });
        match judge::activation_state(Some(last.as_second()), Some(at.as_second()), validity) {
            ActivationState::Lapsed { age_days } => prop_assert_eq!(stale, Some(age_days)),
            _ => prop_assert_eq!(stale, None),
        }
    }
}
