//! `avma lint`: stream each input through the decoder and the linter; one bad input gets one
//! line and the others are still checked.

use std::io::Read;

use avma_core::catalog::{Catalog, Edition, Version};
use avma_core::finding::Finding;
use avma_core::lint::{LintOptions, LintReport, Linter, TargetSource};
use avma_core::spec::{parse_edition_words, resolve_edition};
use avma_core::text::Msg;
use avma_text::{sniff, LineStream, NotText, SNIFF_LEN};
use serde_json::json;

use super::{os_option, spec_error, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::cli::{LintArgs, LintFormat as Format};
use crate::document::View;
use crate::out::{json as print_json, Ctx};
use crate::render::{counts, finding_json};
use avma_render::{toned, Block, Doc, Inline, Tone};

/// What happened to one input.
pub struct FileResult {
    pub name: String,
    pub encoding: Option<&'static str>,
    pub report: Option<LintReport>,
    pub error: Option<InputError>,
    /// Lines longer than [`avma_text::MAX_LINE`], judged in pieces (named in a problem line).
    pub long_lines: u64,
}

/// Why (the rest of) an input could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    NotText(NotText),
    /// Text up to this byte offset, then binary data: what came before was linted.
    BinaryAfter(u64),
    Io(String),
    Folder,
    /// Not a regular file, missing, or not readable (see [`crate::input`]).
    Refused(crate::input::Refused),
}

impl InputError {
    /// The JSON `error` field (kept as it was first published).
    fn contract(&self, ctx: &Ctx) -> String {
        match self {
            InputError::NotText(NotText::Empty) => "empty".into(),
            InputError::NotText(NotText::Binary { offset }) | InputError::BinaryAfter(offset) => {
                format!("binary data at byte offset {offset}")
            }
            InputError::Io(e) => e.clone(),
            InputError::Folder => ctx.t("error-is-directory"),
            InputError::Refused(r) => r.english(),
        }
    }

    /// The line for people, in their language.
    fn reason(&self, ctx: &Ctx) -> String {
        match self {
            InputError::NotText(NotText::Empty) => ctx.t("error-empty"),
            InputError::NotText(NotText::Binary { offset }) => {
                ctx.msg(&Msg::new("error-binary").arg("offset", *offset as i64))
            }
            InputError::BinaryAfter(offset) => {
                ctx.msg(&Msg::new("error-binary-after").arg("offset", *offset as i64))
            }
            InputError::Refused(r) => r.reason(ctx),
            InputError::Io(_) | InputError::Folder => self.contract(ctx),
        }
    }
}

/// Read `r` in chunks, decode and lint it. Memory is bounded by the chunk size, the longest
/// line (capped by avma-text) and the linter's observations.
pub fn lint_reader(
    name: &str,
    r: &mut dyn Read,
    opts: LintOptions<'_>,
    cat: &Catalog,
) -> FileResult {
    let mut linter = Linter::new(name, opts, cat);
    let mut buf = vec![0u8; SNIFF_LEN];
    // Fill the first buffer fully (short reads are allowed by Read).
    let mut filled = 0;
    loop {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled == buf.len() {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return FileResult {
                    name: name.into(),
                    long_lines: 0,
                    encoding: None,
                    report: None,
                    error: Some(InputError::Io(e.to_string())),
                }
            }
        }
    }
    let complete = filled < buf.len();
    let enc = match sniff(&buf[..filled], complete) {
        Ok(e) => e,
        Err(e) => {
            return FileResult {
                name: name.into(),
                long_lines: 0,
                encoding: None,
                report: None,
                error: Some(InputError::NotText(e)),
            }
        }
    };
    let mut stream = LineStream::new(enc);
    let mut error = None;
    let mut feed = |linter: &mut Linter<'_>, bytes: &[u8], last: bool| -> Result<(), NotText> {
        stream.push(bytes, last, &mut |l| linter.feed_line(l))
    };
    let after = |e: NotText| match e {
        NotText::Binary { offset } => InputError::BinaryAfter(offset),
        other => InputError::NotText(other),
    };
    if let Err(e) = feed(&mut linter, &buf[..filled], complete) {
        error = Some(after(e));
    }
    if error.is_none() && !complete {
        loop {
            match r.read(&mut buf) {
                Ok(0) => {
                    if let Err(e) = feed(&mut linter, &[], true) {
                        error = Some(after(e));
                    }
                    break;
                }
                Ok(n) => {
                    if let Err(e) = feed(&mut linter, &buf[..n], false) {
                        error = Some(after(e));
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    error = Some(InputError::Io(e.to_string()));
                    break;
                }
            }
        }
    }
    FileResult {
        name: name.into(),
        long_lines: stream.long_lines,
        encoding: Some(enc.name()),
        report: Some(linter.finish()),
        error,
    }
}

