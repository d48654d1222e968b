//! Who is who and as of when: a guest that cannot be linked to any VM, a VM with no evidence from
//! inside its guest, and evidence older than the warning window. Each is a finding of its own,
//! never an all-clear. Pure: the evidence's time and the clock arrive as values.

use avma_core::finding::{Finding, Location};
use avma_core::rules;
use avma_core::text::Msg;
use avma_evidence::asof::{days_between, AsOf, AsOfSource};
use avma_evidence::model::{Model, Role};
use avma_evidence::observe::Provenance;

/// What these checks need besides the model.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The time the evidence describes (or `--at`).
    pub as_of: Option<&'a AsOf>,
    /// The clock of the machine avma runs on, as a value.
    pub clock: jiff::Timestamp,
    /// `--warn-days`: evidence older than this is stale.
    pub warn_days: u32,
}

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

/// The findings of every check here, in model order (what `diagnose` reports, plus staleness).
pub fn findings(model: &Model, cx: &Context<'_>) -> Vec<Finding> {
    let mut out = link_findings(model);
    stale(cx, &mut out);
    out
}

/// Guests not linked to any VM, and VMs with no guest evidence (run by [`crate::diagnose`]).
pub fn link_findings(model: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    guests_not_linked(model, &mut out);
    vms_without_guest(model, &mut out);
    out
}

/// Evidence older than the warning window, judged against the clock given as a value.
pub fn stale_finding(cx: &Context<'_>) -> Option<Finding> {
    let mut out = Vec::new();
    stale(cx, &mut out);
    out.pop()
}

/// A guest whose evidence matches none of the VMs the hosts or the cluster list. Silent when no
/// host or cluster evidence lists VMs at all: then there is nothing to link to.
fn guests_not_linked(model: &Model, out: &mut Vec<Finding>) {
    if model.vms.is_empty() {
        return;
    }
    let listed: Vec<&str> = model.vms.iter().map(|v| v.name.as_str()).collect();
    for m in model
        .machines
        .iter()
        .filter(|m| m.role == Role::Guest && m.vm.is_none())
    {
        let mut f = Finding::new(
            &rules::GUEST_NOT_LINKED,
            Msg::new("diag-guest-not-linked")
                .arg("guest", m.name.as_str())
                .arg("vms", listed.join(", ")),
        )
        .on(&m.name)
        .located(m.name_from.as_ref().map(loc));
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
    for v in model.vms_without_guest() {
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

/// Evidence older than the warning window.
fn stale(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // A time given with --at is a choice, not the evidence's age.
    let Some(a) = cx.as_of.filter(|a| a.source != AsOfSource::Given) else {
        return;
    };
    let days = days_between(a.time, cx.clock);
    if days <= i64::from(cx.warn_days) {
        return;
    }
    let date = a.time.strftime("%Y-%m-%d").to_string();
    let mut f = Finding::new(
        &rules::EVIDENCE_STALE,
        Msg::new("diag-evidence-stale")
            .arg("date", date.as_str())
            .arg("days", days)
            .arg("warn", i64::from(cx.warn_days)),
    )
    .located(a.from.as_ref().map(loc));
    f = f.because(
        Msg::new("fact-evidence-time").arg("time", a.time.to_string()),
        a.from.as_ref().map(|p| p.label()),
    );
    f.fix.push("avma collect -o collect-avma.ps1".into());
    f.fix_powershell
        .push("avma collect -o collect-avma.ps1".into());
    out.push(f);
}
