//! `avma demo`: the walkthrough's story, told with what avma can do.

use avma_core::lint::{lint_text, LintOptions};

use super::EXIT_OK;
use crate::cli::{ExplainArgs, Format, PlanArgs, PlanFormat, YesNo};
use crate::out::Ctx;
use crate::render::finding_text;

/// The runbook of the walkthrough (its six-step table), as shipped in examples/.
pub const RUNBOOK: &str = include_str!("../../../../examples/walkthrough/runbook-ja.md");
pub const RUNBOOK_NAME: &str = "examples/walkthrough/runbook-ja.md";

fn heading(ctx: &mut Ctx, n: usize, id: &str) {
    let t = ctx.t(id);
    let line = format!("== {n}. {t} ==");
    ctx.line(&ctx.style.bold(&line));
    ctx.line("");
}

fn said(ctx: &mut Ctx, cmd: &str) {
    ctx.line(&ctx.style.dim(&format!("$ {cmd}")));
}

/// Show the command, then run `avma plan` for an activated host.
fn plan_for(ctx: &mut Ctx, guest: &str, want: Option<&str>, host: &str) {
    let want_arg = want.map(|w| format!(" --want {w}")).unwrap_or_default();
    said(
        ctx,
        &format!("avma plan --guest \"{guest}\"{want_arg} --host \"{host}\" --host-activated yes"),
    );
    super::plan::run(
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
    ctx.line("");
}

pub fn run(ctx: &mut Ctx) -> u8 {
    let intro = ctx.t("demo-intro");
    ctx.line(&intro);
    ctx.line("");

    heading(ctx, 1, "demo-step-explain");
    said(ctx, "avma explain WX4NM-KYWYW-QJJR4-XV3QB-6VM33 --os 2019");
    super::explain::run(
        ctx,
        &ExplainArgs {
            topic: "WX4NM-KYWYW-QJJR4-XV3QB-6VM33".into(),
            os: Some("2019".into()),
            format: Format::Text,
        },
    );
    ctx.line("");

    heading(ctx, 2, "demo-step-plan-standard");
    plan_for(ctx, "2019 Standard", None, "2022 Datacenter");

    heading(ctx, 3, "demo-step-plan-datacenter");
    plan_for(ctx, "2019 Standard", Some("Datacenter"), "2022 Datacenter");

    heading(ctx, 4, "demo-step-lint");
    said(ctx, &format!("avma lint {RUNBOOK_NAME}"));
    let report = lint_text(RUNBOOK_NAME, RUNBOOK, LintOptions::default(), ctx.cat);
    for f in &report.findings {
        finding_text(ctx, f);
        ctx.line("");
    }

    heading(ctx, 5, "demo-step-diagnose");
    said(ctx, "avma diagnose examples/cluster/*");
    let model = super::example::model(ctx.cat);
    let d = super::example::diagnosis(&model, ctx.cat);
    super::diagnose::report(ctx, &model, &d, crate::cli::DiagnoseFormat::Text);
    ctx.line("");

    heading(ctx, 6, "demo-step-audit");
    said(ctx, "avma audit examples/cluster/*");
    let inv =
        avma_cluster::inventory::from_model(&model, Some(super::example::COLLECTED.to_string()));
    let audit =
        avma_cluster::audit::audit(&inv, &avma_cluster::audit::AuditOptions::default(), ctx.cat);
    super::cluster::render_audit(ctx, &audit, crate::cli::AuditFormat::Text);
    ctx.line("");

    heading(ctx, 7, "demo-step-matrix");
    plan_for(ctx, "2022 Standard", None, "2019 Datacenter");
    let outro = ctx.t("demo-outro");
    ctx.line(&outro);
    EXIT_OK
}
