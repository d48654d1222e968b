//! guest-not-activated (AV206) and avma-activation-expiring (AV211).
//!
//! One cause, one finding: when the machine already has a finding that explains why it is not
//! activated (a KMS key, an evaluation, a wrong key, the platform, a host too old...), the
//! activation state and its HRESULTs are attached to that finding as evidence, and no second
//! finding with a fix that would fail (`/ato` with a KMS key) is reported.

use avma_core::finding::Finding;
use avma_core::judge::{self, Channel, HostContext, HostProblem, Hresult};
use avma_core::rules::{self, Rule, Severity};
use avma_core::text::{Msg, MsgArg};
use avma_evidence::observe::code_text;

use super::{Check, Scope};
use crate::subject::{at, code_arg, fact_hresult, host_of, loc, status_arg, Subject};

pub const NOT_ACTIVATED: Check = Check {
    name: "guest-activation",
    rules: &[&rules::GUEST_NOT_ACTIVATED],
    scope: Scope::Guest,
    gate: None,
    run: not_activated,
};

pub const EXPIRING: Check = Check {
    name: "guest-avma-expiring",
    rules: &[&rules::AVMA_ACTIVATION_EXPIRING],
    scope: Scope::Guest,
    gate: None,
    run: expiring,
};

/// Findings that explain a guest's failed activation.
pub const CAUSES: &[&Rule] = &[
    &rules::GUEST_NOT_SUPPORTED,
    &rules::GUEST_EVALUATION_EDITION,
    &rules::EVALUATION_DOMAIN_CONTROLLER,
    &rules::GUEST_KMS_KEY_INSTALLED,
    &rules::GUEST_AVMA_KEY_WRONG_VERSION,
    &rules::GUEST_AVMA_KEY_WRONG_EDITION,
    &rules::GUEST_NO_PRODUCT_KEY,
    &rules::UNSUPPORTED_VIRTUALIZATION_PLATFORM,
    &rules::AVMA_THROTTLED,
    &rules::KVP_SERVICE_NOT_RUNNING,
    &rules::HOST_TOO_OLD_FOR_GUEST,
    &rules::AZURE_EDITION_OFF_AZURE,
];

fn not_activated(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let status = s
        .product
        .and_then(|p| p.facts.license_status.map(|st| (st, p)));
    let avma_error = s.codes.iter().any(|(c, _)| c.is_avma());
    // No license status: the newest 12309 that failed (a failed result its message names, or
    // a code that is not AVMA's) says the guest is not activated.
    let failed = s.failed_request.as_ref().filter(|_| status.is_none());
    if !(status.is_some_and(|(st, _)| st != 1)
        || (status.is_none() && avma_error)
        || failed.is_some())
    {
        return;
    }
    let mut list: Vec<u32> = s.codes.iter().map(|(c, _)| c.0).collect();
    list.sort_unstable();
    list.dedup();
    let from = status
        .map(|(_, p)| p.from.clone())
        .or_else(|| s.codes.first().map(|(_, p)| p.clone()));
    let hex: Vec<String> = list.iter().map(|c| code_text(*c)).collect();
    let state = Msg::new("diag-not-activated-because")
        .arg("status", status_arg(s.cat, status.map(|(st, _)| st)))
        .arg(
            "codes",
            if hex.is_empty() {
                "-".to_string()
            } else {
                hex.join(", ")
            },
        );
    if let Some(cause) = out
        .iter_mut()
        .find(|f| f.severity >= Severity::Warning && CAUSES.iter().any(|r| r.code == f.rule.code))
    {
        cause.evidence.push(avma_core::finding::EvidenceRef {
            fact: state,
            at: from.as_ref().and_then(at),
        });
        return;
    }
    // 0xC004FD02: the Hyper-V host is not activated. Unless a related host's own evidence
    // shows it activated (then the guest's state stays the guest's finding), that host is the
    // root cause: its fix (the host's Datacenter key and /ato, on the host), then the guest's
    // re-check (/ato and /dlv, in the guest); `/ato` alone in the guest fails again.
    if let Some(fd02) = s.has(Hresult::HOST_NOT_ACTIVATED) {
        let judged: Vec<judge::Host<'_>> =
            s.hosts.iter().map(|h| host_of(h, s.opts, s.cat)).collect();
        if !judged.iter().any(|h| h.activated == Some(true)) {
            let names: Vec<&str> = s.hosts.iter().map(|h| h.name.as_str()).collect();
            let host: MsgArg = if names.is_empty() {
                Msg::new("arg-host-not-in-evidence").into()
            } else {
                MsgArg::Str(names.join(", "))
            };
            let h = judged.first().copied().unwrap_or_default();
            let mut f = Finding::new(
                &rules::HOST_NOT_ACTIVATED,
                Msg::new("diag-guest-host-not-activated")
                    .arg("guest", s.machine_arg())
                    .arg("host", host)
                    .arg("status", status_arg(s.cat, status.map(|(st, _)| st)))
                    .arg("codes", code_arg(s, &[Hresult::HOST_NOT_ACTIVATED.0])),
            )
            .on(&s.m.name)
            .located(Some(loc(fd02)))
            .because(fact_hresult(Hresult::HOST_NOT_ACTIVATED), at(fd02));
            if let Some(p) = &from {
                f = f.because(state, at(p));
            }
            out.push(f.fix(judge::host_then_guest_fix(judge::host_fix(
                HostProblem::NotActivated,
                &h,
                HostContext::default(),
                s.cat,
            ))));
            return;
        }
    }
    let message = match failed.filter(|_| !avma_error) {
        Some(fr) => Msg::new("diag-avma-request-failed")
            .arg("guest", s.machine_arg())
            .arg("id", i64::from(fr.event_id))
            .arg("result", request_result(fr))
            .arg("host", fr.host.clone().unwrap_or_else(|| "?".into())),
        None => Msg::new("diag-not-activated")
            .arg("guest", s.machine_arg())
            .arg("status", status_arg(s.cat, status.map(|(st, _)| st)))
            .arg("codes", code_arg(s, &list)),
    };
    let from = from.or_else(|| failed.map(|fr| fr.at.clone()));
    let mut f = Finding::new(&rules::GUEST_NOT_ACTIVATED, message)
        .on(&s.m.name)
        .located(from.as_ref().map(loc));
    if let Some(fr) = failed {
        f = f.because(
            Msg::new("fact-avma-request-failed")
                .arg("id", i64::from(fr.event_id))
                .arg("result", request_result(fr))
                .arg("host", fr.host.clone().unwrap_or_else(|| "?".into())),
            at(&fr.at),
        );
    }
    for (c, p) in s.codes.iter().take(6) {
        f = f.because(Msg::new("fact-hresult").arg("code", code_text(c.0)), at(p));
    }
    // No cause found in the evidence: try again, and show the state.
    out.push(f.fix(judge::activate(None)).fix(judge::show_license(false)));
}

