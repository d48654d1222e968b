//! Data-driven diagnosis cases: each file in tests/cases describes machines with their evidence
//! inline (read by the real readers) and the exact set of rules the diagnosis must report.
//! Every diagnosis rule has a case that triggers it and a near miss that must not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use avma_core::rules::{self, Origin};
use avma_core::Catalog;
use avma_diagnose::{diagnose, Options};
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput, Role};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    expect: Vec<String>,
    /// Exact expectations about single findings: message arguments, evidence pointers, fixes.
    #[serde(default)]
    check: Vec<CaseCheck>,
    warn_days: Option<u32>,
    now: Option<String>,
    /// The clock of the run, for the staleness of the evidence (its time is `now`).
    clock: Option<String>,
    /// `now` was given with `--at`.
    #[serde(default)]
    at_given: bool,
    machine: Vec<CaseMachine>,
}

/// What one finding (the first of `rule`) must hold.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseCheck {
    rule: String,
    /// Message arguments, rendered as text, that must contain these values.
    #[serde(default)]
    args: std::collections::BTreeMap<String, String>,
    /// Evidence pointers (`file:line`, `file#record`) the finding must cite.
    #[serde(default)]
    evidence: Vec<String>,
    /// The location `file:line`.
    #[serde(default)]
    at: Option<String>,
    /// The cmd fix, exactly.
    #[serde(default)]
    fix: Option<Vec<String>>,
    /// The PowerShell fix, exactly.
    #[serde(default)]
    fix_powershell: Option<Vec<String>>,
    /// Where each cmd fix line runs (`host`, `guest`, `-` for the finding's machine), exactly.
    #[serde(default)]
    fix_run_on: Option<Vec<String>>,
    /// Substrings no fix line may hold.
    #[serde(default)]
    fix_never: Vec<String>,
}

#[derive(Deserialize)]
struct CaseMachine {
    label: String,
    role: Option<String>,
    file: Vec<CaseFile>,
}

#[derive(Deserialize)]
struct CaseFile {
    name: String,
    text: String,
}

fn cases() -> Vec<(String, Case)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut v: Vec<(String, Case)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).unwrap();
            let case: Case = toml::from_str(&text).unwrap_or_else(|err| panic!("{name}: {err}"));
            (name, case)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn run(case: &Case) -> avma_diagnose::Diagnosis {
    let cat = Catalog::builtin();
    let inputs = case
        .machine
        .iter()
        .map(|m| MachineInput {
            label: m.label.clone(),
            role: match m.role.as_deref() {
                Some("host") => Some(Role::Host),
                Some("guest") => Some(Role::Guest),
                _ => None,
            },
            results: m
                .file
                .iter()
                .map(|f| {
                    let lines: Vec<String> = f.text.lines().map(str::to_string).collect();
                    read_text(&format!("{}/{}", m.label, f.name), &lines, cat)
                })
                .collect(),
        })
        .collect();
    let model = build(inputs, cat);
    let mut opts = Options::default();
    if let Some(w) = case.warn_days {
        opts.warn_days = w;
    }
    opts.now = case.now.as_deref().map(|n| n.parse().unwrap());
    if let Some(clock) = case.clock.as_deref() {
        // The evidence's own time (its manifest or newest event), else `now` as if read from
        // the first file.
        let as_of = match opts.now {
            None => avma_evidence::asof::evidence_time(&model, &[])
                .expect("a case with a clock and no `now` dates itself"),
            Some(now) if case.at_given => avma_evidence::asof::AsOf {
                time: now,
                source: avma_evidence::asof::AsOfSource::Given,
                from: None,
            },
            Some(now) => avma_evidence::asof::AsOf {
                time: now,
                source: avma_evidence::asof::AsOfSource::Event,
                from: case.machine.first().and_then(|m| {
                    m.file.first().map(|f| {
                        avma_evidence::observe::Provenance::line(
                            &format!("{}/{}", m.label, f.name),
                            1,
                            "case",
                        )
                    })
                }),
            },
        };
        opts = Options::at(
            as_of,
            clock.parse().unwrap(),
            opts.warn_days,
            opts.critical_days,
        );
    }
    diagnose(&model, &opts, cat)
}

