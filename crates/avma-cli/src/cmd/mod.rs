//! One module per subcommand. Each turns parsed arguments into output through [`crate::out::Ctx`]
//! and returns the exit code.

pub mod asof;
pub mod check;
pub mod cluster;
pub mod collect;
pub mod demo;
pub mod diagnose;
pub mod evidence;
pub mod example;
pub mod explain;
pub mod fleet;
pub mod identity;
pub mod keys;
pub mod lint;
pub mod matrix;
pub mod plan;
pub mod report;
pub mod rules;

use avma_core::catalog::{Catalog, Confidence, Version};
use avma_core::spec::SpecError;
use avma_core::text::Msg;
use serde_json::json;

use crate::out::Ctx;

/// Exit codes (documented in README.md and docs/cli.md).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

/// Why an input is not text, in the user's language.
pub fn not_text(ctx: &Ctx, e: &avma_text::NotText) -> String {
    match e {
        avma_text::NotText::Empty => ctx.t("error-empty"),
        avma_text::NotText::Binary { offset } => {
            ctx.msg(&Msg::new("error-not-text").arg("offset", *offset as i64))
        }
    }
}

/// The `--os` option: `Ok(None)` when absent; on an unknown version, one input-problem line
/// and the exit code to return.
pub fn os_option(ctx: &mut Ctx, os: Option<&str>) -> Result<Option<&'static Version>, u8> {
    let Some(s) = os else { return Ok(None) };
    match ctx.cat.version_named(s) {
        Some(v) => Ok(Some(v)),
        None => {
            let m = ctx.msg(&avma_core::text::Msg::new("error-unknown-version").arg("input", s));
            ctx.problem("--os", &m);
            Err(EXIT_INPUT)
        }
    }
}

/// The message for a spec that could not be understood, naming what is accepted.
pub fn spec_error(ctx: &Ctx, what: &str, input: &str, e: &SpecError) -> String {
    let m = avma_core::text::Msg::new(match e {
        SpecError::Empty => "spec-empty",
        SpecError::UnknownWord(_) => "spec-unknown-word",
        SpecError::NoVersion => "spec-no-version",
        SpecError::NoEdition => "spec-no-edition",
        SpecError::AmbiguousVersion(_) => "spec-ambiguous-version",
        SpecError::AmbiguousEdition(_) => "spec-ambiguous-edition",
        SpecError::Client(_) => "spec-client",
        SpecError::NoSuchEdition(_) => "spec-no-such-edition",
    })
    .arg("what", what)
    .arg("input", input)
    .arg(
        "detail",
        match e {
            SpecError::UnknownWord(w) | SpecError::Client(w) | SpecError::NoSuchEdition(w) => {
                w.clone()
            }
            SpecError::AmbiguousVersion(v) | SpecError::AmbiguousEdition(v) => {
                v.join(&ctx.t("list-separator"))
            }
            _ => String::new(),
        },
    );
    // Two sentences: a space between them in English, none after a Japanese stop.
    let first = ctx.msg(&m);
    let sep = if first.ends_with('。') { "" } else { " " };
    format!("{first}{sep}{}", ctx.t("spec-accepted"))
}

pub fn confidence_label(ctx: &Ctx, c: Confidence) -> String {
    ctx.t(match c {
        Confidence::Official => "confidence-official",
        Confidence::Corroborated => "confidence-corroborated",
        Confidence::Unverified => "confidence-unverified",
    })
}

/// `{"id","url","title"}` of a source.
pub fn source_json(cat: &Catalog, id: &str) -> serde_json::Value {
    match cat.source(id) {
        Some(s) => json!({"id": s.id, "url": s.url, "title": s.title}),
        None => json!({"id": id}),
    }
}

/// `{"id","confidence","source","text"}` of a fact.
pub fn fact_json(ctx: &Ctx, id: &str) -> serde_json::Value {
    match ctx.cat.fact(id) {
        Some(f) => json!({
            "id": f.id,
            "confidence": f.confidence.as_str(),
            "source": source_json(ctx.cat, &f.source),
            "text": ctx.text(&f.text),
        }),
        None => json!({"id": id}),
    }
}
