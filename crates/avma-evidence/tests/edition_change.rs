//! What the model makes of a `DISM /Set-Edition` that completed (issue #13): the edition change,
//! the key DISM installed, and no edition conflict between the edition before and the new
//! edition's key; one that failed changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, Machine, MachineInput};

fn machine(text: &str) -> Machine {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let r = read_text("dism.txt", &lines, Catalog::builtin());
    let input = MachineInput {
        label: "m".into(),
        role: None,
        results: vec![r],
    };
    build(vec![input], Catalog::builtin()).machines.remove(0)
}

const RUN: &str = "\
C:\\>DISM /online /Get-CurrentEdition

Deployment Image Servicing and Management tool
Version: 10.0.20348.681

Image Version: 10.0.20348.2700

Current Edition : ServerStandard

The operation completed successfully.

C:\\>DISM /online /Set-Edition:ServerDatacenter /ProductKey:W3GNR-8DDXR-2TFRP-H8P33-DV9BG /AcceptEula

Deployment Image Servicing and Management tool
Version: 10.0.20348.681

Image Version: 10.0.20348.2700

[==========================100.0%==========================]
";

#[test]
fn a_completed_edition_change_is_no_edition_conflict() {
    let m = machine(&format!("{RUN}\nThe operation completed successfully.\n"));
    assert_eq!(m.edition_changes.len(), 1, "{:#?}", m.edition_changes);
    let c = &m.edition_changes[0].value;
    assert_eq!(c.edition, "ServerDatacenter");
    assert_eq!(c.previous.as_deref(), Some("ServerStandard"));
    assert_eq!(m.keys_installed.len(), 1);
    assert!(
        !m.conflicts.iter().any(|c| c.field == "edition"),
        "{:#?}",
        m.conflicts
    );
}

#[test]
fn a_failed_edition_change_changes_nothing() {
    let m = machine(&format!("{RUN}\nError: 1605\n\nUnknown property\n"));
    assert!(m.edition_changes.is_empty(), "{:#?}", m.edition_changes);
    assert!(m.keys_installed.is_empty(), "{:#?}", m.keys_installed);
    assert_eq!(m.edition_requests.len(), 1);
}
