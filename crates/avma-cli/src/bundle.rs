//! Collection bundles: the zip `avma collect` writes (or any zip of evidence folders), read in
//! memory and never extracted, and the `manifest.json` at the root of a bundle, zipped or
//! unpacked.
//!
//! A zip is recognised by its content (`PK\x03\x04`), not by its name. Before any entry is
//! decompressed, the central directory is checked against [`Limits`] (entry count, each entry's
//! and the total expanded size, the compression ratio): a zip bomb is refused whole, with one
//! line, without inflating anything. While reading, an entry that yields more bytes than its
//! header declares is refused the same way. Entries whose path leaves the bundle (`..`, absolute,
//! drive or UNC paths) and symbolic links are ignored with a warning. A zip whose central
//! directory is damaged or missing is read again from the start, entry by entry (local headers),
//! and every entry that can be read is used. Compress-Archive in Windows PowerShell 5.1 writes
//! `\` as the separator in entry names; both separators are accepted.

use std::io::{Cursor, Read};
use std::path::Path;

use avma_core::text::Msg;
use avma_evidence::observe::{ArtifactKind, ReadResult};
use avma_evidence::{detect, evtx};
use avma_text::{sniff, SNIFF_LEN};
use rayon::prelude::*;
use serde::Deserialize;

use crate::out::Ctx;

/// Why the zip library could not open an archive, as a message: the reasons it gives most (no
/// end of central directory: a truncated or non-zip file) in words, any other with the
/// library's own words quoted.
fn zip_reason(e: &zip::result::ZipError) -> Msg {
    use zip::result::ZipError;
    match e {
        ZipError::InvalidArchive(m) if m.starts_with("Could not find EOCD") => {
            Msg::new("zip-no-eocd")
        }
        ZipError::InvalidArchive(m) => Msg::new("zip-invalid").arg("detail", m.to_string()),
        ZipError::UnsupportedArchive(m) => Msg::new("zip-unsupported").arg("detail", *m),
        ZipError::CompressionMethodNotSupported(n) => {
            Msg::new("zip-method").arg("method", i64::from(*n))
        }
        other => Msg::new("zip-other").arg("detail", other.to_string()),
    }
}

/// The schema a bundle's manifest names (docs/manifest.schema.json).
pub const MANIFEST_SCHEMA: &str = "avma.manifest/1";
/// The name of the manifest at a bundle's root.
pub const MANIFEST_NAME: &str = "manifest.json";

/// What a bundle may hold before it is refused as a zip bomb.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the central directory.
    pub max_entries: usize,
    /// Expanded size of one entry.
    pub max_entry: u64,
    /// Expanded size of all entries.
    pub max_total: u64,
    /// Expanded / compressed size of one entry of at least `ratio_from` bytes.
    pub max_ratio: u64,
    pub ratio_from: u64,
}

/// A cluster of 64 nodes with a few hundred guests entered is a few thousand files and some
/// hundred MB; these leave room for ten times that.
pub const LIMITS: Limits = Limits {
    max_entries: 50_000,
    max_entry: 256 * 1024 * 1024,
    max_total: 2 * 1024 * 1024 * 1024,
    // Deflate cannot exceed about 1032:1; honest evidence (JSON, text, .evtx) stays far below
    // 500:1 once it is larger than a mostly empty .evtx chunk.
    max_ratio: 500,
    ratio_from: 1024 * 1024,
};

/// Up to this many expanded bytes are held in memory at once while entries are read.
const BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// A bundle's `manifest.json` (the parts avma uses; the rest is for people).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Manifest {
    pub schema: String,
    /// `collected_at` (the collector's name); `collected` is read too.
    #[serde(default, alias = "collected")]
    pub collected_at: Option<String>,
    #[serde(default)]
    pub cluster: Option<String>,
    #[serde(default)]
    pub machines: Vec<ManifestMachine>,
    /// The line of `collected_at` in the manifest's text (for provenance).
    #[serde(skip)]
    pub collected_line: u64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ManifestMachine {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub folder: Option<String>,
}

