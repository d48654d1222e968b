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
        "location": f.location.as_ref().map(|l| json!({"file": l.file, "line": l.line})),
        "fix": f.fix,
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
        Some(l) => match l.line {
            Some(n) => format!("{}:{n}: ", l.file),
            None => format!("{}: ", l.file),
        },
        None => String::new(),
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
    if !f.fix.is_empty() {
        let label = ctx.t("label-fix");
        ctx.line(&format!("  {}:", ctx.style.green(&label)));
        for c in &f.fix {
            ctx.line(&format!("    {c}"));
        }
    }
}

/// Counts of findings by severity.
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}
