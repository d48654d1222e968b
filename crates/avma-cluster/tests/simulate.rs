//! Simulation of the example rolling upgrade, and the ledger of what it logged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cluster::ledger::{ledger, Flag, LedgerOptions};
use avma_cluster::simulate::{parse, run};
use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput};

const SCENARIO: &str = include_str!("../../../examples/scenarios/rolling-upgrade.toml");

#[test]
fn the_rolling_upgrade_loses_and_regains_activation() {
    let s = parse(SCENARIO).unwrap();
    let r = run(&s, Catalog::builtin());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let state = |date: &str, vm: &str| {
        r.days
            .iter()
            .find(|d| d.date == date)
            .unwrap()
            .vms
            .iter()
            .find(|v| v.vm == vm)
            .unwrap()
            .activated
    };
    let pending = |date: &str, vm: &str| {
        r.days
            .iter()
            .find(|d| d.date == date)
            .unwrap()
            .vms
            .iter()
            .find(|v| v.vm == vm)
            .unwrap()
            .pending
    };
    // Moved to a 2019 node on day 3, the 2022 guest shows Notification while AVMA is due there
    // (the move delay), then the attempt fails: not activated until it moves back.
    assert!(state("2026-12-03", "VM-WEB22"));
    assert!(pending("2026-12-04", "VM-WEB22"));
    assert!(!state("2026-12-04", "VM-WEB22"));
    assert!(!state("2026-12-05", "VM-WEB22") && !pending("2026-12-05", "VM-WEB22"));
    assert!(!state("2026-12-12", "VM-WEB22"));
    // Back on the upgraded node on day 12, pending at 09:00, activated after the delay.
    assert!(pending("2026-12-13", "VM-WEB22"));
    assert!(state("2026-12-14", "VM-WEB22"));
    // HV-NODE1 going down moves VM-APP01 to HV-NODE2, where it is activated again.
    assert!(pending("2026-12-11", "VM-APP01"));
    assert!(state("2026-12-12", "VM-APP01"));
    assert!(state("2026-12-14", "VM-APP01"));
    assert!(r
        .log
        .iter()
        .any(|e| e.event_id == 12309 && e.code == 0xC004FD03 && e.host == "HV-NODE3"));
    // Each move is logged by the cluster on the node the role goes to, and the attempt there
    // comes the delay later.
    let mv = r
        .log
        .iter()
        .find(|e| e.event_id == 1641 && e.vm == "VM-WEB22" && e.day == 3)
        .unwrap();
    assert_eq!(mv.machine, "HV-NODE3");
    assert_eq!(mv.from.as_deref(), Some("HV-NODE2"));
    assert_eq!(mv.time, "2026-12-04T09:00:00Z");
    let first = r
        .log
        .iter()
        .find(|e| e.event_id == 12309 && e.vm == "VM-WEB22" && e.day == 3)
        .unwrap();
    assert_eq!(first.time, "2026-12-04T09:15:00Z");
    assert_eq!(
        first.outcome.rule().map(|r| r.name),
        Some("host-too-old-for-guest")
    );
    assert_eq!(r.move_delay_minutes, 15);
    assert_eq!(r.move_delay_confidence, "unverified");
    assert_eq!(r.validity_confidence, "unverified");
}

#[test]
fn bad_scenarios_are_named() {
    let s = parse("start = \"2026-12-01\"\n[[node]]\nname = \"N1\"\nversion = \"2031\"\n[[vm]]\nname = \"V\"\nversion = \"2019\"\nowner = \"N9\"\npossible_owners = [\"NX\"]\n[[event]]\nday = 1\nkind = \"explode\"\n").unwrap();
    let r = run(&s, Catalog::builtin());
    let all = r.problems.join("\n");
    for needle in [
        "node N1: version \"2031\"",
        "vm V: owner \"N9\"",
        "possible owner \"NX\"",
        "unknown kind \"explode\"",
    ] {
        assert!(all.contains(needle), "{needle} not in {all}");
    }
    assert!(parse("start = 1").is_err());
    assert!(parse("start = \"2026-12-01\"\nbogus = 1").is_err());
}

#[test]
fn a_very_long_simulation_is_cut_at_ten_years_and_says_so() {
    let mut s = parse(SCENARIO).unwrap();
    s.days = u32::MAX;
    let r = run(&s, Catalog::builtin());
    assert_eq!(r.days.len(), avma_cluster::simulate::MAX_DAYS as usize);
    assert!(
        r.problems.iter().any(|p| p.contains("playing 3660")),
        "{:?}",
        r.problems
    );
}