#[test]
fn every_case_reports_exactly_its_rules() {
    let mut failures = Vec::new();
    for (name, case) in cases() {
        let d = run(&case);
        let got: BTreeSet<&str> = d.findings.iter().map(|f| f.rule.name).collect();
        let want: BTreeSet<&str> = case.expect.iter().map(String::as_str).collect();
        if got != want {
            let detail: Vec<String> = d
                .findings
                .iter()
                .map(|f| format!("{} {:?}", f.rule.name, f.message))
                .collect();
            failures.push(format!(
                "{name}: expected {want:?}, got {got:?}\n    {}",
                detail.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_diagnosis_rule_has_a_hit_and_a_near_miss() {
    let names: Vec<String> = cases().into_iter().map(|(n, _)| n).collect();
    for r in rules::ALL
        .iter()
        .filter(|r| r.origins.contains(&Origin::Diagnose))
    {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(r.name) && n.contains(".hit")),
            "{} has no triggering case",
            r.name
        );
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(r.name) && n.contains(".miss")),
            "{} has no near-miss case",
            r.name
        );
    }
}

#[test]
fn every_finding_points_at_evidence_and_error_findings_carry_a_fix() {
    for (name, case) in cases() {
        let d = run(&case);
        for f in &d.findings {
            if f.rule.name != "evidence-insufficient" {
                assert!(
                    f.location.is_some(),
                    "{name}: {} has no location",
                    f.rule.name
                );
            }
            if f.severity == rules::Severity::Error {
                assert!(
                    !f.fix.is_empty() || !f.fix_powershell.is_empty(),
                    "{name}: {} has no fix",
                    f.rule.name
                );
            }
        }
    }
}

#[test]
fn the_healthy_case_shows_the_proof() {
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "healthy.miss.toml")
        .unwrap();
    let d = run(&case);
    assert!(d.findings.is_empty());
    let names: Vec<&str> = d.healthy.iter().map(|h| h.machine.as_str()).collect();
    assert_eq!(names, ["HV1", "VM1"]);
    let vm = &d.healthy[1];
    let ids: Vec<&str> = vm.facts.iter().map(|(m, _)| m.id).collect();
    assert!(
        ids.contains(&"fact-channel")
            && ids.contains(&"fact-avma-host")
            && ids.contains(&"fact-grace")
    );
    assert!(vm.facts.iter().all(|(_, at)| at.is_some()));
}

#[test]
fn fixes_use_the_guests_own_version_and_edition() {
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "guest-kms-key-installed.hit.toml")
        .unwrap();
    let d = run(&case);
    let f = d
        .findings
        .iter()
        .find(|f| f.rule.name == "guest-kms-key-installed")
        .unwrap();
    // A 2019 Standard guest: the 2019 Standard AVMA key.
    assert!(
        f.fix
            .iter()
            .any(|c| c.contains("/ipk TNK62-RXVTB-4P47B-2D623-4GF74")),
        "{:?}",
        f.fix
    );
    assert!(
        f.fix_powershell
            .iter()
            .any(|c| c.contains("InstallProductKey") && c.contains("TNK62")),
        "{:?}",
        f.fix_powershell
    );
}

#[test]
fn critical_host_expiry_is_an_error() {
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "host-license-lapsing.hit.toml")
        .unwrap();
    let d = run(&case);
    let f = d
        .findings
        .iter()
        .find(|f| f.rule.name == "host-license-lapsing")
        .unwrap();
    assert_eq!(
        f.severity,
        rules::Severity::Error,
        "5 days left is within 7"
    );
}

fn arg_text(m: &avma_core::text::Msg, name: &str) -> Option<String> {
    m.args
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| value_text(v))
}

/// An argument's values as text: English for catalog text, a nested message as its id.
fn value_text(v: &avma_core::text::MsgArg) -> String {
    use avma_core::text::MsgArg;
    match v {
        MsgArg::Str(s) => s.clone(),
        MsgArg::Num(i) => i.to_string(),
        MsgArg::Text(t) => t.en().to_string(),
        MsgArg::Msg(m) => m.id.to_string(),
        MsgArg::List(v, sep) => v.iter().map(value_text).collect::<Vec<_>>().join(sep),
    }
}

