//! Every printer on one document holding every kind of block, with hostile strings in it:
//! snapshots of text (plain and coloured), Markdown and HTML; SARIF and Prometheus of their own
//! inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_render::prometheus::{Family, Sample};
use avma_render::sarif::{SarifResult, SarifRule};
use avma_render::*;

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

fn sample() -> Doc {
    let mut d = Doc::new("Report | *title*", "ja");
    d.para(vec![
        Span::plain("Intro with "),
        Span::new("strong", Tone::Strong),
        Span::plain(" and "),
        Span::new("slmgr /ato", Tone::Code),
        Span::plain(" and a bell\u{7} and an escape \u{1b}[2J."),
    ]);
    d.heading_id(1, "Cluster # 1", "cluster-1");
    d.push(Block::Stats(vec![
        ("State".into(), "Critical".into(), Tone::Bad),
        ("ノード".into(), "3".into(), Tone::Plain),
    ]));
    d.push(Block::Fields(vec![
        Field {
            key: "As of".into(),
            value: plain("2026-12-01 09:00 UTC"),
        },
        Field {
            key: "証拠の経過時間".into(),
            value: toned("3 h", Tone::Warn),
        },
    ]));
    d.push(Block::List(vec![
        plain("- starts like a list"),
        toned("1. starts like a number", Tone::Dim),
    ]));
    d.heading(2, "Matrix");
    d.push(Block::Table(Table {
        id: Some("matrix-1".into()),
        class: Some("matrix".into()),
        caption: Some("VM × node".into()),
        head: vec![
            Cell::new("VM"),
            Cell::new("HV-NODE1"),
            Cell::new("ノード２"),
        ],
        rows: vec![
            vec![
                Cell::new(HOSTILE).with_detail("2019 \"Datacenter\""),
                Cell::toned("✓ yes", Tone::Good),
                Cell::toned("✗ cannot", Tone::Bad).with_detail("host-not-activated: 'why'"),
            ],
            vec![
                Cell::new("仮想マシン|pipe"),
                Cell::toned("until 2026-12-05", Tone::Warn),
                Cell::toned("?", Tone::Dim),
            ],
        ],
        row_heads: true,
    }));
    d.push(Block::Code(Commands {
        label: "Fix (cmd)".into(),
        lang: "bat".into(),
        lines: vec![
            "cscript //nologo slmgr.vbs /ato".into(),
            "echo ``` </pre>".into(),
        ],
    }));
    d.push(Block::Finding(FindingBlock {
        level: Level::Error,
        level_label: "error".into(),
        code: "AV301".into(),
        name: "host-license-expiring".into(),
        location: format!("{HOSTILE}: examples/slp.json:2: "),
        message: "The licence lapses.\nSecond line <b>bold</b>.".into(),
        evidence_label: "Evidence".into(),
        evidence: vec![
            ("5760 minutes left".into(), "slp.json:2".into()),
            ("no place".into(), String::new()),
        ],
        why: Some(("Why".into(), "Because & so on.".into())),
        fixes: vec![Commands {
            label: "Fix (PowerShell)".into(),
            lang: "powershell".into(),
            lines: vec!["Get-CimInstance -ClassName SoftwareLicensingProduct".into()],
        }],
    }));
    d.push(Block::Figure(Figure::Timeline(Timeline {
        id: Some("timeline-1".into()),
        caption: "Timeline".into(),
        days: 30,
        ticks: vec![
            (0, "11-17".into()),
            (7, "11-24".into()),
            (14, "12-01".into()),
        ],
        now: Some((14, "now".into())),
        rows: vec![
            TimelineRow {
                label: "HV-NODE3".into(),
                marks: vec![Mark {
                    day: 18,
                    tone: Tone::Warn,
                    label: "2026-12-05".into(),
                    detail: "HV-NODE3 licence lapses on 2026-12-05".into(),
                    diamond: true,
                }],
                spans: vec![(0, 18, Tone::Good)],
            },
            TimelineRow {
                label: HOSTILE.into(),
                marks: vec![
                    Mark {
                        day: 12,
                        tone: Tone::Bad,
                        label: String::new(),
                        detail: format!("{HOSTILE} failed"),
                        diamond: false,
                    },
                    Mark {
                        day: 3,
                        tone: Tone::Good,
                        label: "last".into(),
                        detail: "activated".into(),
                        diamond: false,
                    },
                ],
                spans: Vec::new(),
            },
        ],
        legend: vec![(Tone::Good, "activation".into())],
    })));
    d.para(toned("All clear: a status line", Tone::Good));
    d.heading(2, "Steps");
    d.push(Block::Procedure(vec![
        ProcedureStep {
            text: plain("[host] Check the host"),
            detail: Some("Why:\nan unactivated host cannot activate guests \u{202e}".into()),
            commands: vec![
                Commands {
                    label: "cmd".into(),
                    lang: "bat".into(),
                    lines: vec!["cscript //nologo slmgr.vbs /dli".into()],
                },
                Commands {
                    label: "PowerShell".into(),
                    lang: "powershell".into(),
                    lines: vec!["Get-CimInstance SoftwareLicensingProduct # ```".into()],
                },
            ],
            primary: 1,
            expect: Some(("Expect".into(), "Licensed <b>".into())),
            note: Some("a command was cut".into()),
        },
        ProcedureStep {
            text: plain("- [guest] no commands"),
            primary: 9,
            ..ProcedureStep::default()
        },
    ]));
    d
}

