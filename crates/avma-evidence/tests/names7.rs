//! Several machines in one paste (names-7): every fact on the machine it belongs to, in the
//! model (the captures corpus checks the read result's sections; this checks what the model
//! builds of them: names, roles, licences).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput, Model, Role};

fn model(name: &str) -> Model {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/captures")
        .join(name);
    let bytes = std::fs::read(&p).unwrap();
    let (_, lines) = avma_text::decode_lines(&bytes).unwrap();
    let r = read_text(name, &lines, Catalog::builtin());
    let label = name.trim_end_matches(".txt").to_string();
    build(
        vec![MachineInput {
            label,
            role: None,
            results: vec![r],
        }],
        Catalog::builtin(),
    )
}

fn keys(m: &avma_evidence::model::Machine) -> Vec<String> {
    m.products
        .iter()
        .filter_map(|p| p.facts.partial_key.clone())
        .collect()
}

#[test]
fn unnamed_host_and_guest_are_two_machines() {
    let m = model("names-7-chat-unnamed-host-guest-en.txt");
    assert_eq!(m.machines.len(), 2, "{:?}", m.machines);
    let guest = m
        .machine("LOB-SQL22")
        .expect("the guest, named by its own output");
    assert_eq!(guest.role, Role::Guest);
    assert_eq!(keys(guest), ["78VHK"]);
    let host = m.machines.iter().find(|x| x.name != "LOB-SQL22").unwrap();
    assert_eq!(host.role, Role::Host, "{host:?}");
    assert!(!host.name_known(), "{}", host.name);
    assert_eq!(keys(host), ["7QW2M"]);
}

#[test]
fn host_and_guest_named_by_the_prose() {
    let m = model("names-7-mail-ru-host-vm.txt");
    let host = m.machine("HV-EKB-02").expect("host");
    let guest = m.machine("APP-EKB-11").expect("guest");
    assert_eq!(keys(host), ["9KX4T"]);
    assert_eq!(keys(guest), ["4GF74"]);
    assert_eq!(host.role, Role::Host);
    assert_eq!(guest.role, Role::Guest);
}

#[test]
fn a_guest_is_never_named_after_its_host() {
    let m = model("names-7-pt-host-line-then-guest.txt");
    assert!(m.machine("HV-REC-07").is_none_or(|h| keys(h).is_empty()));
    let guest = m.machines.iter().find(|x| !keys(x).is_empty()).unwrap();
    assert_eq!(guest.role, Role::Guest);
    assert_ne!(guest.name, "HV-REC-07");

    let m = model("names-7-mail-es-host-kvp-guest.txt");
    let guest = m
        .machine("CONTA-SRV3")
        .expect("guest named by its computer name");
    assert_eq!(guest.role, Role::Guest);
    assert_eq!(keys(guest), ["Y2HQW"]);
    let host = m.machine("HV-SEV-02").expect("host");
    assert!(keys(host).is_empty());
}

#[test]
fn a_quoted_guest_block_is_the_guests() {
    let m = model("names-7-mail-quoted-guest-dli.txt");
    let host = m.machine("HVP-PRG01").expect("host");
    let guest = m.machine("FS-PRG04").expect("guest");
    assert_eq!(keys(host), ["2RTQ9"]);
    assert_eq!(keys(guest), ["78VHK"]);
    assert_eq!(host.role, Role::Host, "{:?}", host.role_reason);
    assert_eq!(guest.role, Role::Guest);
}

#[test]
fn a_hosts_cim_row_names_only_its_section() {
    let m = model("names-7-ja-guest-side-host-side.txt");
    let host = m.machine("HV-SDJ-05").expect("host, named by its CIM row");
    assert!(keys(host).is_empty());
    assert_eq!(host.builds.len(), 1);
    let guest = m.machines.iter().find(|x| !keys(x).is_empty()).unwrap();
    assert_eq!(guest.role, Role::Guest);
    assert!(guest.builds.is_empty());
}

#[test]
fn a_machine_that_lists_vms_is_a_host() {
    let m = model("names-7-systeminfo-getvm-host.txt");
    let host = m.machine("HV-ATL-12").unwrap();
    assert_eq!(host.role, Role::Host, "{:?}", host.role_reason);
}