/// The `[[check]]` blocks of the cases: message arguments, evidence pointers and the exact fix
/// commands, not only the rule name.
#[test]
fn case_checks_hold() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (name, case) in cases() {
        let d = run(&case);
        for c in &case.check {
            n += 1;
            let Some(f) = d.findings.iter().find(|f| f.rule.name == c.rule) else {
                failures.push(format!("{name}: no {} finding", c.rule));
                continue;
            };
            for (k, v) in &c.args {
                let got = arg_text(&f.message, k);
                if !got.as_deref().is_some_and(|g| g.contains(v.as_str())) {
                    failures.push(format!(
                        "{name}: {} arg {k}: want {v:?}, got {got:?}",
                        c.rule
                    ));
                }
            }
            let cited: Vec<String> = f.evidence.iter().filter_map(|e| e.at.clone()).collect();
            for e in &c.evidence {
                if !cited.iter().any(|x| x == e) {
                    failures.push(format!("{name}: {} does not cite {e}: {cited:?}", c.rule));
                }
            }
            if let Some(want) = &c.at {
                let got = f.location.as_ref().map(|l| match (l.line, l.record) {
                    (Some(line), _) => format!("{}:{line}", l.file),
                    (None, Some(r)) => format!("{}#{r}", l.file),
                    _ => l.file.clone(),
                });
                if got.as_deref() != Some(want.as_str()) {
                    failures.push(format!("{name}: {} at {got:?}, want {want}", c.rule));
                }
            }
            if let Some(want) = &c.fix {
                if &f.fix != want {
                    failures.push(format!(
                        "{name}: {} fix\n  got  {:?}\n  want {want:?}",
                        c.rule, f.fix
                    ));
                }
            }
            if let Some(want) = &c.fix_powershell {
                if &f.fix_powershell != want {
                    failures.push(format!(
                        "{name}: {} fix_powershell\n  got  {:?}\n  want {want:?}",
                        c.rule, f.fix_powershell
                    ));
                }
            }
            if let Some(want) = &c.fix_run_on {
                let got: Vec<&str> = f
                    .fix_run_on
                    .iter()
                    .map(|o| o.map_or("-", |p| p.as_str()))
                    .collect();
                if got != *want {
                    failures.push(format!(
                        "{name}: {} fix_run_on\n  got  {got:?}\n  want {want:?}",
                        c.rule
                    ));
                }
            }
            for never in &c.fix_never {
                if f.fix
                    .iter()
                    .chain(&f.fix_powershell)
                    .any(|l| l.contains(never.as_str()))
                {
                    failures.push(format!("{name}: {} fix holds {never:?}", c.rule));
                }
            }
        }
    }
    assert!(n >= 10, "the cases hold {n} checks");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every diagnose rule of the registry has a check, and every check reports registry rules
/// that are diagnose rules.
#[test]
fn the_check_registry_and_the_rule_registry_agree() {
    use avma_diagnose::rules::CHECKS;
    for r in rules::ALL
        .iter()
        .filter(|r| r.origins.contains(&Origin::Diagnose))
    {
        assert!(
            CHECKS
                .iter()
                .any(|c| c.rules.iter().any(|x| x.code == r.code)),
            "{} {} is a diagnose rule with no check",
            r.code,
            r.name
        );
    }
    for c in CHECKS {
        assert!(!c.rules.is_empty(), "check {} reports no rule", c.name);
        for r in c.rules {
            let reg = rules::ALL.iter().find(|x| x.code == r.code);
            assert!(
                reg.is_some_and(|x| x.origins.contains(&Origin::Diagnose)),
                "check {} reports {} which is not a diagnose rule of the registry",
                c.name,
                r.code
            );
        }
    }
}

/// What `avma rules` says of a rule's severity is what diagnose reports.
#[test]
fn severities_match_the_registry() {
    for (name, case) in cases() {
        for f in run(&case).findings {
            let reg = rules::ALL.iter().find(|r| r.code == f.rule.code).unwrap();
            assert_eq!(
                f.severity, reg.severity,
                "{name}: {} reported as {:?}, the registry says {:?}",
                f.rule.name, f.severity, reg.severity
            );
        }
    }
}

/// An unsupported guest closes the gate: the guest checks behind it are listed as skipped,
/// not silently dropped.
#[test]
fn a_closed_gate_is_visible() {
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "guest-not-supported.hit.toml")
        .unwrap();
    let d = run(&case);
    assert!(d
        .findings
        .iter()
        .any(|f| f.rule.name == "guest-not-supported"));
    assert!(
        d.skipped
            .iter()
            .any(|s| s.check == "guest-key" && s.gate == "guest-supported"),
        "{:?}",
        d.skipped
    );
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "guest-kms-key-installed.hit.toml")
        .unwrap();
    assert!(run(&case).skipped.is_empty());
}

