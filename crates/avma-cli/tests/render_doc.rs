//! Every human view of keys, matrix, explain, plan, rules, lint and demo is a document printed by
//! the avma-render printers: the binary's text, Markdown and HTML output must equal the printer's
//! output of the same `Doc` (built here through the library), in English and Japanese. A command
//! that wrote its human output any other way would differ and fail here. The printed views are
//! snapshots (HTML: the page's `<main>`; the page head is the printer's own, snapshotted in
//! avma-render), and each Markdown and HTML view is checked for structure.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use avma_cli::cli::{DocFormat, ExplainArgs, KeyFamilyArg, KeysArgs, LintArgs, LintFormat};
use avma_cli::cli::{PlanArgs, PlanFormat};
use avma_cli::cmd;
use avma_cli::document::{printed, View};
use avma_cli::out::Ctx;
use avma_core::text::Lang;
use avma_render::{Block, Doc};
use common::{avma, path, root, stdout};

fn keys(os: Option<&str>, family: Option<KeyFamilyArg>) -> KeysArgs {
    KeysArgs {
        os: os.map(Into::into),
        edition: None,
        kind: None,
        family,
        format: DocFormat::Text,
    }
}

fn plan(guest: &str, host: &str) -> PlanArgs {
    PlanArgs {
        guest: guest.into(),
        want: None,
        host: host.into(),
        host_activated: None,
        domain_controller: false,
        format: PlanFormat::Text,
        output: None,
    }
}

/// A command line and the document the library builds for it.
struct Case {
    name: &'static str,
    args: Vec<String>,
    doc: Box<dyn Fn(&mut Ctx) -> Doc>,
    /// Snapshot the Japanese views too.
    ja: bool,
}

fn runbook() -> String {
    path("examples/walkthrough/runbook-ja.md")
}

fn cases() -> Vec<Case> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        Case {
            name: "keys_2019",
            args: s(&["keys", "--os", "2019"]),
            doc: Box::new(|c| cmd::keys::keys_doc(c, &keys(Some("2019"), None)).unwrap()),
            ja: true,
        },
        Case {
            name: "keys_client",
            args: s(&["keys", "--os", "Windows 11"]),
            doc: Box::new(|c| cmd::keys::keys_doc(c, &keys(Some("Windows 11"), None)).unwrap()),
            ja: false,
        },
        Case {
            name: "matrix",
            args: s(&["matrix"]),
            doc: Box::new(|c| cmd::matrix::document(c)),
            ja: false,
        },
        Case {
            name: "explain_wx4nm",
            args: s(&["explain", "WX4NM-KYWYW-QJJR4-XV3QB-6VM33", "--os", "2019"]),
            doc: Box::new(|c| {
                cmd::explain::explain_doc(
                    c,
                    &ExplainArgs {
                        topic: "WX4NM-KYWYW-QJJR4-XV3QB-6VM33".into(),
                        os: Some("2019".into()),
                        format: DocFormat::Text,
                    },
                )
                .unwrap()
            }),
            ja: false,
        },
        Case {
            name: "explain_av001",
            args: s(&["explain", "AV001"]),
            doc: Box::new(|c| {
                cmd::explain::explain_doc(
                    c,
                    &ExplainArgs {
                        topic: "AV001".into(),
                        os: None,
                        format: DocFormat::Text,
                    },
                )
                .unwrap()
            }),
            ja: false,
        },
        Case {
            name: "plan_eval",
            args: s(&["plan", "--guest", "2019 std eval", "--host", "2022 DC"]),
            doc: Box::new(|c| cmd::plan::plan_doc(c, &plan("2019 std eval", "2022 DC")).unwrap()),
            ja: true,
        },
        Case {
            name: "plan_refusal",
            args: s(&[
                "plan",
                "--guest",
                "2022 Standard",
                "--host",
                "2019 Datacenter",
            ]),
            doc: Box::new(|c| {
                cmd::plan::plan_doc(c, &plan("2022 Standard", "2019 Datacenter")).unwrap()
            }),
            ja: true,
        },
        Case {
            name: "rules",
            args: s(&["rules"]),
            doc: Box::new(|c| cmd::rules::document(c)),
            ja: false,
        },
        Case {
            name: "lint",
            args: vec!["lint".into(), runbook()],
            doc: Box::new(|c| {
                cmd::lint::lint_doc(
                    c,
                    &LintArgs {
                        files: vec![runbook()],
                        os: None,
                        edition: None,
                        format: LintFormat::Text,
                    },
                )
                .unwrap()
            }),
            ja: true,
        },
        Case {
            name: "demo",
            args: s(&["demo"]),
            doc: Box::new(cmd::demo::document),
            ja: false,
        },
    ]
}

