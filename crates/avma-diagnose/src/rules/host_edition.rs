//! host-not-datacenter (AV101): a host that cannot activate AVMA guests by its edition. The fix
//! converts it only where Microsoft documents the conversion (Standard → Datacenter); an Azure
//! Edition host is never converted to Datacenter. host-evaluation-edition (AV106): an
//! evaluation Datacenter host.

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
    // An edition the sources disagree on, one of them saying Datacenter (a caption of Standard
    // beside OperatingSystemSKU 8), is evidence-conflict, said there: not a host proven to be
    // another edition (as guest-key does for a wrong-edition key).
    let stated_datacenter = s.m.conflicts.iter().any(|c| {
        c.field == "edition"
            && c.values.iter().any(|v| {
                v.implied_by.is_none()
                    && s.cat
                        .edition(&v.value)
                        .is_some_and(|x| x.family == "datacenter")
            })
    });
    if stated_datacenter {
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

pub const EVALUATION: Check = Check {
    name: "host-evaluation",
    rules: &[&rules::HOST_EVALUATION],
    scope: Scope::Host,
    gate: None,
    run: evaluation,
};

/// host-evaluation-edition (AV106): an evaluation Datacenter host. Whether it activates AVMA
/// guests no source says (the catalog's `eval-host-unknown`, UNVERIFIED), and its licence ends
/// with the evaluation: the fix converts it to retail Datacenter with the user's own key (the
/// judgement's `convert_evaluation_host`, as for a lapsed evaluation).
fn evaluation(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let Some(e) = s.edition.filter(|e| e.eval) else {
        return;
    };
    let mut h = s.host();
    h.activated = Some(true);
    h.lapse_days = None;
    if judge::host_base(&h, s.opts.warn_days) == Can::No(HostProblem::NotDatacenter) {
        // A Standard evaluation is host-not-datacenter's (its conversion is that fix).
        return;
    }
    // Not activated, lapsed or lapsing: that finding's fix is this conversion already (one
    // cause, one finding).
    if out.iter().any(|f| {
        [
            &rules::HOST_NOT_ACTIVATED,
            &rules::HOST_LICENSE_EXPIRING,
            &rules::HOST_LICENSE_LAPSING,
        ]
        .iter()
        .any(|r| r.code == f.rule.code)
    }) {
        return;
    }
    let from = s.m.editions.first().map(|x| x.from.clone());
    let mut f = Finding::new(
        &rules::HOST_EVALUATION,
        Msg::new("diag-host-evaluation")
            .arg("host", s.machine_arg())
            .arg("edition", e.id.as_str()),
    )
    .on(&s.m.name)
    .located(from.as_ref().map(loc))
    .because(
        Msg::new("fact-edition").arg("edition", e.id.as_str()),
        from.as_ref().and_then(at),
    );
    if let Some(p) = s.product {
        if let Some(c) = p.facts.channel.as_deref() {
            f = f.because(Msg::new("fact-channel").arg("channel", c), at(&p.from));
        }
        if let Some(g) = p.facts.grace_minutes.filter(|g| *g > 0) {
            f = f.because(Msg::new("fact-grace").arg("minutes", g as i64), at(&p.from));
        }
    }
    out.push(f.fix(judge::convert_evaluation_host(&s.host(), s.cat)));
}