impl Manifest {
    /// Parse a manifest; `None` when the text is not an avma manifest.
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        let (_, text) = avma_text::decode_text(bytes).ok()?;
        let mut m: Manifest = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
        m.collected_line = text
            .lines()
            .position(|l| l.contains("\"collected_at\"") || l.contains("\"collected\""))
            .map_or(1, |i| i as u64 + 1);
        m.schema.starts_with("avma.manifest/").then_some(m)
    }

    /// The collection time as a fact of every machine of the bundle, seen in the manifest.
    pub fn time_result(&self, shown: &str) -> Option<ReadResult> {
        let time = self.collected_at.clone()?;
        let mut r = ReadResult::new(shown, ArtifactKind::CimJson);
        r.push(
            avma_evidence::observe::Fact::Collected { time },
            avma_evidence::observe::Provenance::line(shown, self.collected_line, "manifest"),
        );
        Some(r)
    }

    /// The collection time, when the manifest gives one that parses.
    pub fn time(&self) -> Option<jiff::Timestamp> {
        self.collected_at.as_deref()?.trim().parse().ok()
    }

    /// The machine name the manifest gives a folder of the bundle.
    pub fn name_of(&self, folder: &str) -> Option<&str> {
        self.machines
            .iter()
            .find(|m| {
                m.folder
                    .as_deref()
                    .is_some_and(|f| f.eq_ignore_ascii_case(folder))
            })
            .map(|m| m.name.as_str())
    }
}

/// Whether bytes start like a zip archive (a local file header, or the end record of an empty
/// archive).
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// Whether the file at `path` is a zip archive, by its first bytes.
pub fn is_zip_file(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| is_zip(&head))
}

/// Whether `path` is named like a zip archive.
pub fn has_zip_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// A path as shown to the user: on Windows with `\` only (what was typed may hold `/`, what was
/// found in folders holds `\`), elsewhere as it is.
pub fn shown(path: &Path) -> String {
    shown_str(&path.display().to_string())
}

/// [`shown`] for a path already made text.
pub fn shown_str(s: &str) -> String {
    if cfg!(windows) {
        s.replace('/', "\\")
    } else {
        s.to_string()
    }
}

/// The separator [`shown`] uses.
pub fn sep() -> char {
    if cfg!(windows) {
        '\\'
    } else {
        '/'
    }
}

/// Whether `path` is an avma bundle manifest (a small `manifest.json` naming the schema).
pub fn manifest_at(path: &Path) -> Option<Manifest> {
    if !path
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case(MANIFEST_NAME))
    {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > 16 * 1024 * 1024 {
        return None;
    }
    Manifest::parse(&std::fs::read(path).ok()?)
}

/// One machine of a zip bundle: its label and the results of reading its entries.
pub struct ZipMachine {
    pub label: String,
    pub results: Vec<ReadResult>,
}

/// What reading a zip bundle gave.
pub struct ZipBundle {
    pub machines: Vec<ZipMachine>,
    /// Lines about the bundle itself (damage, ignored entries), as one result naming the zip;
    /// `readable` is false when nothing at all could be used.
    pub problems: ReadResult,
    pub manifest: Option<Manifest>,
    /// Where the manifest is inside the zip (its path parts).
    pub manifest_path: Vec<String>,
}

/// An entry's path inside the bundle, split into its parts; `None` when it leaves the bundle.
fn safe_parts(name: &str) -> Option<Vec<String>> {
    let name = name.replace('\\', "/");
    let b = name.as_bytes();
    let drive = b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic();
    if name.starts_with('/') || drive || name.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for p in name.split('/') {
        match p {
            "" | "." => {}
            ".." => return None,
            p if p.contains(':') => return None,
            p => parts.push(p.to_string()),
        }
    }
    (!parts.is_empty()).then_some(parts)
}

/// An entry chosen for reading: its parts, index (or stream position) and declared sizes.
struct Planned {
    parts: Vec<String>,
    index: usize,
    size: u64,
}

