//! Collection bundles end to end: the evidence a simulated cluster produces (the simulator's
//! evidence writer; there is no Windows here), laid out as `avma collect` lays it out, read as a
//! folder and as a zip must give the same evidence, diagnosis and audit; a bundle of hosts alone
//! audits every VM by its KVP-reported OS; hostile zips are refused with one line each and
//! nothing is written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::zips::{raw_zip, zeros_deflate, RawEntry};

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{avma, path, stderr};
use serde_json::Value;

/// A temporary folder of this test (removed when dropped).
struct Tmp(PathBuf);
impl Tmp {
    fn new(name: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!("avma-bundle-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
}
impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const COLLECTED_AT: &str = "2026-12-15T09:30:00Z";

/// The simulated cluster's evidence in `dir/bundle/<machine>/...`, with a manifest.
fn simulated_bundle(dir: &Path) -> PathBuf {
    let bundle = dir.join("bundle");
    let o = avma(&[
        "simulate",
        "--format",
        "json",
        "--write-evidence",
        &bundle.display().to_string(),
        &path("examples/scenarios/rolling-upgrade.toml"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut machines = Vec::new();
    for e in std::fs::read_dir(&bundle).unwrap().flatten() {
        let f = e.file_name().to_string_lossy().into_owned();
        let role = if f.starts_with("hv-") {
            "host"
        } else {
            "guest"
        };
        machines.push(serde_json::json!({"name": f.to_uppercase(), "role": role, "folder": f, "reached": true, "via": "remoting"}));
    }
    let manifest = serde_json::json!({
        "schema": "avma.manifest/1",
        "collector": "avma-collect/2",
        "collected_at": COLLECTED_AT,
        "scope": "cluster",
        "cluster": "CONTOSO-HV",
        "machines": machines,
        "steps": [{"machine": "HV-NODE1", "name": "licensing", "command": "Get-CimInstance SoftwareLicensingProduct", "file": "slp.json", "status": "ok", "duration_ms": 120, "error": null}],
    });
    // PowerShell 5.1's Out-File -Encoding utf8 writes a BOM.
    let mut text = "\u{feff}".to_string();
    text.push_str(&serde_json::to_string_pretty(&manifest).unwrap());
    std::fs::write(bundle.join("manifest.json"), text).unwrap();
    bundle
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Zip a folder the way Compress-Archive in Windows PowerShell 5.1 does: deflated entries whose
/// names use `\` (every other one here, to read both separators).
fn zip_folder(dir: &Path, zip: &Path) {
    let f = std::fs::File::create(zip).unwrap();
    let mut w = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (i, rel) in files_under(dir).iter().enumerate() {
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = parts.join(if i % 2 == 0 { "\\" } else { "/" });
        w.start_file(name, opts).unwrap();
        w.write_all(&std::fs::read(dir.join(rel)).unwrap()).unwrap();
    }
    w.finish().unwrap();
}

/// JSON output with the input's own path written as `BUNDLE`.
fn json_of(args: &[&str], input: &Path) -> (Option<i32>, Value) {
    let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    a.push(input.display().to_string());
    let o = avma(&a);
    let text = String::from_utf8(o.stdout).unwrap();
    let text = text.replace(&input.display().to_string(), "BUNDLE");
    let mut v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    // The audit's clock (the time of the run, until the evidence time is used there).
    if let Some(o) = v.as_object_mut() {
        o.remove("at");
    }
    (o.status.code(), v)
}

#[test]
fn a_zipped_bundle_reads_like_its_folder() {
    let t = Tmp::new("same");
    let bundle = simulated_bundle(&t.0);
    let zip = t.0.join("bundle.zip");
    zip_folder(&bundle, &zip);
    for args in [
        &["evidence", "--format", "json"][..],
        &["diagnose", "--format", "json"][..],
        &["audit", "--format", "json"][..],
        &["ledger", "--format", "json"][..],
    ] {
        let (code_dir, from_dir) = json_of(args, &bundle);
        let (code_zip, from_zip) = json_of(args, &zip);
        assert_eq!(code_dir, code_zip, "{args:?}");
        assert_eq!(from_dir, from_zip, "{args:?}");
    }
    // The manifest is not evidence: no input warns about it, and every machine is there.
    let (_, ev) = json_of(&["evidence", "--format", "json"], &zip);
    let inputs = ev["inputs"].as_array().unwrap();
    assert!(
        inputs
            .iter()
            .all(|i| i["warnings"].as_array().unwrap().is_empty()),
        "{inputs:?}"
    );
    assert!(!inputs
        .iter()
        .any(|i| i["file"].as_str().unwrap().ends_with("manifest.json")));
    assert_eq!(ev["machines"].as_array().unwrap().len(), 5);
    // The audit has real verdicts: the 2022 guest is at risk on the 2019 nodes.
    let (_, audit) = json_of(&["audit", "--format", "json"], &zip);
    assert!(!audit["risks"].as_array().unwrap().is_empty(), "{audit}");
}

#[test]
fn the_manifest_time_is_the_evidence_time() {
    let t = Tmp::new("time");
    let bundle = simulated_bundle(&t.0);
    let zip = t.0.join("bundle.zip");
    zip_folder(&bundle, &zip);
    let mut ctx = avma_cli::out::Ctx::new(avma_core::text::Lang::En, false);
    for input in [&bundle, &zip] {
        let l = avma_cli::cmd::evidence::load_all(&mut ctx, &[], &[], std::slice::from_ref(input));
        assert_eq!(
            l.collected_at,
            Some(COLLECTED_AT.parse().unwrap()),
            "{}",
            input.display()
        );
        // Every machine of the bundle carries it as its collection time, seen in the manifest.
        assert_eq!(l.model.machines.len(), 5);
        for m in &l.model.machines {
            assert!(
                m.collected.iter().any(|c| c.value == COLLECTED_AT
                    && c.from.iter().any(|f| f.file.ends_with("manifest.json"))),
                "{}: {:?}",
                m.name,
                m.collected
            );
        }
    }
    let l = avma_cli::cmd::evidence::load_all(
        &mut ctx,
        &[],
        &[],
        &[PathBuf::from(path("examples/cluster"))],
    );
    assert_eq!(l.collected_at, None);
}

/// What a host's `kvp-guests.json` says of each guest (as `avma collect` writes it).
fn kvp_guests() -> String {
    serde_json::to_string_pretty(&serde_json::json!([
        {"VMName": "VM-APP01", "VMId": "6F2D0C1A-6A43-4C22-9F39-1A2B3C4D5E01", "KvpSource": "GuestIntrinsicExchangeItems",
         "OSName": "Windows Server 2019 Standard", "OSVersion": "10.0.17763", "OSBuildNumber": "17763",
         "OSEditionId": "7", "ProductType": "3", "FullyQualifiedDomainName": "vm-app01.contoso.test"},
        {"VMName": "VM-WEB22", "VMId": "6F2D0C1A-6A43-4C22-9F39-1A2B3C4D5E02", "KvpSource": "GuestIntrinsicExchangeItems",
         "OSName": "Windows Server 2022 Datacenter", "OSVersion": "10.0.20348", "OSBuildNumber": "20348",
         "OSEditionId": "8", "ProductType": "3", "FullyQualifiedDomainName": "vm-web22.contoso.test"},
    ]))
    .unwrap()
}

fn risks(audit: &Value) -> Vec<(String, String, String)> {
    let mut r: Vec<(String, String, String)> = audit["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["vm"].as_str().unwrap_or("").to_string(),
                k["node"].as_str().unwrap_or("").to_string(),
                k["kind"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    r.sort();
    r
}

#[test]
fn a_bundle_of_hosts_alone_audits_every_vm_by_its_kvp_os() {
    let t = Tmp::new("hosts");
    let bundle = simulated_bundle(&t.0);
    let (_, full) = json_of(&["audit", "--format", "json"], &bundle);
    // No guest entered: only the nodes' folders, and what the hosts see of their guests.
    for e in std::fs::read_dir(&bundle).unwrap().flatten() {
        if e.path().is_dir() && !e.file_name().to_string_lossy().starts_with("hv-") {
            std::fs::remove_dir_all(e.path()).unwrap();
        }
    }
    std::fs::write(
        bundle.join("hv-node1").join("kvp-guests.json"),
        kvp_guests(),
    )
    .unwrap();
    let zip = t.0.join("hosts.zip");
    zip_folder(&bundle, &zip);
    let (_, hosts) = json_of(&["audit", "--format", "json"], &zip);
    let vms = hosts["vms"].as_array().unwrap();
    assert_eq!(vms.len(), 2, "{hosts}");
    for v in vms {
        assert!(
            v["owners_unknown"].as_array().is_none_or(|u| u.is_empty()),
            "every owner judged: {v}"
        );
    }
    assert!(!risks(&hosts).is_empty());
    assert_eq!(risks(&hosts), risks(&full), "{hosts}\n{full}");
    // Without the KVP items, the VMs cannot be judged: the test can fail.
    std::fs::remove_file(bundle.join("hv-node1").join("kvp-guests.json")).unwrap();
    let (_, blind) = json_of(&["audit", "--format", "json"], &bundle);
    assert_ne!(risks(&blind), risks(&full));
}

// ---- hostile zips ----

const SLP: &str = r#"[{"Name":"Windows(R), ServerDatacenter edition","Description":"Windows(R) Operating System, OEM_DM channel","LicenseFamily":"ServerDatacenter","LicenseStatus":1,"PartialProductKey":"7QJ3M","PSComputerName":"HV-NODE9"}]"#;

/// Runs `avma evidence ZIP` from inside `dir` and checks that nothing was written there.
fn evidence_in(dir: &Path, zip: &Path) -> (Option<i32>, String, String) {
    let before = files_under(dir);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_avma"))
        .args(["evidence", "--format", "json"])
        .arg(zip)
        .current_dir(dir)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(files_under(dir), before, "a file was written");
    (
        o.status.code(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn one_line_about(err: &str, zip: &Path, what: &str) {
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains(&zip.display().to_string()), "{err}");
    assert!(lines[0].contains(what), "{what} not in {err}");
}

#[test]
fn hostile_names_and_links_are_ignored_and_the_rest_is_read() {
    let t = Tmp::new("names");
    let zip = t.0.join("names.zip");
    let bad = [
        "../../evil.json",
        "/etc/evil.json",
        "C:\\Windows\\evil.json",
        "hv-node9\\..\\..\\evil.json",
    ];
    let mut entries: Vec<RawEntry<'_>> = bad
        .iter()
        .map(|n| RawEntry {
            name: n,
            method: 0,
            data: SLP.as_bytes(),
            declared: SLP.len() as u64,
            mode: None,
        })
        .collect();
    entries.push(RawEntry {
        name: "hv-node9/link.json",
        method: 0,
        data: b"/etc/passwd",
        declared: 11,
        mode: Some(0o120777),
    });
    entries.push(RawEntry {
        name: "hv-node9/slp.json",
        method: 0,
        data: SLP.as_bytes(),
        declared: SLP.len() as u64,
        mode: None,
    });
    std::fs::write(&zip, raw_zip(&entries)).unwrap();
    let (code, out, err) = evidence_in(&t.0, &zip);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("leaves the bundle"))
            .count(),
        4,
        "{err}"
    );
    assert!(lines.iter().any(|l| l.contains("symbolic link")), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["machines"][0]["name"], "HV-NODE9", "{out}");
    assert!(!t.0.join("evil.json").exists());
}

#[test]
fn a_zip_bomb_is_refused_with_one_line() {
    let t = Tmp::new("bomb");
    let data = zeros_deflate(160); // 10 GiB of zeros in about 10 MB
                                   // Declared honestly (Zip64): refused from the central directory, nothing inflated.
    let honest = t.0.join("honest.zip");
    std::fs::write(
        &honest,
        raw_zip(&[RawEntry {
            name: "hv-node1/slp.json",
            method: 8,
            data: &data,
            declared: 160 * 64 * 1024 * 1024,
            mode: None,
        }]),
    )
    .unwrap();
    let (code, out, err) = evidence_in(&t.0, &honest);
    assert_eq!(code, Some(2), "{err}\n{out}");
    one_line_about(&err, &honest, "zip bomb");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["machines"].as_array().unwrap().is_empty());
    // Declared small (a lie): reading stops one byte past the declared size.
    let lying = t.0.join("lying.zip");
    std::fs::write(
        &lying,
        raw_zip(&[RawEntry {
            name: "hv-node1/slp.json",
            method: 8,
            data: &data,
            declared: 1000,
            mode: None,
        }]),
    )
    .unwrap();
    let (code, _, err) = evidence_in(&t.0, &lying);
    assert_eq!(code, Some(2), "{err}");
    one_line_about(&err, &lying, "hv-node1");
}

#[test]
fn a_hundred_thousand_entries_are_refused_with_one_line() {
    let t = Tmp::new("many");
    let zip = t.0.join("many.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..100_000 {
        w.start_file(format!("m/{i}.txt"), opts).unwrap();
        w.write_all(b"x").unwrap();
    }
    w.finish().unwrap();
    let (code, _, err) = evidence_in(&t.0, &zip);
    assert_eq!(code, Some(2));
    one_line_about(&err, &zip, "100000 entries");
}

#[test]
fn a_truncated_central_directory_still_gives_the_entries_before_it() {
    let t = Tmp::new("truncated");
    let bundle = simulated_bundle(&t.0);
    let zip = t.0.join("bundle.zip");
    zip_folder(&bundle, &zip);
    let bytes = std::fs::read(&zip).unwrap();
    let cd = bytes
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory");
    let cut = t.0.join("cut.zip");
    std::fs::write(&cut, &bytes[..cd + 30]).unwrap();
    let (code, out, err) = evidence_in(&t.0, &cut);
    assert_eq!(code, Some(0), "{err}");
    one_line_about(&err, &cut, "damaged zip archive");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["machines"].as_array().unwrap().len(), 5, "{out}");
    // Cut inside an entry's data: the entries before it are used.
    let first_data_end = bytes.len() / 2;
    let half = t.0.join("half.zip");
    std::fs::write(&half, &bytes[..first_data_end]).unwrap();
    let (_, out, err) = evidence_in(&t.0, &half);
    one_line_about(&err, &half, "damaged zip archive");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(!v["machines"].as_array().unwrap().is_empty(), "{out}");
}

#[test]
fn a_file_named_zip_that_is_not_one_is_one_line() {
    let t = Tmp::new("notzip");
    let zip = t.0.join("cluster.zip");
    std::fs::write(&zip, "this is a text file, not an archive\n").unwrap();
    let (code, _, err) = evidence_in(&t.0, &zip);
    assert_eq!(code, Some(2));
    one_line_about(&err, &zip, "not one");
    // Garbage that starts like a zip: one line, nothing read.
    let fake = t.0.join("fake.zip");
    std::fs::write(&fake, b"PK\x03\x04garbage garbage garbage").unwrap();
    let (code, _, err) = evidence_in(&t.0, &fake);
    assert_eq!(code, Some(2), "{err}");
    one_line_about(&fake_name(&err), &fake, "damaged zip archive");
}

fn fake_name(err: &str) -> String {
    err.to_string()
}

/// `examples/cluster-bundle.zip`: the example cluster as `avma collect` would bundle it
/// (a manifest, `\` in entry names as Compress-Archive writes them).
fn example_bundle_entries() -> Vec<(String, Vec<u8>)> {
    let dir = common::root().join("examples/cluster");
    let mut machines = Vec::new();
    let mut out = Vec::new();
    for rel in files_under(&dir) {
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if !machines.contains(&parts[0]) {
            machines.push(parts[0].clone());
        }
        out.push((parts.join("\\"), std::fs::read(dir.join(&rel)).unwrap()));
    }
    let machines: Vec<Value> = machines
        .iter()
        .map(|f| {
            let role = if f.starts_with("hv-") { "host" } else { "guest" };
            serde_json::json!({"name": f.to_uppercase(), "role": role, "folder": f, "reached": true, "via": if f == "hv-node1" { "local" } else { "remoting" }})
        })
        .collect();
    let manifest = serde_json::json!({
        "schema": "avma.manifest/1",
        "collector": "avma-collect/2",
        "collected_at": "2026-11-28T09:00:00Z",
        "scope": "cluster",
        "days": 30,
        "collected_by": "HV-NODE1",
        "cluster": "HV-CLUSTER",
        "machines": machines,
        "guests_to_collect": [],
        "steps": [],
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap();
    text.push('\n');
    out.insert(0, ("manifest.json".to_string(), text.into_bytes()));
    out
}

#[test]
fn the_example_bundle_holds_the_example_cluster() {
    let want = example_bundle_entries();
    let zip = common::root().join("examples/cluster-bundle.zip");
    if std::env::var_os("AVMA_WRITE_EXAMPLE_BUNDLE").is_some() {
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::from_date_and_time(2026, 11, 28, 9, 0, 0).unwrap());
        for (name, bytes) in &want {
            w.start_file(name.as_str(), opts).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
    }
    let mut a = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut got = Vec::new();
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        got.push((f.name().unwrap().into_owned(), bytes));
    }
    assert!(
        got == want,
        "examples/cluster-bundle.zip is out of step with examples/cluster: rerun with AVMA_WRITE_EXAMPLE_BUNDLE=1"
    );
    // It reads as the folder does, judged as of the same time (the folder's file times are the
    // checkout's, the zip's entries are dated 2026-11-28, and lapse dates count from them).
    let at = [
        "diagnose",
        "--at",
        "2026-11-28T09:00:00Z",
        "--format",
        "json",
    ];
    let (_, from_zip) = json_of(&at, &zip);
    let (_, from_dir) = json_of(&at, &common::root().join("examples/cluster"));
    let rules = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["rule"], f["message"]))
            .collect()
    };
    assert_eq!(rules(&from_zip), rules(&from_dir));
}
