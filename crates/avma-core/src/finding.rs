//! A finding: one rule's verdict on one place in the input, with the fix.

use crate::rules::{Rule, Severity};
use crate::text::Msg;

/// Where a finding points: a file and line (1-based), or an event log record. `file` is the name
/// the user gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<u64>,
    pub record: Option<u64>,
}

/// One fact that triggered a finding, and where it was seen (`file:line` or `file#record`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRef {
    pub fact: crate::text::Msg,
    pub at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: Msg,
    pub location: Option<Location>,
    /// Commands a user can paste, in order (cmd.exe). Public keys only; never a private key.
    pub fix: Vec<String>,
    /// The same fix in PowerShell, when it differs.
    pub fix_powershell: Vec<String>,
    /// The facts that triggered the finding, with where each was seen.
    pub evidence: Vec<EvidenceRef>,
    /// The machine the finding is about, when there are several.
    pub machine: Option<String>,
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
            fix_powershell: Vec::new(),
            evidence: Vec::new(),
            machine: None,
            facts: rule.facts.to_vec(),
        }
    }
    pub fn at(mut self, file: &str, line: u64) -> Finding {
        self.location = Some(Location {
            file: file.to_string(),
            line: Some(line),
            record: None,
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
    pub fn fix_ps(mut self, cmd: impl Into<String>) -> Finding {
        self.fix_powershell.push(cmd.into());
        self
    }
    pub fn on(mut self, machine: &str) -> Finding {
        self.machine = Some(machine.to_string());
        self
    }
    pub fn located(mut self, loc: Option<Location>) -> Finding {
        if self.location.is_none() {
            self.location = loc;
        }
        self
    }
    pub fn because(mut self, fact: crate::text::Msg, at: Option<String>) -> Finding {
        self.evidence.push(EvidenceRef { fact, at });
        self
    }
}

/// Sort findings for display: by location, then severity (errors first), then code.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let la = a
            .location
            .as_ref()
            .map(|l| (l.file.clone(), l.line, l.record));
        let lb = b
            .location
            .as_ref()
            .map(|l| (l.file.clone(), l.line, l.record));
        la.cmp(&lb)
            .then(b.severity.cmp(&a.severity))
            .then(a.rule.code.cmp(b.rule.code))
    });
}

/// Sort findings for a report: errors first, then by machine, code and location.
pub fn sort_by_severity(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.machine.cmp(&b.machine))
            .then(a.rule.code.cmp(b.rule.code))
            .then(
                a.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.record))
                    .cmp(
                        &b.location
                            .as_ref()
                            .map(|l| (l.file.clone(), l.line, l.record)),
                    ),
            )
    });
}