fn options<'c>(
    ctx: &mut Ctx,
    a: &LintArgs,
    cat: &'c Catalog,
) -> Result<(Option<&'c Version>, Option<&'c Edition>), ()> {
    let Ok(os) = os_option(ctx, a.os.as_deref()) else {
        return Err(());
    };
    let edition = match &a.edition {
        Some(s) => {
            match parse_edition_words(s, cat).and_then(|w| resolve_edition(&w, cat, false)) {
                Ok(e) => Some(e),
                Err(e) => {
                    let m = spec_error(ctx, "--edition", s, &e);
                    ctx.problem("--edition", &m);
                    return Err(());
                }
            }
        }
        None => None,
    };
    Ok((os, edition))
}

pub fn lint_inputs(ctx: &mut Ctx, files: &[String], opts: LintOptions<'_>) -> Vec<FileResult> {
    let cat = ctx.cat;
    let mut results = Vec::new();
    for f in files {
        let res = if f == "-" {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            lint_reader("<stdin>", &mut lock, opts, cat)
        } else {
            // Only regular files: a FIFO or device gets its line instead of blocking the run.
            match crate::input::open_regular(std::path::Path::new(f)) {
                Ok(mut file) => lint_reader(f, &mut file, opts, cat),
                Err(crate::input::Refused::Folder) => FileResult {
                    name: f.clone(),
                    long_lines: 0,
                    encoding: None,
                    report: None,
                    error: Some(InputError::Folder),
                },
                Err(why) => FileResult {
                    name: f.clone(),
                    long_lines: 0,
                    encoding: None,
                    report: None,
                    error: Some(InputError::Refused(why)),
                },
            }
        };
        if let Some(e) = &res.error {
            let reason = e.reason(ctx);
            ctx.problem(&res.name, &reason);
        }
        if res.long_lines > 0 {
            // Not silent: a key or command across a cut may be missed, so the run is an input
            // error (exit 2) and says how many lines were cut where.
            let m = ctx.msg(
                &Msg::new("lint-long-lines")
                    .arg("n", res.long_lines as i64)
                    .arg("limit", (avma_text::MAX_LINE / (1024 * 1024)) as i64),
            );
            ctx.problem(&res.name, &m);
        }
        results.push(res);
    }
    results
}

/// The document `avma lint` prints for these arguments (input problems go to stderr as the
/// command's do).
pub fn lint_doc(ctx: &mut Ctx, a: &LintArgs) -> Result<Doc, u8> {
    let cat = ctx.cat;
    let (os, edition) = options(ctx, a, cat).map_err(|()| EXIT_INPUT)?;
    let results = lint_inputs(ctx, &a.files, LintOptions { os, edition });
    Ok(document(ctx, &results))
}

