//! host-too-old-for-guest (AV103) and azure-edition-off-azure (AV108): the hosts a guest may
//! run on, judged for this guest. The fix limits the VM to the hosts that can activate it, by
//! their real names, through its real cluster resource. A guest failing with 0xC004FD03 whose
//! evidence has no host to compare gets AV103 as the inferred cause (said as an inference).

use avma_core::finding::Finding;
use avma_core::judge::{self, Can, HostProblem, Hresult};
use avma_core::rules;
use avma_core::text::{Msg, MsgArg};

use super::{Check, Gate, Scope};
use crate::subject::{at, code_arg, fact_hresult, host_of, loc, version, Subject};

pub const CHECK: Check = Check {
    name: "guest-hosts",
    rules: &[
        &rules::HOST_TOO_OLD_FOR_GUEST,
        &rules::AZURE_EDITION_OFF_AZURE,
    ],
    scope: Scope::Guest,
    gate: Some(Gate::GuestSupported),
    run,
};

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    fd03_without_host(s, out);
    let Some(v) = s.version else { return };
    // Each related host as the judgement sees it for this guest, its activation aside (that
    // is the host's own finding).
    let judged: Vec<(&avma_evidence::model::Machine, Can)> = s
        .hosts
        .iter()
        .map(|h| {
            let mut hj = host_of(h, s.opts, s.cat);
            hj.activated = Some(true);
            hj.lapse_days = None;
            let base = judge::host_base(&hj, s.opts.warn_days);
            (
                *h,
                judge::host_for_guest(&hj, base, Some(v), s.edition, s.cat),
            )
        })
        .collect();
    // The owner limit keeps the VM on the hosts that can activate it now, activation and
    // lapse counted (the judgement's `good_owner`, the audit's set too).
    let good: Vec<&str> = s
        .hosts
        .iter()
        .filter(|h| {
            judge::good_owner(judge::host_can(
                &host_of(h, s.opts, s.cat),
                Some(v),
                s.edition,
                s.opts.warn_days,
                s.cat,
            ))
        })
        .map(|h| h.name.as_str())
        .collect();
    let mut azure_done = false;
    for (h, can) in &judged {
        match can {
            Can::No(HostProblem::TooOld | HostProblem::AzureLocalNotCovered) => {
                let Some(hv) = version(h, s.cat) else {
                    continue;
                };
                let f = Finding::new(
                    &rules::HOST_TOO_OLD_FOR_GUEST,
                    Msg::new("diag-host-too-old")
                        .arg("host", h.name.as_str())
                        .arg("hostversion", hv.name.as_str())
                        .arg("guest", s.machine_arg()),
                )
                .on(&s.m.name)
                .located(h.builds.first().and_then(|b| b.from.first()).map(loc))
                .because(
                    Msg::new("fact-build").arg("build", i64::from(v.build)),
                    s.build_at().and_then(at),
                )
                .because(
                    Msg::new("fact-build").arg("build", i64::from(hv.build)),
                    h.builds.first().and_then(|b| b.from.first()).and_then(at),
                )
                .fix(judge::show_owners(s.vm_name()))
                .fix(judge::limit_owners_to_good(s.vm_name(), &good));
                out.push(f);
            }
            Can::No(HostProblem::AzureEditionGuestOffAzure) if !azure_done => {
                azure_done = true;
                let from = s.m.editions.first().map(|x| x.from.clone());
                let f = Finding::new(
                    &rules::AZURE_EDITION_OFF_AZURE,
                    Msg::new("diag-azure-edition-off-azure")
                        .arg("guest", s.machine_arg())
                        .arg("host", h.name.as_str()),
                )
                .on(&s.m.name)
                .located(from.as_ref().map(loc))
                .because(
                    Msg::new("fact-edition")
                        .arg("edition", s.m.edition.clone().unwrap_or_default()),
                    from.as_ref().and_then(at),
                )
                .because(
                    Msg::new("fact-edition").arg("edition", h.edition.clone().unwrap_or_default()),
                    h.editions.first().and_then(|x| at(&x.from)),
                )
                .fix(judge::show_owners(s.vm_name()));
                out.push(f);
            }
            _ => {}
        }
    }
}

/// 0xC004FD03 ("The host machine can't activate the edition of Windows on the virtual
/// machine.", Microsoft's text, official) with no host the evidence can compare: the likely
/// root cause is a guest newer than the host it runs on (a rolling upgrade's down-level node).
/// That the code means this cause is an inference (the catalog's meaning says so, UNVERIFIED),
/// and the finding says it. Not reported when a related host's version and edition can be
/// judged for this guest: then the comparison is the finding (or none is due).
fn fd03_without_host(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let Some(fd03) = s.has(Hresult::AVMA_FD03) else {
        return;
    };
    let comparable = s.hosts.iter().any(|h| {
        let mut hj = host_of(h, s.opts, s.cat);
        hj.activated = Some(true);
        hj.lapse_days = None;
        let base = judge::host_base(&hj, s.opts.warn_days);
        !matches!(
            judge::host_for_guest(&hj, base, s.version, s.edition, s.cat),
            Can::Unknown(_)
        )
    });
    if comparable {
        return;
    }
    let version: MsgArg = match s.version {
        Some(v) => MsgArg::Str(v.name.clone()),
        None => Msg::new("arg-guest-version-unknown").into(),
    };
    // The VM's name on the cluster when the evidence tells it (a cluster group, a linked VM, or
    // the guest's own computer name), else a placeholder the user fills in.
    let vm = (s.group.is_some() || s.m.vm.is_some() || s.m.name_known()).then(|| s.vm_name());
    let f = Finding::new(
        &rules::HOST_TOO_OLD_FOR_GUEST,
        Msg::new("diag-host-too-old-fd03")
            .arg("guest", s.machine_arg())
            .arg("codes", code_arg(s.cat, &[Hresult::AVMA_FD03.0]))
            .arg("version", version),
    )
    .on(&s.m.name)
    .located(Some(loc(fd03)))
    .because(fact_hresult(Hresult::AVMA_FD03), at(fd03));
    let mut fix = judge::show_physical_host();
    if let Some(vm) = vm {
        fix = fix.then(judge::show_owners(vm));
    }
    out.push(
        f.fix(
            fix.then(judge::move_vm_to_uplevel_node(vm))
                .then(judge::activate(None))
                .then(judge::show_license(false)),
        ),
    );
}