fn lang_arg(l: Lang) -> &'static str {
    match l {
        Lang::Ja => "ja",
        _ => "en",
    }
}

/// The HTML page's `<main>` element: what the command put in the page.
fn main_of(html: &str) -> &str {
    let a = html.find("<main>").expect("a main element");
    let b = html.find("</main>").expect("the main element ends");
    &html[a..b + "</main>".len()]
}

/// Markdown that the printer made: tables keep their columns (every unescaped `|` counted), no
/// raw HTML tag opens outside code, fences close.
fn check_markdown(name: &str, md: &str) {
    let mut fence: Option<String> = None;
    let mut columns: Option<usize> = None;
    for line in md.lines() {
        let t = line.trim_start();
        if let Some(f) = &fence {
            if t.starts_with(f.as_str()) && t.trim_end().chars().all(|c| c == '`') {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            fence = Some(t.chars().take_while(|&c| c == '`').collect());
            continue;
        }
        if t.starts_with('|') {
            let b: Vec<char> = t.chars().collect();
            let pipes = (0..b.len())
                .filter(|&i| {
                    b[i] == '|' && b[..i].iter().rev().take_while(|&&x| x == '\\').count() % 2 == 0
                })
                .count();
            match columns {
                None => columns = Some(pipes),
                Some(n) => assert_eq!(n, pipes, "{name}: a table row lost its columns: {line}"),
            }
        } else {
            columns = None;
        }
        // Raw HTML: a `<` followed by a letter or `/`, not escaped and not in a code span or an
        // autolink of the printer.
        let b: Vec<char> = t.chars().collect();
        let mut in_code = false;
        for i in 0..b.len() {
            if b[i] == '`' {
                in_code = !in_code;
            }
            if !in_code
                && b[i] == '<'
                && (i == 0 || b[i - 1] != '\\')
                && b.get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == '/')
            {
                panic!("{name}: raw HTML in Markdown: {line}");
            }
        }
    }
    assert!(fence.is_none(), "{name}: a code fence is left open");
}

/// HTML that the printer made: one h1 (the document's title), one table per table block, no
/// script and nothing that loads.
fn check_html(name: &str, html: &str, doc: &Doc) {
    let page = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let h1: Vec<String> = page
        .select(&sel("h1"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(h1, vec![doc.title.clone()], "{name}");
    let tables = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(page.select(&sel("table")).count(), tables, "{name}");
    assert_eq!(
        page.select(&sel("script, [src], link, iframe, object"))
            .count(),
        0,
        "{name}"
    );
}

#[test]
fn every_human_view_is_the_printers_view_of_the_commands_document() {
    for case in cases() {
        for lang in [Lang::En, Lang::Ja] {
            let mut ctx = Ctx::new(lang, false);
            let doc = (case.doc)(&mut ctx);
            assert!(
                !doc.title.is_empty(),
                "{}: a document has a title",
                case.name
            );
            for (view, format) in [(View::Text, "text"), (View::Md, "md"), (View::Html, "html")] {
                let mut args: Vec<String> = vec!["--lang".into(), lang_arg(lang).into()];
                args.extend(case.args.iter().cloned());
                args.extend(["--format".to_string(), format.to_string()]);
                let o = avma(&args);
                assert!(
                    o.status.code().is_some_and(|c| c <= 1),
                    "{} {format}: {}",
                    case.name,
                    common::stderr(&o)
                );
                let got = stdout(&o);
                let want = printed(&ctx, &doc, view);
                assert_eq!(
                    got, want,
                    "{} {format} ({lang:?}) is not the printer's view of its document",
                    case.name
                );
                match view {
                    View::Md => check_markdown(case.name, &got),
                    View::Html => check_html(case.name, &got, &doc),
                    View::Text => assert!(!got.contains('\x1b'), "{}: colour in a pipe", case.name),
                    // None of these commands has a CSV view (audit and ledger: tests/views.rs).
                    View::Csv => {}
                }
                if lang == Lang::En || case.ja {
                    let shown = match view {
                        View::Html => main_of(&got).to_string(),
                        _ => got.clone(),
                    };
                    let shown = shown.replace(&root().display().to_string(), "<root>");
                    let snap = format!("{}_{}_{format}", case.name, lang_arg(lang));
                    insta::assert_snapshot!(snap, shown);
                }
            }
        }
    }
}

#[test]
fn keys_read_right_for_a_server_or_a_client() {
    let families = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["keys"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&avma(&a))).unwrap();
        v["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["edition_family"].as_str().unwrap().to_string())
            .collect()
    };
    // A server --os: the server's keys only.
    let server = families(&["--os", "2019"]);
    assert!(
        !server.is_empty() && server.iter().all(|f| f != "client"),
        "{server:?}"
    );
    // Asked for: the client keys of that era only.
    let client = families(&["--os", "2019", "--family", "client"]);
    assert!(
        !client.is_empty() && client.iter().all(|f| f == "client"),
        "{client:?}"
    );
    assert!(families(&["--os", "2019", "--family", "all"]).len() == server.len() + client.len());
    // A Windows client named as the OS: its keys, whatever the era.
    for os in ["Windows 10", "Windows 11", "win 10 pro"] {
        let c = families(&["--os", os]);
        assert!(
            !c.is_empty() && c.iter().all(|f| f == "client"),
            "{os}: {c:?}"
        );
    }
    // Without --os: every key, as before (the JSON contract's list).
    let all = families(&[]);
    assert!(all.iter().any(|f| f == "client") && all.iter().any(|f| f != "client"));
    // The text says what a client key's versions mean.
    let t = stdout(&avma(&["keys", "--family", "client"]));
    assert!(t.contains("Windows 10/11 (of the Windows Server"), "{t}");
    let t = stdout(&avma(&["keys", "--os", "2019"]));
    assert!(!t.contains("Windows client"), "{t}");
}

#[test]
fn explain_of_several_matches_is_a_section_each() {
    use avma_cli::cmd::explain::Topic;
    let ctx = Ctx::new(Lang::En, false);
    let rules = [
        avma_core::rules::find("AV001").unwrap(),
        avma_core::rules::find("AV202").unwrap(),
    ];
    let topics = [Topic::Rule(rules[0]), Topic::Rule(rules[1])];
    let doc = cmd::explain::document(&ctx, "topic", &topics, None);
    assert_eq!(doc.title, "topic");
    let heads: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        heads,
        [
            "AV001 key-version-mismatch (error)",
            "AV202 guest-kms-key-installed (error)"
        ]
    );
}

