//! Validation of catalog/catalog.toml: the data file is reviewed by people, checked by these.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use avma_core::catalog::{Catalog, Confidence, KeyKind};
use avma_core::key::{find_keys, ProductKey};
use avma_core::text::Lang;

fn cat() -> &'static Catalog {
    Catalog::builtin()
}

#[test]
fn parses_and_has_the_expected_schema() {
    let c = Catalog::from_toml(avma_core::catalog::CATALOG_TOML).expect("catalog parses");
    assert_eq!(c.schema, 1);
}

#[test]
fn each_key_once_and_last_five_unique() {
    let mut keys = HashSet::new();
    let mut last5: HashMap<&str, &str> = HashMap::new();
    for k in &cat().keys {
        let parsed = ProductKey::parse(&k.key).expect("well-formed key");
        assert_eq!(parsed.as_str(), k.key, "key not in canonical form");
        assert!(keys.insert(k.key.as_str()), "{} listed twice", k.key);
        if let Some(other) = last5.insert(k.last5(), &k.key) {
            panic!("{} and {} share their last five characters", k.key, other);
        }
    }
}

#[test]
fn every_reference_is_defined() {
    let c = cat();
    let sources: HashSet<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
    let mut cited: Vec<(&str, &str)> = Vec::new();
    for v in &c.versions {
        cited.push((&v.id, &v.source));
        if let Some(g) = &v.key_generation {
            assert!(
                c.version(g).is_some(),
                "{}: unknown key_generation {g}",
                v.id
            );
        }
    }
    for e in &c.editions {
        cited.push((&e.id, &e.source));
        assert!(c.family(&e.family).is_some(), "{}: unknown family", e.id);
    }
    for k in &c.keys {
        cited.push((&k.key, &k.source));
        assert!(c.family(&k.family).is_some(), "{}: unknown family", k.key);
        assert!(!k.versions.is_empty());
        for v in &k.versions {
            assert!(c.version(v).is_some(), "{}: unknown version {v}", k.key);
        }
    }
    for cell in &c.matrix.cell {
        cited.push((&cell.host, &cell.source));
    }
    for f in &c.facts {
        cited.push((&f.id, &f.source));
    }
    for e in &c.errors {
        cited.push((&e.code, &e.source));
        assert!(e.value().is_some(), "{}: unparsable code", e.code);
    }
    for e in &c.events {
        cited.push((&e.provider, &e.source));
    }
    for a in &c.azure_local {
        cited.push((&a.method, &a.source));
        for g in &a.guests {
            assert!(c.version(g).is_some(), "{}: unknown guest {g}", a.method);
        }
    }
    for r in &c.avma_roles {
        cited.push((&r.fact, &r.source));
        assert!(
            c.version(&r.version).is_some(),
            "{}: unknown version",
            r.fact
        );
        assert!(c.family(&r.family).is_some(), "{}: unknown family", r.fact);
        assert!(c.fact(&r.fact).is_some(), "{}: unknown fact", r.fact);
        assert!(["yes", "no", "nested"].contains(&r.host.as_str()));
        assert!(["yes", "no"].contains(&r.guest.as_str()));
    }
    for (what, src) in cited {
        assert!(sources.contains(src), "{what} cites unknown source {src}");
    }
    for s in &c.sources {
        assert!(s.url.starts_with("https://"), "{}: not an https URL", s.id);
    }
}

#[test]
fn matrix_is_complete_and_follows_host_ge_guest() {
    let c = cat();
    for h in &c.matrix.hosts {
        for g in &c.matrix.guests {
            let cells: Vec<_> = c
                .matrix
                .cell
                .iter()
                .filter(|x| &x.host == h && &x.guest == g)
                .collect();
            assert_eq!(
                cells.len(),
                1,
                "matrix cell {h} -> {g} must appear exactly once"
            );
            let hv = c.version(h).unwrap();
            let gv = c.version(g).unwrap();
            assert_eq!(
                cells[0].supported,
                hv.order >= gv.order,
                "cell {h} -> {g} contradicts host version >= guest version"
            );
        }
    }
    assert_eq!(
        c.matrix.cell.len(),
        c.matrix.hosts.len() * c.matrix.guests.len()
    );
    // The 2025 host row is not official: it must not be presented as such.
    for cell in c.matrix.cell.iter().filter(|x| x.host == "2025") {
        assert_eq!(cell.confidence, Confidence::Unverified);
    }
}

