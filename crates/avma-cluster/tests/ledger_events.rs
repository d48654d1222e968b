//! Data-driven: captures of AVMA events in every form avma reads (tests/ledger-cases/*.toml name
//! the evidence reader's capture fixtures) and the ledger rows they must give. A failed result
//! the message names is a failure, a message that names none is `unknown`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use avma_cluster::ledger::{ledger, LedgerOptions};
use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    inputs: Vec<String>,
    rows: Vec<[String; 4]>,
}

#[test]
fn ledger_rows_follow_the_result_each_event_names() {
    let cat = Catalog::builtin();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let captures = root.join("../avma-evidence/tests/fixtures/captures");
    let mut n = 0;
    for entry in std::fs::read_dir(root.join("tests/ledger-cases")).unwrap() {
        let path = entry.unwrap().path();
        let case: Case = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut inputs = Vec::new();
        for name in &case.inputs {
            let bytes = std::fs::read(captures.join(name)).unwrap();
            let (_, lines) = avma_text::decode_lines(&bytes).unwrap();
            inputs.push(MachineInput {
                label: name.clone(),
                role: None,
                results: vec![read_text(name, &lines, cat)],
            });
        }
        let model = build(inputs, cat);
        let l = ledger(&model, &LedgerOptions::default());
        let mut got: Vec<[String; 4]> = l
            .rows
            .iter()
            .map(|r| {
                [
                    r.vm.clone().unwrap_or_else(|| "?".into()),
                    r.host.clone().unwrap_or_else(|| "?".into()),
                    r.outcome.clone(),
                    r.result.unwrap_or_default().to_string(),
                ]
            })
            .collect();
        got.sort();
        let mut want = case.rows.clone();
        want.sort();
        assert_eq!(got, want, "{}", path.display());
        n += 1;
    }
    assert!(n > 0, "no ledger case");
}
