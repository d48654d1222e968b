//! Diagnosis: the checks of [`rules::CHECKS`] run over the evidence model. Each finding names
//! its rule, points at the facts that triggered it (file and line, or .evtx record), explains the
//! HRESULTs seen, and carries the fix as cmd and PowerShell commands built by the judgement
//! (`avma_core::judge`) with the guest's real version and edition, through the quoting layer.
//!
//! Pure: the model, the options (the as-of time, where it came from and the clock, as values)
//! and the catalog in; findings out.

use avma_core::catalog::Catalog;
use avma_core::finding::Finding;
use avma_core::rules::Severity;
use avma_core::text::Msg;
use avma_evidence::asof::AsOf;
use avma_evidence::model::{Model, Role};

pub mod rules;
pub mod subject;

use subject::{at, Subject};

pub mod identity;

/// What the user can tune, and the time the evidence is judged at.
#[derive(Debug, Clone)]
pub struct Options {
    /// A host licence ending within this many days is a warning (`--warn-days`); evidence
    /// older than this many days is stale (evidence-stale).
    pub warn_days: u32,
    /// Within this many days it is an error (host-license-lapsing).
    pub critical_days: u32,
    /// The time the evidence is judged at (`as_of`'s time; tests may give it alone).
    pub now: Option<jiff::Timestamp>,
    /// Where `now` came from: `--at`, the collector's manifest, the newest event or file (with
    /// the evidence that dates it), or the clock.
    pub as_of: Option<AsOf>,
    /// The clock of the run, as a value: how old the evidence is (evidence-stale).
    pub clock: Option<jiff::Timestamp>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            warn_days: 14,
            critical_days: 7,
            now: None,
            as_of: None,
            clock: None,
        }
    }
}

