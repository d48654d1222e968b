//! guest-not-supported (AV104): a guest AVMA cannot activate at all. It closes the
//! `guest-supported` gate: the guest checks behind it do not run (and the diagnosis says so).

use avma_core::finding::Finding;
use avma_core::judge::{self, GuestProblem};
use avma_core::rules;
use avma_core::text::Msg;

use super::{Check, Gate, Scope};
use crate::subject::{at, loc, Subject};

pub const CHECK: Check = Check {
    name: "guest-support",
    rules: &[&rules::GUEST_NOT_SUPPORTED],
    scope: Scope::Guest,
    gate: None,
    run,
};

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    // Known version only: an unknown version is evidence-insufficient, not a verdict.
    if s.version.is_none() || Gate::GuestSupported.open(s) {
        return;
    }
    let mut f = Finding::new(
        &rules::GUEST_NOT_SUPPORTED,
        Msg::new("diag-guest-not-supported").arg("guest", s.machine_arg()),
    )
    .on(&s.m.name)
    .located(s.build_at().map(loc));
    for b in &s.m.builds {
        f = f.because(
            Msg::new("fact-build").arg("build", i64::from(b.value)),
            b.from.first().and_then(at),
        );
    }
    let g = s.guest();
    out.push(f.fix(judge::guest_fix(
        GuestProblem::NotSupported,
        &g,
        s.vm_name(),
        s.cat,
    )));
}
