//! Every message exists in every language, with the same variables, and every message id the
//! code uses exists. A message that lacks a translation fails here, not in front of a user.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use fluent_syntax::parser;

type Vars = BTreeSet<String>;

fn collect_pattern(p: &ast::Pattern<&str>, vars: &mut Vars) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            collect_expr(expression, vars);
        }
    }
}

fn collect_expr(e: &ast::Expression<&str>, vars: &mut Vars) {
    match e {
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for v in variants {
                collect_pattern(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => collect_inline(i, vars),
    }
}

fn collect_inline(i: &ast::InlineExpression<&str>, vars: &mut Vars) {
    if let ast::InlineExpression::VariableReference { id } = i {
        vars.insert(id.name.to_string());
    }
    if let ast::InlineExpression::Placeable { expression } = i {
        collect_expr(expression, vars);
    }
}

fn messages(src: &str, lang: &str) -> BTreeMap<String, Vars> {
    let res = match parser::parse(src) {
        Ok(r) => r,
        Err((_, errs)) => panic!("{lang}: Fluent syntax errors: {errs:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = Vars::new();
            let value = m
                .value
                .unwrap_or_else(|| panic!("{lang}: {} has no value", m.id.name));
            collect_pattern(&value, &mut vars);
            assert!(
                out.insert(m.id.name.to_string(), vars).is_none(),
                "{lang}: {} defined twice",
                m.id.name
            );
        }
    }
    out
}

#[test]
fn every_shipped_locale_defines_the_same_messages_with_the_same_variables() {
    let shipped = avma_i18n::shipped();
    // The locales are found in the folder, not listed in code: at least English and Japanese.
    let tags: Vec<&str> = shipped.iter().map(|(t, _)| *t).collect();
    assert_eq!(tags.first(), Some(&"en"), "{tags:?}");
    assert!(tags.contains(&"ja"), "{tags:?}");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    let on_disk = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("avma.ftl").is_file())
        .count();
    assert_eq!(on_disk, shipped.len(), "every locale folder is embedded");
    let en = messages(avma_i18n::EN_FTL, "en");
    for (tag, src) in shipped.iter().skip(1) {
        let other = messages(src, tag);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "{tag}: messages without a translation: {missing:?}"
        );
        assert!(extra.is_empty(), "{tag}: messages only in {tag}: {extra:?}");
        for (id, vars) in &en {
            assert_eq!(
                vars, &other[id],
                "{id}: variables differ between en and {tag}"
            );
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_message_the_code_uses_exists() {
    let en = messages(avma_i18n::EN_FTL, "en");
    let crates = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for c in [
        "avma-core",
        "avma-cli",
        "avma-i18n",
        "avma-evidence",
        "avma-diagnose",
    ] {
        rust_files(&crates.join(c).join("src"), &mut files);
    }
    assert!(files.len() > 5, "source files not found");
    let id = regex::Regex::new(
        r#""((?:plan|lint|spec|step|demo|error|label|col|kind|severity|confidence|on|matrix|keys|explain|ps1|cmd|doc|rules|evidence|diag|fact|audit|ledger|simulate|collect|arg|value|asof|reader|help|clap|placeholder)-[a-z0-9-]+)""#,
    )
    .unwrap();
    let mut used = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for c in id.captures_iter(&text) {
            used.insert(c[1].to_string());
        }
    }
    // Rule names (`evidence-conflict`) are identifiers, not messages.
    let rule_names: BTreeSet<&str> = avma_core::rules::ALL.iter().map(|r| r.name).collect();
    let missing: Vec<_> = used
        .iter()
        .filter(|u| !en.contains_key(*u) && !rule_names.contains(u.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "messages used in code but not in the catalog: {missing:?}"
    );
    assert!(
        used.len() > 100,
        "the id scan found too little: {}",
        used.len()
    );
}

#[test]
fn rendering_substitutes_arguments_without_isolation_marks() {
    use avma_core::text::{Lang, Msg};
    let i = avma_i18n::I18n::new(Lang::Ja);
    let s = i.msg(
        &Msg::new("plan-host-too-old")
            .arg("host", "Windows Server 2019")
            .arg("guest", "Windows Server 2022"),
    );
    assert!(s.contains("Windows Server 2019 のホスト"), "{s}");
    assert!(!s.contains('\u{2068}'));
    let e = avma_i18n::I18n::new(Lang::En);
    assert_eq!(e.t("no-such-message-id"), "no-such-message-id");
}
