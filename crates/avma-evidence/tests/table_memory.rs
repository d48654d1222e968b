//! A `Format-Table` paste is read in memory bounded by one row: a header thousands of columns
//! wide over many short rows costs about what the same rows under a narrow header cost (it used
//! to cost the header's width per row, ~11 KB a 4-byte row), and the peak stays linear in the
//! input. Measured with a counting allocator; no timing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::Catalog;
use avma_evidence::detect::read_text;

#[global_allocator]
static A: avma_testkit::Counting = avma_testkit::Counting;

/// The lines of a table: a header `width` characters wide (two columns, or `width / 3` columns
/// of two dashes), then `rows` rows of `row`.
fn table(width: usize, many_columns: bool, rows: usize, row: &str) -> Vec<String> {
    let (header, dashes) = if many_columns {
        let n = width / 3;
        (
            (0..n)
                .map(|i| format!("C{:<2}", i % 100))
                .collect::<String>(),
            "-- ".repeat(n),
        )
    } else {
        (
            format!("Name {}", "X".repeat(width)),
            format!("---- {}", "-".repeat(width)),
        )
    };
    let mut lines = vec![header, dashes];
    lines.extend(std::iter::repeat_n(row.to_string(), rows));
    lines
}

/// The peak heap while reading `lines` (the lines themselves are allocated before).
fn peak(lines: &[String]) -> usize {
    let cat = Catalog::builtin();
    let (r, p) = avma_testkit::growth(|| read_text("table.txt", lines, cat));
    // Unknown rows are said once, not once per row.
    assert!(r.problems.len() <= 2, "{:?}", r.problems.len());
    drop(r);
    p
}

/// One test: the counting is global, so nothing else may allocate meanwhile.
#[test]
fn table_memory_is_bounded_by_a_row() {
    a_wide_header_costs_nothing_per_row();
    overflowing_rows_are_bounded_too();
}

fn a_wide_header_costs_nothing_per_row() {
    const ROWS: usize = 20_000;
    let narrow = peak(&table(8, false, ROWS, "a b"));
    let wide = peak(&table(5_000, false, ROWS, "a b"));
    let columns = peak(&table(5_000, true, ROWS, "a b"));
    let input: usize = table(5_000, false, ROWS, "a b")
        .iter()
        .map(|l| l.len() + 1)
        .sum();
    // The header's width may cost once (a few copies of it), never once per row.
    assert!(
        wide < narrow + 1024 * 1024,
        "wide header: peak {wide} bytes, narrow header: {narrow} bytes ({ROWS} rows)"
    );
    assert!(
        columns < narrow + 1024 * 1024,
        "1,666 columns: peak {columns} bytes, narrow header: {narrow} bytes ({ROWS} rows)"
    );
    // Linear in the input: a generous factor over the text's own size.
    assert!(
        wide < 100 * input,
        "peak {wide} bytes for {input} bytes of input"
    );
}

fn overflowing_rows_are_bounded_too() {
    // Every row overflows (a long first cell over a narrow column): the word-by-word reading of
    // a row holds that row only.
    const ROWS: usize = 20_000;
    let row = "Windows Server 2022 Datacenter Evaluation ServerDatacenterEval 20348 Server";
    let mut lines = vec![
        "ProductName EditionID CurrentBuild InstallationType".to_string(),
        "----------- --------- ------------ ----------------".to_string(),
    ];
    lines.extend(std::iter::repeat_n(row.to_string(), ROWS));
    let input: usize = lines.iter().map(|l| l.len() + 1).sum();
    let p = peak(&lines);
    assert!(p < 100 * input, "peak {p} bytes for {input} bytes of input");
}
