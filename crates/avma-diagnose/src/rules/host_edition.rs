//! host-not-datacenter (AV101): a host that cannot activate AVMA guests by its edition. The fix
//! converts it only where Microsoft documents the conversion (Standard → Datacenter); an Azure
//! Edition host is never converted to Datacenter.

use avma_core::finding::Finding;
use avma_core::judge::{self, Can, HostContext, HostProblem};
use avma_core::rules;
use avma_core::text::Msg;

use super::{Check, Scope};
use crate::subject::{at, loc, Subject};

pub const CHECK: Check = Check {
    name: "host-edition",
    rules: &[&rules::HOST_NOT_DATACENTER],
    scope: Scope::Host,
    gate: None,
    run,
};

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let Some(e) = s.edition else { return };
    let mut h = s.host();
    h.activated = Some(true);
    h.lapse_days = None;
    if judge::host_base(&h, s.opts.warn_days) != Can::No(HostProblem::NotDatacenter) {
        return;
    }
    let from = s.m.editions.first().map(|x| x.from.clone());
    out.push(
        Finding::new(
            &rules::HOST_NOT_DATACENTER,
            Msg::new("diag-host-not-dc")
                .arg("host", s.machine_arg())
                .arg("edition", e.id.as_str()),
        )
        .on(&s.m.name)
        .located(from.as_ref().map(loc))
        .because(
            Msg::new("fact-edition").arg("edition", e.id.as_str()),
            from.as_ref().and_then(at),
        )
        .fix(judge::host_fix(
            HostProblem::NotDatacenter,
            &h,
            HostContext::default(),
            s.cat,
        )),
    );
}
