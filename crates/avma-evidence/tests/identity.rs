//! Who is who: the identity objects (the guest's KVP registry, BIOS GUIDs, the host's intrinsic
//! KVP items in each shape, the collector's manifest) and the links the model makes from them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, LinkBy, MachineInput, Model, Role};
use avma_evidence::observe::{Fact, KvpIntrinsic, ReadResult};

fn read_str(name: &str, text: &str) -> ReadResult {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    read_text(name, &lines, Catalog::builtin())
}

fn fixture(name: &str) -> ReadResult {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/identity")
        .join(name);
    let bytes = std::fs::read(&p).unwrap();
    let (_, lines) = avma_text::decode_lines(&bytes).unwrap();
    read_text(name, &lines, Catalog::builtin())
}

fn kvp(r: &ReadResult) -> KvpIntrinsic {
    r.observations
        .iter()
        .find_map(|o| match &o.fact {
            Fact::KvpIntrinsic(k) => Some((**k).clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no KVP items in {:?}", r.observations))
}

#[test]
fn guest_parameters_from_json_and_format_list() {
    let r = fixture("kvp-parameters.json");
    assert!(!r.has_problems(), "{:?} {:?}", r.warnings, r.problems);
    let p = r
        .observations
        .iter()
        .find_map(|o| match &o.fact {
            Fact::GuestParameters(p) => Some(p.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        p.vm_id.as_deref(),
        Some("7d1b0c44-2e0a-4c8b-b3f5-1a2b3c4d5e6f")
    );
    assert_eq!(p.vm_name.as_deref(), Some("VM-WEB02"));
    assert_eq!(p.host_name.as_deref(), Some("HV-NODE2"));
    let fl = read_str(
        "params.txt",
        "\nVirtualMachineId   : 7D1B0C44-2E0A-4C8B-B3F5-1A2B3C4D5E6F\nVirtualMachineName : VM-WEB02\nHostName           : HV-NODE2\n",
    );
    assert!(fl.observations.iter().any(|o| matches!(&o.fact,
        Fact::GuestParameters(q) if q.vm_id == p.vm_id && q.vm_name == p.vm_name)));
}

#[test]
fn intrinsic_items_in_every_shape() {
    let m = kvp(&fixture("kvp-intrinsic-map.json"));
    assert_eq!(m.vm.as_deref(), Some("VM-DB03"));
    assert_eq!(m.os_build, Some(17763));
    assert_eq!(m.edition.as_deref(), Some("ServerStandardEval"));
    assert_eq!(m.fqdn.as_deref(), Some("DB03.contoso.example"));
    assert_eq!(m.product_type, Some(3));
    let l = kvp(&fixture("kvp-intrinsic-list.json"));
    assert_eq!(l.os_build, Some(20348));
    assert_eq!(l.edition.as_deref(), Some("ServerDatacenter"));
    let x = kvp(&fixture("kvp-intrinsic-xml.json"));
    assert_eq!(x.vm.as_deref(), Some("VM-SQL05"));
    assert_eq!(x.os_name.as_deref(), Some("Windows Server 2016 Datacenter"));
    assert_eq!(x.os_build, Some(14393));
    assert_eq!(x.fqdn.as_deref(), Some("SQL05.contoso.example"));
    // ProductType among KVP items says nothing about the host being a domain controller.
    for f in ["kvp-intrinsic-map.json", "kvp-intrinsic-list.json"] {
        let r = fixture(f);
        assert!(!r
            .observations
            .iter()
            .any(|o| matches!(o.fact, Fact::DomainController { .. })));
    }
}

#[test]
fn an_unknown_sku_keeps_its_number_and_the_os_name_decides() {
    let r = read_str(
        "k.json",
        r#"{"VMName":"V","GuestIntrinsicExchangeItems":{"OSName":"Windows Server 2022 Standard","OSBuildNumber":"20348","OSEditionId":"9999"}}"#,
    );
    let k = kvp(&r);
    assert_eq!(k.os_edition_id.as_deref(), Some("9999"));
    assert_eq!(k.edition.as_deref(), Some("ServerStandard"));
}

#[test]
fn bios_guids_and_the_manifest() {
    let r = fixture("csproduct-fl.txt");
    assert!(r.observations.iter().any(|o| matches!(&o.fact,
        Fact::BiosGuid { vm: None, guid } if guid == "440c1b7d-0a2e-8b4c-b3f5-1a2b3c4d5e6f")));
    let r = fixture("vm-biosguid.json");
    assert!(r.observations.iter().any(|o| matches!(&o.fact,
        Fact::BiosGuid { vm: Some(v), guid } if v == "VM-WEB02" && guid == "7d1b0c44-2e0a-4c8b-b3f5-1a2b3c4d5e6f")));
    let r = fixture("manifest.json");
    assert!(!r.has_problems(), "{:?} {:?}", r.warnings, r.problems);
    assert!(r.observations.iter().any(|o| matches!(&o.fact,
        Fact::Collected { time } if time == "2026-10-01T09:30:00Z")));
}

fn machine(label: &str, results: Vec<ReadResult>) -> MachineInput {
    MachineInput {
        label: label.into(),
        role: None,
        results,
    }
}

fn host_and_guest(guest: Vec<ReadResult>) -> Model {
    build(
        vec![
            machine("hv-node2", vec![fixture("vm-biosguid.json")]),
            machine("web02", guest),
        ],
        Catalog::builtin(),
    )
}

#[test]
fn linked_by_vm_id_before_anything_else() {
    // The registry names a VM that does not exist by that name: the id still links it.
    let params = read_str(
        "p.txt",
        "\nVirtualMachineId   : 7D1B0C44-2E0A-4C8B-B3F5-1A2B3C4D5E6F\nVirtualMachineName : OLD-NAME\n",
    );
    let model = host_and_guest(vec![params]);
    let g = model.machine("web02").unwrap();
    assert_eq!(g.role, Role::Guest);
    let l = g.vm.as_ref().unwrap();
    assert_eq!((l.name.as_str(), l.by), ("VM-WEB02", LinkBy::VmId));
    assert_eq!(l.hosts, vec!["HV-NODE2".to_string()]);
    assert!(model.vms_without_guest().next().is_none());
}

#[test]
fn linked_by_bios_guid_in_either_byte_order() {
    let model = host_and_guest(vec![fixture("csproduct-fl.txt")]);
    let g = model.machine("WEB02").unwrap();
    assert_eq!(g.vm.as_ref().map(|l| l.by), Some(LinkBy::BiosGuid));
    assert_eq!(g.vm_name(), "VM-WEB02");
}

#[test]
fn linked_by_the_fqdn_its_vm_reported() {
    let guest = read_str(
        "ci.json",
        r#"{"CsName":"DB03","WindowsEditionId":"ServerStandardEval","OsBuildNumber":"17763"}"#,
    );
    let model = build(
        vec![
            machine("hv-node1", vec![fixture("kvp-intrinsic-map.json")]),
            machine("db03", vec![guest]),
        ],
        Catalog::builtin(),
    );
    let g = model.machine("DB03").unwrap();
    assert_eq!(g.vm.as_ref().map(|l| l.by), Some(LinkBy::KvpFqdn));
    assert_eq!(g.role, Role::Guest);
}

#[test]
fn a_guest_that_matches_no_vm_and_a_vm_without_a_guest() {
    let guest = read_str("ci.json", r#"{"CsName":"APP01","OsBuildNumber":"17763"}"#);
    let model = host_and_guest(vec![guest]);
    let g = model.machine("APP01").unwrap();
    assert!(g.vm.is_none());
    let orphans: Vec<&str> = model.vms_without_guest().map(|v| v.name.as_str()).collect();
    assert_eq!(orphans, vec!["VM-WEB02"]);
    // Names are the last resort, and still work.
    let named = read_str(
        "ci.json",
        r#"{"CsName":"VM-WEB02","OsBuildNumber":"17763"}"#,
    );
    let model = host_and_guest(vec![named]);
    let g = model.machine("VM-WEB02").unwrap();
    assert_eq!(g.vm.as_ref().map(|l| l.by), Some(LinkBy::Name));
}

#[test]
fn lookups_by_index_keep_the_order_of_first_sight() {
    let mut text = String::from("[");
    for i in 0..2000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"Name":"VM-{i:05}","OwnerNode":"N{}","State":0,"GroupType":111}}"#,
            i % 4
        ));
    }
    text.push(']');
    let groups = read_str("groups.json", &text);
    let owners = read_str(
        "owners.txt",
        "\nClusterObject : Virtual Machine vm-01999\nOwnerNodes    : {N0, N1}\n",
    );
    let model = build(
        vec![machine("n0", vec![groups, owners])],
        Catalog::builtin(),
    );
    let c = model.cluster.as_ref().unwrap();
    assert_eq!(c.groups.len(), 2000);
    assert_eq!(c.groups[0].value.name, "VM-00000");
    assert_eq!(c.groups[1999].value.name, "VM-01999");
    let g = model.group("vm-01999").unwrap();
    assert_eq!(
        g.value.possible_owners.as_deref(),
        Some(&["N0".to_string(), "N1".to_string()][..])
    );
    assert_eq!(model.vms.len(), 2000);
    assert_eq!(
        model.vm_named("Vm-00007").map(|v| v.hosts.clone()),
        Some(vec!["N3".to_string()])
    );
}

/// A paste that holds two machines with certain boundaries (banners and `hostname`) is two
/// machines, each with its own facts, and no conflict is invented between them.
#[test]
fn a_paste_of_two_machines_is_split_by_machine() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/captures/two-hosts-hostname-banners.txt");
    let bytes = std::fs::read(&p).unwrap();
    let (_, lines) = avma_text::decode_lines(&bytes).unwrap();
    let r = read_text("two.txt", &lines, Catalog::builtin());
    let model: Model = build(
        vec![MachineInput {
            label: "two".into(),
            role: None,
            results: vec![r],
        }],
        Catalog::builtin(),
    );
    let names: Vec<&str> = model.machines.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["HV-EDGE1", "HV-EDGE2"]);
    for (m, edition) in model
        .machines
        .iter()
        .zip(["ServerDatacenter", "ServerStandard"])
    {
        assert_eq!(m.products.len(), 1, "{}", m.name);
        assert_eq!(m.products[0].facts.edition.as_deref(), Some(edition));
        assert!(m.conflicts.is_empty(), "{}: {:?}", m.name, m.conflicts);
    }
}
