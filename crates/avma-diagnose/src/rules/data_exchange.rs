//! data-exchange-disabled (AV207), data-exchange-event (AV213) and data-exchange-no-contact
//! (AV216): the Data Exchange integration service of each VM, seen from its host.

use avma_core::finding::Finding;
use avma_core::judge;
use avma_core::rules;
use avma_core::text::Msg;
use avma_evidence::observe::Provenance;

use super::{Check, Scope};
use crate::subject::{at, edition, loc, version, Subject};

pub const DISABLED: Check = Check {
    name: "data-exchange",
    rules: &[&rules::DATA_EXCHANGE_DISABLED],
    scope: Scope::Host,
    gate: None,
    run: disabled,
};

pub const EVENT_4096: Check = Check {
    name: "data-exchange-event",
    rules: &[&rules::DATA_EXCHANGE_EVENT],
    scope: Scope::Host,
    gate: None,
    run: event_4096,
};

pub const NO_CONTACT: Check = Check {
    name: "data-exchange-no-contact",
    rules: &[&rules::DATA_EXCHANGE_NO_CONTACT],
    scope: Scope::Host,
    gate: None,
    run: no_contact,
};

/// The primary statuses of an enabled integration service whose guest side does not answer
/// (Hyper-V's `PrimaryStatusDescription`, as PowerShell prints it in English).
fn not_answering(status: &str) -> bool {
    matches!(
        status.trim().to_ascii_lowercase().as_str(),
        "no contact" | "lost communication"
    )
}

/// Data Exchange enabled on the host, the guest not answering: its side is the cause.
fn no_contact(s: &Subject<'_>, out: &mut Vec<Finding>) {
    for sv in s.m.integration_services.iter().filter(|x| {
        x.value.is_data_exchange
            && x.value.enabled == Some(true)
            && x.value.primary_status.as_deref().is_some_and(not_answering)
    }) {
        let vm = sv.value.vm.clone().unwrap_or_else(|| "?".into());
        let status = sv.value.primary_status.clone().unwrap_or_default();
        out.push(
            Finding::new(
                &rules::DATA_EXCHANGE_NO_CONTACT,
                Msg::new("diag-kvp-no-contact")
                    .arg("vm", vm.as_str())
                    .arg("host", s.m.name.as_str())
                    .arg("status", status.as_str()),
            )
            .on(&s.m.name)
            .located(sv.from.first().map(loc))
            .because(
                Msg::new("fact-integration-status")
                    .arg("name", sv.value.name.clone().unwrap_or_default())
                    .arg("status", status.as_str()),
                sv.from.first().and_then(at),
            )
            .fix(judge::start_kvp_service()),
        );
    }
}

fn disabled(s: &Subject<'_>, out: &mut Vec<Finding>) {
    for sv in
        s.m.integration_services
            .iter()
            .filter(|x| x.value.is_data_exchange && x.value.enabled == Some(false))
    {
        let vm = sv.value.vm.clone().unwrap_or_else(|| "?".into());
        // A guest AVMA cannot activate at all has that one cause (the judgement stops there):
        // its Data Exchange is no fix for it.
        let guest = s
            .model
            .vm_named(&vm)
            .and_then(|k| k.guest)
            .and_then(|i| s.model.machines.get(i));
        if guest.is_some_and(|g| {
            judge::guest_avma_supported(version(g, s.cat), edition(g, s.cat), s.cat) == Some(false)
        }) {
            continue;
        }
        out.push(
            Finding::new(
                &rules::DATA_EXCHANGE_DISABLED,
                Msg::new("diag-kvp-disabled")
                    .arg("vm", vm.as_str())
                    .arg("host", s.m.name.as_str()),
            )
            .on(&s.m.name)
            .located(sv.from.first().map(loc))
            .because(
                Msg::new("fact-integration").arg("name", sv.value.name.clone().unwrap_or_default()),
                sv.from.first().and_then(at),
            )
            .fix(judge::enable_data_exchange(&vm)),
        );
    }
}

/// Event 4096 alone is harmless (KB 2989430): an informational finding, unless the service is
/// known to be off (then data-exchange-disabled says it).
fn event_4096(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let mut seen: Vec<(String, Provenance)> = Vec::new();
    for ev in
        s.m.events
            .iter()
            .filter(|e| e.value.event_id == 4096 && e.value.provider.contains("KvpExchange"))
    {
        let vm = ev
            .value
            .data
            .iter()
            .find_map(|x| x.strip_prefix("VmName="))
            .unwrap_or("?")
            .to_string();
        if let Some(f) = ev.from.first() {
            seen.push((vm, f.clone()));
        }
    }
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    seen.dedup_by(|a, b| a.0 == b.0);
    for (vm, p) in seen {
        if s.m.integration_services.iter().any(|x| {
            x.value.is_data_exchange
                && x.value.vm.as_deref() == Some(vm.as_str())
                && x.value.enabled == Some(false)
        }) {
            continue;
        }
        out.push(
            Finding::new(
                &rules::DATA_EXCHANGE_EVENT,
                Msg::new("diag-kvp-4096")
                    .arg("vm", vm.as_str())
                    .arg("host", s.m.name.as_str()),
            )
            .on(&s.m.name)
            .located(Some(loc(&p)))
            .because(Msg::new("fact-event").arg("id", 4096), at(&p))
            .fix(judge::show_data_exchange(&vm)),
        );
    }
}
