//! The blocks and printer render-b added: `Block::Steps` (numbered things to do with their
//! commands) in every printer, and the CSV printer of a document's tables.

use avma_render::*;

fn doc() -> Doc {
    let mut d = Doc::new("Fixes", "en");
    d.push(Block::Steps(vec![
        Step {
            text: plain("Fix HV-NODE3 (host-license-expiring): helps 2 VM(s)."),
            lang: "powershell".into(),
            lines: vec!["Get-CimInstance -ClassName SoftwareLicensingService".into()],
            note: None,
        },
        Step {
            text: plain("Limit <b>VM</b>'s owners to `A`."),
            lang: "powershell".into(),
            lines: vec!["Set-ClusterOwnerNode -Owners 'A' # ```".into()],
            note: Some("(this command is cut after 400 characters)".into()),
        },
        Step {
            text: plain("Nothing to run\u{1b}[2J"),
            ..Step::default()
        },
    ]));
    d
}

#[test]
fn steps_in_text() {
    let s = text::print(&doc(), text::TextOptions::default());
    assert!(!s.contains('\u{1b}'));
    insta::assert_snapshot!(s);
}

#[test]
fn steps_in_markdown() {
    let s = markdown::print(&doc());
    // The fence outruns the backticks of the command.
    assert!(s.contains("````powershell\n"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn steps_in_html() {
    let s = html::print(&doc());
    let body = &s[s.find("<main>").unwrap()..];
    assert!(body.contains("&lt;b&gt;VM&lt;/b&gt;"), "{body}");
    assert_eq!(body.matches("<li>").count(), 3);
    insta::assert_snapshot!(body);
}

#[test]
fn csv_of_the_tables() {
    let mut d = Doc::new("not printed", "en");
    d.para(plain("not printed either"));
    d.push(Block::Table(Table {
        head: vec!["vm".into(), "node".into(), "note".into()],
        rows: vec![
            vec!["VM-1".into(), "N1".into(), "a \"quoted\", comma".into()],
            vec![
                "@SUM(A1)".into(),
                " =1".into(),
                "line\nbreak\u{202e}".into(),
            ],
        ],
        ..Table::default()
    }));
    let s = csv::print(&d);
    insta::assert_snapshot!(s);
    let rows: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(s.as_bytes())
        .records()
        .map(|r| {
            r.map(|r| r.iter().map(String::from).collect())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][2], "a \"quoted\", comma");
    assert_eq!(rows[2], ["'@SUM(A1)", "' =1", "line\\nbreak<U+202E>"]);
}
