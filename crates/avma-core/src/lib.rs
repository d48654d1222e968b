//! avma's pure core: the licensing catalog, machine-spec parsing, the planner, the runbook
//! linter and the rule registry.
//!
//! Invariant: nothing in this crate does IO, reads the clock or the environment. Inputs arrive
//! as values (decoded lines, parsed specs); outputs are values ([`text::Msg`] for anything a
//! person reads, so that the CLI can render it in English or Japanese).

pub mod catalog;
pub mod finding;
pub mod judge;
pub mod key;
pub mod lint;
mod lint_scope;
pub mod plan;
pub mod rules;
pub mod shell;
pub mod spec;
pub mod text;

pub use catalog::Catalog;
