//! Properties of the Format-Table reader:
//!
//! * any table laid out as PowerShell lays it out (columns one space apart, text left-aligned,
//!   numbers right-aligned, dashes under the header's name only, East Asian characters two
//!   columns wide) is read back cell for cell;
//! * when one cell of a row runs over its column and pushes the rest of the row to the right (a
//!   hand-trimmed paste, a longer name typed in), every cell read is the true value or refused:
//!   never a value that was not in the row. (The captures corpus shows the cells of real shapes are
//!   read, not refused: tests/fixtures/captures/table-*.txt, vmis-table-*-overflow.txt.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

use avma_evidence::table::read_cells;

#[derive(Debug, Clone, Copy, PartialEq)]
enum K {
    Text,
    Number,
    Bool,
}

#[derive(Debug, Clone)]
struct Table {
    names: Vec<String>,
    kinds: Vec<K>,
    rows: Vec<Vec<String>>,
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9(),.:_-]{0,9}",
        "[0-9]{1,4}",
        prop::sample::select(vec![
            "データ交換",
            "ゲスト",
            "サービス",
            "Schlüssel",
            "交换"
        ])
        .prop_map(String::from),
    ]
}

fn value(k: K) -> BoxedStrategy<String> {
    match k {
        K::Text => prop::collection::vec(word(), 0..4)
            .prop_map(|w| w.join(" "))
            .boxed(),
        K::Number => (0u32..400_000).prop_map(|n| n.to_string()).boxed(),
        K::Bool => prop::bool::ANY
            .prop_map(|b| if b { "True" } else { "False" }.to_string())
            .boxed(),
    }
}

fn column() -> impl Strategy<Value = (String, K)> {
    prop_oneof![
        "[A-Z][a-z]{1,9}".prop_map(|n| (n, K::Text)),
        prop::sample::select(vec!["Name", "Description", "VMName", "ProductName"])
            .prop_map(|n| (n.to_string(), K::Text)),
        prop::sample::select(vec![
            "LicenseStatus",
            "GracePeriodRemaining",
            "CurrentBuild"
        ])
        .prop_map(|n| (n.to_string(), K::Number)),
        Just(("Enabled".to_string(), K::Bool)),
    ]
}

fn table() -> impl Strategy<Value = Table> {
    prop::collection::vec(column(), 2..6).prop_flat_map(|cols| {
        let kinds: Vec<K> = cols.iter().map(|c| c.1).collect();
        let names: Vec<String> = cols.iter().map(|c| c.0.clone()).collect();
        let row: Vec<BoxedStrategy<String>> = kinds.iter().map(|&k| value(k)).collect();
        // A row of empty cells is a blank line: the end of the table.
        let row = row.prop_filter("an empty row", |r: &Vec<String>| {
            r.iter().any(|c| !c.is_empty())
        });
        prop::collection::vec(row, 1..5).prop_map(move |rows| Table {
            names: names.clone(),
            kinds: kinds.clone(),
            rows,
        })
    })
}

/// The widths of the columns, as PowerShell computes them.
fn widths(t: &Table) -> Vec<usize> {
    (0..t.names.len())
        .map(|k| {
            t.rows
                .iter()
                .map(|r| r[k].width())
                .chain([t.names[k].width()])
                .max()
                .unwrap()
        })
        .collect()
}

/// A row laid out over columns of `widths`; a cell wider than its column pushes the rest right.
fn layout(cells: &[String], kinds: &[K], widths: &[usize]) -> String {
    let mut line = String::new();
    let mut x = 0usize; // where the column starts in the header's layout
    let mut at = 0usize; // where the line is
    for (k, c) in cells.iter().enumerate() {
        if k > 0 {
            x += widths[k - 1] + 1;
        }
        let right = kinds[k] == K::Number;
        let start = if right {
            (x + widths[k]).saturating_sub(c.width())
        } else {
            x
        };
        let start = if k > 0 { start.max(at + 1) } else { start };
        line.push_str(&" ".repeat(start - at));
        line.push_str(c);
        at = start + c.width();
    }
    line.trim_end().to_string()
}

fn lines(t: &Table) -> Vec<String> {
    let w = widths(t);
    let header = layout(&t.names, &t.kinds, &w);
    let dashes: Vec<String> = t.names.iter().map(|n| "-".repeat(n.width())).collect();
    let dash_line = layout(&dashes, &t.kinds, &w);
    let mut out = vec![header, dash_line];
    out.extend(t.rows.iter().map(|r| layout(r, &t.kinds, &w)));
    out
}

/// Where each run of dashes starts.
fn dash_starts(d: &str) -> Vec<usize> {
    let b = d.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'-' && (i == 0 || b[i - 1] == b' '))
        .collect()
}

/// Each word's display columns.
fn words_at(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut x = 0;
    for (i, part) in line.split(' ').enumerate() {
        if i > 0 {
            x += 1;
        }
        if !part.is_empty() {
            out.push((x, x + part.width()));
        }
        x += part.width();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_global_rejects: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn a_powershell_table_is_read_cell_for_cell(t in table()) {
        let ls = lines(&t);
        let (names, rows) = read_cells(&ls).expect("a table");
        prop_assert_eq!(&names, &t.names, "{:#?}", ls);
        let want: Vec<Vec<Option<String>>> = t
            .rows
            .iter()
            .map(|r| r.iter().cloned().map(Some).collect())
            .collect();
        prop_assert_eq!(rows, want, "{:#?}", ls);
    }

    #[test]
    fn an_overflowing_cell_is_read_or_refused_never_invented(
        t in table(),
        pick in any::<prop::sample::Index>(),
        extra in prop::collection::vec(word(), 1..3),
    ) {
        let w = widths(&t);
        let texts: Vec<usize> = (0..t.names.len() - 1).filter(|&k| t.kinds[k] == K::Text).collect();
        prop_assume!(!texts.is_empty());
        let k = texts[pick.index(texts.len())];
        let mut row = t.rows[0].clone();
        let mut v = row[k].clone();
        for e in &extra {
            if !v.is_empty() {
                v.push(' ');
            }
            v.push_str(e);
        }
        // Only an overflow is of interest here.
        prop_assume!(v.width() > w[k]);
        row[k] = v;
        let mut ls = lines(&t);
        ls[2] = layout(&row, &t.kinds, &w);
        // ... and one a reader can see: the first word that leaves the column runs over the
        // next column's start (a word that lands exactly on it is, to anyone, that column's).
        let next_start = dash_starts(&ls[1])[k + 1];
        // (Touching the space before it counts in a row without East Asian characters:
        // PowerShell always leaves that space; Windows PowerShell 5.1 counts characters.)
        let narrow = ls[2].width() == ls[2].chars().count();
        let first_out = words_at(&ls[2])
            .into_iter()
            .find(|&(_, to)| to > next_start || (narrow && to == next_start));
        prop_assume!(first_out.is_some_and(|(from, _)| from < next_start));
        let (_, rows) = read_cells(&ls).expect("a table");
        for (j, got) in rows[0].iter().enumerate() {
            if let Some(g) = got {
                prop_assert_eq!(g, &row[j], "column {} of {:#?}", j, ls);
            }
        }
    }
}