/// Why a bundle is refused whole.
enum Refusal {
    TooMany { count: usize },
    TooBig { entry: String, size: u64 },
    Total { size: u64 },
    Ratio { entry: String, ratio: u64 },
    Lying { entry: String },
}

fn refusal_msg(ctx: &Ctx, r: &Refusal, limits: &Limits) -> String {
    let m = match r {
        Refusal::TooMany { count } => Msg::new("bundle-too-many")
            .arg("count", *count as i64)
            .arg("limit", limits.max_entries as i64),
        Refusal::TooBig { entry, size } => Msg::new("bundle-too-big")
            .arg("entry", entry.as_str())
            .arg("size", *size as i64)
            .arg("limit", limits.max_entry as i64),
        Refusal::Total { size } => Msg::new("bundle-total")
            .arg("size", *size as i64)
            .arg("limit", limits.max_total as i64),
        Refusal::Ratio { entry, ratio } => Msg::new("bundle-ratio")
            .arg("entry", entry.as_str())
            .arg("ratio", *ratio as i64)
            .arg("limit", limits.max_ratio as i64),
        Refusal::Lying { entry } => Msg::new("bundle-lying").arg("entry", entry.as_str()),
    };
    ctx.msg(&m)
}

/// Checks one entry's declared sizes; the running total is updated.
fn check_sizes(
    name: &str,
    size: u64,
    compressed: u64,
    total: &mut u64,
    limits: &Limits,
) -> Result<(), Refusal> {
    if size > limits.max_entry {
        return Err(Refusal::TooBig {
            entry: name.to_string(),
            size,
        });
    }
    if size >= limits.ratio_from {
        let ratio = size / compressed.max(1);
        if ratio > limits.max_ratio {
            return Err(Refusal::Ratio {
                entry: name.to_string(),
                ratio,
            });
        }
    }
    *total = total.saturating_add(size);
    if *total > limits.max_total {
        return Err(Refusal::Total { size: *total });
    }
    Ok(())
}

/// Reads at most `declared` bytes of an entry; more is a lie (a bomb), refused.
fn read_bounded(r: &mut impl Read, name: &str, declared: u64) -> Result<Vec<u8>, EntryError> {
    let mut out = Vec::with_capacity(declared.min(BATCH_BYTES) as usize);
    r.take(declared.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| EntryError::Io(e.to_string()))?;
    if out.len() as u64 > declared {
        return Err(EntryError::Lying(Refusal::Lying {
            entry: name.to_string(),
        }));
    }
    Ok(out)
}

enum EntryError {
    Io(String),
    Lying(Refusal),
}

