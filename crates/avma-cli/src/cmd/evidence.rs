//! `avma evidence`: read every input (folders are machines), build the model, and show what was
//! understood with provenance, so a user can check the reading before trusting a diagnosis.

use std::io::{IsTerminal, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use avma_evidence::model::{build, Machine, MachineInput, Model, Role, RoleReason};
use avma_evidence::observe::{ArtifactKind, ReadResult};
use avma_evidence::{detect, evtx};
use avma_text::{sniff, SNIFF_LEN};
use rayon::prelude::*;
use serde_json::json;

use super::{EXIT_INPUT, EXIT_OK};
use crate::cli::{DocFormat, EvidenceArgs};
use crate::document::shown;
use crate::input::{self, Refused, Walk};
use crate::out::{json as print_json, Ctx};
use avma_core::text::Msg;
use avma_evidence::asof::AsOf;
use avma_render::{plain, toned, Block, Cell, Commands, Doc, Inline, Span, Table, Tone};

/// Text artifacts larger than this are not command output: refused (counted by bytes read).
pub const MAX_TEXT: u64 = 64 * 1024 * 1024;

/// One input file, read by the right reader. Never panics; problems become warnings.
pub fn read_file(path: &Path, name: &str, cat: &avma_core::Catalog) -> ReadResult {
    read_checked(path, name, cat).unwrap_or_else(|e| unreadable(name, &e.english()))
}

/// [`read_file`], with a refusal (not a regular file, too large, cannot open) kept apart so the
/// caller can say it in the user's language.
pub fn read_checked(
    path: &Path,
    name: &str,
    cat: &avma_core::Catalog,
) -> Result<ReadResult, Refused> {
    let f = input::open_regular(path)?;
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&f).take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .map_err(|e| Refused::Io(e.to_string()))?;
    let got = head.len();
    if evtx::is_evtx(&head)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("evtx"))
    {
        // .evtx files are streamed 16 chunks at a time: bounded memory whatever their size.
        let mut f = f;
        f.seek(SeekFrom::Start(0))
            .map_err(|e| Refused::Io(e.to_string()))?;
        let (r, _) = evtx::read(name, f, false);
        return Ok(r);
    }
    let complete = got < SNIFF_LEN;
    let enc = match sniff(&head, complete) {
        Ok(e) => e,
        Err(avma_text::NotText::Empty) => return Ok(warned(name, Msg::new("input-empty-file"))),
        Err(avma_text::NotText::Binary { offset }) => {
            return Ok(warned(
                name,
                Msg::new("input-binary").arg("offset", offset as i64),
            ))
        }
    };
    if f.metadata().is_ok_and(|m| m.len() > MAX_TEXT) {
        return Err(Refused::TooLarge { limit: MAX_TEXT });
    }
    let mut bytes = head;
    if !complete {
        let rest = input::read_capped(&f, MAX_TEXT - got as u64)
            .map_err(|_| Refused::TooLarge { limit: MAX_TEXT })?;
        bytes.extend_from_slice(&rest);
    }
    // The whole file is in memory (at most MAX_TEXT): no line is cut, so a compact
    // `ConvertTo-Json -Compress` document of any length within the cap is read whole.
    let mut stream = avma_text::LineStream::new(enc).with_max_line(MAX_TEXT as usize);
    let mut lines = Vec::new();
    let res = stream.push(&bytes, true, &mut |l| lines.push(l.to_string()));
    let mut r = detect::read_text(name, &lines, cat);
    r.encoding = Some(enc.name());
    if let Err(e) = res {
        r.problem(
            None,
            Msg::new("input-read-up-to-there").arg("detail", e.to_string()),
        );
    }
    // A reader that named a problem and found nothing (broken JSON, XML that does not parse):
    // the input is bad, not merely empty, so every command exits 2 for it.
    if r.observations.is_empty() && r.has_problems() {
        r.readable = false;
    }
    Ok(r)
}

/// A readable-but-useless file: one warning, not readable.
fn warned(name: &str, msg: Msg) -> ReadResult {
    let mut r = ReadResult::new(name, ArtifactKind::Unknown);
    r.problem(None, msg);
    r
}

/// A result for an input that is not there at all, with the reason as its one warning.
fn unreadable(name: &str, reason: &str) -> ReadResult {
    let mut r = ReadResult::new(name, avma_evidence::observe::ArtifactKind::Unknown);
    r.readable = false;
    r.warnings.push(format!("{name}: {reason}"));
    r
}

/// Whether a file is an avma inventory (`avma.inventory/…`, what `avma inventory` writes): its
/// first bytes are a JSON object naming that schema. Bounded: 4 KiB are read.
fn is_inventory(p: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let Ok(f) = std::fs::File::open(p) else {
        return false;
    };
    if f.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('{')
        && text
            .find("\"schema\"")
            .and_then(|i| text.get(i..))
            .and_then(|t| t.split(',').next())
            .is_some_and(|t| t.contains("avma.inventory/"))
}

/// One line per warning of every input; `true` when some input could not be read at all.
/// The days of a remaining time as slmgr printed them next to the minutes, else as slmgr counts
/// them (its `GetDaysFromMins` rounds up: 10020 minutes are 7 days).
pub fn days_of(minutes: u64, printed: Option<u64>) -> u64 {
    printed.unwrap_or_else(|| avma_evidence::util::days_from_minutes(minutes))
}

pub fn report(ctx: &mut Ctx, results: &[ReadResult]) -> bool {
    let mut unreadable = false;
    for r in results {
        unreadable |= !r.readable;
        for w in &r.warnings {
            let (input, reason) = w.split_once(": ").unwrap_or((r.file.as_str(), w.as_str()));
            ctx.problem(input, reason);
        }
        for p in &r.problems {
            let text = ctx.msg(&p.message);
            ctx.problem(&at_line(&r.file, p.line), &text);
        }
        // Readers' notes say what was inferred or left ambiguous; they are not input errors.
        for n in &r.notes {
            let text = ctx.msg(&n.message);
            ctx.input_note(&at_line(&r.file, n.line), &text);
        }
    }
    unreadable
}

