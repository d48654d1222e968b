//! Who is who and as of when: guest-not-linked (AV403), vm-without-guest-evidence (AV404),
//! activation-pending-after-move (AV215), evidence-stale (AV405). The logic lives in
//! `crate::identity`; these are its units in the registry.

use avma_core::finding::Finding;
use avma_core::rules;

use super::{Check, Scope};
use crate::subject::Subject;

pub const NOT_LINKED: Check = Check {
    name: "guest-not-linked",
    rules: &[&rules::GUEST_NOT_LINKED],
    scope: Scope::Guest,
    gate: None,
    run: |s, out| crate::identity::guest_not_linked(s.model, s.m, out),
};

pub const VM_WITHOUT_GUEST: Check = Check {
    name: "vm-without-guest-evidence",
    rules: &[&rules::VM_WITHOUT_GUEST_EVIDENCE],
    scope: Scope::Any,
    gate: None,
    run: |s, out| crate::identity::vms_without_guest_of(s.model, s.m, out),
};

/// Runs after `guest-activation`: when the guest is pending after a move, its "not activated"
/// finding is that move's consequence, not a second finding.
pub const PENDING_AFTER_MOVE: Check = Check {
    name: "activation-pending-after-move",
    rules: &[&rules::ACTIVATION_PENDING_AFTER_MOVE],
    scope: Scope::Guest,
    gate: None,
    run: pending,
};

fn pending(s: &Subject<'_>, out: &mut Vec<Finding>) {
    if let Some(f) = crate::identity::pending(s.model, s.m, s.opts.now) {
        out.retain(|x| x.rule.name != rules::GUEST_NOT_ACTIVATED.name);
        out.push(f);
    }
}

/// Once per run, with the machine whose evidence dates it (see `crate::identity::stale`).
pub const STALE: Check = Check {
    name: "evidence-stale",
    rules: &[&rules::EVIDENCE_STALE],
    scope: Scope::Any,
    gate: None,
    run: crate::identity::stale,
};
