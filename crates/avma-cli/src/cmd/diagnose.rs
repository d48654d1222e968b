//! `avma diagnose`: evidence in, root causes out — findings by severity with the facts that
//! prove them and the fix, or the facts that prove a machine healthy.

use avma_core::finding::Finding;
use avma_core::rules::{self, Severity};
use avma_core::text::Msg;
use avma_diagnose::{diagnose, Diagnosis, Options};
use avma_evidence::asof::AsOf;
use avma_evidence::model::Model;
use serde_json::json;

use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::cli::{DiagnoseArgs, DiagnoseFormat};
use crate::out::{json as print_json, Ctx};
use crate::render::{counts, finding_json, finding_text};

pub fn run(ctx: &mut Ctx, a: &DiagnoseArgs) -> u8 {
    if a.inputs.is_empty() {
        let m = ctx.t("evidence-no-input");
        ctx.problem("diagnose", &m);
        return EXIT_INPUT;
    }
    let (model, results) =
        super::evidence::load(ctx, &a.inputs.host, &a.inputs.guest, &a.inputs.paths);
    let unreadable = super::evidence::report(ctx, &results) || !results.iter().any(|r| r.readable);
    let as_of = super::asof::resolve(&model, &results);
    let opts = Options::at(
        as_of.clone(),
        super::asof::clock(),
        a.warn_days,
        7.min(a.warn_days),
    );
    let d = diagnose(&model, &opts, ctx.cat);
    report_as_of(ctx, &model, &d, a.format, Some(&as_of));
    exit_code(&d, unreadable)
}

pub fn exit_code(d: &Diagnosis, input_problems: bool) -> u8 {
    if input_problems {
        EXIT_INPUT
    } else if d.findings.iter().any(|f| f.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Render a diagnosis in the chosen format (also used by the demo).
pub fn report(ctx: &mut Ctx, model: &Model, d: &Diagnosis, format: DiagnoseFormat) {
    report_as_of(ctx, model, d, format, None)
}

/// Render a diagnosis made as of a time, which every format shows.
pub fn report_as_of(
    ctx: &mut Ctx,
    model: &Model,
    d: &Diagnosis,
    format: DiagnoseFormat,
    as_of: Option<&AsOf>,
) {
    let (errors, warnings, infos) = counts(&d.findings);
    match format {
        DiagnoseFormat::Json => {
            let healthy: Vec<_> = d
                .healthy
                .iter()
                .map(|h| json!({"machine": h.machine, "facts": h.facts.iter().map(|(m, at)| json!({"fact": ctx.msg(m), "at": at})).collect::<Vec<_>>()}))
                .collect();
            let mut v = json!({
                "schema": "avma.diagnosis/1",
                "summary": {"machines": model.machines.len(), "errors": errors, "warnings": warnings, "infos": infos},
                "findings": d.findings.iter().map(|f| finding_json(ctx, f)).collect::<Vec<_>>(),
                "healthy": healthy,
            });
            if let Some(a) = as_of {
                v["as_of"] = super::asof::json(a);
            }
            print_json(ctx, &v);
        }
        DiagnoseFormat::Jsonl => {
            for f in &d.findings {
                let s = serde_json::to_string(&finding_json(ctx, f)).unwrap_or_default();
                ctx.line(&crate::escape::json(&s));
            }
        }
        DiagnoseFormat::Sarif => {
            let mut s = crate::document::sarif(ctx, &d.findings, rules::Origin::Diagnose);
            if let Some(a) = as_of {
                s["runs"][0]["properties"] = json!({"as_of": super::asof::json(a)});
            }
            print_json(ctx, &s);
        }
        DiagnoseFormat::Md => markdown(ctx, model, d, as_of),
        DiagnoseFormat::Text => {
            let title = ctx.msg(&title(model, &d.findings));
            ctx.line(&ctx.style.bold(&title));
            if let Some(a) = as_of {
                let l = super::asof::line(ctx, a);
                ctx.line(&ctx.style.dim(&l));
            }
            ctx.line("");
            for f in &d.findings {
                finding_text(ctx, f);
                let why = format!("  {}: {}", ctx.t("diag-why"), ctx.doc(f.rule.why));
                ctx.line(&ctx.style.dim(&why));
                ctx.line("");
            }
            if !d.healthy.is_empty() {
                let h = ctx.style.bold(&ctx.t("diag-healthy-title"));
                ctx.line(&h);
                for m in &d.healthy {
                    let name = crate::escape::text(&m.machine);
                    ctx.line(&format!("  {}", ctx.style.green(&name)));
                    for (fact, at) in &m.facts {
                        let line = format!(
                            "    - {}  {}",
                            ctx.msg(fact),
                            ctx.style.dim(&format!(
                                "[{}]",
                                crate::escape::text(at.as_deref().unwrap_or_default())
                            ))
                        );
                        ctx.line(&line);
                    }
                }
            }
            if d.findings.is_empty() {
                let t = ctx.t("diag-all-healthy");
                ctx.line(&t);
            }
        }
    }
}

/// "N machines: E errors, W warnings, I notes", the heading of text and Markdown reports.
fn title(model: &Model, findings: &[Finding]) -> Msg {
    let (errors, warnings, infos) = counts(findings);
    Msg::new("diag-title")
        .arg("machines", model.machines.len() as i64)
        .arg("errors", errors as i64)
        .arg("warnings", warnings as i64)
        .arg("infos", infos as i64)
}

fn markdown(ctx: &mut Ctx, model: &Model, d: &Diagnosis, as_of: Option<&AsOf>) {
    use crate::escape::{md_code, md_fence, md_inline};
    let title = ctx.msg_md(&title(model, &d.findings));
    ctx.line(&format!("# {title}\n"));
    if let Some(a) = as_of {
        let l = super::asof::line_md(ctx, a);
        ctx.line(&format!("*{l}*\n"));
    }
    for f in &d.findings {
        let m = ctx.msg_md(&f.message);
        ctx.line(&format!(
            "## {} `{}` ({})\n",
            f.rule.code,
            f.rule.name,
            f.severity.as_str()
        ));
        ctx.line(&format!("{m}\n"));
        ctx.line(&format!(
            "*{}*: {}\n",
            ctx.t("diag-why"),
            ctx.doc(f.rule.why)
        ));
        if !f.evidence.is_empty() {
            ctx.line(&format!("**{}**\n", ctx.t("diag-evidence")));
            for e in &f.evidence {
                let l = format!(
                    "- {} — {}",
                    ctx.msg_md(&e.fact),
                    md_code(e.at.as_deref().unwrap_or_default())
                );
                ctx.line(&l);
            }
            ctx.line("");
        }
        for (label, cmds, lang) in [
            ("diag-fix-cmd", &f.fix, "bat"),
            ("diag-fix-ps", &f.fix_powershell, "powershell"),
        ] {
            if !cmds.is_empty() {
                ctx.line(&format!("**{}**\n", ctx.t(label)));
                ctx.line(&md_fence(lang, cmds));
                ctx.line("");
            }
        }
    }
    if !d.healthy.is_empty() {
        ctx.line(&format!("## {}\n", ctx.t("diag-healthy-title")));
        for h in &d.healthy {
            let facts: Vec<String> = h.facts.iter().map(|(m, _)| ctx.msg_md(m)).collect();
            ctx.line(&format!(
                "- **{}**: {}",
                md_inline(&h.machine),
                facts.join("; ")
            ));
        }
    }
}