/// `file:line`, or the file alone.
fn at_line(file: &str, line: Option<u64>) -> String {
    match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

/// Every warning and problem of an input as one line each (`input: reason`), in the user's
/// language: the `warnings` of the JSON contract.
fn warning_lines(ctx: &Ctx, r: &ReadResult) -> Vec<String> {
    let mut out = r.warnings.clone();
    out.extend(
        r.problems
            .iter()
            .map(|p| format!("{}: {}", at_line(&r.file, p.line), ctx.msg(&p.message))),
    );
    out
}

/// What each input was understood as: kind, language, encoding, lines understood and skipped,
/// and for an input that yields nothing the first lines that could not be placed.
fn inputs_blocks(ctx: &Ctx, doc: &mut Doc, results: &[ReadResult]) {
    doc.heading_id(1, ctx.t("evidence-inputs"), "inputs");
    let mut items: Vec<Inline> = Vec::new();
    for r in results {
        let kind = serde_json::to_value(r.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let mut m = Msg::new("evidence-input-summary")
            .arg("file", r.file.as_str())
            // The kind and language tokens in words in the user's language (en: as they are).
            .arg("kind", Msg::new("input-kind").arg("kind", kind))
            .arg(
                "language",
                Msg::new("input-language").arg("language", r.language.unwrap_or("-")),
            )
            .arg("encoding", r.encoding.unwrap_or("-"))
            .arg("facts", r.observations.len() as i64);
        let line = match &r.lines {
            Some(l) => {
                m = m
                    .arg("understood", l.understood as i64)
                    .arg("skipped", l.skipped as i64)
                    .arg("noise", l.noise as i64);
                m.id = "evidence-input-lines";
                ctx.msg(&m)
            }
            None => ctx.msg(&m),
        };
        items.push(plain(line));
        if let Some(l) = r.lines.as_ref().filter(|l| !l.unplaced.is_empty()) {
            doc.push(Block::List(std::mem::take(&mut items)));
            let t = ctx.t("evidence-input-unplaced");
            let label = format!(
                "{}: {}",
                shown(&r.file),
                t.trim_end_matches([':', '\u{ff1a}'])
            );
            doc.push(Block::Code(Commands {
                label,
                lang: "text".into(),
                lines: l
                    .unplaced
                    .iter()
                    .map(|u| {
                        format!(
                            "{} {}",
                            crate::out::pad(&u.line.to_string(), 5),
                            shown(&u.text)
                        )
                    })
                    .collect(),
            }));
        }
    }
    if !items.is_empty() {
        doc.push(Block::List(items));
    }
}

/// The machine folders under `dir`: `dir` itself when it holds files of its own; when it holds
/// only folders (a collection such as `evidence/<machine>/...`), each of them, the same way.
fn machine_folders(walk: &mut Walk, dir: &Path, root: &Path, depth: u8, out: &mut Vec<PathBuf>) {
    let mut subdirs = Vec::new();
    let mut has_files = false;
    for e in walk.entries(dir, root, true) {
        match e {
            input::Entry::Dir(d) => subdirs.push(d),
            // A bundle's manifest is not evidence: a bundle root holds only machine folders.
            input::Entry::File(f) => has_files |= crate::bundle::manifest_at(&f).is_none(),
        }
    }
    if has_files || subdirs.is_empty() || depth == 0 {
        out.push(dir.to_path_buf());
        return;
    }
    for d in subdirs {
        machine_folders(walk, &d, root, depth - 1, out);
    }
}

/// What [`load_all`] gives: the model, every input's result, and the evidence time.
pub struct Loaded {
    pub model: Model,
    pub results: Vec<ReadResult>,
    /// When the evidence was collected: the latest `collected_at` of the bundle manifests among
    /// the inputs (zipped or unpacked); `None` when no input is a bundle with a manifest.
    pub collected_at: Option<jiff::Timestamp>,
    /// The cluster a bundle's manifest names (`cluster`), the first one among the inputs.
    pub cluster: Option<String>,
}

/// [`load_all`] without the evidence time.
pub fn load(
    ctx: &mut Ctx,
    hosts: &[PathBuf],
    guests: &[PathBuf],
    others: &[PathBuf],
) -> (Model, Vec<ReadResult>) {
    let l = load_all(ctx, hosts, guests, others);
    (l.model, l.results)
}

/// Collect the machines named on the command line: a folder is one machine (a folder of folders
/// is one machine per folder), a file stands alone, a zip bundle (by content) gives the same
/// machines its folders would (crate::bundle). A path that is missing, an empty folder, a FIFO or
/// device, a link out of the folder, each comes back as an unreadable result whose warning says
/// why; callers `report` every result. Each real file is read once.
pub fn load_all(
    ctx: &mut Ctx,
    hosts: &[PathBuf],
    guests: &[PathBuf],
    others: &[PathBuf],
) -> Loaded {
    let cat = ctx.cat;
    let mut jobs: Vec<(usize, PathBuf, String)> = Vec::new();
    let mut machines: Vec<(String, Option<Role>)> = Vec::new();
    let mut missing = Vec::new();
    let mut read_already: Vec<(usize, ReadResult)> = Vec::new();
    let mut times = Vec::new();
    let mut clusters: Vec<String> = Vec::new();
    // The bundle manifest's collection time, as a fact of each machine of that bundle.
    let mut stamps: Vec<(usize, ReadResult)> = Vec::new();
    let mut walk = Walk::new();
    let label_of = |p: &Path| {
        let l = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string());
        avma_core::key::redact_text(&l, cat)
    };
    for (paths, role) in [
        (hosts, Some(Role::Host)),
        (guests, Some(Role::Guest)),
        (others, None),
    ] {
        for p in paths {
            if p.is_dir() {
                let manifest = crate::bundle::folder_manifest(p);
                times.extend(manifest.as_ref().and_then(|m| m.time()));
                clusters.extend(manifest.as_ref().and_then(|m| m.cluster.clone()));
                let root = Walk::root(p);
                let mut folders = Vec::new();
                machine_folders(&mut walk, p, &root, 4, &mut folders);
                for dir in folders {
                    let mut files = Vec::new();
                    walk.files(&dir, &root, &mut files);
                    // A manifest inside a machine folder speaks for that machine alone.
                    let mut own: Vec<ReadResult> = Vec::new();
                    files.retain(|f| match crate::bundle::manifest_at(f) {
                        Some(m) => {
                            times.extend(m.time());
                            clusters.extend(m.cluster.clone());
                            own.extend(m.time_result(&crate::bundle::shown(f)));
                            false
                        }
                        None => true,
                    });
                    let shown = crate::bundle::shown(&dir);
                    if files.is_empty() {
                        // Entries refused (a link loop, folders too deep...) each have their
                        // own line: the folder that held them is not empty.
                        if !walk.refused_under(&dir) {
                            missing.push(unreadable(&shown, &ctx.t("evidence-empty-folder")));
                        }
                        continue;
                    }
                    let idx = machines.len();
                    stamps.extend(own.into_iter().map(|r| (idx, r)));
                    let label = dir
                        .file_name()
                        .and_then(|f| manifest.as_ref()?.name_of(&f.to_string_lossy()))
                        .map(str::to_string)
                        .unwrap_or_else(|| label_of(&dir));
                    if let Some(t) = manifest.as_ref().and_then(|m| {
                        m.time_result(&crate::bundle::shown(&p.join(crate::bundle::MANIFEST_NAME)))
                    }) {
                        stamps.push((idx, t));
                    }
                    machines.push((label, role));
                    for f in files {
                        let name = crate::bundle::shown(&f);
                        jobs.push((idx, f, name));
                    }
                }
            } else {
                match input::check_regular(p) {
                    Ok(()) if crate::bundle::is_zip_file(p) => {
                        if !walk.first_time(p) {
                            continue;
                        }
                        let b = crate::bundle::read_zip(ctx, p, &crate::bundle::LIMITS);
                        times.extend(b.manifest.as_ref().and_then(|m| m.time()));
                        clusters.extend(b.manifest.as_ref().and_then(|m| m.cluster.clone()));
                        let stamp = b.manifest.as_ref().and_then(|m| {
                            let shown = format!(
                                "{}{}{}",
                                crate::bundle::shown(p),
                                crate::bundle::sep(),
                                b.manifest_path.join(&crate::bundle::sep().to_string())
                            );
                            m.time_result(&shown)
                        });
                        for m in b.machines {
                            let idx = machines.len();
                            if let Some(t) = &stamp {
                                stamps.push((idx, t.clone()));
                            }
                            machines.push((m.label, role));
                            read_already.extend(m.results.into_iter().map(|r| (idx, r)));
                        }
                        if b.problems.has_problems() || !b.problems.readable {
                            missing.push(b.problems);
                        }
                    }
                    Ok(()) if crate::bundle::has_zip_name(p) => {
                        let shown = crate::bundle::shown(p);
                        missing.push(unreadable(&shown, &ctx.t("bundle-not-zip")));
                    }
                    // An avma inventory is audit's input, not evidence: say so, make no machine.
                    Ok(()) if is_inventory(p) => {
                        let shown = crate::bundle::shown(p);
                        missing.push(unreadable(&shown, &ctx.t("evidence-is-inventory")));
                    }
                    Ok(()) => {
                        if walk.first_time(p) {
                            let idx = machines.len();
                            machines.push((label_of(p), role));
                            jobs.push((idx, p.clone(), crate::bundle::shown(p)));
                        }
                    }
                    Err(e) => {
                        let shown = crate::bundle::shown(p);
                        missing.push(unreadable(&shown, &e.reason(ctx)));
                    }
                }
            }
        }
    }
    for (p, why) in std::mem::take(&mut walk.refused) {
        missing.push(unreadable(&crate::bundle::shown(&p), &why.reason(ctx)));
    }
    let bar = progress(&jobs);
    let results: Vec<(usize, Result<ReadResult, Refused>, &str)> = jobs
        .par_iter()
        .map(|(idx, path, name)| {
            let mut r = read_checked(path, name, cat);
            // Keys are masked in every value before the model sees it (#12).
            if let Ok(r) = &mut r {
                avma_evidence::redact::read_result(r, cat);
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
            (*idx, r, name.as_str())
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut inputs: Vec<MachineInput> = machines
        .into_iter()
        .map(|(label, role)| MachineInput {
            label,
            role,
            results: Vec::new(),
        })
        .collect();
    let mut all = missing;
    for r in &mut all {
        avma_evidence::redact::read_result(r, cat);
    }
    for (idx, mut r) in read_already {
        // Keys are masked in every value before the model sees it (#12), bundle entries too.
        avma_evidence::redact::read_result(&mut r, cat);
        all.push(r.clone());
        inputs[idx].results.push(r);
    }
    for (idx, r, name) in results {
        let r = r.unwrap_or_else(|e| {
            let mut u = unreadable(name, &e.reason(ctx));
            avma_evidence::redact::read_result(&mut u, cat);
            u
        });
        all.push(r.clone());
        inputs[idx].results.push(r);
    }
    for (idx, r) in stamps {
        inputs[idx].results.push(r);
    }
    // A machine none of whose inputs could be read is no machine (its warning says why).
    inputs.retain(|i| i.results.iter().any(|r| r.readable));
    Loaded {
        model: build(inputs, cat),
        results: all,
        collected_at: crate::bundle::latest(&times),
        cluster: clusters
            .into_iter()
            .map(|c| avma_core::key::redact_text(c.trim(), cat))
            .find(|c| !c.is_empty()),
    }
}

/// A progress bar on stderr for many or large inputs, only on a terminal.
fn progress(jobs: &[(usize, PathBuf, String)]) -> Option<indicatif::ProgressBar> {
    let big: u64 = jobs
        .iter()
        .filter_map(|(_, p, _)| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if !std::io::stderr().is_terminal() || (jobs.len() < 20 && big < 32 * 1024 * 1024) {
        return None;
    }
    let b = indicatif::ProgressBar::new(jobs.len() as u64);
    b.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(b)
}

pub fn run(ctx: &mut Ctx, a: &EvidenceArgs) -> u8 {
    if a.inputs.is_empty() {
        let m = ctx.t("evidence-no-input");
        ctx.problem("evidence", &m);
        return EXIT_INPUT;
    }
    let (model, results) = load(ctx, &a.inputs.host, &a.inputs.guest, &a.inputs.paths);
    report(ctx, &results);
    // Exit code 2 only when nothing at all could be read.
    let nothing = !results.iter().any(|r| r.readable);
    match a.format {
        DocFormat::Json => {
            let inputs: Vec<_> = results
                .iter()
                .map(|r| {
                    let notes: Vec<_> = r
                        .notes
                        .iter()
                        .map(|n| json!({"line": n.line, "id": n.message.id, "message": ctx.msg(&n.message)}))
                        .collect();
                    json!({"file": r.file, "kind": r.kind, "language": r.language, "encoding": r.encoding, "readable": r.readable, "facts": r.observations.len(), "warnings": warning_lines(ctx, r), "lines": r.lines, "notes": notes})
                })
                .collect();
            print_json(
                ctx,
                &json!({"schema": "avma.evidence/1", "inputs": inputs, "machines": model.machines, "cluster": model.cluster, "vms": model.vms}),
            );
        }
        DocFormat::Text | DocFormat::Md | DocFormat::Html => {
            let as_of = super::asof::resolve(&model, &results);
            let doc = document(ctx, &model, &results, Some(&as_of));
            if let Some(f) = a.format.view() {
                crate::document::show(ctx, &doc, f);
            }
        }
    }
    if nothing {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

/// What was understood, as a document: each machine with every fact and where it was seen, the
/// inputs (how each was read), and the cluster (nodes, groups and their owners).
pub fn document(ctx: &Ctx, model: &Model, results: &[ReadResult], as_of: Option<&AsOf>) -> Doc {
    let readable = results.iter().filter(|r| r.readable).count();
    let mut doc = Doc::new(
        ctx.msg(
            &Msg::new("evidence-title")
                .arg("machines", model.machines.len() as i64)
                .arg("inputs", results.len() as i64)
                .arg("readable", readable as i64),
        ),
        crate::document::lang_tag(ctx),
    );
    if let Some(a) = as_of {
        doc.para(toned(super::asof::line(ctx, a), Tone::Dim));
    }
    for (i, m) in model.machines.iter().enumerate() {
        machine_blocks(ctx, &mut doc, m, i + 1);
    }
    inputs_blocks(ctx, &mut doc, results);
    if let Some(c) = &model.cluster {
        doc.heading_id(1, ctx.t("evidence-cluster"), "cluster");
        let mut items = Vec::new();
        for n in &c.nodes {
            items.push(vec![
                Span::plain(format!(
                    "{} {}  {}  ",
                    ctx.t("evidence-node"),
                    shown(&n.value.name),
                    ctx.msg(
                        &Msg::new("node-state")
                            .arg("state", shown(n.value.state.as_deref().unwrap_or("?")))
                    )
                )),
                Span::new(at_label(&n.from), Tone::Dim),
            ]);
        }
        for g in &c.groups {
            let owners = g
                .value
                .possible_owners
                .as_ref()
                .map(|o| o.join(&ctx.t("list-separator")))
                .unwrap_or_else(|| "?".into());
            let preferred = g
                .value
                .preferred_owners
                .as_ref()
                .map(|o| o.join(&ctx.t("list-separator")))
                .unwrap_or_else(|| "?".into());
            let l = ctx.msg(
                &Msg::new("evidence-group")
                    .arg("name", g.value.name.as_str())
                    .arg("owner", g.value.owner.clone().unwrap_or_else(|| "?".into()))
                    .arg("owners", owners)
                    .arg("preferred", preferred),
            );
            items.push(vec![
                Span::plain(format!("{l}  ")),
                Span::new(at_label(&g.from), Tone::Dim),
            ]);
        }
        doc.push(Block::List(items));
    }
    doc
}

fn at_label(from: &[avma_evidence::observe::Provenance]) -> String {
    let mut labels: Vec<String> = from.iter().take(3).map(|f| f.label()).collect();
    if from.len() > 3 {
        labels.push(format!("+{}", from.len() - 3));
    }
    format!("[{}]", crate::escape::text(&labels.join(", ")))
}

fn role_text(ctx: &Ctx, m: &Machine) -> String {
    let role = ctx.t(match m.role {
        Role::Host => "evidence-role-host",
        Role::Guest => "evidence-role-guest",
        Role::Unknown => "evidence-role-unknown",
    });
    let why = match &m.role_reason {
        RoleReason::Given => ctx.t("evidence-why-given"),
        RoleReason::HostEvent { from } => {
            ctx.msg(&Msg::new("evidence-why-12310").arg("at", from.label()))
        }
        RoleReason::GuestEvent { from } => {
            ctx.msg(&Msg::new("evidence-why-12309").arg("at", from.label()))
        }
        RoleReason::HyperVOutput { from } => {
            ctx.msg(&Msg::new("evidence-why-hyperv").arg("at", from.label()))
        }
        RoleReason::AvmaProduct { from } => {
            ctx.msg(&Msg::new("evidence-why-avma").arg("at", from.label()))
        }
        RoleReason::ClusterNode { from } => {
            ctx.msg(&Msg::new("evidence-why-node").arg("at", from.label()))
        }
        RoleReason::VmOfHost { from } => {
            ctx.msg(&Msg::new("evidence-why-vm").arg("at", from.label()))
        }
        RoleReason::KvpRegistry { from } => {
            ctx.msg(&Msg::new("evidence-why-kvp").arg("at", from.label()))
        }
        RoleReason::SystemModel { from } => {
            ctx.msg(&Msg::new("evidence-why-system-model").arg("at", from.label()))
        }
        RoleReason::HyperVFeature { from } => {
            ctx.msg(&Msg::new("evidence-why-hyperv-feature").arg("at", from.label()))
        }
        RoleReason::VirtualPlatform { from } => {
            ctx.msg(&Msg::new("evidence-why-virtual-platform").arg("at", from.label()))
        }
        RoleReason::GuestService { from } => {
            ctx.msg(&Msg::new("evidence-why-guest-service").arg("at", from.label()))
        }
        RoleReason::AvmaKey { from } => {
            ctx.msg(&Msg::new("evidence-why-avma-key").arg("at", from.label()))
        }
        RoleReason::AvmaClientBlock { from } => {
            ctx.msg(&Msg::new("evidence-why-avma-block").arg("at", from.label()))
        }
        RoleReason::Prose { from, word } => ctx.msg(
            &Msg::new("evidence-why-prose")
                .arg("word", word.as_str())
                .arg("at", from.label()),
        ),
        RoleReason::VmList { from } => {
            ctx.msg(&Msg::new("evidence-why-vm-list").arg("at", from.label()))
        }
        RoleReason::AvmaHostOf { from, guest } => ctx.msg(
            &Msg::new("evidence-why-avma-host-of")
                .arg("guest", guest.as_str())
                .arg("at", from.label()),
        ),
        RoleReason::None => ctx.t("evidence-why-none"),
    };
    format!("{role} ({why})")
}

/// Seen only in a table the user typed.
fn typed(from: &[avma_evidence::observe::Provenance]) -> bool {
    !from.is_empty()
        && from
            .iter()
            .all(|f| f.reader == avma_evidence::mdtable::READER)
}

/// A licence's KMS client information in one line: the host (set by hand or found in DNS), its
/// address and PID, the intervals.
fn kms_text(ctx: &Ctx, k: &avma_evidence::observe::KmsClient) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(h) = &k.registered {
        parts.push(ctx.msg(&Msg::new("evidence-kms-registered").arg("host", h.as_str())));
    }
    if let Some(h) = &k.discovered {
        parts.push(ctx.msg(&Msg::new("evidence-kms-discovered").arg("host", h.as_str())));
    }
    if parts.is_empty() {
        parts.push("?".into());
    }
    if let Some(ip) = &k.ip {
        parts.push(ctx.msg(&Msg::new("evidence-kms-ip").arg("ip", ip.as_str())));
    }
    if let Some(pid) = &k.extended_pid {
        parts.push(ctx.msg(&Msg::new("evidence-kms-pid").arg("pid", pid.as_str())));
    }
    if k.activation_interval.is_some() || k.renewal_interval.is_some() {
        let n = |v: Option<u64>| v.map_or_else(|| "?".to_string(), |v| v.to_string());
        parts.push(
            ctx.msg(
                &Msg::new("evidence-kms-intervals")
                    .arg("activation", n(k.activation_interval))
                    .arg("renewal", n(k.renewal_interval)),
            ),
        );
    }
    parts.join("; ")
}

/// The labels of a machine's rows in `avma evidence`.
pub const LABELS: &[&str] = &[
    "evidence-avma-host",
    "evidence-dc",
    "evidence-edition",
    "evidence-error",
    "evidence-eval-end",
    "evidence-events",
    "evidence-expiry",
    "evidence-grace",
    "evidence-integration",
    "evidence-key-installed",
    "evidence-kms-host",
    "evidence-name",
    "evidence-other-events",
    "evidence-product",
    "evidence-service",
    "evidence-set-edition",
    "evidence-stated-activated",
    "evidence-targets",
    "evidence-version",
    "evidence-vm",
];

/// The width of the label column of `avma evidence`: the widest label in this language, in
/// East Asian display width (identity rows included).
pub fn label_width(ctx: &Ctx) -> usize {
    LABELS
        .iter()
        .chain(super::identity::LABELS)
        .map(|id| crate::out::width(&ctx.t(id)))
        .max()
        .unwrap_or(18)
}

fn machine_blocks(ctx: &Ctx, doc: &mut Doc, m: &Machine, idx: usize) {
    let cat = ctx.cat;
    let head = format!("{}  {}", shown(&m.name), shown(&role_text(ctx, m)));
    doc.heading_id(1, head, &format!("machine-{idx}"));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // The value and where it was seen in one cell: the pointer stays next to its value.
    let row = |rows: &mut Vec<Vec<Cell>>, label: &str, value: String, at: String| {
        let mut text = vec![Span::plain(shown(&value))];
        if !at.is_empty() {
            text.push(Span::plain("  "));
            text.push(Span::new(shown(&at), Tone::Dim));
        }
        rows.push(vec![
            Cell::new(ctx.t(label)),
            Cell {
                text,
                ..Cell::default()
            },
        ]);
    };
    if let Some(f) = &m.name_from {
        let name = if f.reader == avma_evidence::mdtable::READER {
            format!("{} ({})", m.name, ctx.t("evidence-typed"))
        } else {
            m.name.clone()
        };
        let at = if f.reader == avma_evidence::model::FILE_NAME {
            ctx.t("evidence-name-from-file")
        } else {
            format!("[{}]", f.label())
        };
        row(&mut rows, "evidence-name", name, at);
    }
    for (label, value, at) in super::identity::machine_identity_rows(ctx, m) {
        row(&mut rows, label, value, at);
    }
    for b in &m.builds {
        let v = cat
            .version_by_build(b.value)
            .map(|v| v.name.clone())
            .unwrap_or_else(|| "?".into());
        row(
            &mut rows,
            "evidence-version",
            format!(
                "{v} {}",
                ctx.msg(&avma_core::text::Msg::new("value-build").arg("build", i64::from(b.value)))
            ),
            at_label(&b.from),
        );
    }
    for c in &m.captions {
        let mut v = match c.value.1.as_deref().and_then(|v| cat.version(v)) {
            Some(v) => format!("{} ({})", v.name, c.value.0),
            None => c.value.0.clone(),
        };
        if typed(&c.from) {
            v = format!("{v} ({})", ctx.t("evidence-typed"));
        }
        row(&mut rows, "evidence-version", v, at_label(&c.from));
    }
    for i in &m.implied_versions {
        let names: Vec<String> = i
            .versions
            .iter()
            .map(|v| cat.version(v).map_or_else(|| v.clone(), |v| v.name.clone()))
            .collect();
        let v = ctx.msg(
            &Msg::new("evidence-version-implied")
                .arg("versions", names.join(" / "))
                .arg("family", family_name(ctx, cat, &i.family))
                .arg("kind", key_kind_name(ctx, i.kind))
                .arg("key", i.key.as_str()),
        );
        row(&mut rows, "evidence-version", v, at_label(&i.from));
    }
    for e in &m.editions {
        let src = ctx.t(match e.source {
            avma_evidence::observe::EditionSource::Dism => "evidence-source-dism",
            avma_evidence::observe::EditionSource::Registry => "evidence-source-registry",
            avma_evidence::observe::EditionSource::Licensing => "evidence-source-licensing",
            avma_evidence::observe::EditionSource::Typed => "evidence-source-typed",
        });
        row(
            &mut rows,
            "evidence-edition",
            format!("{} ({src})", e.edition),
            format!("[{}]", e.from.label()),
        );
    }
    for a in &m.stated_activated {
        let v = ctx.t(if a.value {
            "evidence-stated-activated-yes"
        } else {
            "evidence-stated-activated-no"
        });
        row(&mut rows, "evidence-stated-activated", v, at_label(&a.from));
    }
    if let Some(t) = &m.target_editions {
        let v = if t.value.is_empty() {
            ctx.t("evidence-no-targets")
        } else {
            t.value.join(", ")
        };
        row(&mut rows, "evidence-targets", v, at_label(&t.from));
    }
    if let Some(dc) = &m.domain_controller {
        row(
            &mut rows,
            "evidence-dc",
            ctx.t(if dc.value { "value-yes" } else { "value-no" }),
            at_label(&dc.from),
        );
    }
    for r in &m.edition_requests {
        let v = match &r.value.key {
            Some(k) => ctx.msg(
                &Msg::new("evidence-set-edition-key")
                    .arg("edition", r.value.edition.as_str())
                    .arg("key", k.as_str()),
            ),
            None => r.value.edition.clone(),
        };
        row(&mut rows, "evidence-set-edition", v, at_label(&r.from));
    }
    for c in &m.edition_changes {
        let v = match &c.value.previous {
            Some(p) => ctx.msg(
                &Msg::new("evidence-edition-changed-from")
                    .arg("edition", c.value.edition.as_str())
                    .arg("previous", p.as_str()),
            ),
            None => ctx.msg(
                &Msg::new("evidence-edition-changed-value")
                    .arg("edition", c.value.edition.as_str()),
            ),
        };
        row(&mut rows, "evidence-edition-changed", v, at_label(&c.from));
    }
    for p in &m.products {
        let f = &p.facts;
        let (status, key) = product_status_and_key(ctx, cat, p);
        let v = format!(
            "{} | {} | {} | {}",
            f.edition.as_deref().or(f.name.as_deref()).unwrap_or("?"),
            f.channel.as_deref().unwrap_or("?"),
            key,
            status
        );
        row(
            &mut rows,
            "evidence-product",
            v,
            format!("[{}]", p.from.label()),
        );
        if let Some(g) = f.grace_minutes.filter(|g| *g > 0) {
            row(
                &mut rows,
                "evidence-grace",
                ctx.msg(
                    &avma_core::text::Msg::new("value-minutes-days")
                        .arg("minutes", g.to_string())
                        .arg("days", days_of(g, f.grace_days).to_string()),
                ),
                format!("[{}]", p.from.label()),
            );
        }
        if let Some(e) = &f.evaluation_end {
            row(
                &mut rows,
                "evidence-eval-end",
                e.clone(),
                format!("[{}]", p.from.label()),
            );
        }
        let expiry_at = format!("[{}]", p.expiry_from.as_ref().unwrap_or(&p.from).label());
        match (&f.expiry, &f.expiry_text) {
            (Some(x), _) => {
                let v = ctx.msg(&Msg::new(x.kind.message_id()).arg("when", x.when.as_str()));
                row(&mut rows, "evidence-expiry", v, expiry_at);
            }
            (None, Some(x)) => {
                // slmgr's own sentence, in the language of the machine it ran on: quoted as
                // read.
                let quoted = ctx.msg(&Msg::new("value-as-read").arg("text", x.as_str()));
                row(&mut rows, "evidence-expiry", quoted, expiry_at);
            }
            (None, None) => {}
        }
        if !f.kms.is_empty() {
            row(
                &mut rows,
                "evidence-kms-host",
                kms_text(ctx, &f.kms),
                // Where the host was read (the `/dlv` line), else the licence.
                m.kms_hosts
                    .iter()
                    .find(|k| f.kms.host() == Some(k.value.as_str()))
                    .map_or_else(|| format!("[{}]", p.from.label()), |k| at_label(&k.from)),
            );
        }
        if !f.avma.is_empty() {
            let mut v = format!(
                "{} @ {} (PID2 {})",
                match (&f.avma.host_machine_name, f.avma.host_redacted) {
                    (Some(h), _) => h.clone(),
                    (None, true) => ctx.t("evidence-redacted"),
                    (None, false) => "?".into(),
                },
                f.avma.activation_time.as_deref().unwrap_or("?"),
                f.avma.host_digital_pid2.as_deref().unwrap_or("?")
            );
            if f.avma_left_over() {
                let caveat = ctx.msg(
                    &avma_core::text::Msg::new("evidence-avma-left-over")
                        .arg("channel", f.channel.clone().unwrap_or_default()),
                );
                v = format!("{v} ({caveat})");
            }
            row(
                &mut rows,
                "evidence-avma-host",
                v,
                format!("[{}]", p.from.label()),
            );
        }
    }
    // The KMS hosts read apart from any licence (SoftwareLicensingService's).
    for k in &m.kms_hosts {
        let on_product = m.products.iter().any(|p| {
            [&p.facts.kms.registered, &p.facts.kms.discovered]
                .iter()
                .any(|h| h.as_deref() == Some(k.value.as_str()))
        });
        if !on_product {
            row(
                &mut rows,
                "evidence-kms-host",
                k.value.clone(),
                at_label(&k.from),
            );
        }
    }
    for k in &m.keys_installed {
        row(
            &mut rows,
            "evidence-key-installed",
            k.value.clone(),
            at_label(&k.from),
        );
    }
    for k in &m.keys_tried {
        let what = match &k.value.public {
            Some(p) => ctx.msg(
                &Msg::new("evidence-key-tried-public")
                    .arg("key", k.value.key.as_str())
                    .arg("kind", key_kind_name(ctx, p.kind))
                    .arg("versions", p.versions.join(&ctx.t("list-separator")))
                    .arg("family", family_name(ctx, cat, &p.family)),
            ),
            None => k.value.key.clone(),
        };
        let v = ctx.msg(
            &Msg::new("evidence-key-tried-value")
                .arg("key", what)
                .arg("code", k.value.code.as_deref().unwrap_or("?")),
        );
        row(&mut rows, "evidence-key-tried", v, at_label(&k.from));
    }
    for e in &m.errors {
        row(
            &mut rows,
            "evidence-error",
            format!("{} ({})", e.code, e.tool),
            format!("[{}]", e.from.label()),
        );
    }
    // A licence's status reason (`Notification Reason: 0xC004FD02`, LicenseStatusReason) is the
    // error diagnose reads from it: shown as one (the same failure codes diagnose takes).
    for p in &m.products {
        if let Some(code) = p.facts.status_reason.filter(|c| *c >= 0x8000_0000) {
            row(
                &mut rows,
                "evidence-error",
                format!(
                    "{} ({})",
                    avma_evidence::observe::code_text(code),
                    ctx.t("evidence-status-reason")
                ),
                format!("[{}]", p.from.label()),
            );
        }
    }
    for s in &m.integration_services {
        let v = format!(
            "{} {}: {}{}",
            s.value.vm.as_deref().unwrap_or("?"),
            s.value.name.as_deref().unwrap_or("?"),
            match (s.value.enabled, s.value.primary_status.as_deref()) {
                // A status other than OK is what the host sees of the guest (No Contact, Lost
                // Communication): shown as printed.
                (Some(true), Some(st))
                    if !st.trim().is_empty() && !st.trim().eq_ignore_ascii_case("ok") =>
                {
                    ctx.msg(&Msg::new("value-enabled-status").arg("status", st.trim()))
                }
                (Some(true), _) => ctx.t("value-enabled"),
                (Some(false), _) => ctx.t("value-disabled"),
                (None, _) => "?".to_string(),
            },
            if s.value.is_data_exchange {
                format!(" ({})", ctx.t("value-data-exchange"))
            } else {
                String::new()
            }
        );
        row(&mut rows, "evidence-integration", v, at_label(&s.from));
    }
    for s in &m.services {
        // Status and start type in words in the user's language (en: the tokens as read).
        let v = format!(
            "{}: {} / {}",
            s.value.name,
            ctx.msg(
                &Msg::new("service-state").arg("state", s.value.status.as_deref().unwrap_or("?"))
            ),
            ctx.msg(
                &Msg::new("service-start-type")
                    .arg("start", s.value.start_type.as_deref().unwrap_or("?"))
            )
        );
        row(&mut rows, "evidence-service", v, at_label(&s.from));
    }
    for v in &m.vms {
        row(
            &mut rows,
            "evidence-vm",
            format!(
                "{} {}",
                v.value.name,
                v.value.state.as_deref().map_or(String::new(), |st| ctx
                    .msg(&Msg::new("vm-state").arg("state", st)))
            ),
            at_label(&v.from),
        );
    }
    // Events: one line per provider and id, with the levels and the AVMA results they name,
    // the hosts/guests their messages name, and where the first few were read.
    let mut groups: std::collections::BTreeMap<
        (String, u32),
        Vec<&avma_evidence::model::Seen<avma_evidence::observe::EventRecord>>,
    > = Default::default();
    for e in &m.events {
        groups
            .entry((e.value.provider.clone(), e.value.event_id))
            .or_default()
            .push(e);
    }
    for ((prov, id), evs) in &groups {
        let times: Vec<&str> = evs.iter().filter_map(|e| e.value.time.as_deref()).collect();
        // Ordered by the time they stand for (console times read in their locale), not as text.
        let first = times
            .iter()
            .min_by_key(|t| avma_evidence::asof::parse_time(t))
            .copied()
            .unwrap_or("?");
        let last = times
            .iter()
            .max_by_key(|t| avma_evidence::asof::parse_time(t))
            .copied()
            .unwrap_or("?");
        let local = times
            .iter()
            .any(|t| avma_evidence::asof::is_console_time(t));
        let codes: std::collections::BTreeSet<String> = evs
            .iter()
            .flat_map(|e| e.value.hresults.iter().map(|h| format!("0x{h:08X}")))
            .collect();
        let mut extra: Vec<String> = Vec::new();
        let mut levels: Vec<String> = Vec::new();
        for e in evs {
            let l = match (e.value.level, e.value.level_name.as_deref()) {
                (Some(n @ 1..=5), _) => {
                    ctx.msg(&Msg::new("event-level").arg("level", i64::from(n)))
                }
                (_, Some(w)) => w.to_string(),
                _ => continue,
            };
            if !levels.contains(&l) {
                levels.push(l);
            }
        }
        if !levels.is_empty() {
            extra.push(levels.join("/"));
        }
        let mut results: Vec<(avma_core::judge::AvmaResult, usize)> = Vec::new();
        for r in evs.iter().filter_map(|e| e.value.result) {
            match results.iter_mut().find(|(x, _)| *x == r) {
                Some((_, n)) => *n += 1,
                None => results.push((r, 1)),
            }
        }
        for (r, n) in &results {
            extra.push(if *n > 1 {
                format!("{} ×{n}", r.words())
            } else {
                r.words().to_string()
            });
        }
        let mut named: Vec<String> = Vec::new();
        for e in evs {
            for (k, v) in [
                ("event-named-host", &e.value.named_host),
                ("event-named-guest", &e.value.named_guest),
            ] {
                if let Some(v) = v {
                    let t = ctx.msg(&Msg::new(k).arg("name", v.as_str()));
                    if !named.contains(&t) && named.len() < 3 {
                        named.push(t);
                    }
                }
            }
        }
        extra.extend(named);
        let v = format!(
            "{id} {} ×{} {first} … {last}{}{}{}",
            prov.trim_start_matches("Microsoft-Windows-"),
            evs.len(),
            if local {
                format!(" ({})", ctx.t("event-time-local"))
            } else {
                String::new()
            },
            if codes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", codes.into_iter().collect::<Vec<_>>().join(", "))
            },
            if extra.is_empty() {
                String::new()
            } else {
                format!(" — {}", extra.join(", "))
            }
        );
        // The file once, then only the record or line of the next ones from the same file.
        let mut at: Vec<String> = Vec::new();
        let mut file: Option<&str> = None;
        for p in evs.iter().take(3).filter_map(|e| e.from.first()) {
            let label = p.label();
            at.push(match (file == Some(p.file.as_str()), p.record, p.line) {
                (true, Some(r), _) => format!("#{r}"),
                (true, None, Some(l)) => format!(":{l}"),
                _ => label,
            });
            file = Some(p.file.as_str());
        }
        if evs.len() > 3 {
            at.push(format!("+{}", evs.len() - 3));
        }
        row(
            &mut rows,
            "evidence-events",
            v,
            format!("[{}]", at.join(", ")),
        );
    }
    if m.other_events > 0 {
        row(
            &mut rows,
            "evidence-other-events",
            m.other_events.to_string(),
            String::new(),
        );
    }
    let empty = m.builds.is_empty()
        && m.editions.is_empty()
        && m.products.is_empty()
        && m.events.is_empty()
        && m.errors.is_empty()
        && m.integration_services.is_empty()
        && m.services.is_empty()
        && m.vms.is_empty()
        && m.keys_installed.is_empty()
        && m.keys_tried.is_empty()
        && m.edition_changes.is_empty();
    if !rows.is_empty() {
        doc.push(Block::Table(Table {
            id: Some(format!("facts-{idx}")),
            head: ["col-item", "col-value-evidence"]
                .iter()
                .map(|id| Cell::new(ctx.t(id)))
                .collect(),
            rows,
            ..Table::default()
        }));
    }
    if empty {
        let l = ctx.msg(&Msg::new("evidence-nothing").arg("inputs", m.inputs.len() as i64));
        doc.push(Block::List(vec![toned(l, Tone::Dim)]));
    }
    let mut conflicts = Vec::new();
    for c in &m.conflicts {
        let vals: Vec<String> = c
            .values
            .iter()
            .map(|v| match &v.implied_by {
                Some(k) => format!("{} ⇐ {k} [{}]", v.value, v.from.label()),
                None => format!("{} [{}]", v.value, v.from.label()),
            })
            .collect();
        let l = ctx.msg(
            &Msg::new("evidence-conflict")
                .arg("field", c.field)
                .arg("values", vals.join(" ≠ ")),
        );
        conflicts.push(toned(l, Tone::Warn));
    }
    if !conflicts.is_empty() {
        doc.push(Block::List(conflicts));
    }
}

/// A product's licence status and its key as people read them (`…6VM33 = KMS client setup key
/// 2022 Datacenter`, or the last five characters of a key that is not public): one wording for
/// `avma evidence` and the report.
pub fn product_status_and_key(
    ctx: &Ctx,
    cat: &avma_core::Catalog,
    p: &avma_evidence::model::Product,
) -> (String, String) {
    let f = &p.facts;
    let status = f
        .license_status
        .and_then(|s| cat.license_status(s))
        .map(|s| ctx.text(&s.text).to_string())
        .unwrap_or_else(|| "?".into());
    let key = match (&f.partial_key, &p.key) {
        (Some(k), Some(km)) => ctx.msg(
            &Msg::new("evidence-key-public")
                .arg("last5", k.as_str())
                .arg("kind", key_kind_name(ctx, km.kind))
                .arg("versions", km.versions.join(&ctx.t("list-separator")))
                .arg("family", family_name(ctx, cat, &km.family)),
        ),
        (Some(k), None) => ctx.msg(&Msg::new("evidence-key-private").arg("last5", k.as_str())),
        (None, _) if f.key_redacted => ctx.t("evidence-key-redacted"),
        (None, _) => "-".into(),
    };
    (status, key)
}

/// A public key's kind as the reader reads it ("AVMA key", "KMS client setup key").
fn key_kind_name(ctx: &Ctx, kind: &str) -> String {
    ctx.t(if kind == "avma" {
        "kind-avma"
    } else {
        "kind-gvlk"
    })
}

/// An edition family's name in the reader's language, else its id.
fn family_name(ctx: &Ctx, cat: &avma_core::Catalog, family: &str) -> String {
    cat.family(family)
        .map(|f| ctx.text(&f.name).to_string())
        .unwrap_or_else(|| family.to_string())
}
