//! The CSV printer: the document's tables as RFC 4180 records (the `csv` crate quotes), for
//! spreadsheets and scripts. Only tables are printed (a table's header row first); several tables
//! are separated by an empty line, so a document meant for CSV holds one table.
//!
//! Every cell is data: a cell that a spreadsheet would run as a formula (a leading `=` `+` `-`
//! `@`, tab or CR, also in full width, after any spaces) gets a `'` in front, and control and
//! invisible characters are written visibly (`\n`, `\x1b`, `<U+202E>`), so a value is always one
//! field of one record.

use crate::doc::*;

/// A cell's text as written: formulas neutralised, control characters visible
/// ([`crate::escape::csv_cell`]).
pub fn cell(s: &str) -> String {
    crate::escape::csv_cell(s)
}

/// One record (`\n` terminated) of the given values, each made safe by [`cell`]
/// ([`crate::escape::csv_record`], RFC 4180 by the `csv` crate).
pub fn record<S: AsRef<str>>(cells: &[S]) -> String {
    crate::escape::csv_record(cells)
}

/// A table: its header row (when it has one), then its rows; a cell is its plain words.
pub fn table(t: &Table) -> String {
    let mut s = String::new();
    for r in std::iter::once(&t.head).chain(t.rows.iter()) {
        if r.is_empty() {
            continue;
        }
        let cells: Vec<String> = r.iter().map(|c| words(&c.text)).collect();
        s.push_str(&record(&cells));
    }
    s
}

/// Print the tables of a document as CSV.
pub fn print(doc: &Doc) -> String {
    let tables: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(table(t)),
            _ => None,
        })
        .collect();
    tables.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(s.as_bytes())
            .records()
            .map(|r| {
                r.map(|r| r.iter().map(String::from).collect())
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn quotes_and_neutralises_formulas() {
        assert_eq!(
            record(&["=HYPERLINK(\"http://x\")", "a,b", "-1", " @x", "ok"]),
            "\"'=HYPERLINK(\"\"http://x\"\")\",\"a,b\",'-1,' @x,ok\n"
        );
        assert_eq!(
            record(&["a\nb", "c\rd", "\u{202e}x"]),
            "a\\nb,c\\rd,<U+202E>x\n"
        );
        assert_eq!(record(&["\u{FF1D}1+1"]), "'\u{FF1D}1+1\n");
    }

    #[test]
    fn every_table_of_the_document_header_first() {
        let mut d = Doc::new("title is not printed", "en");
        d.para(plain("nor paragraphs"));
        d.push(Block::Table(Table {
            head: vec!["vm".into(), "node".into()],
            rows: vec![
                vec!["VM-1".into(), "N,1".into()],
                vec![Cell::toned("=1+1", Tone::Bad), "".into()],
            ],
            ..Table::default()
        }));
        let s = print(&d);
        assert_eq!(s, "vm,node\nVM-1,\"N,1\"\n'=1+1,\n");
        assert_eq!(parse(&s)[1], vec!["VM-1", "N,1"]);
    }
}
