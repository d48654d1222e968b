//! Every reader fixture, read and snapshotted (data-driven: add a file under tests/fixtures and
//! its snapshot appears), plus the cross-checks that matter: every language and encoding of the
//! same output yields the same facts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::observe::{Fact, ProductFacts, ReadResult};

fn read(path: &Path) -> ReadResult {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (enc, lines) = avma_text::decode_lines(&bytes).unwrap();
    let mut r = read_text(&name, &lines, Catalog::builtin());
    r.encoding = Some(enc.name());
    r
}

fn fixture(rel: &str) -> ReadResult {
    read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
}

#[test]
fn every_fixture_snapshot() {
    insta::glob!("fixtures/**/*.*", |path| {
        if path.to_string_lossy().ends_with(".facts.toml") {
            return;
        }
        let r = read(path);
        insta::assert_json_snapshot!(r);
    });
}

fn products(r: &ReadResult) -> Vec<ProductFacts> {
    r.observations
        .iter()
        .filter_map(|o| match &o.fact {
            Fact::Product(p) => Some((**p).clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn japanese_and_utf16_slmgr_yield_the_english_facts() {
    let en = products(&fixture("slmgr/dlv-avma-guest-en.txt"));
    assert_eq!(en.len(), 1);
    let e = &en[0];
    assert_eq!(e.channel.as_deref(), Some("VIRTUAL_MACHINE_ACTIVATION"));
    assert_eq!(e.partial_key.as_deref(), Some("4GF74"));
    assert_eq!(e.license_status, Some(1));
    assert_eq!(e.grace_minutes, Some(10080));
    assert_eq!(e.avma.host_machine_name.as_deref(), Some("HV-NODE2"));
    for f in [
        "slmgr/dlv-avma-guest-ja.txt",
        "slmgr/dlv-avma-guest-ja.utf16le.txt",
        "slmgr/dlv-avma-guest-ja.cp932.txt",
        "slmgr/dlv-avma-guest-en.utf16le.txt",
    ] {
        let r = fixture(f);
        let p = products(&r);
        assert_eq!(p.len(), 1, "{f}");
        let p = &p[0];
        assert_eq!(p.edition, e.edition, "{f}");
        assert_eq!(p.channel, e.channel, "{f}");
        assert_eq!(p.partial_key, e.partial_key, "{f}");
        assert_eq!(p.grace_minutes, e.grace_minutes, "{f}");
        assert_eq!(p.license_status, e.license_status, "{f}");
        assert_eq!(p.avma.host_machine_name, e.avma.host_machine_name, "{f}");
        assert_eq!(p.avma.activation_time, e.avma.activation_time, "{f}");
        assert_eq!(p.avma.host_digital_pid2, e.avma.host_digital_pid2, "{f}");
        if f.contains("-ja") {
            assert_eq!(r.language, Some("ja"), "{f}");
        }
    }
}

#[test]
fn japanese_dism_in_cp932() {
    let r = fixture("dism/current-ja.cp932.txt");
    assert_eq!(r.encoding, Some("Shift_JIS/CP932"));
    assert_eq!(r.language, Some("ja"));
    let facts: Vec<&Fact> = r.observations.iter().map(|o| &o.fact).collect();
    assert!(facts
        .iter()
        .any(|f| matches!(f, Fact::OsBuild { build: 17763 })));
    assert!(facts
        .iter()
        .any(|f| matches!(f, Fact::Edition { edition, .. } if edition == "ServerStandardEval")));
}

#[test]
fn data_exchange_is_found_by_id_not_by_localized_name() {
    let r = fixture("powershell/integration-services-ja.json");
    let kvp: Vec<_> = r
        .observations
        .iter()
        .filter_map(|o| match &o.fact {
            Fact::IntegrationService(s) if s.is_data_exchange => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(kvp.len(), 1);
    assert_eq!(kvp[0].enabled, Some(false));
    assert_eq!(kvp[0].name.as_deref(), Some("キー値ペア交換"));
}

#[test]
fn bad_inputs_keep_what_is_readable() {
    let r = fixture("events/truncated.xml");
    assert_eq!(
        r.observations
            .iter()
            .filter(|o| matches!(o.fact, Fact::Event(_)))
            .count(),
        1
    );
    let ids: Vec<&str> = r.problems.iter().map(|p| p.message.id).collect();
    assert_eq!(ids, ["reader-xml-unclosed"], "{:?}", r.problems);
    assert!(r.problems[0].line.is_some(), "{:?}", r.problems);
    let r = fixture("powershell/broken.json");
    assert!(r.observations.is_empty());
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(r.problems[0].message.id, "reader-json-eof");
    assert_eq!(r.problems[0].line, Some(1));
    let r = fixture("powershell/unknown.json");
    assert_eq!(r.problems[0].message.id, "reader-object-unknown");
    assert_eq!(
        r.problems[0].message.args,
        [(
            "properties",
            avma_core::text::MsgArg::Str("Foo, Bar".into())
        )]
    );
    // No reader warning is an English literal any more.
    for f in [
        "events/truncated.xml",
        "powershell/broken.json",
        "powershell/unknown.json",
    ] {
        assert!(fixture(f).warnings.is_empty(), "{f}");
    }
}

/// Valid JSON nested deeper than the parser's limit is said to be that, not a syntax error
/// (the review's `[` x100000 then `]` x100000).
#[test]
fn deeply_nested_json_is_said_too_deep() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (_, lines) = avma_text::decode_lines(text.as_bytes()).unwrap();
    let r = read_text("deep.json", &lines, Catalog::builtin());
    assert!(r.observations.is_empty());
    let ids: Vec<&str> = r.problems.iter().map(|p| p.message.id).collect();
    assert_eq!(ids, ["reader-json-too-deep"], "{:?}", r.problems);
    // A plain syntax error stays one.
    let (_, lines) = avma_text::decode_lines(b"[{\"a\": 1,,}]").unwrap();
    let r = read_text("bad.json", &lines, Catalog::builtin());
    let ids: Vec<&str> = r.problems.iter().map(|p| p.message.id).collect();
    assert_eq!(ids, ["reader-json-syntax"], "{:?}", r.problems);
}

#[test]
fn an_office_row_in_a_cim_table_is_kept_apart_from_windows() {
    let r = fixture("captures/table-cim-office-overflow.txt");
    let p = products(&r);
    assert_eq!(p.len(), 2, "{p:#?}");
    let win = p.iter().find(|p| p.edition.is_some()).unwrap();
    assert_eq!(win.edition.as_deref(), Some("ServerStandard"));
    assert_eq!((win.license_status, win.grace_minutes), (Some(5), Some(0)));
    let office = p.iter().find(|p| p.edition.is_none()).unwrap();
    // The whole name (it runs over its column), its own status and countdown.
    assert_eq!(
        office.name.as_deref(),
        Some("Office 19, Office19StandardVL_KMS_Client edition")
    );
    assert_eq!(
        (office.license_status, office.grace_minutes),
        (Some(1), Some(172800))
    );
    assert!(r.notes.iter().any(|n| n.message.id == "reader-not-windows"));
}

#[test]
fn an_overflowing_cell_that_cannot_be_told_apart_is_refused() {
    // Two text columns, the first runs over the second with one space between: which words
    // are whose cannot be told, so neither cell is read (never "tion ServerStandard").
    let lines: Vec<String> = [
        "Name       Description",
        "----       -----------",
        "Windows(R), ServerStandard edition Windows(R) Operating System, RETAIL channel",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (_, rows) = avma_evidence::table::read_cells(&lines).unwrap();
    assert_eq!(rows[0], vec![None, None]);
    let r = read_text("t.txt", &lines, Catalog::builtin());
    assert!(r
        .notes
        .iter()
        .any(|n| n.message.id == "reader-table-cell-unreadable"));
}
