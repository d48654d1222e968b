//! Who is who and as of when: a guest that cannot be linked to any VM, a VM with no evidence from
//! inside its guest, and evidence older than the warning window. Each is a finding of its own,
//! never an all-clear. Pure: the evidence's time and the clock arrive as values (`Options`).

use avma_core::finding::{Finding, Location};
use avma_core::judge;
use avma_core::rules;
use avma_core::text::Msg;
use avma_evidence::asof::parse_time;
use avma_evidence::asof::{days_between, AsOf, AsOfSource};
use avma_evidence::model::{Machine, Model, Role};
use avma_evidence::observe::Provenance;

use crate::subject::Subject;

/// The PowerShell that collects a guest's KVP registry (run inside the guest).
pub const COLLECT_KVP_PS: &str = "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Virtual Machine\\Guest\\Parameters' | ConvertTo-Json > kvp-parameters.json";
/// The PowerShell that lists a host's VMs with their ids (run on the host).
pub const COLLECT_VMS_PS: &str =
    "Get-VM | Select-Object VMName, VMId, State, ComputerName | ConvertTo-Json > vms.json";

fn loc(p: &Provenance) -> Location {
    Location {
        file: p.file.clone(),
        line: p.line,
        record: p.record,
    }
}

/// Guests not linked to any VM, and VMs with no guest evidence.
pub fn link_findings(model: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    guests_not_linked(model, &mut out);
    vms_without_guest(model, &mut out);
    out
}

/// A guest whose evidence matches none of the VMs the hosts or the cluster list. Silent when no
/// host or cluster evidence lists VMs at all: then there is nothing to link to.
fn guests_not_linked(model: &Model, out: &mut Vec<Finding>) {
    for m in &model.machines {
        guest_not_linked(model, m, out);
    }
}

/// [`guests_not_linked`] for one machine.
pub fn guest_not_linked(model: &Model, m: &Machine, out: &mut Vec<Finding>) {
    if model.vms.is_empty() {
        return;
    }
    let listed: Vec<&str> = model.vms.iter().map(|v| v.name.as_str()).collect();
    if m.role == Role::Guest && m.vm.is_none() {
        let mut f = Finding::new(
            &rules::GUEST_NOT_LINKED,
            Msg::new("diag-guest-not-linked")
                .arg("guest", m.name.as_str())
                .arg("vms", listed.join(", ")),
        )
        .on(&m.name)
        .located(m.name_from.as_ref().filter(|_| m.name_known()).map(loc));
        match &m.identity.parameters {
            Some(p) => {
                let id = p.value.vm_id.clone().unwrap_or_else(|| "?".into());
                f = f.because(
                    Msg::new("fact-kvp-vm-id").arg("id", id),
                    p.from.first().map(|p| p.label()),
                );
            }
            None => f = f.because(Msg::new("fact-no-kvp-registry"), None),
        }
        f.fix_powershell.push(COLLECT_KVP_PS.into());
        f.fix_powershell.push(COLLECT_VMS_PS.into());
        out.push(f);
    }
}

/// A VM the hosts or the cluster list that no guest's evidence was linked to.
fn vms_without_guest(model: &Model, out: &mut Vec<Finding>) {
    vms_without_guest_where(model, |_| true, out);
}

/// The VMs without guest evidence that `m`'s own inputs list (each VM is reported once: by the
/// machine whose evidence first listed it).
pub fn vms_without_guest_of(model: &Model, m: &Machine, out: &mut Vec<Finding>) {
    vms_without_guest_where(model, |file| crate::reports_file(model, m, file), out);
}