/// A runbook whose name and text are hostile (a private key, a terminal escape, a bidi override,
/// markup): every view of its lint is inert, keeps no private key and holds no markup of its own.
#[test]
fn hostile_names_and_text_stay_data_in_every_view() {
    const KEY: &str = "N7TQ8-BCDFG-HJKMP-QRTVW-YH26G";
    const TAG: &str = "<img src=x onerror=alert(1)>";
    let dir = std::env::temp_dir().join(format!("avma-render-doc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let runbook = dir.join(format!("{KEY}-\u{202e}{TAG}.md"));
    std::fs::write(
        &runbook,
        // The escape sequence last: a reader may call the rest binary (exit 2), after the lines
        // before it were linted.
        format!("slmgr /ipk {KEY}\r\n{TAG} | col | `tick`\nslmgr /ipk WX4NM-KYWYW-QJJR4-XV3QB-6VM33\n\u{1b}]0;x\u{7}\n"),
    )
    .unwrap();
    let file = runbook.display().to_string();
    for format in ["text", "md", "html"] {
        let o = avma(&["lint", "--format", format, &file]);
        let out = stdout(&o);
        let err = common::stderr(&o);
        assert!(o.status.code().is_some_and(|c| c <= 2), "{format}: {err}");
        assert!(
            out.contains("AV005"),
            "{format}: the unknown key is a finding:\n{out}"
        );
        assert!(
            !out.contains(KEY) && !err.contains(KEY),
            "{format}: a private key:\n{out}"
        );
        assert!(
            out.contains("YH26G"),
            "{format}: the key's last five are shown:\n{out}"
        );
        if let Some(c) = out
            .chars()
            .find(|&c| avma_cli::escape::is_unsafe(c) && c != '\n')
        {
            panic!("{format}: raw {c:?} in\n{out}");
        }
        match format {
            "html" => {
                let page = scraper::Html::parse_document(&out);
                let img = scraper::Selector::parse("img, script, [onerror]").unwrap();
                assert_eq!(page.select(&img).count(), 0, "{out}");
                assert!(page.root_element().text().any(|t| t.contains(TAG)), "{out}");
            }
            "md" => check_markdown("hostile lint", &out),
            _ => assert!(out.contains("<U+202E>"), "{out}"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
