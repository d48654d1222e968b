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
use crate::document::{shown, View};
use crate::out::{json as print_json, Ctx};
use crate::render::{counts, finding_json};
use avma_render::{toned, Block, Cell, Doc, Table, Tone};

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
    let mut d = diagnose(&model, &opts, ctx.cat);
    // Inputs that gave no fact: said in the report (never "no problem found"), exit 2.
    d.unread = results
        .iter()
        .filter(|r| r.observations.is_empty())
        .map(|r| r.file.clone())
        .collect();
    if matches!(a.format, DiagnoseFormat::Text | DiagnoseFormat::Md) {
        // Placeholders in the reader's language (JSON and SARIF keep the English names).
        for f in &mut d.findings {
            ctx.localize_fix(f);
        }
    }
    report_as_of(ctx, &model, &d, a.format, Some(&as_of));
    exit_code(&d, unreadable || !d.judged_any(&model))
}

pub fn exit_code(d: &Diagnosis, input_problems: bool) -> u8 {
    if input_problems || d.nothing_to_judge() {
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
                "unjudged": d.unjudged.iter().map(|u| json!({"machine": u.machine, "inputs": u.inputs})).collect::<Vec<_>>(),
                "listed_only": d.listed_only,
                "unread": d.unread,
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
        DiagnoseFormat::Md => crate::document::show(ctx, &document(ctx, model, d, as_of), View::Md),
        DiagnoseFormat::Html => {
            crate::document::show(ctx, &document(ctx, model, d, as_of), View::Html)
        }
        DiagnoseFormat::Text => {
            crate::document::show(ctx, &document(ctx, model, d, as_of), View::Text)
        }
    }
}

/// The diagnosis as a document: the title, the as-of line, each finding (evidence, fixes, why),
/// and the facts that prove each healthy machine healthy.
pub fn document(ctx: &Ctx, model: &Model, d: &Diagnosis, as_of: Option<&AsOf>) -> Doc {
    let mut doc = Doc::new(
        ctx.msg(&title(model, &d.findings)),
        crate::document::lang_tag(ctx),
    );
    if let Some(a) = as_of {
        doc.para(toned(super::asof::line(ctx, a), Tone::Dim));
    }
    for f in &d.findings {
        doc.push(Block::Finding(crate::document::finding_block(ctx, f, true)));
    }
    if !d.healthy.is_empty() {
        doc.heading_id(1, ctx.t("diag-healthy-title"), "healthy");
        let mut rows = Vec::new();
        for m in &d.healthy {
            for (i, (fact, at)) in m.facts.iter().enumerate() {
                let name = if i == 0 {
                    Cell::toned(shown(&m.machine), Tone::Good)
                } else {
                    Cell::default()
                };
                rows.push(vec![
                    name,
                    Cell::new(ctx.msg(fact)),
                    Cell::toned(shown(at.as_deref().unwrap_or_default()), Tone::Dim),
                ]);
            }
            if m.facts.is_empty() {
                rows.push(vec![
                    Cell::toned(shown(&m.machine), Tone::Good),
                    Cell::default(),
                    Cell::default(),
                ]);
            }
        }
        doc.push(Block::Table(Table {
            id: Some("healthy-facts".into()),
            head: ["col-machine", "col-fact", "col-evidence"]
                .iter()
                .map(|id| Cell::new(ctx.t(id)))
                .collect(),
            rows,
            ..Table::default()
        }));
    }
    // What gave nothing to judge is said, and the all-clear is only for what was judged.
    if !d.unread.is_empty() {
        let inputs: Vec<String> = d.unread.iter().map(|i| shown(i)).collect();
        doc.para(toned(
            ctx.msg(&Msg::new("diag-nothing-to-judge").arg("inputs", inputs.join(", "))),
            Tone::Warn,
        ));
    }
    for u in &d.unjudged {
        let inputs: Vec<String> = u.inputs.iter().map(|i| shown(i)).collect();
        doc.para(toned(
            ctx.msg(
                &Msg::new("diag-machine-nothing-to-judge")
                    .arg("machine", shown(&u.machine))
                    .arg("inputs", inputs.join(", ")),
            ),
            Tone::Warn,
        ));
    }
    if d.findings.is_empty() {
        if !d.judged_any(model) {
            // Nothing was judged: no all-clear at all.
            if !d.nothing_to_judge() {
                doc.para(toned(ctx.t("diag-no-machine-to-judge"), Tone::Warn));
            }
        } else if d.nothing_to_judge() {
            doc.para(toned(ctx.t("diag-all-healthy-judged"), Tone::Good));
        } else {
            doc.para(toned(ctx.t("diag-all-healthy"), Tone::Good));
        }
    }
    doc
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
