//! host-not-activated (AV102), host-license-expiring (AV301) and host-license-lapsing (AV302):
//! the host's own licence, as of the evidence's time. The fix re-activates the host the way its
//! channel allows (never `/ato` to a KMS host that is gone: its own key, or the OEM key of its
//! firmware when its siblings are OEM_DM).

use avma_core::finding::Finding;
use avma_core::judge::{self, Channel, HostContext, HostProblem};
use avma_core::rules;
use avma_core::text::Msg;
use avma_evidence::model::Role;

use super::{Check, Scope};
use crate::subject::{at, code_arg, licence_product, loc, status_arg, windows_product, Subject};

pub const CHECK: Check = Check {
    name: "host-activation",
    rules: &[
        &rules::HOST_NOT_ACTIVATED,
        &rules::HOST_LICENSE_EXPIRING,
        &rules::HOST_LICENSE_LAPSING,
    ],
    scope: Scope::Host,
    gate: None,
    run,
};

/// What the other hosts tell about this one's licence.
fn context(s: &Subject<'_>) -> HostContext {
    HostContext {
        siblings_oem_firmware: s.model.machines.iter().any(|o| {
            o.role == Role::Host
                && !std::ptr::eq(o, s.m)
                && windows_product(o)
                    .and_then(|p| p.facts.channel.as_deref())
                    .map(Channel::parse)
                    == Some(Channel::Oem { firmware: true })
        }),
    }
}

/// The KMS host set by hand on this machine's Windows licence (`Registered KMS machine name`),
/// from any of its rows of that licence (the same partial key, or one row without it), with
/// where it was read.
pub(crate) fn kms_by_hand<'a>(
    m: &'a avma_evidence::model::Machine,
    p: &avma_evidence::model::Product,
) -> Option<(&'a str, &'a avma_evidence::observe::Provenance)> {
    m.products
        .iter()
        .filter(|q| q.facts.is_windows())
        .filter(|q| {
            p.facts.partial_key.is_none()
                || q.facts.partial_key.is_none()
                || q.facts.partial_key == p.facts.partial_key
        })
        .find_map(|q| q.facts.kms.registered.as_deref().map(|r| (r, &q.from)))
}

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let m = s.m;
    let h = s.host();
    let Some(p) = s.product.or_else(|| licence_product(m)) else {
        // Products whose status nothing read (an `/xpr` line in a wording not known, a name
        // alone) say nothing of a key: no key is claimed missing from them.
        if m.products.iter().any(|p| p.facts.license_status.is_some()) {
            let fix = if context(s).siblings_oem_firmware {
                judge::host_fix(HostProblem::NotActivated, &h, context(s), s.cat)
            } else {
                judge::install_key_placeholder("the host's Datacenter key")
            };
            out.push(
                Finding::new(
                    &rules::HOST_NOT_ACTIVATED,
                    Msg::new("diag-host-no-key").arg("host", s.machine_arg()),
                )
                .on(&m.name)
                .located(m.products.first().map(|p| loc(&p.from)))
                .fix(fix),
            );
        }
        return;
    };
    match p.facts.license_status {
        Some(st) if st != 1 => {
            let codes: Vec<u32> = p.facts.status_reason.into_iter().collect();
            let f = Finding::new(
                &rules::HOST_NOT_ACTIVATED,
                Msg::new("diag-host-not-activated")
                    .arg("host", s.machine_arg())
                    .arg("status", status_arg(s.cat, Some(st)))
                    .arg("codes", code_arg(s, &codes)),
            )
            .on(&m.name)
            .located(Some(loc(&p.from)))
            .because(
                Msg::new("fact-status").arg("status", i64::from(st)),
                at(&p.from),
            );
            out.push(match kms_by_hand(m, p) {
                Some((kms, from)) => f
                    .because(Msg::new("fact-kms-by-hand").arg("kms", kms), at(from))
                    .fix(judge::repoint_kms_host(false)),
                None => f.fix(judge::host_fix(
                    HostProblem::NotActivated,
                    &h,
                    context(s),
                    s.cat,
                )),
            });
        }
        Some(1) => {
            // Licensed, but for how long? The nearer of the grace period and the evaluation end,
            // and the absolute date it ends (from the as-of time for the grace period).
            let now = s.opts.now;
            let mut days_left: Option<(f64, Option<jiff::Timestamp>, Msg)> = None;
            if let Some(g) = p.facts.grace_minutes.filter(|g| *g > 0) {
                let end = now.and_then(|n| {
                    n.checked_add(jiff::SignedDuration::from_mins(i64::try_from(g).ok()?))
                        .ok()
                });
                days_left = Some((
                    g as f64 / 1440.0,
                    end,
                    Msg::new("fact-grace").arg("minutes", g as i64),
                ));
            }
            if let (Some(end), Some(now)) = (p.facts.evaluation_end.as_deref(), now) {
                if let Ok(t) = end.parse::<jiff::Timestamp>() {
                    let days = (t.as_second() - now.as_second()) as f64 / 86400.0;
                    if days_left.as_ref().is_none_or(|(d, _, _)| days < *d) {
                        days_left =
                            Some((days, Some(t), Msg::new("fact-eval-end").arg("date", end)));
                    }
                }
            }
            let Some((days, end, fact)) =
                days_left.filter(|(d, _, _)| *d <= f64::from(s.opts.warn_days))
            else {
                return;
            };
            // Whole days left, as audit, report and check count them: the judge names the rule.
            let rule = judge::lapse_rule(days.floor() as i64, s.opts.critical_days);
            let lapsing = rule.code == rules::HOST_LICENSE_LAPSING.code;
            // With the as-of time, the date it lapses; without, only the days.
            let id = match (lapsing, end.is_some()) {
                (true, true) => "diag-host-lapsing-on",
                (true, false) => "diag-host-lapsing",
                (false, true) => "diag-host-expiring-on",
                (false, false) => "diag-host-expiring",
            };
            let mut msg = Msg::new(id)
                .arg("host", s.machine_arg())
                .arg("days", days.floor().max(0.0) as i64)
                .arg(
                    "channel",
                    p.facts.channel.clone().unwrap_or_else(|| "?".into()),
                );
            if let Some(t) = end {
                msg = msg.arg("date", t.strftime("%Y-%m-%d").to_string());
            }
            let f = Finding::new(rule, msg)
                .on(&m.name)
                .located(Some(loc(&p.from)))
                .because(fact, at(&p.from));
            out.push(match kms_by_hand(m, p) {
                Some((kms, from)) => f
                    .because(Msg::new("fact-kms-by-hand").arg("kms", kms), at(from))
                    .fix(judge::repoint_kms_host(true)),
                None => f.fix(judge::host_lapse_fix(&h, context(s), s.cat)),
            });
        }
        _ => {}
    }
}
