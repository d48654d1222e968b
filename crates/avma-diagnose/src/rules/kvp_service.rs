//! kvp-service-not-running (AV208): the guest's Hyper-V Data Exchange Service.

use avma_core::finding::Finding;
use avma_core::judge;
use avma_core::rules;
use avma_core::text::Msg;

use super::{Check, Gate, Scope};
use crate::subject::{at, loc, Subject};

pub const CHECK: Check = Check {
    name: "kvp-service",
    rules: &[&rules::KVP_SERVICE_NOT_RUNNING],
    scope: Scope::Guest,
    gate: Some(Gate::GuestSupported),
    run,
};

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    for sv in
        s.m.services
            .iter()
            .filter(|x| x.value.name.eq_ignore_ascii_case("vmickvpexchange"))
    {
        let is =
            |v: &Option<String>, w: &str| v.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(w));
        if !(is(&sv.value.status, "Stopped") || is(&sv.value.start_type, "Disabled")) {
            continue;
        }
        out.push(
            Finding::new(
                &rules::KVP_SERVICE_NOT_RUNNING,
                Msg::new("diag-kvp-service")
                    .arg("guest", s.m.name.as_str())
                    .arg(
                        "status",
                        sv.value.status.clone().unwrap_or_else(|| "?".into()),
                    )
                    .arg(
                        "start",
                        sv.value.start_type.clone().unwrap_or_else(|| "?".into()),
                    ),
            )
            .on(&s.m.name)
            .located(sv.from.first().map(loc))
            .because(
                Msg::new("fact-service").arg("name", "vmickvpexchange"),
                sv.from.first().and_then(at),
            )
            .fix(judge::start_kvp_service()),
        );
    }
}