#[test]
fn builds_map_to_versions() {
    let c = cat();
    for (build, id) in [
        (9600, "2012r2"),
        (14393, "2016"),
        (17763, "2019"),
        (20348, "2022"),
        (26100, "2025"),
    ] {
        assert_eq!(c.version_by_build(build).map(|v| v.id.as_str()), Some(id));
    }
}

#[test]
fn every_ltsc_avma_version_has_avma_keys_for_standard_and_datacenter() {
    let c = cat();
    for v in ["2012r2", "2016", "2019", "2022", "2025"] {
        for f in ["standard", "datacenter"] {
            assert!(
                c.key_for(KeyKind::Avma, v, f).is_some(),
                "no AVMA key {v} {f}"
            );
            assert!(c.key_for(KeyKind::Gvlk, v, f).is_some(), "no GVLK {v} {f}");
        }
    }
}

#[test]
fn every_text_is_bilingual() {
    let c = cat();
    let texts = c.texts();
    assert!(texts.len() > 200, "texts found: {}", texts.len());
    for (what, t) in texts {
        for lang in ["en", "ja"] {
            assert!(
                t.exact(lang).is_some_and(|s| !s.trim().is_empty()),
                "{what} has no {lang} text"
            );
        }
    }
    for e in &c.errors {
        assert!(!e.message.is_empty(), "error {}", e.code);
    }
}

#[test]
fn no_unverified_fact_is_marked_official_by_its_note() {
    // A note that says "unverified" must come with a non-official confidence on the same entry.
    for v in &cat().versions {
        if v.note
            .as_ref()
            .is_some_and(|n| n.en().contains("not in the reference"))
        {
            assert_ne!(v.confidence, Confidence::Official, "{}", v.id);
        }
    }
}

#[test]
fn the_code_that_does_not_exist_is_explained_as_such() {
    let e = cat()
        .error_by_value(0xC004FD05)
        .expect("0xC004FD05 is catalogued as not defined");
    assert!(e.symbol.is_none());
    assert!(e.meaning.en().contains("0xC004FD04"));
}

#[test]
fn required_error_codes_and_events_are_present() {
    let c = cat();
    for code in [
        0xC004FD00u32,
        0xC004FD01,
        0xC004FD02,
        0xC004FD03,
        0xC004FD04,
        0xC004F069,
        0xC004F050,
        0xC004E016,
        0xC004F074,
        0x80070490,
        0xC004F014,
        0xC004F009,
        0xC004F035,
        0xC004F038,
        0xC004F039,
        0xC004F041,
        0xC004F042,
        0xC004F06B,
        0xC004F06C,
        0x80070005,
        0xC004000F,
    ] {
        assert!(
            c.error_by_value(code).is_some(),
            "missing error {code:#010X}"
        );
    }
    for id in [
        12309u32, 12310, 12288, 12289, 8198, 1003, 1033, 900, 902, 903, 4096, 4010,
    ] {
        assert!(!c.events_by_id(id).is_empty(), "missing event {id}");
    }
    // The undocumented layout of 12309/12310 is said, not hidden.
    for id in [12309u32, 12310] {
        let e = c.events_by_id(id)[0];
        assert!(e.text.en().contains("not publicly documented"), "{id}");
        assert_eq!(e.provider_confidence, Confidence::Unverified);
    }
}

