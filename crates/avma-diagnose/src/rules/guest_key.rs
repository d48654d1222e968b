//! guest-kms-key-installed (AV202), guest-avma-key-wrong-version (AV203),
//! guest-avma-key-wrong-edition (AV204), guest-no-product-key (AV205): the guest's key, as the
//! judgement classifies it.

use avma_core::finding::Finding;
use avma_core::judge::{self, GuestProblem, Hresult};
use avma_core::rules;
use avma_core::text::Msg;

use super::{Check, Gate, Scope};
use crate::subject::{at, code_arg, fact_hresult, loc, Subject};

pub const CHECK: Check = Check {
    name: "guest-key",
    rules: &[
        &rules::GUEST_KMS_KEY_INSTALLED,
        &rules::GUEST_AVMA_KEY_WRONG_VERSION,
        &rules::GUEST_AVMA_KEY_WRONG_EDITION,
        &rules::GUEST_NO_PRODUCT_KEY,
    ],
    scope: Scope::Guest,
    gate: Some(Gate::GuestSupported),
    run,
};

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let m = s.m;
    let g = s.guest();
    let problems = judge::guest_problems(&g, s.cat);
    let partial = || {
        s.product
            .and_then(|p| p.facts.partial_key.clone())
            .unwrap_or_default()
    };
    let fix = |p: GuestProblem| judge::guest_fix(p, &g, s.vm_name(), s.cat);
    for p in problems.iter().copied() {
        match p {
            GuestProblem::KmsKey => {
                let Some(prod) = s.product else { continue };
                // The codes the evidence shows: 0xC004F074 is what a KMS client fails with, but
                // the message cites what was seen (an /ipk that failed, a notification reason).
                let mut seen: Vec<u32> = s
                    .codes
                    .iter()
                    .map(|(c, _)| c.0)
                    .filter(|c| *c != Hresult::KMS_UNREACHABLE.0)
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                let msg = if s.has(Hresult::KMS_UNREACHABLE).is_some() || seen.is_empty() {
                    Msg::new("diag-guest-kms-key")
                } else {
                    Msg::new("diag-guest-kms-key-codes").arg("codes", code_arg(s, &seen))
                };
                let mut f = Finding::new(
                    &rules::GUEST_KMS_KEY_INSTALLED,
                    msg.arg("guest", s.machine_arg())
                        .arg("last5", partial())
                        .arg(
                            "key",
                            prod.key
                                .as_ref()
                                .map(|k| k.key.clone())
                                .unwrap_or_else(|| "?".into()),
                        ),
                )
                .on(&m.name)
                .located(Some(loc(&prod.from)))
                .because(
                    Msg::new("fact-channel").arg(
                        "channel",
                        prod.facts.channel.clone().unwrap_or_else(|| "?".into()),
                    ),
                    at(&prod.from),
                );
                if let Some(pp) = s.has(Hresult::KMS_UNREACHABLE) {
                    f = f.because(fact_hresult(Hresult::KMS_UNREACHABLE), at(pp));
                }
                for (c, pp) in s.codes.iter().filter(|(c, _)| seen.contains(&c.0)) {
                    f = f.because(fact_hresult(*c), at(pp));
                }
                // No build or OS name: the version the installed key implies gives the AVMA key
                // (weaker than a build, and said so on the finding).
                let mut gk = g;
                if let (None, Some(v)) = (g.version, s.implied_version) {
                    gk.version = Some(v);
                    f = f.because(
                        Msg::new("diag-version-implied-by-key")
                            .arg("version", v.name.as_str())
                            .arg("last5", partial()),
                        at(&prod.from),
                    );
                }
                let mut f = tried_other_keys(s, &gk, f);
                let mut fix = judge::guest_fix(p, &gk, s.vm_name(), s.cat);
                // A KMS host set by hand is said, and cleared before the AVMA key goes in:
                // the guest should not keep asking it.
                if let Some((kms, from)) = super::host_activation::kms_by_hand(m, prod) {
                    f = f.because(Msg::new("fact-kms-by-hand").arg("kms", kms), at(from));
                    if !fix.is_empty() {
                        fix = judge::clear_kms_host().then(fix);
                    }
                }
                out.push(f.fix(fix));
            }
            GuestProblem::AvmaKeyWrongVersion | GuestProblem::AvmaKeyWrongEdition => {
                let (Some(prod), Some(k)) = (s.product, g.key) else {
                    continue;
                };
                // An edition the sources disagree on is evidence-conflict, not a wrong key
                // (the edition the key itself implies is this finding's, not a conflict).
                if p == GuestProblem::AvmaKeyWrongEdition
                    && m.conflicts.iter().any(|c| {
                        c.field == "edition"
                            && c.values.iter().filter(|v| v.implied_by.is_none()).count() > 1
                    })
                {
                    continue;
                }
                let msg = if p == GuestProblem::AvmaKeyWrongVersion {
                    Msg::new("diag-avma-wrong-version")
                        .arg("guest", s.machine_arg())
                        .arg("key", k.key.as_str())
                        .arg("versions", k.versions.join(", "))
                } else {
                    Msg::new("diag-avma-wrong-edition")
                        .arg("guest", s.machine_arg())
                        .arg("key", k.key.as_str())
                        .arg("family", k.family.as_str())
                };
                let f = Finding::new(p.rule(), msg)
                    .on(&m.name)
                    .located(Some(loc(&prod.from)))
                    .because(
                        Msg::new("fact-partial-key").arg("last5", partial()),
                        at(&prod.from),
                    );
                out.push(f.fix(fix(p)));
            }
            GuestProblem::NoKey => {
                let from = m
                    .products
                    .first()
                    .map(|p| p.from.clone())
                    .or_else(|| s.has(Hresult::NO_KEY).cloned());
                let mut f = Finding::new(
                    &rules::GUEST_NO_PRODUCT_KEY,
                    Msg::new("diag-no-key").arg("guest", s.machine_arg()),
                )
                .on(&m.name)
                .located(from.as_ref().map(loc));
                if let Some(p) = &from {
                    f = f.because(Msg::new("fact-no-key"), at(p));
                }
                out.push(f.fix(fix(p)));
            }
            _ => {}
        }
    }
    // No key of the guest's own is wrong, but the AVMA key it was given was refused, and that key
    // is another version's or edition's (a 2022 Datacenter key on a 2022 Standard guest holding
    // its retail key): the refused key is the finding, with the right key as the fix. A KMS key
    // already says the tried key on its own finding.
    let said = problems.iter().any(|p| {
        matches!(
            p,
            GuestProblem::KmsKey
                | GuestProblem::AvmaKeyWrongVersion
                | GuestProblem::AvmaKeyWrongEdition
                | GuestProblem::Evaluation
                | GuestProblem::NotSupported
        )
    });
    if !said && g.activated != Some(true) && !g.edition.is_some_and(|e| e.eval) {
        if let Some(f) = refused_other_key(s, &g) {
            out.push(f);
        }
    }
}