impl Options {
    /// Judge as of `as_of` (its time is `now`), the run's clock telling how old that is.
    pub fn at(as_of: AsOf, clock: jiff::Timestamp, warn_days: u32, critical_days: u32) -> Options {
        Options {
            warn_days,
            critical_days,
            now: Some(as_of.time),
            as_of: Some(as_of),
            clock: Some(clock),
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

/// A machine whose inputs gave nothing but its name (and role): nothing to judge, said as such,
/// never "no problem found".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unjudged {
    pub machine: String,
    pub inputs: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    pub findings: Vec<Finding>,
    pub healthy: Vec<Healthy>,
    /// Checks a closed gate kept from running (never silent).
    pub skipped: Vec<Skipped>,
    /// Machines with inputs but no fact to judge (no check ran on them).
    pub unjudged: Vec<Unjudged>,
    /// Inputs that gave no fact at all (no machine came from them), as the caller that read
    /// them names them: nothing to judge there either.
    pub unread: Vec<String>,
    /// Cluster nodes the evidence only lists (a name and a state): not subjects that failed to
    /// be judged but missing evidence about a possible owner, said as an evidence-insufficient
    /// note naming the VMs that may run on them.
    pub listed_only: Vec<String>,
}

impl Diagnosis {
    /// Whether some evidence gave nothing to judge (an input with no fact, a machine with
    /// nothing but its name): never a clean bill of health, and an input error at the edge.
    pub fn nothing_to_judge(&self) -> bool {
        !self.unjudged.is_empty() || !self.unread.is_empty()
    }

    /// Whether anything was judged at all: a machine the host's or the guest's checks ran on.
    /// A machine whose role could not be told is not: only the note that its role is unknown
    /// ran on it, which is no all-clear (a guest's KMS key or a refused AVMA key stays unjudged).
    pub fn judged_any(&self, model: &Model) -> bool {
        model
            .machines
            .iter()
            .filter(|m| diagnosed(m) && m.role != Role::Unknown)
            .any(|m| {
                !self.unjudged.iter().any(|u| u.machine == m.name)
                    && !self.listed_only.contains(&m.name)
            })
    }
}

/// Minutes under which an AVMA activation counts as about to end.
pub const AVMA_EXPIRING_MINUTES: u64 = 2 * 1440;

/// Run every check over the model.
pub fn diagnose(model: &Model, opts: &Options, cat: &Catalog) -> Diagnosis {
    let mut d = Diagnosis::default();
    // Guests failing with 0xC004FD02 and their related hosts: the consequence of a host's
    // state, attached to that host's finding once every machine has its findings.
    let mut fd02: Vec<(String, Vec<String>)> = Vec::new();
    // The machine whose evidence dates the run, once (only when the evidence is old).
    let dater = identity::stale_age(opts).and_then(|(a, _)| identity::dating_machine(model, a));
    for m in model.machines.iter().filter(|m| diagnosed(m)) {
        if !m.inputs.is_empty() && !has_facts(m) {
            if let Some(f) = listed_node(model, m) {
                d.listed_only.push(m.name.clone());
                d.findings.push(f);
                continue;
            }
            d.unjudged.push(Unjudged {
                machine: m.name.clone(),
                inputs: m.inputs.clone(),
            });
            continue;
        }
        let mut s = Subject::new(m, model, opts, cat);
        s.dates_run = dater.is_some_and(|d| std::ptr::eq(d, m));
        if s.has(avma_core::judge::Hresult::HOST_NOT_ACTIVATED)
            .is_some()
        {
            fd02.push((
                m.name.clone(),
                s.hosts.iter().map(|h| h.name.clone()).collect(),
            ));
        }
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
    rules::attach_to_host_cause(&mut d.findings, &fd02);
    avma_core::finding::sort_by_severity(&mut d.findings);
    d
}

/// A cluster node the evidence lists and tells nothing else about: missing evidence about a
/// node the cluster's VMs may run on (their possible owners, or every node when no owner list
/// was collected), said as a note on the node naming those VMs, with how to collect its
/// evidence. `None` when `m` is not a listed node.
fn listed_node(model: &Model, m: &avma_evidence::model::Machine) -> Option<Finding> {
    let cluster = model.cluster.as_ref()?;
    let node = cluster
        .nodes
        .iter()
        .find(|n| n.value.name.eq_ignore_ascii_case(&m.name))?;
    let mine = |list: &Option<Vec<String>>| {
        list.as_ref()
            .map(|l| l.iter().any(|x| x.eq_ignore_ascii_case(&m.name)))
    };
    let vms: Vec<String> = cluster
        .groups
        .iter()
        .filter(|g| g.value.is_vm() || g.value.owner.is_some())
        .filter(|g| {
            g.value
                .owner
                .as_deref()
                .is_some_and(|o| o.eq_ignore_ascii_case(&m.name))
                || mine(&g.value.possible_owners)
                    .or_else(|| mine(&g.value.preferred_owners))
                    .unwrap_or(true)
        })
        .map(|g| g.value.name.clone())
        .collect();
    let state = node.value.state.clone().unwrap_or_else(|| "?".into());
    let msg = if vms.is_empty() {
        Msg::new("diag-node-listed-only")
            .arg("node", m.name.as_str())
            .arg("state", state)
    } else {
        Msg::new("diag-node-listed-only-vms")
            .arg("node", m.name.as_str())
            .arg("state", state)
            .arg("vms", vms.join(", "))
    };
    let from = node.from.first();
    let mut f = Finding::new(&avma_core::rules::EVIDENCE_INSUFFICIENT, msg)
        .on(&m.name)
        .located(from.map(subject::loc));
    if let Some(p) = from {
        f = f.because(
            Msg::new("fact-node-listed").arg("node", m.name.as_str()),
            subject::at(p),
        );
    }
    Some(f.fix(avma_core::judge::collect_node(&m.name)))
}

/// Whether `m` is the machine that reports what the input `file` lists (VMs without guest
/// evidence, their nodes): the first machine whose checks run (diagnosed, with facts) among
/// those whose inputs hold it. One file can give several machines (a table of three nodes);
/// a listed VM is still one finding.
pub(crate) fn reports_file(model: &Model, m: &avma_evidence::model::Machine, file: &str) -> bool {
    model
        .machines
        .iter()
        .filter(|x| diagnosed(x) && !(!x.inputs.is_empty() && !has_facts(x)))
        .find(|x| x.inputs.iter().any(|i| i == file))
        .is_some_and(|x| std::ptr::eq(x, m))
}

/// Whether a machine is diagnosed: any machine but a name only mentioned (an unknown role with
/// no input and no conflict).
pub(crate) fn diagnosed(m: &avma_evidence::model::Machine) -> bool {
    !(m.role == Role::Unknown && m.inputs.is_empty() && m.conflicts.is_empty())
}

/// Whether a machine's evidence holds any fact to judge beyond its name, its role and when it
/// was collected: a version, an edition, a product, an error, a service, a VM, an event, an
/// identity value, a conflict.
pub fn has_facts(m: &avma_evidence::model::Machine) -> bool {
    m.version.is_some()
        || !m.builds.is_empty()
        || !m.captions.is_empty()
        || !m.implied_versions.is_empty()
        || !m.editions.is_empty()
        || m.target_editions.is_some()
        || m.domain_controller.is_some()
        || !m.products.is_empty()
        || !m.keys_installed.is_empty()
        || !m.activation_succeeded.is_empty()
        || !m.errors.is_empty()
        || !m.integration_services.is_empty()
        || !m.services.is_empty()
        || !m.vms.is_empty()
        || !m.events.is_empty()
        || m.other_events > 0
        || !m.conflicts.is_empty()
        || m.identity.parameters.is_some()
        || m.identity.bios_guid.is_some()
        || !m.kvp_guests.is_empty()
        || !m.vm_bios_guids.is_empty()
}

/// Healthy, proven from the machine's own findings and facts: an AVMA-activated guest with no
/// error, or a licensed Datacenter host with no error or warning.
fn health(s: &Subject<'_>, mine: &[Finding]) -> Option<Healthy> {
    // A host's licence may be shown by its status alone (`slmgr /xpr`), its key not listed.
    let p = match s.m.role {
        Role::Host => s.product.or_else(|| subject::licence_product(s.m))?,
        _ => s.product?,
    };
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