#[test]
fn holds_every_key_of_the_reference() {
    let committed = include_str!("data/reference-keys.txt");
    let mut all: Vec<String> = committed.lines().map(str::to_string).collect();
    // When the shared reference sits beside the repository (as in CI), read it too, so that a
    // key added there and not here fails the build.
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference");
    if let Ok(dir) = std::fs::read_dir(&shared) {
        for e in dir.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                for line in text.lines() {
                    all.extend(
                        find_keys(line)
                            .into_iter()
                            .map(|f| f.key.as_str().to_string()),
                    );
                }
            }
        }
    }
    assert!(all.len() >= 41);
    for k in all {
        let pk = ProductKey::parse(&k).unwrap();
        assert!(
            cat().key(&pk).is_some(),
            "reference key {k} missing from the catalog"
        );
    }
}

#[test]
fn texts_are_written_as_one_table_of_languages() {
    // `note = { en = "...", ja = "..." }`, never the old `note_ja` / `name_en` fields.
    let text = avma_core::catalog::CATALOG_TOML;
    for l in text.lines() {
        let key = l.split(" = ").next().unwrap_or("");
        assert!(
            !key.ends_with("_ja") && !key.ends_with("_en") && key != "ja" && key != "en",
            "a language as a field name: {l}"
        );
    }
    // A text without English is refused (English is every language's fallback).
    let bad = text.replacen("note = { en = ", "note = { de = ", 1);
    let e = Catalog::from_toml(&bad).unwrap_err();
    assert!(e.contains("no `en` text"), "{e}");
}

