//! `avma demo`: the walkthrough's story, told with what avma can do.

use avma_core::lint::{lint_text, LintOptions};

use avma_render::{plain, toned, Doc, Tone};

use super::EXIT_OK;
use crate::cli::{DemoArgs, DocFormat, ExplainArgs, PlanArgs, PlanFormat, YesNo};
use crate::out::Ctx;

/// The runbook of the walkthrough (its six-step table), as shipped in examples/.
pub const RUNBOOK: &str = include_str!("../../../../examples/walkthrough/runbook-ja.md");
pub const RUNBOOK_NAME: &str = "examples/walkthrough/runbook-ja.md";

/// A numbered section of the story.
fn section(ctx: &Ctx, doc: &mut Doc, n: usize, id: &str) {
    doc.heading(1, format!("{n}. {}", ctx.t(id)));
}

/// The command a section runs, as typed.
fn said(doc: &mut Doc, cmd: &str) {
    doc.para(toned(format!("$ {cmd}"), Tone::Code));
}

/// Show the command, then the plan `avma plan` makes for an activated host.
fn plan_for(ctx: &mut Ctx, doc: &mut Doc, guest: &str, want: Option<&str>, host: &str) {
    let want_arg = want.map(|w| format!(" --want {w}")).unwrap_or_default();
    said(
        doc,
        &format!("avma plan --guest \"{guest}\"{want_arg} --host \"{host}\" --host-activated yes"),
    );
    let plan = super::plan::plan_doc(
        ctx,
        &PlanArgs {
            guest: guest.into(),
            want: want.map(Into::into),
            host: host.into(),
            host_activated: Some(YesNo::Yes),
            domain_controller: false,
            format: PlanFormat::Text,
            output: None,
        },
    );
    if let Ok(plan) = plan {
        doc.blocks.extend(plan.nested(2));
    }
}

/// The walkthrough's story as one document: each section names the command it runs and holds
/// that command's document.
pub fn document(ctx: &mut Ctx) -> Doc {
    let mut doc = Doc::new(ctx.t("demo-title"), crate::document::lang_tag(ctx));
    doc.para(plain(ctx.t("demo-intro")));

    section(ctx, &mut doc, 1, "demo-step-explain");
    said(
        &mut doc,
        "avma explain WX4NM-KYWYW-QJJR4-XV3QB-6VM33 --os 2019",
    );
    let explain = super::explain::explain_doc(
        ctx,
        &ExplainArgs {
            topic: "WX4NM-KYWYW-QJJR4-XV3QB-6VM33".into(),
            os: Some("2019".into()),
            format: DocFormat::Text,
        },
    );
    if let Ok(e) = explain {
        doc.blocks.extend(e.nested(2));
    }

    section(ctx, &mut doc, 2, "demo-step-plan-standard");
    plan_for(ctx, &mut doc, "2019 Standard", None, "2022 Datacenter");

    section(ctx, &mut doc, 3, "demo-step-plan-datacenter");
    plan_for(
        ctx,
        &mut doc,
        "2019 Standard",
        Some("Datacenter"),
        "2022 Datacenter",
    );

    section(ctx, &mut doc, 4, "demo-step-lint");
    said(&mut doc, &format!("avma lint {RUNBOOK_NAME}"));
    let report = lint_text(RUNBOOK_NAME, RUNBOOK, LintOptions::default(), ctx.cat);
    let lint = super::lint::FileResult {
        name: RUNBOOK_NAME.into(),
        encoding: Some("UTF-8"),
        report: Some(report),
        error: None,
        long_lines: 0,
    };
    doc.blocks
        .extend(super::lint::document(ctx, std::slice::from_ref(&lint)).nested(2));

    section(ctx, &mut doc, 5, "demo-step-diagnose");
    said(&mut doc, "avma diagnose examples/cluster/*");
    let model = super::example::model(ctx.cat);
    let d = super::example::diagnosis(&model, ctx.cat);
    doc.blocks
        .extend(super::diagnose::document(ctx, &model, &d, None).nested(2));

    section(ctx, &mut doc, 6, "demo-step-audit");
    said(&mut doc, "avma audit examples/cluster/*");
    let inv =
        avma_cluster::inventory::from_model(&model, Some(super::example::COLLECTED.to_string()));
    let audit =
        avma_cluster::audit::audit(&inv, &avma_cluster::audit::AuditOptions::default(), ctx.cat);
    doc.blocks
        .extend(super::cluster::audit_document(ctx, &audit, None).nested(2));

    section(ctx, &mut doc, 7, "demo-step-matrix");
    plan_for(ctx, &mut doc, "2022 Standard", None, "2019 Datacenter");
    doc.para(plain(ctx.t("demo-outro")));
    doc
}

pub fn run(ctx: &mut Ctx, a: &DemoArgs) -> u8 {
    let doc = document(ctx);
    crate::document::show(ctx, &doc, a.format.into());
    EXIT_OK
}