fn vms_without_guest_where(model: &Model, of: impl Fn(&str) -> bool, out: &mut Vec<Finding>) {
    for v in model.vms_without_guest().filter(|v| of(&v.from.file)) {
        let hosts = if v.hosts.is_empty() {
            "?".to_string()
        } else {
            v.hosts.join(", ")
        };
        let mut f = Finding::new(
            &rules::VM_WITHOUT_GUEST_EVIDENCE,
            Msg::new("diag-vm-without-guest")
                .arg("vm", v.name.as_str())
                .arg("hosts", hosts),
        )
        .on(&v.name)
        .located(Some(loc(&v.from)));
        f = f.because(
            Msg::new("fact-vm-listed").arg("vm", v.name.as_str()),
            Some(v.from.label()),
        );
        if let Some(k) = &v.kvp {
            f = f.because(
                Msg::new("fact-kvp-guest-os")
                    .arg("os", k.os_name.clone().unwrap_or_else(|| "?".into()))
                    .arg(
                        "build",
                        k.os_build
                            .map(|b| b.to_string())
                            .unwrap_or_else(|| "?".into()),
                    )
                    .arg("fqdn", k.fqdn.clone().unwrap_or_else(|| "?".into())),
                Some(v.from.label()),
            );
        }
        f.fix_powershell.push(COLLECT_KVP_PS.into());
        out.push(f);
    }
}

/// Does this machine's evidence hold the file that dates the run?
fn dates(m: &Machine, file: &str) -> bool {
    m.inputs.iter().any(|i| i == file)
        || m.collected
            .iter()
            .any(|c| c.from.iter().any(|p| p.file == file))
        || m.events
            .iter()
            .any(|e| e.from.iter().any(|p| p.file == file))
}

/// The machine a run-level finding about the evidence's time is reported with: the one whose
/// evidence dates the run, else the first machine diagnosed. Computed once per run by
/// [`crate::diagnose`] (`Subject::dates_run`).
pub(crate) fn dating_machine<'a>(model: &'a Model, a: &AsOf) -> Option<&'a Machine> {
    let mut diagnosed = model.machines.iter().filter(|m| crate::diagnosed(m));
    let file = a.from.as_ref().map(|p| p.file.as_str());
    file.and_then(|f| diagnosed.clone().find(|m| dates(m, f)))
        .or_else(|| diagnosed.next())
}

/// The evidence's time and its age in days when it is older than the warning window: its time
/// (`Options::as_of`) against the run's clock (`Options::clock`). None when the time was given
/// with `--at` (a choice, not the evidence's age) or is the clock itself.
pub(crate) fn stale_age(opts: &crate::Options) -> Option<(&AsOf, i64)> {
    let (a, clock) = (opts.as_of.as_ref()?, opts.clock?);
    if matches!(a.source, AsOfSource::Given | AsOfSource::Clock) {
        return None;
    }
    let days = days_between(a.time, clock);
    (days > i64::from(opts.warn_days)).then_some((a, days))
}

/// Evidence older than the warning window (`--warn-days`, see [`stale_age`]). Reported once per
/// run, with the machine whose evidence dates it, pointing at that evidence (the manifest, the
/// newest event, the newest file).
pub fn stale(s: &Subject<'_>, out: &mut Vec<Finding>) {
    if !s.dates_run {
        return;
    }
    let Some((a, days)) = stale_age(s.opts) else {
        return;
    };
    let source = match a.source {
        AsOfSource::Collected => "collected",
        AsOfSource::Event => "event",
        _ => "file-time",
    };
    let date = a.time.strftime("%Y-%m-%d").to_string();
    out.push(
        Finding::new(
            &rules::EVIDENCE_STALE,
            Msg::new("diag-evidence-stale")
                .arg("date", date.as_str())
                .arg("days", days)
                .arg("warn", i64::from(s.opts.warn_days)),
        )
        .located(a.from.as_ref().map(loc))
        .because(
            Msg::new("fact-evidence-dated")
                .arg("time", a.time.to_string())
                .arg("source", source),
            a.from.as_ref().map(|p| p.label()),
        )
        .fix(judge::collect_again()),
    );
}

/// How long after a move a guest not yet activated counts as "pending" rather than failing.
/// An assumption: Microsoft documents no delay (UNVERIFIED); the walkthrough waited minutes.
pub const MOVE_PENDING_HOURS: i64 = 24;

