//! A typed Markdown table is the user's statement: a capture that says otherwise outranks it,
//! and the disagreement is a conflict of that machine.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput};

fn model(text: &str) -> avma_evidence::model::Model {
    let lines: Vec<String> = text.lines().map(String::from).collect();
    let r = read_text("issue.md", &lines, Catalog::builtin());
    build(
        vec![MachineInput {
            label: "issue".into(),
            role: None,
            results: vec![r],
        }],
        Catalog::builtin(),
    )
}

#[test]
fn a_capture_outranks_the_typed_table_and_the_conflict_is_shown() {
    let text = "| Node | OS | Edition | Activated |\n|---|---|---|---|\n| HVM-7 | 2022 | Datacenter | yes |\n| HVM-8 | 2022 | Datacenter | yes |\n\n=== HVM-7 ===\nName: Windows(R), ServerStandard edition\nDescription: Windows(R) Operating System, RETAIL channel\nPartial Product Key: 4CWTF\nLicense Status: Notification\n";
    let m = model(text);
    let h7 = m.machine("HVM-7").expect("HVM-7");
    // The licence read decides the edition; the typed one is kept, with the conflict.
    assert_eq!(h7.edition.as_deref(), Some("ServerStandard"), "{h7:#?}");
    let fields: Vec<&str> = h7.conflicts.iter().map(|c| c.field).collect();
    assert!(fields.contains(&"activated"), "{fields:?}");
    assert!(fields.contains(&"edition"), "{fields:?}");
    // The other row stands alone: its statement, no conflict.
    let h8 = m.machine("HVM-8").expect("HVM-8");
    assert_eq!(h8.edition.as_deref(), Some("ServerDatacenter"));
    assert_eq!(h8.version.as_deref(), Some("2022"));
    assert!(h8.conflicts.is_empty(), "{:?}", h8.conflicts);
    assert!(h8.products.is_empty());
}
