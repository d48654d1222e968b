//! host-too-old-for-guest (AV103) and azure-edition-off-azure (AV108): the hosts a guest may
//! run on, judged for this guest. The fix limits the VM to the hosts that can activate it, by
//! their real names, through its real cluster resource.

use avma_core::finding::Finding;
use avma_core::judge::{self, Can, HostProblem};
use avma_core::rules;
use avma_core::text::Msg;

use super::{Check, Gate, Scope};
use crate::subject::{at, host_of, loc, version, Subject};

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