/// Read a zip bundle at `path` (already known to start like a zip). Entries become the same
/// per-machine inputs a folder gives: a folder holding files is a machine, a folder of folders is
/// one machine per folder, the manifest at the root is not evidence.
pub fn read_zip(ctx: &Ctx, path: &Path, limits: &Limits) -> ZipBundle {
    let zip_shown = shown(path);
    let mut problems = ReadResult::new(&zip_shown, ArtifactKind::Unknown);
    problems.readable = true;
    let mut bundle = ZipBundle {
        machines: Vec::new(),
        problems,
        manifest: None,
        manifest_path: Vec::new(),
    };
    let refuse = |b: &mut ZipBundle, line: String| {
        b.problems.warnings.push(format!("{zip_shown}: {line}"));
        b.problems.readable = false;
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            refuse(&mut bundle, e.to_string());
            return bundle;
        }
    };
    let mut entries: Vec<(Vec<String>, Vec<u8>)> = Vec::new();
    let mut pending: Vec<(Vec<String>, Vec<u8>)> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let ignore = |warnings: &mut Vec<String>, id: &'static str, entry: &str| {
        warnings.push(format!(
            "{zip_shown}: {}",
            ctx.msg(&Msg::new(id).arg("entry", entry))
        ));
    };
    match zip::ZipArchive::new(file) {
        Ok(mut archive) => {
            if archive.len() > limits.max_entries {
                let line = refusal_msg(
                    ctx,
                    &Refusal::TooMany {
                        count: archive.len(),
                    },
                    limits,
                );
                refuse(&mut bundle, line);
                return bundle;
            }
            // Every declared size is checked before anything is inflated.
            let mut total = 0u64;
            let mut plan = Vec::new();
            for i in 0..archive.len() {
                let Ok(e) = archive.by_index_data(i) else {
                    continue;
                };
                let name = e.name().map(|n| n.into_owned()).unwrap_or_default();
                if e.is_dir() {
                    continue;
                }
                if e.is_symlink() {
                    ignore(&mut warnings, "bundle-symlink", &name);
                    continue;
                }
                let Some(parts) = safe_parts(&name) else {
                    ignore(&mut warnings, "bundle-unsafe-name", &name);
                    continue;
                };
                if e.encrypted() {
                    ignore(&mut warnings, "bundle-encrypted", &name);
                    continue;
                }
                if let Err(r) =
                    check_sizes(&name, e.size(), e.compressed_size(), &mut total, limits)
                {
                    let line = refusal_msg(ctx, &r, limits);
                    refuse(&mut bundle, line);
                    return bundle;
                }
                plan.push(Planned {
                    parts,
                    index: i,
                    size: e.size(),
                });
            }
            for p in plan {
                let name = p.parts.join("/");
                let data = match archive.by_index(p.index) {
                    Ok(mut f) => read_bounded(&mut f, &name, p.size),
                    Err(e) => Err(EntryError::Io(e.to_string())),
                };
                match data {
                    Ok(bytes) => pending.push((p.parts, bytes)),
                    Err(EntryError::Lying(r)) => {
                        let line = refusal_msg(ctx, &r, limits);
                        refuse(&mut bundle, line);
                        return bundle;
                    }
                    Err(EntryError::Io(detail)) => warnings.push(format!(
                        "{zip_shown}: {}",
                        ctx.msg(
                            &Msg::new("bundle-entry-unreadable")
                                .arg("entry", name.as_str())
                                .arg("detail", detail)
                        )
                    )),
                }
                if pending.iter().map(|(_, b)| b.len() as u64).sum::<u64>() >= BATCH_BYTES {
                    entries.append(&mut pending);
                }
            }
            entries.append(&mut pending);
        }
        Err(e) => {
            // No usable central directory: read the local headers from the start.
            let reason = zip_reason(&e);
            let used = match std::fs::File::open(path) {
                Ok(f) => stream_entries(ctx, f, &zip_shown, limits, &mut entries, &mut warnings),
                Err(e) => Err(e.to_string()),
            };
            match used {
                Ok(()) => {
                    let line = ctx.msg(
                        &Msg::new("bundle-damaged-why")
                            .arg("reason", reason)
                            .arg("count", entries.len() as i64),
                    );
                    warnings.insert(0, format!("{zip_shown}: {line}"));
                    if entries.is_empty() {
                        bundle.problems.readable = false;
                    }
                }
                Err(line) => {
                    refuse(&mut bundle, line);
                    return bundle;
                }
            }
        }
    }
    bundle.problems.warnings.extend(warnings);
    assign(ctx, path, entries, &mut bundle);
    // Nothing usable in it: the zip itself is an input that could not be read.
    if bundle.machines.is_empty() {
        bundle.problems.readable = false;
    }
    bundle
}

