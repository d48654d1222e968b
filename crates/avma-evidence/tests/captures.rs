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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::observe::{code_text, Fact, ReadResult};

fn read(path: &Path) -> ReadResult {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (enc, lines) = avma_text::decode_lines(&bytes).unwrap();
    let mut r = read_text(&name, &lines, Catalog::builtin());
    r.encoding = Some(enc.name());
    r
}

/// The facts of a read result as short comparable strings (`edition=ServerStandard`, ...).
pub fn flatten(r: &ReadResult) -> BTreeSet<String> {
    let cat = Catalog::builtin();
    let mut out = BTreeSet::new();
    out.insert(format!(
        "kind={}",
        serde_json::to_value(r.kind).unwrap().as_str().unwrap()
    ));
    if let Some(l) = r.language {
        out.insert(format!("language={l}"));
    }
    for o in &r.observations {
        match &o.fact {
            Fact::ComputerName { name } => {
                out.insert(format!("computer={name}"));
            }
            Fact::OsBuild { build } => {
                out.insert(format!("build={build}"));
            }
            Fact::Edition { edition, .. } => {
                out.insert(format!("edition={edition}"));
            }
            Fact::TargetEditions { editions } => {
                out.insert(format!("target-editions={}", editions.join(",")));
            }
            Fact::DomainController { is_dc } => {
                out.insert(format!("domain-controller={is_dc}"));
            }
            Fact::Product(p) => {
                match (&p.edition, &p.name) {
                    (Some(e), _) => out.insert(format!("product={e}")),
                    (None, Some(n)) => out.insert(format!("not-windows={n}")),
                    _ => false,
                };
                let mut add = |k: &str, v: Option<String>| {
                    if let Some(v) = v {
                        out.insert(format!("{k}={v}"));
                    }
                };
                add("channel", p.channel.clone());
                add("key-channel", p.key_channel.clone());
                add("partial-key", p.partial_key.clone());
                add("license-status", p.license_status.map(|s| s.to_string()));
                add("status-reason", p.status_reason.map(code_text));
                add("grace-minutes", p.grace_minutes.map(|s| s.to_string()));
                add("activation-id", p.activation_id.clone());
                add("avma-host", p.avma.host_machine_name.clone());
            }
            Fact::Error { code, .. } => {
                out.insert(format!("error={}", code_text(*code)));
            }
            Fact::KeyInstalled { key } => {
                out.insert(format!("key-installed={}", key.display(cat)));
            }
            Fact::ActivationSucceeded => {
                out.insert("activation-succeeded".into());
            }
            Fact::DismSucceeded => {
                out.insert("dism-succeeded".into());
            }
            Fact::IntegrationService(s) => {
                if s.is_data_exchange {
                    out.insert(format!(
                        "data-exchange={}:{}",
                        s.vm.as_deref().unwrap_or("?"),
                        s.enabled.map_or("?".into(), |b| b.to_string())
                    ));
                }
            }
            Fact::Event(e) => {
                out.insert(format!("event={}/{}", e.provider, e.event_id));
            }
            other => {
                let v = serde_json::to_value(other).unwrap();
                if let Some(t) = v.get("type").and_then(|t| t.as_str()) {
                    match t {
                        "kms-host" => {
                            let host = v.get("host").and_then(|h| h.as_str()).unwrap_or("?");
                            out.insert(format!("kms-host={host}"));
                        }
                        t => {
                            out.insert(t.to_string());
                        }
                    }
                }
            }
        }
    }
    out
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
        let got = flatten(&r);
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
                "{name}: missing {missing:?}, gaps now read (move to expect) {gaps_read:?}, wrong {wrong:?}; read: {got:?}; warnings: {:?}",
                r.warnings
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