/// Issue #8: AV202 (KMS key) and AV206 (not activated) were two findings for one cause, and
/// AV206's fix `/ato` fails with a KMS key. Now one finding, the state as its evidence.
#[test]
fn one_cause_one_finding() {
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "guest-kms-key-installed.hit.toml")
        .unwrap();
    let d = run(&case);
    assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
    let f = &d.findings[0];
    assert!(f
        .evidence
        .iter()
        .any(|e| e.fact.id == "diag-not-activated-because"));
    assert!(
        !f.fix
            .iter()
            .any(|c| c.ends_with("/ato") && !c.contains("/ipk"))
            || f.fix.iter().any(|c| c.contains("/ipk"))
    );
    let ipk = f.fix.iter().position(|c| c.contains("/ipk")).unwrap();
    let ato = f.fix.iter().position(|c| c.contains("/ato")).unwrap();
    assert!(ipk < ato, "the AVMA key before /ato: {:?}", f.fix);
}

fn ps_errors(src: &str) -> Vec<String> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(src, None).unwrap();
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if n.is_error() || n.is_missing() {
            out.push(format!("{} at {:?}", n.kind(), n.start_position()));
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    out
}

#[test]
fn every_powershell_fix_parses() {
    for (name, case) in cases() {
        for f in run(&case).findings {
            // The fix as the script a user would paste.
            let script = format!("{}\n", f.fix_powershell.join("\n"));
            let errs = ps_errors(&script);
            assert!(
                errs.is_empty(),
                "{name}: {}:\n{script}{errs:?}",
                f.rule.name
            );
        }
    }
}

/// Issue #8: evidence-stale was made by the CLI, so callers of `diagnose()` (report, check)
/// missed it. It is a check now: one finding per run however many machines, pointing at the
/// evidence that dates the run.
#[test]
fn stale_evidence_is_one_finding_from_diagnose() {
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "evidence-stale.event.hit.toml")
        .unwrap();
    let d = run(&case);
    let stale: Vec<_> = d
        .findings
        .iter()
        .filter(|f| f.rule.name == "evidence-stale")
        .collect();
    assert_eq!(stale.len(), 1, "{:?}", d.findings);
    assert_eq!(
        stale[0].evidence[0].fact.id, "fact-evidence-dated",
        "{:?}",
        stale[0].evidence
    );
    assert!(avma_diagnose::rules::CHECKS
        .iter()
        .any(|c| c.name == "evidence-stale" && c.rules[0].name == "evidence-stale"));
}

/// Issue #8: the lapse message had no absolute date. It says the date (the as-of time plus the
/// grace period) and the days, in English and Japanese.
#[test]
fn a_lapse_says_its_date_in_both_languages() {
    use avma_core::text::Lang;
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "host-license-lapsing.hit.toml")
        .unwrap();
    let d = run(&case);
    let f = d
        .findings
        .iter()
        .find(|f| f.rule.name == "host-license-lapsing")
        .unwrap();
    let en = avma_i18n::I18n::new(Lang::En).msg(&f.message);
    assert!(en.contains("on 2026-12-06, in 5 day(s)"), "{en}");
    let ja = avma_i18n::I18n::new(Lang::Ja).msg(&f.message);
    assert!(ja.contains("2026-12-06 (あと 5 日)"), "{ja}");
    // Without an as-of time there is no date to give: the days alone.
    let mut case = case;
    case.now = None;
    let d = run(&case);
    let f = d
        .findings
        .iter()
        .find(|f| f.rule.name == "host-license-lapsing")
        .unwrap();
    assert_eq!(f.message.id, "diag-host-lapsing");
}

/// Issue #8: a guest failing with 0xC004FD02 was a second finding (with `/ato`, which fails
/// again) beside its host's host-not-activated. Now the guest's state is evidence of the host's
/// finding, pointing at the guest's evidence.
#[test]
fn a_guests_fd02_is_attached_to_its_hosts_finding() {
    let (_, case) = cases()
        .into_iter()
        .find(|(n, _)| n == "host-not-activated.hit.toml")
        .unwrap();
    let d = run(&case);
    assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
    let f = &d.findings[0];
    assert_eq!(f.rule.name, "host-not-activated");
    let e = f
        .evidence
        .iter()
        .find(|e| e.fact.id == "diag-guest-fails-with-host")
        .unwrap_or_else(|| panic!("{:?}", f.evidence));
    assert_eq!(e.at.as_deref(), Some("vm1/slp.json:2"));
    assert!(arg_text(&e.fact, "guest").is_some_and(|g| g.starts_with("VM1")));
    assert!(arg_text(&e.fact, "codes").is_some_and(|c| c.contains("0xC004FD02")));
}

