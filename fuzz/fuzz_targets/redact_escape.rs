//! The output side of #12: redaction and neutralised output, on any text. Checked, not only run:
//! redaction is idempotent and keeps rendered JSON valid; escaped text holds no control or
//! invisible character; a CSV record parses back to its cells; a Markdown cell holds no raw line
//! break; JSON escaping keeps the value.
#![no_main]

use avma_cli::escape;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cat = avma_core::Catalog::builtin();
    let s = String::from_utf8_lossy(data);
    let once = avma_core::key::redact_text(&s, cat);
    assert_eq!(avma_core::key::redact_text(&once, cat), once);

    let json = serde_json::to_string(&*s).unwrap_or_default();
    let red = avma_core::key::redact_text(&escape::json(&json), cat);
    assert!(serde_json::from_str::<String>(&red).is_ok(), "{json} -> {red}");
    assert_eq!(
        serde_json::from_str::<String>(&escape::json(&json)).ok().as_deref(),
        Some(&*s)
    );

    assert!(!escape::text(&s).chars().any(escape::is_unsafe));
    let cell = escape::md_cell(&s);
    assert!(!cell.contains('\n') && !cell.contains('\r'));

    let rec = escape::csv_record(&[&*s, "x"]);
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(rec.as_bytes());
    let row: Vec<String> = rd
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .unwrap_or_default();
    assert_eq!(row, vec![escape::csv_cell(&s), "x".to_string()]);
});