#[test]
fn the_ledger_joins_what_the_simulation_logged() {
    let cat = Catalog::builtin();
    let mut s = parse(SCENARIO).unwrap();
    // A guest activated by a host outside the cluster: a standalone node in the evidence only.
    s.days = 14;
    let r = run(&s, cat);
    let files = avma_cluster::evidence_out::write(&r, &s, cat, false);
    let mut inputs: Vec<MachineInput> = Vec::new();
    for (machine, name, bytes) in files {
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
    let model = build(inputs, cat);
    let at: jiff::Timestamp = "2026-12-31T00:00:00Z".parse().unwrap();
    let l = ledger(
        &model,
        &LedgerOptions {
            validity_days: 7,
            at: Some(at),
        },
    );
    assert!(l.rows.iter().any(|r| r.source == "host-12310"
        && r.vm.as_deref() == Some("VM-APP01")
        && r.names_matched));
    assert!(l
        .rows
        .iter()
        .any(|r| r.source == "guest-12309" && r.outcome == "0xC004FD03"));
    assert!(l.rows.iter().any(|r| r.source == "guest-properties"));
    // Judged on 2026-12-31, the last activations (2026-12-14) are stale.
    assert!(l
        .flags
        .iter()
        .any(|f| matches!(f, Flag::Stale { vm, .. } if vm == "VM-APP01")));
    // HV-NODE3 never activated anything (only failures).
    assert!(l
        .flags
        .iter()
        .any(|f| matches!(f, Flag::IdleNode { node } if node == "HV-NODE3")));
    let csv = avma_cluster::ledger::to_csv(&l);
    assert!(csv.starts_with("vm,host,time,outcome,source,names_matched,evidence\n"));
    assert_eq!(csv.lines().count(), l.rows.len() + 1);
}

#[test]
fn evidence_can_be_written_as_evtx_and_read_back() {
    let cat = Catalog::builtin();
    let s = parse(SCENARIO).unwrap();
    let r = run(&s, cat);
    let files = avma_cluster::evidence_out::write(&r, &s, cat, true);
    let logs: Vec<_> = files
        .iter()
        .filter(|(_, n, _)| n.ends_with(".evtx"))
        .collect();
    assert!(!logs.is_empty());
    for (machine, name, bytes) in logs {
        let (rr, stats) = avma_evidence::evtx::read(
            &format!("{machine}/{name}"),
            std::io::Cursor::new(bytes.clone()),
            false,
        );
        assert!(!rr.has_problems(), "{:?} {:?}", rr.warnings, rr.problems);
        assert!(stats.events_kept > 0);
        assert!(rr.observations.iter().any(|o| matches!(&o.fact, avma_evidence::observe::Fact::Event(e) if e.event_id == 12309 || e.event_id == 12310)));
    }
}

/// Without a move, a guest keeps its activation for its validity after its host lapses.
#[test]
fn a_guest_keeps_its_activation_for_its_validity_when_its_host_lapses() {
    let s = parse(
        "start = \"2026-12-01\"\ndays = 12\n[[node]]\nname = \"N1\"\nversion = \"2022\"\n[[vm]]\nname = \"V\"\nversion = \"2022\"\nowner = \"N1\"\n[[event]]\nday = 2\nkind = \"lapse\"\nnode = \"N1\"\n",
    )
    .unwrap();
    let r = run(&s, Catalog::builtin());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let active: Vec<bool> = r.days.iter().map(|d| d.vms[0].activated).collect();
    // Last activated on day 1: valid through day 7.
    assert_eq!(
        active,
        [true, true, true, true, true, true, true, true, false, false, false, false]
    );
    assert!(r.days.iter().all(|d| !d.vms[0].pending));
}

/// The move delay: 0 activates at the move, a day's worth waits for the next day's 09:00, and
/// a scenario may not ask for more than a week.
#[test]
fn the_move_delay_is_played_as_given() {
    let base = "start = \"2026-12-01\"\ndays = 4\n[[node]]\nname = \"N1\"\nversion = \"2022\"\n[[node]]\nname = \"N2\"\nversion = \"2022\"\n[[vm]]\nname = \"V\"\nversion = \"2022\"\nowner = \"N1\"\n[[event]]\nday = 1\nkind = \"failover\"\nvm = \"V\"\nto = \"N2\"\n";
    let play = |delay: &str| {
        let s = parse(&format!("move_delay_minutes = {delay}\n{base}")).unwrap();
        run(&s, Catalog::builtin())
    };
    let r = play("0");
    assert!(r.days[1].vms[0].activated && !r.days[1].vms[0].pending);
    let r = play("1440");
    assert!(r.days[1].vms[0].pending);
    assert!(!r.days[2].vms[0].pending && r.days[2].vms[0].activated);
    let at = |r: &avma_cluster::simulate::SimResult| {
        r.log
            .iter()
            .filter(|e| e.event_id == 12309 && e.host == "N2")
            .map(|e| e.time.clone())
            .next()
    };
    assert_eq!(at(&r).as_deref(), Some("2026-12-03T09:00:00Z"));
    let r = play("99999");
    assert!(r.problems.iter().any(|p| p.contains("move_delay_minutes")));
    assert_eq!(r.move_delay_minutes, 15);
}

/// The move delay is an assumption, and the catalog says so.
#[test]
fn the_move_delay_is_marked_unverified_in_the_catalog() {
    let f = Catalog::builtin()
        .fact(avma_cluster::simulate::MOVE_DELAY_FACT)
        .expect("the fact behind the move delay");
    assert_eq!(f.confidence, avma_core::catalog::Confidence::Unverified);
    assert!(f.text.en().contains("15 minutes"), "{}", f.text.en());
    assert_eq!(avma_cluster::simulate::DEFAULT_MOVE_DELAY_MINUTES, 15);
}
