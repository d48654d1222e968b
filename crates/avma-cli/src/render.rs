//! Rendering of findings, shared by every command that reports them.

use avma_core::finding::Finding;
use avma_core::rules::Severity;
use serde_json::json;

use crate::cmd::fact_json;
use crate::escape::text as esc;
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
        "machine": f.machine,
        "evidence": f.evidence.iter().map(|e| json!({"fact": ctx.msg(&e.fact), "at": e.at})).collect::<Vec<_>>(),
        "facts": f.facts.iter().map(|id| fact_json(ctx, id)).collect::<Vec<_>>(),
        "docs": format!("docs/rules/{}.md", f.rule.name),
    })
}

pub fn severity_label(ctx: &Ctx, s: Severity) -> String {
    let t = ctx.t(match s {
        Severity::Error => "severity-error",
        Severity::Warning => "severity-warning",
        Severity::Info => "severity-info",
    });
    match s {
        Severity::Error => ctx.style.red(&t),
        Severity::Warning => ctx.style.yellow(&t),
        Severity::Info => ctx.style.cyan(&t),
    }
}

/// A finding for people: a header line, the message, the fix commands.
pub fn finding_text(ctx: &mut Ctx, f: &Finding) {
    let loc = match &f.location {
        Some(l) => match (l.line, l.record) {
            (Some(n), _) => format!("{}:{n}: ", esc(&l.file)),
            (None, Some(r)) => format!("{}#{r}: ", esc(&l.file)),
            (None, None) => format!("{}: ", esc(&l.file)),
        },
        None => String::new(),
    };
    let loc = match &f.machine {
        Some(m) => format!("{}: {loc}", esc(m)),
        None => loc,
    };
    let head = format!(
        "{loc}{}[{} {}]",
        severity_label(ctx, f.severity),
        f.rule.code,
        f.rule.name
    );
    ctx.line(&ctx.style.bold(&head));
    let m = ctx.msg(&f.message);
    for l in m.lines() {
        ctx.line(&format!("  {l}"));
    }
    if !f.evidence.is_empty() {
        let label = ctx.t("diag-evidence");
        ctx.line(&format!("  {label}:"));
        let rows: Vec<(String, String)> = f
            .evidence
            .iter()
            .map(|e| {
                (
                    ctx.msg(&e.fact),
                    esc(e.at.as_deref().unwrap_or_default()).into_owned(),
                )
            })
            .collect();
        let w = rows
            .iter()
            .map(|(a, _)| crate::out::width(a))
            .max()
            .unwrap_or(0);
        for (fact, at) in rows {
            let line = format!(
                "    - {}  {}",
                crate::out::pad(&fact, w),
                ctx.style.dim(&format!("[{at}]"))
            );
            ctx.line(line.trim_end());
        }
    }
    if !f.fix.is_empty() {
        let label = if f.fix_powershell.is_empty() {
            ctx.t("label-fix")
        } else {
            ctx.t("diag-fix-cmd")
        };
        ctx.line(&format!("  {}:", ctx.style.green(&label)));
        for c in &f.fix {
            ctx.line(&format!("    {}", esc(c)));
        }
    }
    if !f.fix_powershell.is_empty() {
        let label = ctx.t("diag-fix-ps");
        ctx.line(&format!("  {}:", ctx.style.green(&label)));
        for c in &f.fix_powershell {
            ctx.line(&format!("    {}", esc(c)));
        }
    }
}

/// Counts of findings by severity.
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}
