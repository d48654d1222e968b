//! The corpus of realistic captures (tests/fixtures/captures): text shaped like what admins paste
//! into tickets and forums (prompts, banners, log prefixes, hard wraps, table borders, Event
//! Viewer copies, several languages, redaction placeholders). Each capture has a `.facts.toml`
//! beside it with the facts a careful human reads from it:
//!
//! * `expect`: facts avma must read (the test fails on a missing one);
//! * `gaps`: facts a human reads that avma does not yet (counted in the rate; the test fails when
//!   one starts being read, so that the list stays true);
//! * `forbid`: facts that would be wrong (a CMID taken for the Activation ID, Chinese reported as
//!   Japanese, a placeholder taken for a value).
//!
//! The extraction rate over the whole corpus is printed (`cargo test --test captures -- --nocapture`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::observe::ReadResult;

mod common;
use common::flatten;

fn read(path: &Path) -> ReadResult {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (enc, lines) = avma_text::decode_lines(&bytes).unwrap();
    let mut r = read_text(&name, &lines, Catalog::builtin());
    r.encoding = Some(enc.name());
    r
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    gaps: Vec<String>,
    #[serde(default)]
    forbid: Vec<String>,
}

fn corpus() -> Vec<(PathBuf, Sidecar)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/captures");
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".facts.toml") || name.ends_with(".md") {
            continue;
        }
        let stem = name.split('.').next().unwrap();
        let side = dir.join(format!("{stem}.facts.toml"));
        let text = std::fs::read_to_string(&side)
            .unwrap_or_else(|_| panic!("{name}: no {stem}.facts.toml beside it"));
        let s: Sidecar = toml::from_str(&text).unwrap_or_else(|e| panic!("{stem}: {e}"));
        out.push((p, s));
    }
    out
}

#[test]
fn corpus_of_real_captures() {
    let mut total = 0usize;
    let mut found = 0usize;
    let mut failures = Vec::new();
    let files = corpus();
    assert!(files.len() >= 20, "the corpus has {} captures", files.len());
    for (path, side) in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let r = read(path);
        let mut got = flatten(&r);
        got.extend(common::by_section(&r));
        let missing: Vec<&String> = side.expect.iter().filter(|f| !got.contains(*f)).collect();
        let gaps_read: Vec<&String> = side.gaps.iter().filter(|f| got.contains(*f)).collect();
        let wrong: Vec<&String> = side.forbid.iter().filter(|f| got.contains(*f)).collect();
        total += side.expect.len() + side.gaps.len();
        found += side.expect.len() - missing.len() + gaps_read.len();
        let ok = missing.is_empty() && gaps_read.is_empty() && wrong.is_empty();
        println!(
            "{:<40} {:>2}/{:<2} {}",
            name,
            side.expect.len() - missing.len() + gaps_read.len(),
            side.expect.len() + side.gaps.len(),
            if ok { "ok" } else { "FAIL" }
        );
        if !ok {
            failures.push(format!(
                "{name}: missing {missing:?}, gaps now read (move to expect) {gaps_read:?}, wrong {wrong:?}; read: {got:?}; warnings: {:?} {:?}",
                r.warnings,
                r.problems
            ));
        }
    }
    println!(
        "extraction rate: {found}/{total} facts ({:.0}%) over {} captures",
        100.0 * found as f64 / total.max(1) as f64,
        files.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
