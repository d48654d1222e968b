//! A finding: one rule's verdict on one place in the input, with the fix.

use crate::rules::{Rule, Severity};
use crate::text::Msg;

/// Where a finding points: a file and line (1-based). `file` is the name the user gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: Msg,
    pub location: Option<Location>,
    /// Commands a user can paste, in order. Public keys only; never a private key.
    pub fix: Vec<String>,
    /// Catalog fact ids the finding rests on.
    pub facts: Vec<&'static str>,
}

impl Finding {
    pub fn new(rule: &'static Rule, message: Msg) -> Finding {
        Finding {
            rule,
            severity: rule.severity,
            message,
            location: None,
            fix: Vec::new(),
            facts: rule.facts.to_vec(),
        }
    }
    pub fn at(mut self, file: &str, line: u64) -> Finding {
        self.location = Some(Location {
            file: file.to_string(),
            line: Some(line),
        });
        self
    }
    pub fn severity(mut self, s: Severity) -> Finding {
        self.severity = s;
        self
    }
    pub fn fix(mut self, cmd: impl Into<String>) -> Finding {
        self.fix.push(cmd.into());
        self
    }
}

/// Sort findings for display: by location, then severity (errors first), then code.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let la = a.location.as_ref().map(|l| (l.file.clone(), l.line));
        let lb = b.location.as_ref().map(|l| (l.file.clone(), l.line));
        la.cmp(&lb)
            .then(b.severity.cmp(&a.severity))
            .then(a.rule.code.cmp(b.rule.code))
    });
}
