//! A finding: one rule's verdict on one place in the input, with the fix.

use crate::judge::Fix;
use crate::rules::{Rule, Severity};
use crate::shell::{Refusal, Shell};
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
    /// Commands a user can paste, in order (cmd.exe), rendered from `commands` by the quoting
    /// layer. Public keys only; never a private key.
    pub fix: Vec<String>,
    /// The same fix in PowerShell.
    pub fix_powershell: Vec<String>,
    /// Where each line of `fix` (`fix_powershell_run_on`: of `fix_powershell`) runs, when the
    /// fix spans the host and the guest (`None`: on the finding's machine).
    pub fix_run_on: Vec<Option<crate::judge::RunOn>>,
    pub fix_powershell_run_on: Vec<Option<crate::judge::RunOn>>,
    /// The fix as commands (the source of `fix` and `fix_powershell`).
    pub commands: Fix,
    /// Values the quoting layer refused to put into a command (each replaced by a placeholder).
    pub refused: Vec<Refusal>,
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
            fix_run_on: Vec::new(),
            fix_powershell_run_on: Vec::new(),
            commands: Fix::default(),
            refused: Vec::new(),
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
    /// Add a fix: its commands are rendered for cmd.exe and PowerShell by the quoting layer
    /// (there is no way to add a command as a string).
    pub fn fix(mut self, f: Fix) -> Finding {
        self.add_fix(f);
        self
    }
    pub fn add_fix(&mut self, f: Fix) {
        for (cmds, shell) in [(&f.cmd, Shell::Cmd), (&f.ps, Shell::PowerShell)] {
            for (i, c) in cmds.iter().enumerate() {
                let on = f.run_on(shell == Shell::PowerShell, i);
                let r = c.render(shell);
                for x in r.refused {
                    if self.refused.contains(&x) {
                        continue;
                    }
                    // Said once per value and reason, whichever shells refused it.
                    if !self
                        .refused
                        .iter()
                        .any(|y| y.what == x.what && y.reason == x.reason && y.char == x.char)
                    {
                        self.evidence.push(EvidenceRef {
                            fact: refused_msg(&x),
                            at: None,
                        });
                    }
                    self.refused.push(x);
                }
                match shell {
                    Shell::Cmd => {
                        self.fix.push(r.text);
                        self.fix_run_on.push(on);
                    }
                    Shell::PowerShell => {
                        self.fix_powershell.push(r.text);
                        self.fix_powershell_run_on.push(on);
                    }
                }
            }
        }
        self.commands = std::mem::take(&mut self.commands).then(f);
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

/// Why a command shows a placeholder instead of a value (`diag-refused-value`): what the value
/// is and why it was refused, as tokens the message translates.
pub fn refused_msg(x: &Refusal) -> Msg {
    let what = match x.what {
        "VM name" => "vm-name",
        "VM role name" => "vm-role-name",
        "node name" => "node-name",
        "product key" => "product-key",
        _ => "value",
    };
    Msg::new("diag-refused-value")
        .arg("what", what)
        .arg("reason", x.reason.as_str())
        .arg("char", x.char.as_str())
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
