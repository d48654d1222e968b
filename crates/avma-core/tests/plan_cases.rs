//! The planner: one case per refusal, and properties that must hold for every input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::catalog::{Catalog, KeyKind};
use avma_core::plan::{plan, PlanRequest, StepKind, Verdict};
use avma_core::spec::{parse_edition_words, parse_machine};
use proptest::prelude::*;

struct Case {
    guest: &'static str,
    want: Option<&'static str>,
    host: &'static str,
    activated: Option<bool>,
    dc: bool,
    verdict: Verdict,
    rules: &'static [&'static str],
}

const CASES: &[Case] = &[
    // The walkthrough's guest: no conversion needed at all.
    Case {
        guest: "2019 Standard",
        want: None,
        host: "2022 Datacenter",
        activated: Some(true),
        dc: false,
        verdict: Verdict::Yes,
        rules: &[],
    },
    // Refusal: Standard host.
    Case {
        guest: "2019 Standard",
        want: None,
        host: "2022 Standard",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["host-not-datacenter"],
    },
    // Refusal: host older than guest.
    Case {
        guest: "2025 Datacenter",
        want: None,
        host: "2022 Datacenter",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["host-too-old-for-guest"],
    },
    // Refusal: evaluation domain controller.
    Case {
        guest: "2019 Standard Evaluation",
        want: None,
        host: "2022 DC",
        activated: Some(true),
        dc: true,
        verdict: Verdict::No,
        rules: &["evaluation-domain-controller"],
    },
    // A retail domain controller needs no conversion: fine.
    Case {
        guest: "2019 Standard",
        want: None,
        host: "2022 DC",
        activated: Some(true),
        dc: true,
        verdict: Verdict::Yes,
        rules: &[],
    },
    // Refusal: downgrade.
    Case {
        guest: "2022 Datacenter",
        want: Some("Standard"),
        host: "2022 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["conversion-not-possible"],
    },
    // Refusal: Datacenter evaluation to Standard.
    Case {
        guest: "2022 Datacenter Evaluation",
        want: Some("Standard"),
        host: "2022 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["conversion-not-possible"],
    },
    // Refusal: Desktop Experience evaluation to Core.
    Case {
        guest: "2022 Standard Evaluation",
        want: Some("Datacenter Core"),
        host: "2022 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["conversion-not-possible"],
    },
    // Standard Core evaluation only to Datacenter Core.
    Case {
        guest: "2022 ServerStandardEvalCor",
        want: Some("Standard Core"),
        host: "2022 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["conversion-not-possible"],
    },
    Case {
        guest: "2022 ServerStandardEvalCor",
        want: None,
        host: "2022 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::Yes,
        rules: &[],
    },
    // Refusal: not an AVMA guest.
    Case {
        guest: "2012 Datacenter",
        want: None,
        host: "2022 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["guest-not-supported"],
    },
    Case {
        guest: "2022 Essentials",
        want: None,
        host: "2022 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::No,
        rules: &["guest-not-supported"],
    },
    // Not yet: host not activated.
    Case {
        guest: "2019 Standard",
        want: None,
        host: "2022 DC",
        activated: Some(false),
        dc: false,
        verdict: Verdict::NotYet,
        rules: &["host-not-activated"],
    },
    // Unverified pair: 2025 host row.
    Case {
        guest: "2019 Standard",
        want: None,
        host: "2025 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::Yes,
        rules: &["unverified-host-guest-pair"],
    },
    // Evaluation host: a warning, not a refusal.
    Case {
        guest: "2019 Standard",
        want: None,
        host: "2022 Datacenter Evaluation",
        activated: Some(true),
        dc: false,
        verdict: Verdict::Yes,
        rules: &["host-evaluation-edition"],
    },
    // SAC guest on an LTSC host, placed by build (unverified).
    Case {
        guest: "1809 Datacenter",
        want: None,
        host: "2019 DC",
        activated: Some(true),
        dc: false,
        verdict: Verdict::Yes,
        rules: &["unverified-host-guest-pair"],
    },
];

#[test]
fn every_refusal_has_its_case() {
    let cat = Catalog::builtin();
    for c in CASES {
        let req = PlanRequest {
            guest: parse_machine(c.guest, cat).unwrap(),
            want: c.want.map(|w| parse_edition_words(w, cat).unwrap()),
            host: parse_machine(c.host, cat).unwrap(),
            host_activated: c.activated,
            domain_controller: c.dc,
        };
        let p = plan(&req, cat).unwrap();
        let rules: Vec<&str> = p.findings.iter().map(|f| f.rule.name).collect();
        assert_eq!(
            p.verdict, c.verdict,
            "{} on {} ({:?}): {rules:?}",
            c.guest, c.host, c.want
        );
        assert_eq!(rules, c.rules, "{} on {} ({:?})", c.guest, c.host, c.want);
        if p.verdict == Verdict::No {
            assert!(p.steps.is_empty());
        }
    }
}

fn ltsc() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("2012r2"),
        Just("2016"),
        Just("2019"),
        Just("2022"),
        Just("2025")
    ]
}

fn guest_edition() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("ServerStandard"),
        Just("ServerDatacenter"),
        Just("ServerStandardCor"),
        Just("ServerDatacenterCor"),
        Just("ServerStandardEval"),
        Just("ServerDatacenterEval"),
        Just("ServerStandardEvalCor"),
        Just("ServerDatacenterEvalCor"),
    ]
}

