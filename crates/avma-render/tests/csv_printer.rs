//! The CSV printer of a document's tables (the audit's and the ledger's CSV).

use avma_render::*;

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
