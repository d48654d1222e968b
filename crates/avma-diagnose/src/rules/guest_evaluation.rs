//! guest-evaluation-edition (AV201), evaluation-domain-controller (AV105) and
//! target-edition-unavailable (AV212): an evaluation guest, and whether it can be converted.

use avma_core::finding::Finding;
use avma_core::judge::{self, Channel, Fix, Hresult};
use avma_core::rules;
use avma_core::shell::{Arg, Command};
use avma_core::text::Msg;

use super::{Check, Gate, Scope};
use crate::subject::{at, fact_hresult, loc, Subject};

pub const CHECK: Check = Check {
    name: "guest-evaluation",
    rules: &[
        &rules::GUEST_EVALUATION_EDITION,
        &rules::EDITION_CHANGE_RESTART_PENDING,
        &rules::EVALUATION_DOMAIN_CONTROLLER,
        &rules::TARGET_EDITION_UNAVAILABLE,
    ],
    scope: Scope::Guest,
    gate: Some(Gate::GuestSupported),
    run,
};

/// Microsoft's documented path for an evaluation DC: a new retail DC takes the roles, then
/// this one is demoted.
fn replace_dc() -> Fix {
    Fix::new()
        .ps(Command::powershell(
            "# On a retail Windows Server joined to the domain:",
            [],
        ))
        .ps(Command::powershell(
            "Install-ADDSDomainController",
            [
                Arg::lit("-DomainName"),
                Arg::placeholder("your domain"),
                Arg::lit("-InstallDns"),
            ],
        ))
        .ps(Command::powershell(
            "Move-ADDirectoryServerOperationMasterRole",
            [
                Arg::lit("-Identity"),
                Arg::placeholder("new DC"),
                Arg::lit("-OperationMasterRole SchemaMaster, DomainNamingMaster, PDCEmulator, RIDMaster, InfrastructureMaster"),
            ],
        ))
        .ps(Command::powershell(
            "# Then on the evaluation domain controller:",
            [],
        ))
        .ps(Command::powershell("Uninstall-ADDSDomainController", []))
}

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let m = s.m;
    let eval_channel = s.product.filter(|_| s.channel() == Some(Channel::Eval));
    let is_eval = s.edition.is_some_and(|e| e.eval) || eval_channel.is_some();
    if !is_eval {
        return;
    }
    let dc = m.domain_controller.as_ref().is_some_and(|d| d.value);
    let from = m
        .editions
        .iter()
        .find(|x| x.edition.contains("Eval"))
        .map(|x| x.from.clone())
        .or_else(|| eval_channel.map(|p| p.from.clone()));
    // The evaluation edition the evidence shows, as a finding's reason.
    let eval_edition = || {
        Msg::new("fact-edition").arg(
            "edition",
            m.edition.clone().unwrap_or_else(|| "TIMEBASED_EVAL".into()),
        )
    };
    // DISM /Set-Edition to a retail edition completed: the restart is what is left (not a
    // second conversion).
    let done = m.edition_changes.iter().find_map(|c| {
        s.cat
            .edition(&c.value.edition)
            .filter(|e| !e.eval)
            .map(|e| (e, c))
    });
    if let (Some((to, change)), false) = (done, dc) {
        let mut f = Finding::new(
            &rules::EDITION_CHANGE_RESTART_PENDING,
            Msg::new("diag-edition-change-restart-pending")
                .arg("guest", s.machine_arg())
                .arg("edition", to.id.as_str()),
        )
        .on(&m.name)
        .located(change.from.first().map(loc));
        if let Some(p) = &from {
            f = f.because(eval_edition(), at(p));
        }
        f = f.because(
            Msg::new("fact-edition-changed").arg("edition", to.id.as_str()),
            change.from.first().and_then(at),
        );
        out.push(f.fix(judge::finish_edition_change(s.version, to, s.cat)));
        return;
    }
    if dc {
        let mut f = Finding::new(
            &rules::EVALUATION_DOMAIN_CONTROLLER,
            Msg::new("diag-eval-dc").arg("guest", s.machine_arg()),
        )
        .on(&m.name)
        .located(from.as_ref().map(loc));
        if let Some(x) = &m.domain_controller {
            f = f.because(Msg::new("fact-dc"), x.from.first().and_then(at));
        }
        out.push(f.fix(replace_dc()));
        return;
    }
    let mut f = Finding::new(
        &rules::GUEST_EVALUATION_EDITION,
        Msg::new("diag-guest-eval").arg("guest", s.machine_arg()),
    )
    .on(&m.name)
    .located(from.as_ref().map(loc));
    if let Some(p) = &from {
        f = f.because(eval_edition(), at(p));
    }
    if let Some(p) = s.has(Hresult::EVAL_NO_AVMA) {
        f = f.because(fact_hresult(Hresult::EVAL_NO_AVMA), at(p));
    }
    if let (Some(v), Some(e)) = (s.version, s.edition) {
        f = f.fix(judge::convert_evaluation(v, e, s.cat));
        // The edition the conversion needs must be offered by DISM.
        if let (Some(t), Some(needed)) = (&m.target_editions, judge::evaluation_target(e, s.cat)) {
            if !t.value.iter().any(|x| x.eq_ignore_ascii_case(&needed.id)) {
                let listed = if t.value.is_empty() {
                    "-".to_string()
                } else {
                    t.value.join(", ")
                };
                let g = Finding::new(
                    &rules::TARGET_EDITION_UNAVAILABLE,
                    Msg::new("diag-target-unavailable")
                        .arg("needed", needed.id.as_str())
                        .arg("listed", listed),
                )
                .on(&m.name)
                .located(t.from.first().map(loc))
                .because(
                    Msg::new("fact-targets").arg("targets", t.value.join(", ")),
                    t.from.first().and_then(at),
                )
                .fix(Fix::new().both(judge::dism_list_targets()));
                out.push(g);
            }
        }
    }
    out.push(f);
}
