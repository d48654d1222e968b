//! Diagnosis: the checks of [`rules::CHECKS`] run over the evidence model. Each finding names
//! its rule, points at the facts that triggered it (file and line, or .evtx record), explains the
//! HRESULTs seen, and carries the fix as cmd and PowerShell commands built by the judgement
//! (`avma_core::judge`) with the guest's real version and edition, through the quoting layer.
//!
//! Pure: the model, the options (the clock included, as a value) and the catalog in; findings out.

use avma_core::catalog::Catalog;
use avma_core::finding::Finding;
use avma_core::rules::Severity;
use avma_core::text::Msg;
use avma_evidence::model::{Model, Role};

pub mod rules;
pub mod subject;

use subject::{at, Subject};

pub mod identity;

/// What the user can tune.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A host licence ending within this many days is a warning (`--warn-days`).
    pub warn_days: u32,
    /// Within this many days it is an error (host-license-lapsing).
    pub critical_days: u32,
    /// The time the evidence is judged at (the CLI passes the clock; tests a fixed value).
    pub now: Option<jiff::Timestamp>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            warn_days: 14,
            critical_days: 7,
            now: None,
        }
    }
}

/// A machine found healthy, with the facts that prove it.
#[derive(Debug, Clone)]
pub struct Healthy {
    pub machine: String,
    pub facts: Vec<(Msg, Option<String>)>,
}

/// A check that did not run on a machine because a gate was closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub machine: String,
    pub check: &'static str,
    pub gate: &'static str,
}

#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    pub findings: Vec<Finding>,
    pub healthy: Vec<Healthy>,
    /// Checks a closed gate kept from running (never silent).
    pub skipped: Vec<Skipped>,
}

/// Minutes under which an AVMA activation counts as about to end.
pub const AVMA_EXPIRING_MINUTES: u64 = 2 * 1440;

/// Run every check over the model.
pub fn diagnose(model: &Model, opts: &Options, cat: &Catalog) -> Diagnosis {
    let mut d = Diagnosis::default();
    for m in &model.machines {
        if m.role == Role::Unknown && m.inputs.is_empty() && m.conflicts.is_empty() {
            continue;
        }
        let s = Subject::new(m, model, opts, cat);
        let mut mine: Vec<Finding> = Vec::new();
        for c in rules::CHECKS.iter().filter(|c| c.scope.applies(m.role)) {
            if let Some(g) = c.gate.filter(|g| !g.open(&s)) {
                d.skipped.push(Skipped {
                    machine: m.name.clone(),
                    check: c.name,
                    gate: g.as_str(),
                });
                continue;
            }
            (c.run)(&s, &mut mine);
        }
        if let Some(h) = health(&s, &mine) {
            d.healthy.push(h);
        }
        d.findings.extend(mine);
    }
    avma_core::finding::sort_by_severity(&mut d.findings);
    d
}

/// Healthy, proven from the machine's own findings and facts: an AVMA-activated guest with no
/// error, or a licensed Datacenter host with no error or warning.
fn health(s: &Subject<'_>, mine: &[Finding]) -> Option<Healthy> {
    let p = s.product?;
    let worst = mine.iter().map(|f| f.severity).max();
    match s.m.role {
        Role::Guest => {
            if worst == Some(Severity::Error)
                || p.facts.license_status != Some(1)
                || s.channel() != Some(avma_core::judge::Channel::Avma)
            {
                return None;
            }
            let mut facts = vec![
                (
                    Msg::new("fact-channel").arg("channel", "VIRTUAL_MACHINE_ACTIVATION"),
                    at(&p.from),
                ),
                (Msg::new("fact-licensed"), at(&p.from)),
            ];
            if let Some(h) = &p.facts.avma.host_machine_name {
                facts.push((
                    Msg::new("fact-avma-host").arg("host", h.as_str()).arg(
                        "time",
                        p.facts
                            .avma
                            .activation_time
                            .clone()
                            .unwrap_or_else(|| "?".into()),
                    ),
                    at(&p.from),
                ));
            }
            if let Some(g) = p.facts.grace_minutes {
                facts.push((Msg::new("fact-grace").arg("minutes", g as i64), at(&p.from)));
            }
            Some(Healthy {
                machine: s.m.name.clone(),
                facts,
            })
        }
        Role::Host => {
            let e = s.edition?;
            if worst >= Some(Severity::Warning)
                || p.facts.license_status != Some(1)
                || e.family != "datacenter"
            {
                return None;
            }
            Some(Healthy {
                machine: s.m.name.clone(),
                facts: vec![
                    (
                        Msg::new("fact-edition").arg("edition", e.id.as_str()),
                        s.m.editions.first().and_then(|x| at(&x.from)),
                    ),
                    (Msg::new("fact-licensed"), at(&p.from)),
                    (
                        Msg::new("fact-channel").arg(
                            "channel",
                            p.facts.channel.clone().unwrap_or_else(|| "?".into()),
                        ),
                        at(&p.from),
                    ),
                ],
            })
        }
        Role::Unknown => None,
    }
}
