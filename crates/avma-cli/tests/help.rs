//! `--help` and the man page in both languages (issue #11, item 3).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::text::Lang;
use avma_i18n::I18n;

#[test]
fn every_command_and_argument_has_help_in_every_language() {
    let ids = avma_cli::help::ids();
    assert!(ids.len() > 60, "{}", ids.len());
    let mut missing = Vec::new();
    // Every shipped locale (found in the folder), not a list.
    let langs: Vec<Lang> = avma_i18n::languages()
        .into_iter()
        .filter(|l| !l.is_pseudo())
        .collect();
    assert!(langs.contains(&Lang::Ja), "{langs:?}");
    for lang in langs {
        let i = I18n::new(lang);
        for id in &ids {
            if !i.has(id) {
                missing.push(format!("{}: {id}", lang.as_str()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these help texts to crates/avma-i18n/locales/*/avma.ftl:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_localized_command_line_is_valid_in_every_language() {
    // clap's own consistency checks (they panic at run time in debug builds otherwise).
    for lang in avma_i18n::languages() {
        avma_cli::help::command(&I18n::new(lang)).debug_assert();
    }
}

fn run(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_avma"));
    c.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The names of avma's subcommands, from the clap definition itself.
fn subcommands() -> Vec<String> {
    use clap::CommandFactory;
    avma_cli::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

fn is_japanese(s: &str) -> bool {
    s.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c))
}

#[test]
fn plan_help_is_japanese_with_lang_ja() {
    let ja = I18n::new(Lang::Ja);
    for args in [
        &["--lang", "ja", "plan", "--help"][..],
        &["--lang=ja", "plan", "--help"],
        &["plan", "--help", "--lang", "ja"],
    ] {
        let out = run(args, &[]);
        assert!(out.contains(&ja.t("help-plan")), "{args:?}\n{out}");
        assert!(out.contains("ゲストのバージョンとエディション。"), "{out}");
        assert!(out.contains(&ja.t("help-flag-help")), "{out}");
        assert!(
            !out.contains("possible values") && !out.contains("[default"),
            "{out}"
        );
        assert!(out.contains(&ja.t("help-heading-usage")), "{out}");
        assert!(!out.contains("Usage:"), "{out}");
        assert!(!out.contains("The guest: version and edition"), "{out}");
        assert!(!out.contains("Print help"), "{out}");
    }
    // The locale chooses when --lang is absent.
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        let out = run(&["plan", "--help"], &[(var, "ja_JP.UTF-8")]);
        assert!(is_japanese(&out), "{var}: {out}");
    }
    let en = run(&["plan", "--help"], &[("LANG", "C")]);
    assert!(!is_japanese(&en), "{en}");
    assert!(en.contains("The guest: version and edition"), "{en}");
}

#[test]
fn every_subcommand_help_is_japanese() {
    let top = run(&["--lang", "ja", "--help"], &[]);
    assert!(is_japanese(&top));
    // Every subcommand clap knows (a new one is covered without editing this list).
    let subs = subcommands();
    assert!(subs.len() >= 18, "{subs:?}");
    for sub in subs.iter().map(String::as_str) {
        let out = run(&["--lang", "ja", sub, "--help"], &[]);
        assert!(is_japanese(&out), "{sub}: {out}");
        assert!(!out.contains("Options:"), "{sub}: {out}");
    }
}

#[test]
fn the_man_page_is_japanese_too() {
    let out = run(&["--lang", "ja", "man"], &[]);
    assert!(
        out.contains("仮想マシンの自動ライセンス認証 (AVMA) を計画"),
        "{out}"
    );
    assert!(
        out.contains(&I18n::new(Lang::Ja).t("help-heading-options")),
        "{out}"
    );
    assert!(!out.contains("Possible values"), "{out}");
}
