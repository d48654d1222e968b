//! Finds the locales: every `locales/<tag>/avma.ftl` is embedded, so a language is added by
//! adding its folder, with no code change. Writes `$OUT_DIR/locales.rs`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    // A directory makes Cargo rescan it whole: a new locale folder rebuilds the crate.
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut found: Vec<(String, String)> = Vec::new();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for e in entries.flatten() {
        let tag = e.file_name().to_string_lossy().into_owned();
        let ftl = e.path().join("avma.ftl");
        if !ftl.is_file() {
            continue;
        }
        assert!(
            !tag.is_empty()
                && tag.len() <= 15
                && !tag.starts_with('-')
                && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "locales/{tag}: not a language tag"
        );
        println!("cargo:rerun-if-changed={}", ftl.display());
        found.push((tag, ftl.display().to_string()));
    }
    // English first (the source language and every language's fallback), then by tag.
    found.sort_by(|a, b| (a.0 != "en", &a.0).cmp(&(b.0 != "en", &b.0)));
    assert!(
        found.first().is_some_and(|(t, _)| t == "en"),
        "locales/en/avma.ftl is required"
    );
    let mut out = String::from(
        "/// Every shipped locale found in `locales/`: (tag, Fluent source), English first.\n\
         pub static SHIPPED: &[(&str, &str)] = &[\n",
    );
    for (tag, path) in &found {
        let _ = writeln!(out, "    ({tag:?}, include_str!({path:?})),");
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("locales.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}
