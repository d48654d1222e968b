//! Rendering of findings, shared by every command that reports them.

use avma_core::finding::Finding;
use avma_core::rules::Severity;
use serde_json::json;

use crate::cmd::fact_json;
use crate::out::Ctx;

/// The JSON contract of a finding (docs/json.md): fields may be added, never renamed.
pub fn finding_json(ctx: &Ctx, f: &Finding) -> serde_json::Value {
    json!({
        "rule": f.rule.name,
        "code": f.rule.code,
        "severity": f.severity.as_str(),
        "message": ctx.msg(&f.message),
        "message_id": f.message.id,
        "location": f.location.as_ref().map(|l| json!({"file": l.file, "line": l.line, "record": l.record})),
        "fix": f.fix,
        "fix_powershell": f.fix_powershell,
        "fix_run_on": run_on(f.fix.len(), &f.fix_run_on),
        "fix_powershell_run_on": run_on(f.fix_powershell.len(), &f.fix_powershell_run_on),
        "machine": f.machine,
        "evidence": f.evidence.iter().map(|e| json!({"fact": ctx.msg(&e.fact), "at": e.at})).collect::<Vec<_>>(),
        "facts": f.facts.iter().map(|id| fact_json(ctx, id)).collect::<Vec<_>>(),
        "docs": format!("docs/rules/{}.md", f.rule.name),
    })
}

/// Where each of `n` fix lines runs (`"host"`, `"guest"`, null: on the finding's machine), one
/// entry per line.
fn run_on(n: usize, on: &[Option<avma_core::judge::RunOn>]) -> Vec<Option<&'static str>> {
    (0..n)
        .map(|i| on.get(i).copied().flatten().map(|p| p.as_str()))
        .collect()
}

/// Counts of findings by severity.
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}
