//! The AVMA activation ledger: which VM activated from which host, when, with what outcome,
//! joined from the hosts' 12310 events, the guests' 12309 events and each guest's AVMA
//! properties (AutomaticVMActivationHostMachineName / LastActivationTime).
//!
//! The payload of 12309/12310 is not publicly documented, so names are found among the event's
//! values by matching the machines the evidence knows (and, failing that, the first value that
//! looks like a computer name); the row says which.
//!
//! Verdicts are the judgement's (`avma_core::judge`): a record's outcome
//! (`judge::record_outcome`), the cause its code names (`judge::cause_of`), whether a VM's last
//! activation has outlived the validity (`judge::activation_state`). The moves of each VM's role
//! (FailoverClustering 1641/1201 and Hyper-V VMMS 20417, read by
//! `avma_diagnose::identity::moves_of`, the same reading
//! `activation-pending-after-move` uses) are rows next to its activations.

use serde::Serialize;

use avma_core::judge::{self, ActivationState, Record};
use avma_core::rules::Rule;
use avma_evidence::model::{Model, Role};
use avma_evidence::observe::{code_text, EventRecord, Provenance};

#[derive(Debug, Clone, Copy)]
pub struct LedgerOptions {
    /// How long an AVMA activation is taken to last (not documented: 7 days is a community figure).
    pub validity_days: u32,
    pub at: Option<jiff::Timestamp>,
}