/// The first public AVMA key `slmgr /ipk` was given and refused that is another version's or
/// edition's than the guest's: AV203 or AV204 at the `/ipk`, fixed with the guest's own key.
fn refused_other_key(s: &Subject<'_>, g: &judge::Guest<'_>) -> Option<Finding> {
    s.m.keys_tried.iter().find_map(|t| {
        let p = t.value.public.as_ref().filter(|p| p.kind == "avma")?;
        let (other_version, other_edition) = mismatch(p, g);
        let (problem, msg) = if other_version {
            (
                GuestProblem::AvmaKeyWrongVersion,
                Msg::new("diag-avma-tried-wrong-version").arg("versions", p.versions.join(", ")),
            )
        } else if other_edition {
            (
                GuestProblem::AvmaKeyWrongEdition,
                Msg::new("diag-avma-tried-wrong-edition").arg("family", family_arg(s, p)),
            )
        } else {
            return None;
        };
        let from = t.from.first();
        let f = Finding::new(
            problem.rule(),
            msg.arg("guest", s.machine_arg())
                .arg("key", t.value.key.as_str())
                .arg("code", t.value.code.as_deref().unwrap_or("?")),
        )
        .on(&s.m.name)
        .located(from.map(loc));
        let f = tried_other_keys(s, g, f);
        Some(f.fix(judge::guest_fix(problem, g, s.vm_name(), s.cat)))
    })
}

/// The public AVMA keys `slmgr /ipk` was given and refused that are for another version or
/// edition than the guest's (a 2022 key on a 2019 guest): said on the finding, so that the
/// refusal that followed (0xC004F050) reads as the wrong key, not as a typo.
fn tried_other_keys(s: &Subject<'_>, g: &judge::Guest<'_>, mut f: Finding) -> Finding {
    for t in &s.m.keys_tried {
        let Some(p) = t.value.public.as_ref().filter(|p| p.kind == "avma") else {
            continue;
        };
        let (other_version, other_edition) = mismatch(p, g);
        if !(other_version || other_edition) {
            continue;
        }
        let family = family_arg(s, p);
        f = f.because(
            Msg::new("fact-key-tried-other")
                .arg("key", t.value.key.as_str())
                .arg("versions", p.versions.join(", "))
                .arg("family", family)
                .arg("code", t.value.code.as_deref().unwrap_or("?")),
            t.from.first().and_then(at),
        );
    }
    f
}

/// Whether a public key is another version's, and another edition's, than the guest's (false
/// where the guest's version or edition is unknown).
fn mismatch(p: &avma_evidence::model::PublicKeyInfo, g: &judge::Guest<'_>) -> (bool, bool) {
    (
        g.version.is_some_and(|v| !p.versions.contains(&v.id)),
        g.edition.is_some_and(|e| e.family != p.family),
    )
}

/// A public key's edition family as a message argument: the catalog's name, else its id.
fn family_arg(s: &Subject<'_>, p: &avma_evidence::model::PublicKeyInfo) -> avma_core::text::MsgArg {
    match s.cat.family(&p.family) {
        Some(fam) => (&fam.name).into(),
        None => p.family.as_str().into(),
    }
}