/// What a failed request's event says: the notification's own words (as the message has
/// them), else its code.
fn request_result(fr: &crate::subject::FailedRequest) -> String {
    match (fr.result.filter(|r| !r.is_success()), fr.code) {
        (Some(r), Some(c)) => format!("{} ({})", r.words(), code_text(c.0)),
        (Some(r), None) => r.words().to_string(),
        (None, Some(c)) => code_text(c.0),
        (None, None) => "?".to_string(),
    }
}

/// One cause, one finding, across machines: a guest that fails with 0xC004FD02 (the host is
/// not activated) while one of its hosts has its own host-not-activated finding is that
/// host's consequence. Its guest-not-activated finding (whose fix, `/ato` in the guest, would
/// fail again) becomes evidence of the host's finding, pointing at the guest's state. Run by
/// `crate::diagnose` once every machine has its findings (`fd02`: each such guest and the
/// names of its related hosts).
pub fn attach_to_host_cause(findings: &mut Vec<Finding>, fd02: &[(String, Vec<String>)]) {
    use std::collections::HashMap;
    if fd02.is_empty() {
        return;
    }
    // Linear: each machine's guest-not-activated and host-not-activated finding, by name.
    // A guest's finding is its guest-not-activated, or the host-not-activated it reports on
    // itself when no host's evidence showed the host activated.
    let guests: std::collections::HashSet<&str> = fd02.iter().map(|(g, _)| g.as_str()).collect();
    let mut guest_at: HashMap<&str, usize> = HashMap::new();
    let mut host_at: HashMap<&str, usize> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        let Some(m) = f.machine.as_deref() else {
            continue;
        };
        let own = f.rule.code == rules::GUEST_NOT_ACTIVATED.code
            || f.rule.code == rules::HOST_NOT_ACTIVATED.code;
        if guests.contains(m) && own {
            guest_at.entry(m).or_insert(i);
        } else if f.rule.code == rules::HOST_NOT_ACTIVATED.code {
            host_at.entry(m).or_insert(i);
        }
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (guest, hosts) in fd02 {
        let Some(&gi) = guest_at.get(guest.as_str()) else {
            continue;
        };
        if let Some(&hi) = hosts.iter().find_map(|h| host_at.get(h.as_str())) {
            moves.push((gi, hi));
        }
    }
    let mut gone = vec![false; findings.len()];
    for (gi, hi) in moves {
        let g = &findings[gi];
        let at = g.location.as_ref().map(|l| match (l.line, l.record) {
            (Some(n), _) => format!("{}:{n}", l.file),
            (None, Some(r)) => format!("{}#{r}", l.file),
            (None, None) => l.file.clone(),
        });
        let fact = Msg {
            id: "diag-guest-fails-with-host",
            args: g.message.args.clone(),
        };
        findings[hi]
            .evidence
            .push(avma_core::finding::EvidenceRef { fact, at });
        gone[gi] = true;
    }
    let mut i = 0;
    findings.retain(|_| {
        let keep = !gone[i];
        i += 1;
        keep
    });
}

fn expiring(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let Some(p) = s.product else { return };
    if p.facts.license_status != Some(1) || s.channel() != Some(Channel::Avma) {
        return;
    }
    let Some(g) = p
        .facts
        .grace_minutes
        .filter(|g| *g > 0 && *g < crate::AVMA_EXPIRING_MINUTES)
    else {
        return;
    };
    out.push(
        Finding::new(
            &rules::AVMA_ACTIVATION_EXPIRING,
            Msg::new("diag-avma-expiring")
                .arg("guest", s.m.name.as_str())
                .arg("minutes", g as i64)
                .arg(
                    "host",
                    p.facts
                        .avma
                        .host_machine_name
                        .clone()
                        .unwrap_or_else(|| "?".into()),
                ),
        )
        .on(&s.m.name)
        .located(Some(loc(&p.from)))
        .because(Msg::new("fact-grace").arg("minutes", g as i64), at(&p.from))
        .fix(judge::activate(None))
        .fix(judge::show_license(true)),
    );
}