pub fn run(ctx: &mut Ctx, a: &LintArgs) -> u8 {
    let cat = ctx.cat;
    let Ok((os, edition)) = options(ctx, a, cat) else {
        return EXIT_INPUT;
    };
    let mut results = lint_inputs(ctx, &a.files, LintOptions { os, edition });
    if a.format == Format::Text {
        // Placeholders in the reader's language (JSON and SARIF keep the English names).
        for r in &mut results {
            for f in r.report.iter_mut().flat_map(|r| r.findings.iter_mut()) {
                ctx.localize_fix(f);
            }
        }
    }
    let findings: Vec<&Finding> = results
        .iter()
        .filter_map(|r| r.report.as_ref())
        .flat_map(|r| &r.findings)
        .collect();
    let owned: Vec<Finding> = findings.iter().map(|f| (*f).clone()).collect();
    let (errors, warnings, infos) = counts(&owned);
    match a.format {
        Format::Json => {
            let files: Vec<_> = results
                .iter()
                .map(|r| {
                    let rep = r.report.as_ref();
                    json!({
                        "file": r.name,
                        "encoding": r.encoding,
                        "lines": rep.map(|x| x.lines),
                        "target_version": rep.and_then(|x| x.target_version.clone()),
                        "target_source": rep.map(|x| target_source(&x.target_source)),
                        "error": r.error.as_ref().map(|e| e.contract(ctx)),
                    })
                })
                .collect();
            print_json(
                ctx,
                &json!({
                    "schema": "avma.lint/1",
                    "files": files,
                    "findings": owned.iter().map(|f| finding_json(ctx, f)).collect::<Vec<_>>(),
                    "summary": {"errors": errors, "warnings": warnings, "infos": infos, "input_errors": ctx.problems},
                }),
            );
        }
        Format::Sarif => {
            let s = crate::document::sarif(ctx, &owned, avma_core::rules::Origin::Lint);
            print_json(ctx, &s);
        }
        Format::Text => crate::document::show(ctx, &document(ctx, &results), View::Text),
        Format::Md => crate::document::show(ctx, &document(ctx, &results), View::Md),
        Format::Html => crate::document::show(ctx, &document(ctx, &results), View::Html),
    }
    if ctx.problems > 0 {
        EXIT_INPUT
    } else if errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// One input's summary line: its encoding, lines, counts and the target version and where it
/// came from.
fn file_summary(ctx: &Ctx, r: &FileResult, rep: &LintReport) -> String {
    let cat = ctx.cat;
    let target = match (&rep.target_version, &rep.target_source) {
        (Some(v), src) => {
            let name = cat.version(v).map(|v| v.name.as_str()).unwrap_or(v);
            let m = match src {
                TargetSource::Option => Msg::new("lint-target-option").arg("version", name),
                TargetSource::Text { line } => Msg::new("lint-target-text")
                    .arg("version", name)
                    .arg("line", *line as i64),
                TargetSource::AvmaKeys => Msg::new("lint-target-keys").arg("version", name),
                TargetSource::None | TargetSource::Several { .. } => Msg::new("lint-target-none"),
            };
            ctx.msg(&m)
        }
        (None, TargetSource::Several { line }) => {
            ctx.msg(&Msg::new("lint-target-several").arg("line", *line as i64))
        }
        (None, _) => ctx.t("lint-target-none"),
    };
    let (e, w, i) = counts(&rep.findings);
    ctx.msg(
        &Msg::new("lint-file-summary")
            .arg("file", r.name.as_str())
            .arg("encoding", r.encoding.unwrap_or("?"))
            .arg("lines", rep.lines as i64)
            .arg("errors", e as i64)
            .arg("warnings", w as i64)
            .arg("infos", i as i64)
            .arg("target", target),
    )
}

/// The lint for people: every finding (where, what, the fix), then a line per input read.
pub fn document(ctx: &Ctx, results: &[FileResult]) -> Doc {
    let findings: Vec<&Finding> = results
        .iter()
        .filter_map(|r| r.report.as_ref())
        .flat_map(|r| &r.findings)
        .collect();
    let n = |s| findings.iter().filter(|f| f.severity == s).count() as i64;
    use avma_core::rules::Severity;
    let title = ctx.msg(
        &Msg::new("lint-title")
            .arg("files", results.len() as i64)
            .arg("errors", n(Severity::Error))
            .arg("warnings", n(Severity::Warning))
            .arg("infos", n(Severity::Info)),
    );
    let mut doc = Doc::new(title, crate::document::lang_tag(ctx));
    for f in &findings {
        doc.push(Block::Finding(crate::document::finding_block(
            ctx, f, false,
        )));
    }
    let files: Vec<Inline> = results
        .iter()
        .filter_map(|r| {
            r.report
                .as_ref()
                .map(|rep| toned(file_summary(ctx, r, rep), Tone::Dim))
        })
        .collect();
    if !files.is_empty() {
        doc.heading(1, ctx.t("lint-files"));
        doc.push(Block::List(files));
    }
    doc
}

fn target_source(s: &TargetSource) -> serde_json::Value {
    match s {
        TargetSource::Option => json!({"from": "option"}),
        TargetSource::Text { line } => json!({"from": "text", "line": line}),
        TargetSource::AvmaKeys => json!({"from": "avma-keys"}),
        TargetSource::Several { line } => json!({"from": "several", "line": line}),
        TargetSource::None => json!({"from": "none"}),
    }
}