proptest! {
    /// On an activated retail Datacenter host, AVMA works exactly when host >= guest, and a
    /// working plan always installs the AVMA key of the guest's own version and final edition,
    /// converting (if at all) with a key of the guest's own version.
    #[test]
    fn plans_respect_the_matrix_and_use_the_guests_own_keys(
        gv in ltsc(), hv in ltsc(), ge in guest_edition(), dc_host in any::<bool>(),
    ) {
        let cat = Catalog::builtin();
        let guest = parse_machine(&format!("{gv} {ge}"), cat).unwrap();
        let host = parse_machine(&format!("{hv} {}", if dc_host { "Datacenter" } else { "Standard" }), cat).unwrap();
        let req = PlanRequest { guest, want: None, host, host_activated: Some(true), domain_controller: false };
        let p = plan(&req, cat).unwrap();
        let host_ok = dc_host && host.version.order >= guest.version.order;
        prop_assert_eq!(p.verdict == Verdict::Yes, host_ok, "{:?}", p.findings.iter().map(|f| f.rule.name).collect::<Vec<_>>());
        if p.verdict == Verdict::Yes {
            let k = p.avma_key.unwrap();
            prop_assert_eq!(k.kind, KeyKind::Avma);
            prop_assert!(k.serves(&guest.version.id));
            prop_assert_eq!(&k.family, &p.target.unwrap().family);
            prop_assert_eq!(p.conversion.is_some(), guest.edition.eval);
            if let Some(c) = &p.conversion {
                prop_assert!(c.key.serves(&guest.version.id));
                prop_assert!(!c.to.eval);
                prop_assert_eq!(c.to.core, guest.edition.core);
                let kinds: Vec<StepKind> = p.steps.iter().map(|s| s.kind).collect();
                let pos = |k| kinds.iter().position(|x| *x == k).unwrap();
                prop_assert!(pos(StepKind::ConvertEdition) < pos(StepKind::Restart));
                prop_assert!(pos(StepKind::Restart) < pos(StepKind::InstallAvmaKey));
            }
            for s in &p.steps {
                for c in s.cmd.iter().chain(&s.powershell) {
                    for f in avma_core::key::find_keys(c) {
                        prop_assert!(cat.key(&f.key).unwrap().serves(&guest.version.id), "{} in {}", f.key.as_str(), c);
                    }
                }
            }
        }
    }
}

proptest! {
    /// Whatever people type, parsing a machine never panics.
    #[test]
    fn spec_parsing_never_panics(s in "\\PC{0,60}") {
        let cat = Catalog::builtin();
        let _ = parse_machine(&s, cat);
        let _ = parse_edition_words(&s, cat);
    }

    /// Words people use, in any order and case, parse or fail cleanly.
    #[test]
    fn spec_parsing_of_known_words(words in proptest::collection::vec(prop_oneof![
        Just("2019"), Just("WS2022"), Just("2012"), Just("R2"), Just("std"), Just("DC"), Just("Eval"),
        Just("Core"), Just("Windows"), Just("Server"), Just("Azure"), Just("Edition"), Just("評価版"),
        Just("ServerStandardEval"), Just("Datacenter:"), Just("17763"),
    ], 0..6)) {
        let cat = Catalog::builtin();
        let s = words.join(" ");
        if let Ok(m) = parse_machine(&s, cat) {
            prop_assert!(cat.version(&m.version.id).is_some());
            prop_assert!(cat.edition(&m.edition.id).is_some());
        }
    }
}

/// Issue #8: Datacenter: Azure Edition runs only on Azure and Azure Local; a classic Datacenter
/// host must not answer YES.
#[test]
fn an_azure_edition_guest_on_a_datacenter_host_is_refused() {
    let cat = Catalog::builtin();
    let req = PlanRequest {
        guest: parse_machine("2022 Datacenter: Azure Edition", cat).unwrap(),
        want: None,
        host: parse_machine("2022 Datacenter", cat).unwrap(),
        host_activated: Some(true),
        domain_controller: false,
    };
    let p = plan(&req, cat).unwrap();
    assert_eq!(p.verdict, Verdict::No);
    assert!(p
        .findings
        .iter()
        .any(|f| f.rule.name == "azure-edition-off-azure"));
    // On Azure Local it is fine.
    let req = PlanRequest {
        host: avma_core::spec::MachineSpec {
            version: cat.version("2022").unwrap(),
            edition: cat.edition("ServerAzureStackHCICor").unwrap(),
        },
        ..req
    };
    assert_eq!(plan(&req, cat).unwrap().verdict, Verdict::Yes);
}

/// Issue #8: an Azure Edition host never gets a fix converting it to Datacenter (no downgrade).
#[test]
fn an_azure_edition_host_is_never_converted_to_datacenter() {
    let cat = Catalog::builtin();
    let req = PlanRequest {
        guest: parse_machine("2022 Standard", cat).unwrap(),
        want: None,
        host: parse_machine("2022 Datacenter: Azure Edition", cat).unwrap(),
        host_activated: Some(true),
        domain_controller: false,
    };
    let p = plan(&req, cat).unwrap();
    for f in &p.findings {
        assert!(
            !f.fix
                .iter()
                .chain(&f.fix_powershell)
                .any(|c| c.contains("Set-Edition")),
            "{:?}",
            f.fix
        );
    }
    // A 2019 Standard host is converted (documented).
    let req = PlanRequest {
        host: parse_machine("2019 Standard", cat).unwrap(),
        guest: parse_machine("2019 Standard", cat).unwrap(),
        ..req
    };
    let p = plan(&req, cat).unwrap();
    assert!(p.findings.iter().any(|f| f
        .fix
        .iter()
        .any(|c| c.contains("/Set-Edition:ServerDatacenter"))));
}