/// The AVMA key's channel token.
const AVMA_CHANNEL: &str = "VIRTUAL_MACHINE_ACTIVATION";

/// A move of a VM's clustered role, from a host's FailoverClustering events.
#[derive(Debug, Clone)]
pub struct Move {
    pub time: Option<jiff::Timestamp>,
    pub to: Option<String>,
    pub from_node: Option<String>,
    pub at: Provenance,
}

fn value(d: &str) -> (&str, &str) {
    match d.split_once('=') {
        Some((k, v)) if !k.contains(' ') => (k, v.trim()),
        _ => ("", d.trim()),
    }
}

fn short(n: &str) -> String {
    n.split('.').next().unwrap_or(n).trim().to_ascii_uppercase()
}

/// The moves of the VM named `vm` ([`avma_evidence::model::is_move_event`]): event 1641 (the
/// role moves; source and destination among its values), 1201 (the role came online on the node
/// that logs it) and VMMS 20417 (a live migration completed; which end logs it is not documented,
/// so neither end is taken from it).
pub fn moves_of(model: &Model, vm: &str) -> Vec<Move> {
    let nodes: std::collections::HashSet<String> = model
        .cluster
        .iter()
        .flat_map(|c| c.nodes.iter().map(|n| short(&n.value.name)))
        .chain(
            model
                .machines
                .iter()
                .filter(|m| m.role == Role::Host)
                .map(|m| short(&m.name)),
        )
        .collect();
    let mut out = Vec::new();
    for h in model.machines.iter().filter(|m| m.role != Role::Guest) {
        for e in &h.events {
            let ev = &e.value;
            if !avma_evidence::model::is_move_event(ev) {
                continue;
            }
            let vals: Vec<(&str, &str)> = ev.data.iter().map(|d| value(d)).collect();
            if !vals.iter().any(|(_, v)| v.eq_ignore_ascii_case(vm)) {
                continue;
            }
            let Some(at) = e.from.first().cloned() else {
                continue;
            };
            let named = |keys: &[&str]| {
                vals.iter()
                    .find(|(k, _)| keys.iter().any(|x| k.eq_ignore_ascii_case(x)))
                    .map(|(_, v)| short(v))
            };
            let node_vals: Vec<String> = vals
                .iter()
                .map(|(_, v)| short(v))
                .filter(|v| nodes.contains(v))
                .collect();
            let (from_node, to) = if ev.event_id == 1641 {
                (
                    named(&["SourceNode", "FromNode"]).or_else(|| node_vals.first().cloned()),
                    named(&["TargetNode", "DestinationNode", "ToNode"])
                        .or_else(|| node_vals.last().cloned()),
                )
            } else if ev.event_id == 1201 {
                (
                    None,
                    ev.computer
                        .as_deref()
                        .map(short)
                        .or_else(|| Some(short(&h.name))),
                )
            } else {
                (None, None)
            };
            out.push(Move {
                time: ev.time.as_deref().and_then(parse_time),
                to,
                from_node,
                at,
            });
        }
    }
    out.sort_by_key(|m| m.time);
    out
}

/// A guest showing Notification or unlicensed shortly after it moved, with the AVMA key and no
/// AVMA failure code, on a new host not known to be unactivated: "activation pending after a
/// move", not an error. The findings, and the guests they are for.
pub fn pending_after_move(model: &Model, now: Option<jiff::Timestamp>) -> Vec<(String, Finding)> {
    let mut out = Vec::new();
    for m in model.machines.iter().filter(|m| m.role == Role::Guest) {
        if let Some(f) = pending(model, m, now) {
            out.push((m.name.clone(), f));
        }
    }
    out
}

