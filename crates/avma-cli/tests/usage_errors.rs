//! clap's usage errors in the chosen language (issue #11): the sentence rebuilt from the
//! error's kind and context through message ids, exit code 2, the usage and the `--help` hint
//! kept.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{avma_env, stderr};

/// stderr and the exit code of `avma ARGS` under `--lang LANG`.
fn run(lang: &str, args: &[&str]) -> (String, Option<i32>) {
    let mut a = vec!["--lang", lang];
    a.extend_from_slice(args);
    let o = avma_env(&a, &[]);
    assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout");
    (stderr(&o), o.status.code())
}

#[test]
fn usage_errors_in_english_read_as_clap_words_them() {
    let (e, code) = run("en", &["keys", "--foo"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        e,
        "error: unexpected argument '--foo' found\n\nUsage: avma keys [OPTIONS]\n\n\
         For more information, try '--help'.\n"
    );
    let (e, code) = run("en", &["kyes"]);
    assert_eq!(code, Some(2));
    assert!(
        e.starts_with(
            "error: unrecognized subcommand 'kyes'\n\n  tip: a similar subcommand exists: 'keys'\n"
        ),
        "{e}"
    );
    let (e, _) = run("en", &["keys", "--color", "zz"]);
    assert!(
        e.starts_with(
            "error: invalid value 'zz' for '--color <COLOR>'\n  [possible values: auto, always, never]\n"
        ),
        "{e}"
    );
}

#[test]
fn usage_errors_in_japanese_are_japanese() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["keys", "--foo"],
            &[
                "エラー: 予期しない引数 '--foo' が指定されました。",
                "使い方: avma keys [OPTIONS]",
            ],
        ),
        (
            &["kyes"],
            &[
                "エラー: サブコマンド 'kyes' は認識されません。",
                "ヒント: 似た名前のサブコマンド 'keys' があります。",
                "使い方: avma [OPTIONS] <COMMAND>",
            ],
        ),
        (
            &["keys", "--os"],
            &["エラー: '--os <OS>' には値が必要ですが、指定されていません。"],
        ),
        (
            &["keys", "--color", "zz"],
            &[
                "エラー: '--color <COLOR>' の値 'zz' は無効です。",
                "[指定できる値: auto, always, never]",
            ],
        ),
        (
            &["collect", "--days", "abc"],
            &["エラー: '--days <N>' の値 'abc' は無効です (「invalid digit found in string」)。"],
        ),
        (
            &["plan"],
            &[
                "エラー: 次の必須の引数が指定されていません。",
                "  --guest <GUEST>",
                "使い方: avma plan --guest <GUEST> --host <HOST>",
            ],
        ),
        (
            &[],
            &["エラー: 'avma' にはサブコマンドが必要ですが、指定されていません。"],
        ),
    ];
    let library = regex::Regex::new("「[^」]*」").unwrap();
    for (args, want) in cases {
        let (e, code) = run("ja", args);
        assert_eq!(code, Some(2), "{args:?}: {e}");
        for w in *want {
            assert!(e.contains(w), "{args:?}: {w:?} not in\n{e}");
        }
        assert!(
            e.trim_end()
                .ends_with("詳しくは '--help' を指定して実行してください。"),
            "{args:?}: {e}"
        );
        // No English sentence left: words of four or more ASCII letters appear only inside
        // quotes or the usage (argument names, values, clap's usage placeholders); the
        // parser's own reason is the library's English, quoted 「…」 inside the sentence.
        for line in e.lines() {
            let line = library.replace_all(line, "");
            let line = line.as_ref();
            let outside: String = line.split('\'').step_by(2).collect::<Vec<_>>().join(" ");
            if line.starts_with("使い方:") || line.starts_with("  ") {
                continue;
            }
            let english = outside
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 4);
            assert!(!english, "{args:?}: English in {line:?}");
        }
    }
}

#[test]
fn the_language_of_the_error_follows_the_locale_too() {
    let o = avma_env(&["keys", "--foo"], &[("LANG", "ja_JP.UTF-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("エラー: 予期しない引数"),
        "{}",
        stderr(&o)
    );
    // And under the pseudo-locale, nothing of it is plain English.
    let (e, code) = run("qps", &["keys", "--foo"]);
    assert_eq!(code, Some(2));
    assert!(!e.contains("unexpected argument"), "{e}");
}

#[test]
fn help_and_version_still_go_to_stdout_with_status_0() {
    let o = avma_env(&["--lang", "ja", "keys", "--help"], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(common::stdout(&o).contains("使い方"));
}
