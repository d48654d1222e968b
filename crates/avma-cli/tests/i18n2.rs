//! Japanese everywhere, second pass (issue #11 review, section A, and C3): avma reads its own
//! Japanese edition words back; inventory, zip and TOML problems in Japanese with the place as
//! arguments; the collection script's comments and values; help laid out by display width; the
//! man page's sections; language names; `バージョン 1809`; English Windows texts labelled as
//! such; Japanese punctuation; Learn links in the user's locale; monitoring text that cannot
//! forge a line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use avma_core::text::{Lang, Msg};
use avma_i18n::I18n;
use common::{avma_env, path, stderr, stdout};
use unicode_width::UnicodeWidthStr;

fn ja(args: &[&str]) -> std::process::Output {
    let mut a = vec!["--lang", "ja"];
    a.extend_from_slice(args);
    avma_env(&a, &[])
}

/// A scratch folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("avma-i18n2-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn has_kana(s: &str) -> bool {
    s.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c))
}

// A1 ---------------------------------------------------------------------------------------

#[test]
fn japanese_edition_words_are_read_back() {
    for guest in [
        "Windows Server 2019 Datacenter (デスクトップ エクスペリエンス)",
        "Windows Server 2019 Standard (デスクトップ エクスペリエンス) 評価版",
        "2019 Standard（評価版）",
        "2019 スタンダード",
        "2019 データセンター (Server Core)",
    ] {
        let o = ja(&["plan", "--guest", guest, "--host", "2022 データセンター"]);
        assert!(
            !stderr(&o).contains("わかりません"),
            "{guest}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).contains("Windows Server 2019"), "{guest}");
    }
    let o = ja(&[
        "explain",
        "Windows Server 2019 Standard (デスクトップ エクスペリエンス)",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The whole word typed is quoted, not a piece cut at ー.
    let o = ja(&[
        "plan",
        "--guest",
        "2019 スタンダーーダ",
        "--host",
        "2022 DC",
    ]);
    assert!(stderr(&o).contains("\"スタンダーーダ\""), "{}", stderr(&o));
}

// A2 ---------------------------------------------------------------------------------------

#[test]
fn inventory_problems_are_japanese_with_their_place() {
    let d = scratch("inv");
    let gaps = write(
        &d,
        "gaps.json",
        br#"{"schema":"avma.inventory/1","nodes":[{"name":"N1","version":"2099"}],"vms":[{"name":"V","possible_owners":["N1","N9"]}]}"#,
    );
    let o = ja(&["audit", &gaps]);
    let err = stderr(&o);
    for english in [
        "missing or unknown",
        "cannot be judged",
        "edition missing",
        "is unknown",
        "is not a node",
    ] {
        assert!(!err.contains(english), "{english}:\n{err}");
    }
    assert!(err.contains("N1: version がないか不明です"), "{err}");
    assert!(err.contains("license_status がありません"), "{err}");
    assert!(err.contains("インベントリのノードではありません"), "{err}");

    let bad_type = write(
        &d,
        "t.json",
        br#"{"schema":"avma.inventory/1","nodes":"x"}"#,
    );
    let err = stderr(&ja(&["audit", &bad_type]));
    assert!(err.contains("(1 行 40 列)"), "{err}");
    assert!(!err.contains("at line 1 column 40"), "{err}");
    assert!(
        err.contains("「invalid type: string \"x\", expected a sequence」"),
        "{err}"
    );

    let future = write(
        &d,
        "f.json",
        br#"{"schema":"avma.inventory/9","nodes":[],"vms":[]}"#,
    );
    let err = stderr(&ja(&["audit", &future]));
    assert!(err.contains("avma.inventory/9"), "{err}");
    assert!(err.contains("不明なスキーマ"), "{err}");
    assert!(!err.contains("収集データではありません"), "{err}");

    let empty = write(&d, "e.json", b"{}");
    let err = stderr(&ja(&["evidence", &empty]));
    assert!(err.contains("空の JSON オブジェクト"), "{err}");
    assert!(!err.contains("プロパティ  を"), "{err}");
}

// A3 and A11 --------------------------------------------------------------------------------

#[test]
fn zip_and_toml_library_texts_are_quoted_in_japanese_sentences() {
    let d = scratch("lib");
    let zip = write(
        &d,
        "bad.zip",
        b"PK\x03\x04 this is not really a zip archive",
    );
    let err = stderr(&ja(&["evidence", &zip]));
    assert!(!err.contains("Could not find EOCD"), "{err}");
    assert!(err.contains("中央ディレクトリ"), "{err}");
    let err = stderr(&ja(&["report", &zip]));
    assert!(!err.contains("1 つ以上指定"), "{err}");
    assert!(err.contains("読み取れませんでした"), "{err}");
    let err = stderr(&avma_env(&["report", &zip], &[("LANG", "C")]));
    assert!(!err.contains("give one or more"), "{err}");

    let toml = write(&d, "bad.toml", b"[scenario\nname=");
    let err = stderr(&ja(&["simulate", &toml]));
    assert!(err.contains("(1 行 10 列)"), "{err}");
    assert!(!err.contains("TOML parse error"), "{err}");
    assert!(err.contains("「"), "{err}");
}

// A4 ---------------------------------------------------------------------------------------

#[test]
fn the_japanese_collection_script_has_no_english_comment_or_value() {
    for scope in ["node", "cluster", "guest"] {
        let s = stdout(&ja(&["collect", "--scope", scope]));
        for english in [
            "The logs this machine has",
            "Runs one step",
            "Events of one log",
            "Returned as CliXml",
            "Never under Windows",
            "Each machine's files",
            "generated by avma",
            "'no such log: '",
            "'no -GuestCredential'",
            "'dism.exe exit '",
            "$MsgMachine -f $env:COMPUTERNAME, 'local'",
            "$MsgMachine -f $node, $via",
            "@@",
        ] {
            assert!(!s.contains(english), "{scope}: {english}");
        }
        // Every comment line is Japanese (or a code, a command or a path).
        for l in s.lines() {
            let t = l.trim_start();
            if let Some(c) = t.strip_prefix("# ") {
                let words = c
                    .split(|ch: char| !ch.is_ascii_alphabetic())
                    .filter(|w| w.len() > 3 && w.chars().all(|ch| ch.is_ascii_lowercase()))
                    .count();
                assert!(has_kana(c) || words < 3, "{scope}: {l}");
            }
        }
        assert!(s.contains("avma 0.1.0 で生成しました。") || s.contains("で生成しました。"));
    }
    // The values recorded in the manifest stay tokens.
    let s = stdout(&ja(&["collect", "--scope", "cluster"]));
    assert!(s.contains("$via = if ($local) { 'local' } else { 'remoting' }"));
}

// A5 ---------------------------------------------------------------------------------------

fn subcommands() -> Vec<String> {
    avma_cli::help::command(&I18n::new(Lang::En))
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

#[test]
fn every_help_line_fits_the_width_in_display_columns() {
    for columns in ["80", "100"] {
        let width: usize = columns.parse().unwrap();
        for lang in ["ja", "en"] {
            let mut runs: Vec<Vec<String>> = vec![vec!["--help".into()], vec!["-h".into()]];
            for s in subcommands() {
                runs.push(vec![s.clone(), "--help".into()]);
                runs.push(vec![s, "-h".into()]);
            }
            for args in runs {
                let mut a: Vec<String> = vec!["--lang".into(), lang.into()];
                a.extend(args.iter().cloned());
                let o = avma_env(&a, &[("COLUMNS", columns)]);
                assert!(o.status.success(), "{a:?}");
                let out = stdout(&o);
                for l in out.lines() {
                    assert!(
                        UnicodeWidthStr::width(l) <= width,
                        "{lang} {args:?} COLUMNS={columns}: {} columns\n{l}",
                        UnicodeWidthStr::width(l)
                    );
                }
            }
        }
    }
}

#[test]
fn rewrapping_breaks_japanese_between_wide_characters_not_before_a_stop() {
    let line = format!(
        "      --at <AT>  {}",
        "収集データ自身の時刻の代わりに、この日付の時点で判定します。".repeat(4)
    );
    let out = avma_cli::help::rewrap(&line, 60);
    for l in out.lines() {
        assert!(UnicodeWidthStr::width(l) <= 60, "{l}");
        assert!(!l.trim_start().starts_with(['、', '。']), "{l}");
    }
    // Continuation lines start at the description's column.
    let col = "      --at <AT>  ".len();
    for l in out.lines().skip(1) {
        assert_eq!(l.len() - l.trim_start().len(), col, "{l}");
    }
    // Nothing lost but the breaks.
    let joined: String = out.lines().map(str::trim).collect();
    assert_eq!(joined.replace(' ', ""), line.replace(' ', ""));
    // A line that fits is left alone.
    assert_eq!(avma_cli::help::rewrap("  短い行", 60), "  短い行");
}

// A6 ---------------------------------------------------------------------------------------

#[test]
fn every_language_avma_detects_is_named_in_japanese() {
    let i = I18n::new(Lang::Ja);
    for code in avma_evidence::util::LANGUAGES {
        let name = i.msg(&Msg::new("input-language").arg("language", *code));
        assert!(name != *code && !name.is_ascii(), "{code}: {name}");
    }
}

// A7 ---------------------------------------------------------------------------------------

#[test]
fn versions_are_written_the_japanese_way() {
    let keys = stdout(&ja(&["keys"]));
    assert!(!keys.contains("version 1809"), "{keys}");
    assert!(keys.contains("バージョン 1809"), "{keys}");
    assert!(!keys.contains(", バージョン"), "{keys}");
    let e = stdout(&ja(&["explain", "4GF74"]));
    assert!(
        e.contains("Windows Server バージョン 1809 (ビルド 17763)"),
        "{e}"
    );
    assert!(!e.contains("), Windows"), "{e}");
    // English unchanged.
    let en = stdout(&avma_env(&["keys"], &[("LANG", "C")]));
    assert!(en.contains("version 1809, version 1903"), "{en}");
}

// A8 ---------------------------------------------------------------------------------------

#[test]
fn english_windows_texts_are_labelled_as_english() {
    let e = stdout(&ja(&["explain", "0xC004FD02"]));
    assert!(
        e.contains("「Windows isn't activated on the host machine. Please contact your system administrator.」(英語の表示"),
        "{e}"
    );
    let p = stdout(&ja(&[
        "plan",
        "--guest",
        "2019 Standard Evaluation",
        "--host",
        "2022 Datacenter",
    ]));
    assert!(
        p.contains("英語の表示では「Automatic VM activation will expire ...」"),
        "{p}"
    );
    assert!(!p.contains("(\"Automatic VM activation"), "{p}");
}

// A9 ---------------------------------------------------------------------------------------

#[test]
fn the_man_page_sections_are_named_in_the_language() {
    let m = stdout(&ja(&["man"]));
    for s in [".SH 名前", ".SH 書式", ".SH 説明"] {
        assert!(m.contains(s), "{s}");
    }
    for s in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"] {
        assert!(!m.contains(s), "{s}");
    }
    let en = stdout(&avma_env(&["man"], &[("LANG", "C")]));
    assert!(en.contains(".SH NAME") && en.contains(".SH SYNOPSIS"));
}

// A10 --------------------------------------------------------------------------------------

#[test]
fn japanese_punctuation_in_lists_and_sentences() {
    let a = stdout(&ja(&["audit", &path("examples/cluster-bundle.zip")]));
    assert!(!a.contains("✓, "), "{a}");
    let e = stdout(&ja(&["explain", "ServerDatacenterEval"]));
    assert!(!e.contains(" · "), "{e}");
    assert!(e.contains("ファミリ Datacenter、評価版 はい"), "{e}");
    for args in [
        vec!["diagnose", "examples/cluster", "--format", "sarif"],
        vec![
            "lint",
            "examples/walkthrough/runbook-ja.md",
            "--format",
            "sarif",
        ],
    ] {
        let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        a[1] = path(args[1]);
        let mut full = vec!["--lang".to_string(), "ja".into()];
        full.extend(a);
        let out = stdout(&avma_env(&full, &[]));
        assert!(!out.contains("。 "), "{args:?}");
    }
}

#[test]
fn csv_keeps_tokens_and_starts_with_a_bom_in_japanese() {
    let inv = path("examples/cluster-inventory.json");
    let o = ja(&["audit", &inv, "--format", "csv"]);
    assert!(
        o.stdout.starts_with(b"\xEF\xBB\xBFvm,node,can,"),
        "{}",
        stdout(&o)
    );
    let o = avma_env(&["audit", &inv, "--format", "csv"], &[("LANG", "C")]);
    assert!(o.stdout.starts_with(b"vm,node,can,"));
}

// A14 --------------------------------------------------------------------------------------

#[test]
fn learn_links_are_the_japanese_pages_in_japanese_human_output() {
    let p = stdout(&ja(&[
        "plan",
        "--guest",
        "2019 Standard",
        "--host",
        "2022 Datacenter",
    ]));
    assert!(p.contains(
        "https://learn.microsoft.com/ja-jp/windows-server/get-started/automatic-vm-activation"
    ));
    assert!(!p.contains("learn.microsoft.com/en-us/"), "{p}");
    let e = stdout(&ja(&["explain", "0xC004FD02"]));
    assert!(!e.contains("learn.microsoft.com/en-us/"), "{e}");
    let j = stdout(&ja(&[
        "plan",
        "--guest",
        "2019 Standard",
        "--host",
        "2022 Datacenter",
        "--format",
        "json",
    ]));
    assert!(
        !j.contains("learn.microsoft.com/ja-jp/"),
        "JSON keeps the catalog's URL"
    );
    let en = stdout(&avma_env(
        &[
            "plan",
            "--guest",
            "2019 Standard",
            "--host",
            "2022 Datacenter",
        ],
        &[("LANG", "C")],
    ));
    assert!(en.contains("learn.microsoft.com/en-us/"));
}

// C3 ---------------------------------------------------------------------------------------

#[test]
fn monitoring_text_cannot_forge_a_line_or_a_metric() {
    let d = scratch("mon");
    let inv = std::fs::read_to_string(path("examples/cluster-inventory.json")).unwrap();
    let hostile = "APP|x=1;2;3 \\nCRITICAL fake\\\\n";
    let inv = inv.replace("\"VM-APP01\"", &format!("\"{hostile}\""));
    assert!(inv.contains("CRITICAL fake"));
    let f = write(&d, "inv.json", inv.as_bytes());
    for format in ["checkmk", "nagios"] {
        let out = stdout(&avma_env(
            &["check", &f, "--format", format],
            &[("LANG", "C")],
        ));
        assert!(!out.contains("\\n"), "{format}: {out}");
        assert!(
            out.lines().all(|l| !l.starts_with("CRITICAL fake")),
            "{format}: {out}"
        );
        if out.contains("fake") {
            assert!(
                out.contains("<U+000A>CRITICAL fake<U+005C>n"),
                "{format}: {out}"
            );
        }
        if format == "checkmk" {
            // `|` starts Checkmk's metrics: never in a service's text.
            for l in out.lines() {
                let text = l.splitn(4, ' ').nth(3).unwrap_or("");
                assert!(!text.contains('|'), "{l}");
            }
        }
    }
}