/// Entries read one local header after another (the fallback for a damaged central directory),
/// under the same limits. `Err` is a refusal line.
fn stream_entries(
    ctx: &Ctx,
    file: std::fs::File,
    zip_shown: &str,
    limits: &Limits,
    entries: &mut Vec<(Vec<String>, Vec<u8>)>,
    warnings: &mut Vec<String>,
) -> Result<(), String> {
    let mut r = std::io::BufReader::new(file);
    let mut total = 0u64;
    let mut count = 0usize;
    loop {
        let f = match zip::read::read_zipfile_from_stream(&mut r) {
            Ok(Some(f)) => f,
            Ok(None) | Err(_) => return Ok(()),
        };
        count += 1;
        if count > limits.max_entries {
            return Err(refusal_msg(ctx, &Refusal::TooMany { count }, limits));
        }
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut f = f;
        if f.is_dir() {
            continue;
        }
        let Some(parts) = safe_parts(&name) else {
            warnings.push(format!(
                "{zip_shown}: {}",
                ctx.msg(&Msg::new("bundle-unsafe-name").arg("entry", name.as_str()))
            ));
            continue;
        };
        if let Err(e) = check_sizes(&name, f.size(), f.compressed_size(), &mut total, limits) {
            return Err(refusal_msg(ctx, &e, limits));
        }
        let size = f.size();
        match read_bounded(&mut f, &name, size) {
            Ok(bytes) => entries.push((parts, bytes)),
            Err(EntryError::Lying(e)) => return Err(refusal_msg(ctx, &e, limits)),
            // A truncated entry: what came before it is used.
            Err(EntryError::Io(_)) => return Ok(()),
        }
    }
}

/// Which entries are the manifest, and which belong to which machine, the way folders do.
fn assign(ctx: &Ctx, path: &Path, mut entries: Vec<(Vec<String>, Vec<u8>)>, b: &mut ZipBundle) {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    // The manifest: the shallowest manifest.json that is an avma manifest.
    let mut root: Vec<String> = Vec::new();
    if let Some(i) = entries
        .iter()
        .enumerate()
        .filter(|(_, (p, _))| {
            p.last()
                .is_some_and(|n| n.eq_ignore_ascii_case(MANIFEST_NAME))
        })
        .filter(|(_, (_, bytes))| Manifest::parse(bytes).is_some())
        .min_by_key(|(_, (p, _))| p.len())
        .map(|(i, _)| i)
    {
        let (p, bytes) = entries.remove(i);
        b.manifest = Manifest::parse(&bytes);
        b.manifest_path = p.clone();
        root = p[..p.len() - 1].to_vec();
    }
    let paths: Vec<&[String]> = entries.iter().map(|(p, _)| p.as_slice()).collect();
    let mut folders = Vec::new();
    machine_prefixes(&paths, &root, 4, &mut folders);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown(path));
    let zip_shown = shown(path);
    let cat = ctx.cat;
    let mut owned: Vec<Option<(Vec<String>, Vec<u8>)>> = entries.into_iter().map(Some).collect();
    for prefix in folders {
        let mine: Vec<(String, Vec<u8>)> = owned
            .iter_mut()
            .filter(|e| e.as_ref().is_some_and(|(p, _)| p.starts_with(&prefix)))
            .filter_map(Option::take)
            .map(|(p, bytes)| {
                let mut name = zip_shown.clone();
                for part in &p {
                    name.push(sep());
                    name.push_str(part);
                }
                (name, bytes)
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        let folder = prefix.last().cloned();
        let label = folder
            .as_deref()
            .and_then(|f| b.manifest.as_ref().and_then(|m| m.name_of(f)))
            .map(str::to_string)
            .or_else(|| {
                folder.as_deref().map(|f| {
                    Path::new(f)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| f.to_string())
                })
            })
            .unwrap_or_else(|| stem.clone());
        let results = mine
            .par_iter()
            .map(|(name, bytes)| read_entry(name, bytes, cat))
            .collect();
        b.machines.push(ZipMachine { label, results });
    }
}

/// The machine folders among the entry paths, as `machine_folders` finds them on disk: a folder
/// holding files of its own is a machine; a folder holding only folders is one machine per
/// folder (down to `depth` levels). Names starting with `.` are skipped.
fn machine_prefixes(paths: &[&[String]], prefix: &[String], depth: u8, out: &mut Vec<Vec<String>>) {
    let under: Vec<&[String]> = paths
        .iter()
        .copied()
        .filter(|p| p.len() > prefix.len() && p.starts_with(prefix))
        .collect();
    let mut has_files = false;
    let mut subdirs: Vec<&String> = Vec::new();
    for p in &under {
        let child = &p[prefix.len()];
        if child.starts_with('.') {
            continue;
        }
        if p.len() == prefix.len() + 1 {
            has_files = true;
        } else if !subdirs.contains(&child) {
            subdirs.push(child);
        }
    }
    if has_files || subdirs.is_empty() || depth == 0 {
        if !under.is_empty() {
            out.push(prefix.to_vec());
        }
        return;
    }
    subdirs.sort();
    for d in subdirs {
        let mut next = prefix.to_vec();
        next.push(d.clone());
        machine_prefixes(paths, &next, depth - 1, out);
    }
}

