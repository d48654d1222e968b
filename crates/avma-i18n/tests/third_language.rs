//! A third language is one `.ftl` file plus catalog data, not a code change: a complete locale
//! is generated here from the English catalog (its text transformed, its placeables kept),
//! loaded through the same public API as the shipped locales (`I18n::from_ftl`, which
//! `I18n::new` uses), and messages, nested message arguments and catalog text render through
//! it; catalog entries written without that language fall back to English.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::catalog::Catalog;
use avma_core::text::{Lang, Localized, Msg};
use avma_i18n::I18n;
use fluent_syntax::ast;

/// The made-up language of this test.
const TAG: &str = "zz";

/// "Zz" text: every letter of English upper-cased and the text marked, so it is visibly not
/// English and visibly made from it.
fn zz(s: &str) -> String {
    s.chars().map(|c| c.to_ascii_uppercase()).collect()
}

fn transform_pattern(p: &mut ast::Pattern<String>) {
    for el in &mut p.elements {
        match el {
            ast::PatternElement::TextElement { value } => *value = zz(value),
            ast::PatternElement::Placeable { expression } => transform_expr(expression),
        }
    }
}

fn transform_expr(e: &mut ast::Expression<String>) {
    if let ast::Expression::Select { variants, .. } = e {
        for v in variants {
            transform_pattern(&mut v.value);
        }
    }
}

/// A complete locale made from the English catalog.
fn generated_ftl() -> String {
    let mut res = fluent_syntax::parser::parse(avma_i18n::EN_FTL.to_string())
        .unwrap_or_else(|(_, e)| panic!("English catalog: {e:?}"));
    for entry in &mut res.body {
        if let ast::Entry::Message(m) = entry {
            if let Some(v) = &mut m.value {
                transform_pattern(v);
            }
        }
    }
    fluent_syntax::serializer::serialize(&res)
}

fn zz_i18n() -> I18n {
    let lang = Lang::parse(TAG).unwrap();
    let (i18n, errors) = I18n::from_ftl(lang, &generated_ftl());
    assert!(
        errors.is_empty(),
        "the generated locale loads cleanly: {errors:?}"
    );
    i18n
}

#[test]
fn a_generated_locale_renders_every_message_in_its_language() {
    let i = zz_i18n();
    let en = I18n::new(Lang::En);
    // Every English message exists in the new locale (it would fall back otherwise).
    let res = fluent_syntax::parser::parse(avma_i18n::EN_FTL).unwrap();
    let mut n = 0;
    for entry in res.body {
        if let ast::Entry::Message(m) = entry {
            assert!(i.has(m.id.name), "{} missing", m.id.name);
            n += 1;
        }
    }
    assert!(n > 300, "{n} messages");
    // A message with arguments: the text is the new language's, the values are kept.
    let m = Msg::new("plan-host-too-old")
        .arg("host", "Windows Server 2019")
        .arg("guest", "Windows Server 2022");
    let (z, e) = (i.msg(&m), en.msg(&m));
    assert_eq!(z, {
        // The English sentence with its text upper-cased, the values as given.
        let upper = zz(&e);
        upper
            .replace("WINDOWS SERVER 2019", "Windows Server 2019")
            .replace("WINDOWS SERVER 2022", "Windows Server 2022")
    });
    assert_ne!(z, e);
    assert!(z.contains("Windows Server 2019"), "{z}");
}

#[test]
fn nested_message_arguments_render_in_the_same_language() {
    let i = zz_i18n();
    let cat = Catalog::builtin();
    let key = cat
        .keys
        .iter()
        .find(|k| k.kind == avma_core::catalog::KeyKind::Avma && k.family == "datacenter")
        .unwrap();
    let what = avma_core::lint::describe_key(cat, key);
    let s = i.msg(
        &Msg::new("explain-key-avma")
            .arg("key", key.key.as_str())
            .arg("what", what),
    );
    // "THE AVMA KEY OF": the nested phrase is the new language's too; the family name is
    // catalog data without a `zz` text, so it is English.
    assert!(s.contains("THE AVMA KEY OF"), "{s}");
    assert!(s.contains("Datacenter"), "{s}");
    assert!(s.contains(&key.key), "{s}");
}

#[test]
fn catalog_text_without_the_language_falls_back_to_english_and_with_it_is_used() {
    let i = zz_i18n();
    let lang = i.lang();
    // No catalog text has `zz` yet: every one falls back to English, and says so.
    let cat = Catalog::builtin();
    let texts = cat.texts();
    assert!(texts.len() > 200);
    for (what, t) in &texts {
        assert!(!t.has(lang), "{what}");
        assert_eq!(i.text(t), t.en(), "{what}");
    }
    // Adding `zz = "..."` to one entry's table is all it takes for that entry.
    let with_zz = add_zz_to_fact(
        avma_core::catalog::CATALOG_TOML,
        "sac-by-build",
        "ZZ: SAC RELEASES BY BUILD",
    );
    let cat = Catalog::from_toml(&with_zz).unwrap();
    let fact = cat.fact("sac-by-build").unwrap();
    assert!(fact.text.has(lang));
    assert_eq!(i.text(&fact.text), "ZZ: SAC RELEASES BY BUILD");
    // ... while the others still fall back, and Japanese is unchanged.
    let other = cat.fact("avma-key-own-version").unwrap();
    assert_eq!(i.text(&other.text), other.text.en());
    assert_eq!(
        I18n::new(Lang::Ja).text(&fact.text),
        fact.text.get(Lang::Ja)
    );
    let l = Localized::from_pairs([("en", "E"), (TAG, "Z")]);
    assert_eq!(i.text(&l), "Z");
}

/// The catalog text with `, zz = "<text>"` added to one fact's `text` table.
fn add_zz_to_fact(catalog: &str, id: &str, text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fact = false;
    for line in catalog.lines() {
        if line.starts_with("id = ") {
            in_fact = line == format!("id = \"{id}\"");
        }
        if in_fact && line.starts_with("text = {") && line.ends_with(" }") {
            let body = line.trim_end_matches(" }");
            out.push(format!("{body}, {TAG} = \"{text}\" }}"));
            in_fact = false;
            continue;
        }
        out.push(line.to_string());
    }
    out.join("\n")
}
