//! The diagnosis checks, one file per check or small family, in the manner of ruff's rule
//! files. [`CHECKS`] is the registry: each check names the registry rules it reports, the role
//! of machine it runs on, and the gate that must be open for it to run. A closed gate skips a
//! check *visibly* (the diagnosis lists what was skipped and why); nothing returns early.
//!
//! A check sees the machine's findings so far (in registry order), so a consequence can be
//! attached to its cause instead of being a second finding ("not activated, because a KMS key
//! is installed").

use avma_core::finding::Finding;
use avma_core::judge;
use avma_core::rules::Rule;
use avma_evidence::model::Role;

use crate::subject::Subject;

mod data_exchange;
mod evidence;
mod guest_activation;

pub use guest_activation::attach_to_host_cause;
mod guest_evaluation;
mod guest_hosts;
mod guest_key;
mod guest_support;
mod host_activation;
mod host_edition;
mod identity;
mod kvp_service;
mod platform;

/// Which machines a check runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every machine with evidence.
    Any,
    Guest,
    Host,
    /// Machines whose role could not be told.
    Unknown,
}

impl Scope {
    pub fn applies(self, r: Role) -> bool {
        match self {
            Scope::Any => true,
            Scope::Guest => r == Role::Guest,
            Scope::Host => r == Role::Host,
            Scope::Unknown => r == Role::Unknown,
        }
    }
}

/// A condition a check needs, decided by the judgement (not by the findings so far).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// AVMA can activate this guest at all (its version and edition family): an unsupported
    /// guest gets `guest-not-supported` and none of the checks behind this gate.
    GuestSupported,
}

impl Gate {
    pub fn as_str(self) -> &'static str {
        match self {
            Gate::GuestSupported => "guest-supported",
        }
    }
    /// The rule whose finding explains a closed gate.
    pub fn rule(self) -> &'static Rule {
        match self {
            Gate::GuestSupported => &avma_core::rules::GUEST_NOT_SUPPORTED,
        }
    }
    pub fn open(self, s: &Subject<'_>) -> bool {
        match self {
            Gate::GuestSupported => {
                judge::guest_avma_supported(s.version, s.edition, s.cat) != Some(false)
            }
        }
    }
}

/// One check: the rules it reports and how it runs.
pub struct Check {
    /// The check's name (its file's subject).
    pub name: &'static str,
    /// The registry rules it may report.
    pub rules: &'static [&'static Rule],
    pub scope: Scope,
    pub gate: Option<Gate>,
    /// Adds its findings to the machine's findings so far.
    pub run: fn(&Subject<'_>, &mut Vec<Finding>),
}

/// Every check, in the order they run on a machine (causes before consequences).
pub const CHECKS: &[Check] = &[
    evidence::CONFLICT,
    evidence::INSUFFICIENT_ROLE,
    evidence::INSUFFICIENT_GUEST,
    evidence::INSUFFICIENT_HOST,
    guest_support::CHECK,
    guest_evaluation::CHECK,
    guest_key::CHECK,
    platform::UNSUPPORTED,
    platform::THROTTLED,
    kvp_service::CHECK,
    guest_hosts::CHECK,
    guest_activation::NOT_ACTIVATED,
    identity::PENDING_AFTER_MOVE,
    guest_activation::EXPIRING,
    host_edition::CHECK,
    host_activation::CHECK,
    host_edition::EVALUATION,
    data_exchange::DISABLED,
    data_exchange::EVENT_4096,
    data_exchange::NO_CONTACT,
    identity::NOT_LINKED,
    identity::VM_WITHOUT_GUEST,
    guest_hosts::VM_NODES,
    identity::STALE,
];
