//! What the model makes of one licence seen by several outputs (issue #13): an `slmgr /xpr`
//! header is the expiry of the `/dli` product of the same name, never a second product.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, Machine, MachineInput};
use avma_evidence::observe::{ExpiryKind, ReadResult};

fn read_str(name: &str, text: &str) -> ReadResult {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    read_text(name, &lines, Catalog::builtin())
}

fn machine(results: Vec<ReadResult>) -> Machine {
    let input = MachineInput {
        label: "m".into(),
        role: None,
        results,
    };
    build(vec![input], Catalog::builtin()).machines.remove(0)
}

const DLI_DE: &str = "\
> slmgr /dli
> Name: Windows(R), ServerDatacenter edition
> Beschreibung: Windows(R) Operating System, VOLUME_KMSCLIENT channel
> Teilweiser Product Key: 9KQ2T
> Lizenzstatus: Benachrichtigung
>
> slmgr /xpr
> Windows(R), ServerDatacenter edition:
>     Windows läuft im Benachrichtigungsmodus.
";

#[test]
fn an_xpr_header_in_an_unknown_language_is_the_dli_products() {
    let m = machine(vec![read_str("de.txt", DLI_DE)]);
    assert_eq!(m.products.len(), 1, "{:#?}", m.products);
    let p = &m.products[0];
    assert_eq!(p.facts.partial_key.as_deref(), Some("9KQ2T"));
    assert_eq!(p.facts.license_status, Some(5));
    assert_eq!(p.from.line, Some(2));
}

#[test]
fn an_xpr_read_first_or_in_another_file_gives_the_products_expiry() {
    let xpr =
        "Windows(R), ServerDatacenterEval edition:\n    Windows 将于 2027/01/09 08:05:44 过期\n";
    let dli = "名称: Windows(R), ServerDatacenterEval edition\n描述: Windows(R) Operating System, TIMEBASED_EVAL channel\n部分产品密钥: Q7RKM\n许可证状态: 已授权\n剩余时间: 54720 分钟(38 天)\n";
    for results in [
        vec![read_str("a.txt", &format!("{xpr}\n{dli}"))],
        vec![read_str("xpr.txt", xpr), read_str("dli.txt", dli)],
    ] {
        let m = machine(results);
        assert_eq!(m.products.len(), 1, "{:#?}", m.products);
        let p = &m.products[0];
        let e = p.facts.expiry.as_ref().unwrap();
        assert_eq!(e.kind, ExpiryKind::Timebased);
        assert_eq!(e.when, "2027/01/09 08:05:44");
        assert_eq!(p.facts.partial_key.as_deref(), Some("Q7RKM"));
        let at = p.expiry_from.as_ref().unwrap();
        assert_eq!(at.line, Some(1), "{at:?}");
        assert_ne!(p.from, *at);
    }
}

#[test]
fn two_licences_of_one_name_that_disagree_stay_two() {
    let two = "Name: Windows(R), ServerStandard edition\nDescription: Windows(R) Operating System, VOLUME_KMSCLIENT channel\nPartial Product Key: 2F77B\nLicense Status: Licensed\n\nName: Windows(R), ServerStandard edition\nDescription: Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel\nPartial Product Key: 4GF74\nLicense Status: Notification\n\nWindows(R), ServerStandard edition:\n    Windows is in Notification mode\n";
    let m = machine(vec![read_str("two.txt", two)]);
    // The /xpr header agrees with the second (Notification) only.
    assert_eq!(m.products.len(), 2, "{:#?}", m.products);
    assert!(m.products[0].facts.expiry.is_none());
    assert!(m.products[1].facts.expiry.is_some());
}

/// The edition a guest's public key implies, against the edition it states: a conflict, as any
/// two sources that disagree (the key's value marked as implied by it).
#[test]
fn a_key_of_another_edition_family_is_an_edition_conflict() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/captures/slmgr-dlv-ja-trusted-time.txt"),
    )
    .unwrap();
    let m = machine(vec![read_str("ja.txt", &text)]);
    let c = m
        .conflicts
        .iter()
        .find(|c| c.field == "edition")
        .unwrap_or_else(|| panic!("{:#?}", m.conflicts));
    let values: Vec<(&str, Option<&str>)> = c
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.implied_by.as_deref()))
        .collect();
    assert_eq!(
        values,
        [
            ("ServerDatacenter", Some("W3GNR-8DDXR-2TFRP-H8P33-DV9BG")),
            ("ServerStandard", None)
        ]
    );
    // A key of the edition's own family: no conflict.
    let same = text.replace("ServerStandard edition", "ServerDatacenter edition");
    let m = machine(vec![read_str("ja.txt", &same)]);
    assert!(
        m.conflicts.iter().all(|c| c.field != "edition"),
        "{:#?}",
        m.conflicts
    );
}