#[test]
fn text() {
    insta::assert_snapshot!(text::print(&sample(), text::TextOptions { color: false }));
}

#[test]
fn text_in_colour() {
    let s = text::print(&sample(), text::TextOptions { color: true });
    assert!(s.contains("\x1b[1;31m"), "colour when asked");
    // The only escape characters are the printer's own colour codes.
    for (i, _) in s.match_indices('\x1b') {
        assert_eq!(s.as_bytes().get(i + 1), Some(&b'['), "{s}");
        assert!(!s[i..].starts_with("\x1b[2J"), "{s}");
    }
    insta::assert_snapshot!(s);
}

#[test]
fn text_aligns_east_asian_widths() {
    let s = text::print(&sample(), text::TextOptions { color: false });
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("HV-NODE1") || l.contains("✓ yes") || l.contains("仮想マシン"))
        .collect();
    // The second column starts at the same display column in the header and both rows.
    let col = |l: &str, needle: &str| {
        let at = l.find(needle).unwrap();
        text::width(&l[..at])
    };
    assert_eq!(col(rows[0], "HV-NODE1"), col(rows[2], "until"), "{s}");
    assert_eq!(col(rows[1], "✓"), col(rows[2], "until"), "{s}");
}

#[test]
fn markdown() {
    let s = markdown::print(&sample());
    // Raw `<img` only inside a code span (backticks), else escaped.
    for (i, _) in s.match_indices("<img") {
        assert!(s[..i].ends_with('\\') || s[..i].ends_with('`'), "{s}");
    }
    assert!(
        s.contains("````bat"),
        "a fence longer than the backticks inside: {s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn html() {
    let s = html::print(&sample());
    assert!(!s.contains("<img"), "{s}");
    assert!(!s.contains("<b>"), "{s}");
    assert!(s.contains("&lt;img src=x onerror=alert(1)&gt;"), "{s}");
    assert!(!s.contains("<script"), "{s}");
    assert!(s.contains(html::CSP), "{s}");
    assert!(s.contains("<html lang=\"ja\">"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn sarif() {
    let v = sarif::print(
        "avma",
        "0.0.0",
        &[SarifRule {
            id: "AV301".into(),
            name: "host-license-expiring".into(),
            short: "short".into(),
            full: "full".into(),
            help: "help".into(),
            level: Level::Error,
        }],
        &[
            SarifResult {
                rule_id: "AV301".into(),
                level: Level::Error,
                message: HOSTILE.into(),
                file: Some("hv-node3/slp.json".into()),
                line: Some(2),
                properties: serde_json::json!({"machine": "HV-NODE3"}),
            },
            SarifResult {
                rule_id: "AV301".into(),
                level: Level::Note,
                message: "no location".into(),
                file: None,
                line: None,
                properties: serde_json::json!({}),
            },
        ],
    );
    // Key order depends on serde_json features unified across the workspace: sorted here.
    insta::with_settings!({sort_maps => true}, {
        insta::assert_json_snapshot!(v);
    });
}

#[test]
fn prometheus() {
    let s = prometheus::print(&[
        Family {
            name: "avma_node_activated",
            help: "1 when activated.".into(),
            samples: vec![
                Sample::new(
                    vec![("cluster", "C1".into()), ("node", "HV-NODE1".into())],
                    1.0,
                ),
                Sample::new(
                    vec![("cluster", "C1".into()), ("node", "a\"b\\c\nd".into())],
                    0.0,
                ),
            ],
        },
        Family {
            name: "avma_empty",
            help: "left out".into(),
            samples: Vec::new(),
        },
    ]);
    insta::assert_snapshot!(s);
}
