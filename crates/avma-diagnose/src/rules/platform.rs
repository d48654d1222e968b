//! unsupported-virtualization-platform (AV209) and avma-throttled (AV210): what the HRESULTs
//! say of the platform and of the request rate.

use avma_core::finding::Finding;
use avma_core::judge::{self, Hresult};
use avma_core::rules;
use avma_core::text::Msg;

use super::{Check, Gate, Scope};
use crate::subject::{at, fact_hresult, loc, Subject};

pub const UNSUPPORTED: Check = Check {
    name: "platform",
    rules: &[&rules::UNSUPPORTED_VIRTUALIZATION_PLATFORM],
    scope: Scope::Guest,
    gate: Some(Gate::GuestSupported),
    run: unsupported,
};

pub const THROTTLED: Check = Check {
    name: "throttled",
    rules: &[&rules::AVMA_THROTTLED],
    scope: Scope::Guest,
    gate: Some(Gate::GuestSupported),
    run: throttled,
};

fn unsupported(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let Some(p) = s.has(Hresult::UNSUPPORTED_PLATFORM) else {
        return;
    };
    let mut f = Finding::new(
        &rules::UNSUPPORTED_VIRTUALIZATION_PLATFORM,
        Msg::new("diag-platform").arg("guest", s.machine_arg()),
    )
    .on(&s.m.name)
    .located(Some(loc(p)))
    .because(fact_hresult(Hresult::UNSUPPORTED_PLATFORM), at(p));
    if let (Some(v), Some(e)) = (s.version, s.edition) {
        f = f.fix(judge::switch_to_kms(v, e, s.cat));
    }
    out.push(f);
}

fn throttled(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let Some(p) = s.has(Hresult::AVMA_THROTTLED) else {
        return;
    };
    out.push(
        Finding::new(
            &rules::AVMA_THROTTLED,
            Msg::new("diag-throttled").arg("guest", s.machine_arg()),
        )
        .on(&s.m.name)
        .located(Some(loc(p)))
        .because(fact_hresult(Hresult::AVMA_THROTTLED), at(p))
        .fix(judge::activate(None)),
    );
}