#[test]
fn versions_are_found_as_people_write_them() {
    let c = cat();
    for (written, id) in [
        ("2019", "2019"),
        ("Windows Server 2022", "2022"),
        ("WS2022", "2022"),
        ("ws-2025", "2025"),
        ("2012 R2", "2012r2"),
        ("17763", "2019"),
        ("  20348 ", "2022"),
    ] {
        assert_eq!(
            c.version_named(written).map(|v| v.id.as_str()),
            Some(id),
            "{written:?}"
        );
    }
    for nothing in ["", "2031", "Windows", "42"] {
        assert!(c.version_named(nothing).is_none(), "{nothing:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Issue #8, item 8: facts checked against Microsoft's pages. Each test fails on the old entry.
// ---------------------------------------------------------------------------------------------

fn event(id: u32) -> &'static avma_core::catalog::Event {
    cat().events_by_id(id)[0]
}

#[test]
fn event_4096_is_harmless_unless_it_repeats() {
    // KB 2989430: "the error causes no harm ... you can safely ignore it"; only a regular 4096
    // "may indicate another problem". It never said 4096 breaks AVMA.
    let e = event(4096);
    assert_eq!(e.confidence, Confidence::Official);
    let (en, ja) = (e.text.en(), e.text.get(Lang::Ja));
    assert!(!en.to_lowercase().contains("breaks"), "{en}");
    assert!(en.contains("harmless"), "{en}");
    assert!(en.contains("regularly"), "{en}");
    assert!(!ja.contains("機能しません"), "{ja}");
    // The KB names the source, so the provider is official too.
    assert_eq!(e.provider_confidence, Confidence::Official);
}

#[test]
fn event_4010_is_the_documented_version_mismatch() {
    let e = event(4010);
    assert_eq!(e.confidence, Confidence::Official);
    assert!(e.text.en().contains("MSWVMIC_MINOR_VERSION_MISMATCH"));
    assert_eq!(e.source, "ms-kvp-4010");
}

#[test]
fn core_desktop_conversion_is_documented() {
    let f = cat().fact("conv-core-desktop-fixed").unwrap();
    assert_eq!(f.confidence, Confidence::Official);
    assert_ne!(f.source, "avma-notes");
    assert!(!f.text.en().contains("inferred"), "{:?}", f.text);
}

#[test]
fn kms_client_event_provider_is_corroborated_not_official() {
    // The official reference (ff793440) names the provider of 12288 and 12289
    // Microsoft-Windows-Security-Licensing-SLC; the Security-SPP name rests on captures.
    for id in [12288u32, 12289] {
        let e = event(id);
        assert_eq!(e.provider, "Microsoft-Windows-Security-SPP");
        assert_eq!(e.provider_confidence, Confidence::Corroborated, "{id}");
    }
    assert!(event(12289)
        .note
        .as_ref()
        .is_some_and(|n| n.en().contains("Security-Licensing-SLC")));
    // Review #13: no reference names the provider of 12290 (logged in the KMS host's Key
    // Management Service log): the name is an assumption, marked so.
    let e = event(12290);
    assert_eq!(e.provider_confidence, Confidence::Unverified);
    assert!(e
        .note
        .as_ref()
        .is_some_and(|n| n.en().contains("No reference names")));
}

#[test]
fn license_status_values_are_official() {
    let c = cat();
    let names = [
        "Unlicensed",
        "Licensed",
        "OOBGrace",
        "OOTGrace",
        "NonGenuineGrace",
        "Notification",
        "ExtendedGrace",
    ];
    for (v, name) in names.iter().enumerate() {
        let s = c.license_status(v as u32).unwrap();
        assert_eq!(s.name, *name);
        assert_eq!(s.confidence, Confidence::Official, "{v}");
    }
    assert!(c.license_status(7).is_none());
    assert_eq!(
        c.fact("license-status-values").unwrap().confidence,
        Confidence::Official
    );
}

#[test]
fn timebased_eval_as_an_exact_token_is_corroborated() {
    let t = cat()
        .channel_in("Windows(R) Operating System, TIMEBASED_EVAL channel")
        .unwrap();
    assert_eq!(t.token, "TIMEBASED_EVAL");
    assert_eq!(t.confidence, Confidence::Corroborated);
    assert!(t.note.as_ref().is_some_and(|n| n.has(Lang::Ja)));
}

#[test]
fn f066_is_dependent_property_not_set() {
    let e = cat().error_by_value(0xC004F066).unwrap();
    assert_eq!(e.symbol.as_deref(), Some("SL_E_DEPENDENT_PROPERTY_NOT_SET"));
    assert!(
        !e.meaning.en().starts_with("Same wording"),
        "{}",
        e.meaning.en()
    );
    assert!(e
        .meaning
        .en()
        .contains("does not mean that the key does not fit"));
    assert_eq!(e.source, "ms-slerror");
}

#[test]
fn c004c008_is_present() {
    let e = cat().error_by_value(0xC004C008).unwrap();
    assert_eq!(e.confidence, Confidence::Official);
    assert!(e.message.contains("could not be used"));
    assert!(e.meaning.en().contains("KMS host key"));
}

#[test]
fn windows_server_2025_editions_table() {
    let c = cat();
    let std = c.avma_role("2025", "standard").unwrap();
    assert_eq!((std.host.as_str(), std.guest.as_str()), ("no", "yes"));
    let dc = c.avma_role("2025", "datacenter").unwrap();
    assert_eq!((dc.host.as_str(), dc.guest.as_str()), ("yes", "yes"));
    let az = c.avma_role("2025", "datacenter-azure").unwrap();
    assert_eq!((az.host.as_str(), az.guest.as_str()), ("nested", "yes"));
    for r in [std, dc, az] {
        assert_eq!(r.confidence, Confidence::Official);
        assert_eq!(r.source, "ms-editions-2025");
    }
    assert!(c
        .fact("ws2025-azure-edition-nested")
        .unwrap()
        .text
        .en()
        .contains("cannot be configured as a KMS host"));
}

#[test]
fn azure_local_rules_are_facts() {
    let c = cat();
    let sync = c.fact("azure-local-sync-30-days").unwrap();
    assert!(sync.text.en().contains("every 30 days"));
    assert_eq!(sync.confidence, Confidence::Official);
    for id in [
        "azure-local-same-key-version",
        "azure-local-azure-edition-guests",
        "azure-local-subscription",
        "azure-edition-platforms",
    ] {
        let f = c.fact(id).unwrap_or_else(|| panic!("missing fact {id}"));
        assert_eq!(f.confidence, Confidence::Official, "{id}");
    }
}

/// Issue #8: `avma explain` of a Windows Server 2008 or 2008 R2 KMS client setup key said "not a
/// public key": they were missing. Every key of the two tabs of Microsoft's page is a public
/// KMS client setup key of its version, official, with the page as its source.
#[test]
fn windows_server_2008_and_2008_r2_kms_client_keys_are_public() {
    let want: [(&str, &str); 15] = [
        ("6TPJF-RBVHG-WBW2R-86QPH-6RTM4", "2008r2"),
        ("TT8MH-CG224-D3D7Q-498W2-9QCTX", "2008r2"),
        ("YC6KT-GKW9T-YTKYR-T4X34-R7VHC", "2008r2"),
        ("489J6-VHDMP-X63PK-3K798-CPX3Y", "2008r2"),
        ("74YFP-3QFB3-KQT8W-PMXWJ-7M648", "2008r2"),
        ("GT63C-RJFQ3-4GMB6-BRFB9-CB83V", "2008r2"),
        ("WYR28-R7TFJ-3X2YQ-YCY4H-M249D", "2008"),
        ("TM24T-X9RMF-VWXK6-X8JC9-BFGM2", "2008"),
        ("W7VD6-7JFBR-RX26B-YKQ3Y-6FFFJ", "2008"),
        ("YQGMW-MPWTJ-34KDK-48M3W-X4Q6V", "2008"),
        ("39BXF-X8Q23-P2WWT-38T2F-G3FPG", "2008"),
        ("RCTX3-KWVHP-BR6TB-RB6DM-6X7HP", "2008"),
        ("7M67G-PC374-GR742-YH8V4-TCBY3", "2008"),
        ("22XQ2-VRXRG-P8D42-K34TD-G3QQC", "2008"),
        ("4DWFP-JF3DJ-B7DTH-78FJB-PDRHK", "2008"),
    ];
    for (k, version) in want {
        let pk = ProductKey::parse(k).unwrap();
        let key = cat()
            .key(&pk)
            .unwrap_or_else(|| panic!("{k} is not in the catalog"));
        assert_eq!(key.kind, KeyKind::Gvlk, "{k}");
        assert_eq!(key.versions, [version], "{k}");
        assert_eq!(key.confidence, Confidence::Official, "{k}");
        assert!(
            cat()
                .source_url(&key.source)
                .ends_with("/windows-server/get-started/kms-client-activation-keys"),
            "{k}"
        );
        let v = cat().version(version).unwrap();
        assert!(!v.avma_guest, "{version} is no AVMA guest");
    }
    // Evidence of those versions is known by its build, and no AVMA guest.
    assert_eq!(cat().version_by_build(7601).unwrap().id, "2008r2");
    assert_eq!(cat().version_by_build(6002).unwrap().id, "2008");
}

/// Issue #8: live migrations were not recognised as moves (only FailoverClustering 1641/1201,
/// UNVERIFIED). Hyper-V VMMS 20417 (a completed live migration) is sourced from Microsoft's
/// live migration troubleshooting article; its provider name is corroborated, not official.
#[test]
fn the_vmms_live_migration_event_is_catalogued_with_its_source() {
    let e = cat()
        .events_by_id(20417)
        .into_iter()
        .find(|e| e.provider == "Microsoft-Windows-Hyper-V-VMMS")
        .expect("VMMS 20417");
    assert_eq!(e.confidence, Confidence::Official);
    assert_eq!(e.provider_confidence, Confidence::Corroborated);
    assert_eq!(e.log, "Microsoft-Windows-Hyper-V-VMMS-Admin");
    assert!(cat().source_url(&e.source).ends_with(
        "/troubleshoot/windows-server/virtualization/troubleshoot-live-migration-issues"
    ));
    // The cluster move events stay UNVERIFIED.
    for id in [1641u32, 1201] {
        assert_eq!(
            cat().events_by_id(id)[0].confidence,
            Confidence::Unverified,
            "{id}"
        );
    }
}
