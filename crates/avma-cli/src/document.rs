//! Core values → render documents, and documents → the terminal. Commands build an
//! [`avma_render::Doc`] from what they found; the printers of avma-render turn it into text,
//! Markdown or HTML. SARIF is built here once for `lint` and `diagnose`.

use avma_core::finding::Finding;
use avma_core::rules::{self, Origin, Severity};
use avma_render::sarif::{SarifResult, SarifRule};
use avma_render::{Commands, Doc, FindingBlock, Level};
use serde_json::json;

use crate::out::Ctx;

/// The printers' level of a rule severity.
pub fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    }
}

/// The translated severity label.
pub fn level_label(ctx: &Ctx, s: Severity) -> String {
    ctx.t(match s {
        Severity::Error => "severity-error",
        Severity::Warning => "severity-warning",
        Severity::Info => "severity-info",
    })
}

/// A finding as a document block: where, what, on which evidence, why (when `why`), the fixes.
pub fn finding_block(ctx: &Ctx, f: &Finding, why: bool) -> FindingBlock {
    let loc = match &f.location {
        Some(l) => match (l.line, l.record) {
            (Some(n), _) => format!("{}:{n}: ", l.file),
            (None, Some(r)) => format!("{}#{r}: ", l.file),
            (None, None) => format!("{}: ", l.file),
        },
        None => String::new(),
    };
    let location = match &f.machine {
        Some(m) => format!("{m}: {loc}"),
        None => loc,
    };
    let mut fixes = Vec::new();
    let ps_label = ctx.t("diag-fix-ps");
    let cmd_label = if f.fix_powershell.is_empty() {
        ctx.t("label-fix")
    } else {
        ctx.t("diag-fix-cmd")
    };
    // A fix that spans machines is one block per place, in order, each saying where it runs.
    for (lines, on, label, lang) in [
        (&f.fix, &f.fix_run_on, cmd_label, "bat"),
        (
            &f.fix_powershell,
            &f.fix_powershell_run_on,
            ps_label,
            "powershell",
        ),
    ] {
        let mut i = 0;
        while i < lines.len() {
            let place = on.get(i).copied().flatten();
            let mut j = i + 1;
            while j < lines.len() && on.get(j).copied().flatten() == place {
                j += 1;
            }
            let label = match place {
                Some(p) => ctx.msg(
                    &avma_core::text::Msg::new("diag-fix-run-on")
                        .arg("fix", label.as_str())
                        .arg("place", p.as_str()),
                ),
                None => label.clone(),
            };
            fixes.push(Commands {
                label,
                lang: lang.into(),
                lines: lines[i..j].to_vec(),
            });
            i = j;
        }
    }
    FindingBlock {
        level: level(f.severity),
        level_label: level_label(ctx, f.severity),
        code: f.rule.code.to_string(),
        name: f.rule.name.to_string(),
        location,
        message: ctx.msg(&f.message),
        evidence_label: ctx.t("diag-evidence"),
        evidence: f
            .evidence
            .iter()
            .map(|e| (ctx.msg(&e.fact), e.at.clone().unwrap_or_default()))
            .collect(),
        why: why.then(|| (ctx.t("diag-why"), ctx.doc(f.rule.why).to_string())),
        fixes,
    }
}

/// SARIF 2.1.0 of findings: the registry's rules of `origin`, one result per finding.
pub fn sarif(ctx: &Ctx, findings: &[Finding], origin: Origin) -> serde_json::Value {
    let rules: Vec<SarifRule> = rules::ALL
        .iter()
        .filter(|r| r.origins.contains(&origin))
        .map(|r| SarifRule {
            id: r.code.into(),
            name: r.name.into(),
            short: ctx.doc(r.summary).into(),
            full: ctx.doc(r.detects).into(),
            help: ctx.sentences(ctx.doc(r.why), ctx.doc(r.fix)),
            level: level(r.severity),
        })
        .collect();
    let results: Vec<SarifResult> = findings
        .iter()
        .map(|f| SarifResult {
            rule_id: f.rule.code.into(),
            level: level(f.severity),
            message: ctx.msg(&f.message),
            file: f.location.as_ref().map(|l| l.file.clone()),
            line: f.location.as_ref().and_then(|l| l.line),
            properties: json!({"name": f.rule.name, "machine": f.machine, "fix": f.fix, "fix_powershell": f.fix_powershell}),
        })
        .collect();
    avma_render::sarif::print("avma", env!("CARGO_PKG_VERSION"), &rules, &results)
}

/// Print a document as text on the context (coloured when the context is).
pub fn text(ctx: &mut Ctx, doc: &Doc) {
    let s = avma_render::text::print(
        doc,
        avma_render::text::TextOptions {
            color: ctx.style.color,
        },
    );
    ctx.print(&s);
}

/// Print a document as Markdown on the context.
pub fn markdown(ctx: &mut Ctx, doc: &Doc) {
    let s = avma_render::markdown::print(doc);
    ctx.print(&s);
}

/// The document's language tag.
pub fn lang_tag(ctx: &Ctx) -> String {
    let lang = ctx.lang();
    if lang.is_pseudo() {
        // The pseudo-locale (Microsoft's tag for accented pseudo English).
        return "qps-ploc".to_string();
    }
    lang.as_str().to_string()
}

/// The printers a command's document can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Text,
    Md,
    Html,
    /// The document's tables as CSV (RFC 4180, formulas neutralised): the audit's and ledger's.
    Csv,
}

impl From<crate::cli::DemoFormat> for View {
    fn from(f: crate::cli::DemoFormat) -> View {
        match f {
            crate::cli::DemoFormat::Text => View::Text,
            crate::cli::DemoFormat::Md => View::Md,
            crate::cli::DemoFormat::Html => View::Html,
        }
    }
}

/// A document printed by one printer, as the string the command writes (colour as the context
/// says for text). Tests compare a command's output with this.
pub fn printed(ctx: &Ctx, doc: &Doc, view: View) -> String {
    match view {
        View::Text => avma_render::text::print(
            doc,
            avma_render::text::TextOptions {
                color: ctx.style.color,
            },
        ),
        View::Md => avma_render::markdown::print(doc),
        View::Html => avma_render::html::print(doc),
        View::Csv => avma_render::csv::print(doc),
    }
}

/// Print a document on the context by one printer: every human view of a command goes through
/// here, then through [`Ctx::flush`] (escaping, redaction).
pub fn show(ctx: &mut Ctx, doc: &Doc, view: View) {
    let s = printed(ctx, doc, view);
    ctx.print(&s);
}

/// A table of plain cells (the header first), as the document's table.
pub fn table(head: Vec<String>, rows: Vec<Vec<String>>) -> avma_render::Table {
    avma_render::Table {
        head: head.into_iter().map(avma_render::Cell::new).collect(),
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(avma_render::Cell::new).collect())
            .collect(),
        ..avma_render::Table::default()
    }
}

impl crate::cli::DocFormat {
    /// The printer of this format; `None` for JSON.
    pub fn view(self) -> Option<View> {
        match self {
            crate::cli::DocFormat::Text => Some(View::Text),
            crate::cli::DocFormat::Md => Some(View::Md),
            crate::cli::DocFormat::Html => Some(View::Html),
            crate::cli::DocFormat::Json => None,
        }
    }
}

/// A value from evidence as every printer shows it: control, bidi and invisible characters
/// written visibly (`\n`, `\x1b`, `<U+202E>`), the way message arguments are, so a name reads the
/// same in a sentence and in a table cell of any format.
pub fn shown(s: &str) -> String {
    crate::escape::text(s).into_owned()
}
