//! docs/rules is generated from the registry; this fails when the committed pages drift.
//! Regenerate with `cargo run -- rules --write-docs docs/rules`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use avma_cli::cmd::rules::{rule_markdown, rules_index};
use avma_core::rules::ALL;

#[test]
fn committed_rule_docs_match_the_registry() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let mut expected = vec![("README.md".to_string(), rules_index())];
    expected.extend(
        ALL.iter()
            .map(|r| (format!("{}.md", r.name), rule_markdown(r))),
    );
    for (name, text) in &expected {
        let got = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            &got == text,
            "docs/rules/{name} is out of date: run `cargo run -- rules --write-docs docs/rules`"
        );
    }
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        on_disk,
        expected.len(),
        "docs/rules has pages of rules that no longer exist"
    );
}