/// One entry, read by the right reader, exactly as `evidence::read_file` reads a file on disk
/// (the same checks and the same lines), from memory.
pub fn read_entry(name: &str, bytes: &[u8], cat: &avma_core::Catalog) -> ReadResult {
    let fail = |msg: Msg| {
        let mut r = ReadResult::new(name, ArtifactKind::Unknown);
        r.problem(None, msg);
        r
    };
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if evtx::is_evtx(head)
        || Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("evtx"))
    {
        return evtx::read(name, Cursor::new(bytes), false).0;
    }
    let size = bytes.len() as u64;
    let enc = match sniff(head, head.len() == bytes.len()) {
        Ok(e) => e,
        Err(avma_text::NotText::Empty) => return fail(Msg::new("input-empty-file")),
        Err(avma_text::NotText::Binary { offset }) => {
            return fail(Msg::new("input-binary").arg("offset", offset as i64))
        }
    };
    if size > crate::cmd::evidence::MAX_TEXT {
        return fail(
            Msg::new("input-too-large-text")
                .arg("size", size as i64)
                .arg("limit", crate::cmd::evidence::MAX_TEXT as i64),
        );
    }
    let mut stream = avma_text::LineStream::new(enc);
    let mut lines = Vec::new();
    let res = stream.push(bytes, true, &mut |l| lines.push(l.to_string()));
    let mut r = detect::read_text(name, &lines, cat);
    r.encoding = Some(enc.name());
    if let Err(e) = res {
        r.problem(
            None,
            Msg::new("input-read-up-to-there").arg("detail", e.to_string()),
        );
    }
    r
}

/// The bundles and manifests met while loading inputs: the latest collection time among them.
pub fn latest(times: &[jiff::Timestamp]) -> Option<jiff::Timestamp> {
    times.iter().max().copied()
}

/// A folder that is a bundle's root: it holds an avma manifest.
pub fn folder_manifest(dir: &Path) -> Option<Manifest> {
    manifest_at(&dir.join(MANIFEST_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_paths_that_leave_the_bundle_are_refused() {
        for bad in [
            "../x.json",
            "a/../../x",
            "/etc/passwd",
            "\\Windows\\x",
            "C:\\x.json",
            "c:x",
            "a/b:stream",
            "..\\..\\x",
            "",
            "a\0b",
        ] {
            assert_eq!(safe_parts(bad), None, "{bad:?}");
        }
        assert_eq!(
            safe_parts("HV-NODE1\\slp.json"),
            Some(vec!["HV-NODE1".to_string(), "slp.json".to_string()])
        );
        assert_eq!(
            safe_parts("./a//b.json"),
            Some(vec!["a".to_string(), "b.json".to_string()])
        );
    }

    #[test]
    fn zip_magic() {
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(is_zip(b"PK\x05\x06"));
        assert!(!is_zip(b"PK"));
        assert!(!is_zip(b"<?xml"));
    }

    #[test]
    fn machine_folders_of_entries() {
        let v = |s: &str| s.split('/').map(str::to_string).collect::<Vec<_>>();
        let all = [
            v("bundle/HV-NODE1/slp.json"),
            v("bundle/HV-NODE1/events/a.evtx"),
            v("bundle/HV-NODE2/slp.json"),
            v("bundle/.hidden/x"),
        ];
        let paths: Vec<&[String]> = all.iter().map(Vec::as_slice).collect();
        let mut out = Vec::new();
        machine_prefixes(&paths, &[], 4, &mut out);
        assert_eq!(out, vec![v("bundle/HV-NODE1"), v("bundle/HV-NODE2")]);
    }
}