/// [`pending_after_move`] for one guest.
pub fn pending(model: &Model, m: &Machine, now: Option<jiff::Timestamp>) -> Option<Finding> {
    let p = m
        .products
        .iter()
        .find(|p| p.facts.has_key() && p.facts.channel.as_deref() == Some(AVMA_CHANNEL))?;
    let status = p.facts.license_status?;
    if !matches!(status, 0 | 5) {
        return None;
    }
    let avma_failure = |h: u32| h & 0xFFFF_FF00 == 0xC004_FD00;
    if p.facts.status_reason.is_some_and(avma_failure)
        || m.events
            .iter()
            .any(|e| e.value.hresults.iter().any(|h| avma_failure(*h)))
        || m.errors.iter().any(|e| e.code.starts_with("0xC004FD"))
    {
        return None;
    }
    let group = model.group_of(m);
    let owner = group.and_then(|g| g.value.owner.as_deref()).map(short);
    // A move shortly before the evidence's time, else an AVMA host that is not the current owner.
    let recent = moves_of(model, m.vm_name())
        .into_iter()
        .rev()
        .find(|mv| match (mv.time, now) {
            (Some(t), Some(n)) => {
                let h = (n.as_second() - t.as_second()) / 3600;
                (0..=MOVE_PENDING_HOURS).contains(&h)
            }
            _ => false,
        });
    let avma_host = p.facts.avma.host_machine_name.as_deref().map(short);
    // Where the VM is now, when the move does not say: its cluster owner, else the one host
    // whose VM list holds it.
    let listed_on =
        m.vm.as_ref()
            .filter(|l| l.hosts.len() == 1)
            .and_then(|l| l.hosts.first())
            .map(|h| short(h));
    let (to, when, at) = match (&recent, &owner, &avma_host) {
        (Some(mv), _, _) => (
            mv.to.clone().or(owner.clone()).or(listed_on)?,
            mv.time.map(|t| t.to_string()),
            Some(mv.at.clone()),
        ),
        (None, Some(o), Some(a)) if o != a => {
            (o.clone(), None, group.and_then(|g| g.from.first().cloned()))
        }
        _ => return None,
    };
    // The new host must not be known to be unable: then it is a failure, not a delay.
    if let Some(h) = model.machine(&to).filter(|h| h.role == Role::Host) {
        if h.products
            .iter()
            .filter(|p| p.facts.has_key())
            .any(|p| p.facts.license_status != Some(1))
        {
            return None;
        }
    }
    let mut f = Finding::new(
        &rules::ACTIVATION_PENDING_AFTER_MOVE,
        Msg::new("diag-pending-after-move")
            .arg("guest", m.name.as_str())
            .arg("to", to.as_str())
            .arg("when", when.clone().unwrap_or_else(|| "?".into()))
            .arg("last", avma_host.clone().unwrap_or_else(|| "?".into()))
            .arg("hours", MOVE_PENDING_HOURS),
    )
    .on(&m.name)
    .located(Some(loc(&p.from)));
    f = f.because(
        Msg::new("fact-license-status").arg("status", i64::from(status)),
        Some(p.from.label()),
    );
    if let Some(mv) = &recent {
        f = f.because(
            Msg::new("fact-moved")
                .arg("from", mv.from_node.clone().unwrap_or_else(|| "?".into()))
                .arg("to", mv.to.clone().unwrap_or_else(|| "?".into()))
                .arg("when", when.clone().unwrap_or_else(|| "?".into())),
            Some(mv.at.label()),
        );
    }
    if let (Some(o), Some(a)) = (&owner, &avma_host) {
        f = f.because(
            Msg::new("fact-avma-host-owner")
                .arg("avma", a.as_str())
                .arg("owner", o.as_str()),
            at.as_ref().map(|p| p.label()),
        );
    }
    f.fix
        .push("cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato".into());
    f.fix_powershell.push("Get-CimInstance -ClassName SoftwareLicensingProduct -Filter \"ApplicationID='55c92734-d682-4d71-983e-d6ec3f16059f' AND PartialProductKey IS NOT NULL\" | Invoke-CimMethod -MethodName Activate".into());
    Some(f)
}