impl Default for LedgerOptions {
    fn default() -> Self {
        LedgerOptions {
            validity_days: 7,
            at: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub vm: Option<String>,
    pub host: Option<String>,
    pub time: Option<String>,
    /// `success`; the failure HRESULT (`0xC004FD02`); the failed result the message names
    /// when no code is given (`invalid-host`, `invalid-data`, `activation-denied`); `unknown`
    /// when the record says neither (never a success by default); `moved` for a move.
    pub outcome: String,
    /// `host-12310`, `guest-12309` or `guest-properties`.
    pub source: &'static str,
    /// False when a name was taken from a value that only looks like a computer name.
    pub names_matched: bool,
    /// The AVMA result the event's message names (`avma-success`, `invalid-host`,
    /// `invalid-data`, `activation-denied`), when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<&'static str>,
    pub from: Provenance,
    /// The rule of the cause the failure code names, when it names one (the judgement's
    /// `cause_of`: 0xC004FD02 → host-not-activated, ...).
    #[serde(serialize_with = "ser_cause", skip_serializing_if = "Option::is_none")]
    pub cause: Option<&'static Rule>,
    /// For a move: the node the role left, when the event says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
}

fn ser_cause<S: serde::Serializer>(r: &Option<&'static Rule>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.serialize_str(r.name),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "flag", rename_all = "kebab-case")]
pub enum Flag {
    /// The VM's last successful activation is older than the validity.
    Stale {
        vm: String,
        last_success: String,
        age_days: i64,
    },
    /// No successful activation of the VM is in the evidence.
    NeverActivated { vm: String },
    /// The VM was activated by a host that is not a node of the cluster.
    OutsideHost { vm: String, host: String },
    /// A node that activated nothing in the evidence.
    IdleNode { node: String },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Ledger {
    pub rows: Vec<Row>,
    pub flags: Vec<Flag>,
    pub validity_days: u32,
    pub validity_confidence: &'static str,
}

fn short(n: &str) -> String {
    n.split('.').next().unwrap_or(n).to_ascii_uppercase()
}

fn looks_like_name(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && v.len() <= 63
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && v.chars().any(|c| c.is_ascii_alphabetic())
        && !v.starts_with("0x")
        && !(v.len() == 36 && v.matches('-').count() == 4)
}

fn find_name(e: &EventRecord, known: &[String]) -> (Option<String>, bool) {
    for d in &e.data {
        let val = d.split_once('=').map_or(d.as_str(), |(_, v)| v);
        if known.iter().any(|k| *k == short(val)) {
            return (Some(short(val)), true);
        }
    }
    // A known machine named inside a sentence (the message, or a message kept among the values).
    for d in e.data.iter().chain(e.message.as_ref()) {
        for tok in d.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.')) {
            let tok = tok.trim_end_matches('.');
            if looks_like_name(tok) && known.iter().any(|k| *k == short(tok)) {
                return (Some(short(tok)), true);
            }
        }
    }
    let guess = e
        .data
        .iter()
        .map(|d| d.split_once('=').map_or(d.as_str(), |(_, v)| v))
        .find(|v| looks_like_name(v))
        .map(short);
    (guess, false)
}

/// The record's outcome as the judgement reads it (`judge::record_outcome`, from the result its
/// message names and the HRESULTs among its values): `success`, the failure code, the failed
/// result (`invalid-host`, ...), or `unknown` when the record says neither; and the cause the
/// code names.
fn outcome(e: &EventRecord) -> (String, Option<&'static Rule>) {
    match judge::record_outcome(e.result, &e.hresults) {
        Record::Failure(h) => (code_text(h.0), judge::cause_of(h)),
        Record::Refused(r) => (r.token().into(), None),
        Record::Success => ("success".into(), None),
        Record::Unknown => (UNKNOWN.into(), None),
    }
}

/// The outcome of a record that says neither a result nor a code.
pub const UNKNOWN: &str = "unknown";

/// The machine an AVMA event names: a known machine among its values, else the one its
/// message labels (`Host: X`, `Guest: X`), else a value that looks like a computer name.
fn named(e: &EventRecord, labeled: Option<&String>, known: &[String]) -> (Option<String>, bool) {
    let (found, matched) = find_name(e, known);
    if matched {
        return (found, true);
    }
    if let Some(l) = labeled {
        return (Some(short(l)), true);
    }
    (found, false)
}

/// Build the ledger from the evidence model.
pub fn ledger(model: &Model, opts: &LedgerOptions) -> Ledger {
    let nodes: Vec<String> = {
        let mut v: Vec<String> = model
            .cluster
            .iter()
            .flat_map(|c| c.nodes.iter().map(|n| short(&n.value.name)))
            .collect();
        v.extend(
            model
                .machines
                .iter()
                .filter(|m| m.role == Role::Host)
                .map(|m| short(&m.name)),
        );
        v.sort();
        v.dedup();
        v
    };
    let vms: Vec<String> = {
        let mut v: Vec<String> = model
            .machines
            .iter()
            .filter(|m| m.role == Role::Guest)
            .map(|m| short(m.vm_name()))
            .collect();
        v.extend(
            model
                .cluster
                .iter()
                .flat_map(|c| c.groups.iter().map(|g| short(&g.value.name))),
        );
        v.extend(
            model
                .machines
                .iter()
                .flat_map(|m| m.vms.iter().map(|x| short(&x.value.name))),
        );
        v.sort();
        v.dedup();
        v
    };
    let mut rows = Vec::new();
    for m in &model.machines {
        for e in &m.events {
            let Some(from) = e.from.first().cloned() else {
                continue;
            };
            match (e.value.event_id, m.role) {
                (12310, _) => {
                    let (vm, matched) = named(&e.value, e.value.named_guest.as_ref(), &vms);
                    let (outcome, cause) = outcome(&e.value);
                    // The host is the computer that logged it; a form without a computer (the
                    // Get-WinEvent table) leaves the machine named after its file: then the
                    // host the message names, when it names one.
                    let host = match (&e.value.computer, &e.value.named_host) {
                        (None, Some(h)) => short(h),
                        _ => short(&m.name),
                    };
                    rows.push(Row {
                        vm,
                        host: Some(host),
                        time: e.value.time.clone(),
                        outcome,
                        source: "host-12310",
                        names_matched: matched,
                        result: e.value.result.map(|r| r.token()),
                        from,
                        cause,
                        moved_from: None,
                    });
                }
                (12309, _) => {
                    let (host, matched) = named(&e.value, e.value.named_host.as_ref(), &nodes);
                    let (outcome, cause) = outcome(&e.value);
                    rows.push(Row {
                        vm: Some(short(m.vm_name())),
                        host,
                        time: e.value.time.clone(),
                        outcome,
                        source: "guest-12309",
                        names_matched: matched,
                        result: e.value.result.map(|r| r.token()),
                        from,
                        cause,
                        moved_from: None,
                    });
                }
                _ => {}
            }
        }
        if m.role == Role::Guest {
            // An AVMA block left over on a licence of another channel is no activation.
            for p in m.products.iter().filter(|p| !p.facts.avma_left_over()) {
                if let Some(h) = &p.facts.avma.host_machine_name {
                    rows.push(Row {
                        vm: Some(short(m.vm_name())),
                        host: Some(short(h)),
                        time: p.facts.avma.activation_time.clone(),
                        outcome: "success".into(),
                        source: "guest-properties",
                        names_matched: true,
                        result: None,
                        from: p.from.clone(),
                        cause: None,
                        moved_from: None,
                    });
                }
            }
        }
    }
    // The moves of each VM (events 1641/1201, live migrations 20417), next to its activations.
    for vm in &vms {
        for mv in avma_diagnose::identity::moves_of(model, vm) {
            rows.push(Row {
                vm: Some(vm.clone()),
                host: mv.to,
                time: mv.time.map(|t| t.to_string()),
                outcome: "moved".into(),
                source: MOVE_SOURCE,
                names_matched: true,
                result: None,
                from: mv.at,
                cause: None,
                moved_from: mv.from_node,
            });
        }
    }
    rows.sort_by(|a, b| a.vm.cmp(&b.vm).then(a.time.cmp(&b.time)));

    let mut flags = Vec::new();
    let cluster_known = model.cluster.as_ref().is_some_and(|c| !c.nodes.is_empty());
    for vm in &vms {
        let ok: Vec<&Row> = rows
            .iter()
            .filter(|r| r.vm.as_deref() == Some(vm.as_str()) && r.outcome == "success")
            .collect();
        if ok.is_empty() {
            if rows
                .iter()
                .any(|r| r.vm.as_deref() == Some(vm.as_str()) && r.source != MOVE_SOURCE)
                || model.machines.iter().any(|m| short(m.vm_name()) == *vm)
            {
                flags.push(Flag::NeverActivated { vm: vm.clone() });
            }
            continue;
        }
        let last = ok
            .iter()
            .filter_map(|r| r.time.as_deref().and_then(avma_evidence::asof::parse_time))
            .max();
        if let (Some(last), ActivationState::Lapsed { age_days }) = (
            last,
            judge::activation_state(
                last.map(|l| l.as_second()),
                opts.at.map(|a| a.as_second()),
                opts.validity_days,
            ),
        ) {
            flags.push(Flag::Stale {
                vm: vm.clone(),
                last_success: last.to_string(),
                age_days,
            });
        }
        if cluster_known {
            for r in &ok {
                if let Some(h) = &r.host {
                    if !nodes.contains(h) && !flags.iter().any(|f| matches!(f, Flag::OutsideHost { vm: v, host } if v == vm && host == h)) {
                        flags.push(Flag::OutsideHost { vm: vm.clone(), host: h.clone() });
                    }
                }
            }
        }
    }
    for n in &nodes {
        if !rows
            .iter()
            .any(|r| r.host.as_deref() == Some(n.as_str()) && r.outcome == "success")
        {
            flags.push(Flag::IdleNode { node: n.clone() });
        }
    }
    Ledger {
        rows,
        flags,
        validity_days: opts.validity_days,
        validity_confidence: "unverified",
    }
}

/// The ledger as CSV (RFC 4180 quoting).
pub fn to_csv(l: &Ledger) -> String {
    let q = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("vm,host,time,outcome,source,names_matched,evidence\n");
    for r in &l.rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            q(r.vm.as_deref().unwrap_or("")),
            q(r.host.as_deref().unwrap_or("")),
            q(r.time.as_deref().unwrap_or("")),
            q(&r.outcome),
            r.source,
            r.names_matched,
            q(&r.from.label())
        ));
    }
    out
}

/// The `source` of a ledger row that is a move of the VM's role, not an activation.
pub const MOVE_SOURCE: &str = "cluster-move";