/// Issue #8: `diag-refused-value` was defined but never said. A value the quoting layer refuses
/// (here a VM role name with a line break, refused by both shells) is said once, on the finding
/// whose fix shows the placeholder, in English and Japanese.
#[test]
fn a_refused_value_is_said_on_its_finding() {
    use avma_core::text::Lang;
    let f = avma_core::finding::Finding::new(
        &rules::HOST_TOO_OLD_FOR_GUEST,
        avma_core::text::Msg::new("diag-host-too-old"),
    )
    .fix(avma_core::judge::limit_owners(
        "APP\nRemove-Item C:\\",
        &["HV1"],
    ));
    assert!(f.fix_powershell.iter().all(|c| !c.contains("Remove-Item")));
    let said: Vec<_> = f
        .evidence
        .iter()
        .filter(|e| e.fact.id == "diag-refused-value")
        .collect();
    assert_eq!(said.len(), 1, "{:?}", f.evidence);
    let en = avma_i18n::I18n::new(Lang::En).msg(&said[0].fact);
    assert_eq!(
        en,
        "The VM role name holds a line break (U+000A), which cannot be put into a command safely: the command shows a placeholder instead."
    );
    let ja = avma_i18n::I18n::new(Lang::Ja).msg(&said[0].fact);
    assert!(
        ja.starts_with("仮想マシンの役割名に改行 (U+000A) が含まれている"),
        "{ja}"
    );
    // A value that can be quoted is not refused and nothing is said.
    let ok = avma_core::finding::Finding::new(
        &rules::HOST_TOO_OLD_FOR_GUEST,
        avma_core::text::Msg::new("diag-host-too-old"),
    )
    .fix(avma_core::judge::limit_owners("APP01", &["HV1"]));
    assert!(ok.evidence.is_empty() && ok.refused.is_empty());
}

/// Review r3 §3: a machine whose evidence gave nothing but its name (here a Format-List whose
/// only property avma reads is the machine name) is never judged healthy nor given rule
/// findings: it is listed as nothing to judge, with its inputs; a machine with facts beside it
/// is judged as usual.
#[test]
fn a_machine_with_nothing_but_its_name_is_nothing_to_judge() {
    use avma_evidence::observe::{ArtifactKind, Fact, Observation, Provenance, ReadResult};
    let cat = Catalog::builtin();
    let mut r = ReadResult::new("app7/events.txt", ArtifactKind::FormatList);
    r.observations.push(Observation {
        fact: Fact::ComputerName {
            name: "APP7".into(),
        },
        from: Provenance::line("app7/events.txt", 4, "format-list"),
    });
    let (_, healthy) = cases()
        .into_iter()
        .find(|(n, _)| n == "healthy.miss.toml")
        .unwrap();
    let healthy_inputs = || -> Vec<MachineInput> {
        healthy
            .machine
            .iter()
            .map(|m| MachineInput {
                label: m.label.clone(),
                role: None,
                results: m
                    .file
                    .iter()
                    .map(|f| {
                        let lines: Vec<String> = f.text.lines().map(str::to_string).collect();
                        read_text(&format!("{}/{}", m.label, f.name), &lines, cat)
                    })
                    .collect(),
            })
            .collect()
    };
    for role in [None, Some(Role::Guest), Some(Role::Host)] {
        let mut inputs = healthy_inputs();
        inputs.push(MachineInput {
            label: "app7".into(),
            role,
            results: vec![r.clone()],
        });
        let d = diagnose(&build(inputs, cat), &Options::default(), cat);
        assert_eq!(
            d.unjudged,
            vec![avma_diagnose::Unjudged {
                machine: "APP7".into(),
                inputs: vec!["app7/events.txt".into()],
            }],
            "{role:?}"
        );
        assert!(d.nothing_to_judge());
        assert!(
            d.findings
                .iter()
                .all(|f| f.machine.as_deref() != Some("APP7")),
            "{role:?}: {:?}",
            d.findings
        );
        assert!(d.healthy.iter().all(|h| h.machine != "APP7"));
        assert!(d.healthy.iter().any(|h| h.machine == "VM1"), "{role:?}");
    }
}
