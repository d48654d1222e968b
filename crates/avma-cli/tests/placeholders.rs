//! Command placeholders in the reader's language (issue #11): `<ノードの Datacenter プロダクト
//! キー>` in Japanese text, built and quoted by the quoting layer like the English one, while
//! the JSON contracts keep the English names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use avma_core::shell::{Arg, Command, Shell};
use avma_core::text::Lang;
use avma_i18n::{placeholder_id, I18n};
use common::{avma_env, stdout};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every placeholder name the code gives the quoting layer (`Arg::placeholder("...")`, the
/// `what` of `Arg::value`/`Arg::list`, the judge's `install_key_placeholder("...")`).
fn names_in_code() -> BTreeSet<String> {
    let crates = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for c in ["avma-core", "avma-diagnose", "avma-cluster", "avma-cli"] {
        rust_files(&crates.join(c).join("src"), &mut files);
    }
    let re = regex::Regex::new(
        r#"(?s)(?:placeholder\(\s*"([^"]+)"|Arg::(?:value|list)\([^;]*?,\s*"([^"]+)"\s*,?\s*\))"#,
    )
    .unwrap();
    let mut out = BTreeSet::new();
    for f in files {
        // The quoting layer's own tests use made-up names.
        if f.ends_with("shell.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for c in re.captures_iter(&text) {
            let name = c.get(1).or_else(|| c.get(2)).unwrap().as_str();
            out.insert(name.to_string());
        }
    }
    // The name of a word the quoting layer refuses.
    out.insert("value".to_string());
    out
}

#[test]
fn every_placeholder_name_has_a_message_in_every_language() {
    let names = names_in_code();
    assert!(names.contains("the node's Datacenter key"), "{names:?}");
    assert!(names.contains("VM name"), "{names:?}");
    let en = I18n::new(Lang::En);
    let mut missing = Vec::new();
    for lang in avma_i18n::languages()
        .into_iter()
        .filter(|l| !l.is_pseudo())
    {
        let i = I18n::new(lang);
        for n in &names {
            let id = placeholder_id(n);
            if !i.has(&id) {
                missing.push(format!("{lang}: {id} = {n}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add to crates/avma-i18n/locales/*/avma.ftl:\n{}",
        missing.join("\n")
    );
    // English names the placeholder as the code does.
    for n in &names {
        assert_eq!(&en.t(&placeholder_id(n)), n);
    }
}

#[test]
fn a_translated_name_is_quoted_like_the_english_one() {
    let c = Command::powershell("Get-VM", [Arg::lit("-Name"), Arg::placeholder("VM name")]);
    let ja = I18n::new(Lang::Ja);
    let names = |w: &'static str| ja.placeholder(w);
    assert_eq!(
        c.render_named(Shell::PowerShell, &names).text,
        "Get-VM -Name '<仮想マシン名>'"
    );
    assert_eq!(c.render(Shell::PowerShell).text, "Get-VM -Name '<VM name>'");
    // A name with a quote is doubled by the quoting layer; one cmd.exe cannot hold in quotes
    // keeps the English name.
    let odd = |_: &'static str| Some("it's 100%".to_string());
    let ok = |_: &'static str| Some("l'hôte".to_string());
    assert_eq!(
        c.render_named(Shell::PowerShell, &ok).text,
        "Get-VM -Name '<l''hôte>'"
    );
    assert_eq!(
        c.render_named(Shell::PowerShell, &odd).text,
        "Get-VM -Name '<VM name>'"
    );
    let slmgr = Command::slmgr([
        Arg::lit("/ipk"),
        Arg::placeholder("the node's Datacenter key"),
    ]);
    assert!(slmgr
        .render_named(Shell::Cmd, &names)
        .text
        .ends_with("/ipk \"<ノードの Datacenter プロダクト キー>\""));
}

#[test]
fn japanese_text_names_placeholders_in_japanese_and_json_keeps_english() {
    let args = [
        "--host",
        "2022 dc",
        "--guest",
        "2022 std",
        "--host-activated",
        "no",
    ];
    let run = |lang: &str, format: &str| {
        let mut a = vec!["--lang", lang, "plan", "--format", format];
        a.extend_from_slice(&args);
        stdout(&avma_env(&a, &[]))
    };
    let text = run("ja", "text");
    assert!(
        text.contains("/ipk \"<ノードの Datacenter プロダクト キー>\""),
        "{text}"
    );
    assert!(
        text.contains("ProductKey = '<ノードの Datacenter プロダクト キー>'"),
        "{text}"
    );
    assert!(!text.contains("<the node's"), "{text}");
    let md = run("ja", "md");
    assert!(md.contains("<ノードの Datacenter プロダクト キー>"), "{md}");
    // The JSON is the contract: the same in every language, English names.
    let json_ja = run("ja", "json");
    assert!(
        json_ja.contains("<the node''s Datacenter key>"),
        "{json_ja}"
    );
    assert!(!json_ja.contains("ノードの Datacenter プロダクト キー"));
    let en = run("en", "text");
    assert!(en.contains("<the node's Datacenter key>"), "{en}");
}
