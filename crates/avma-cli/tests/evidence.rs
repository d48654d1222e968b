//! `avma evidence` end to end: folders are machines, roles are inferred, provenance is shown,
//! bad inputs get one line each and the rest is read.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{avma, path, stdout};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../avma-evidence/tests/fixtures")
}

/// A temporary folder of this test run (removed at the end of each test).
struct Tmp(PathBuf);
impl Tmp {
    fn new(name: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!("avma-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
    fn add(&self, machine: &str, fixture: &str) {
        let dir = self.0.join(machine);
        std::fs::create_dir_all(&dir).unwrap();
        let src = fixtures().join(fixture);
        std::fs::copy(&src, dir.join(src.file_name().unwrap())).unwrap();
    }
    fn path(&self, rel: &str) -> String {
        self.0.join(rel).display().to_string()
    }
}
impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn json(o: &Output, tmp: &Tmp) -> serde_json::Value {
    let text = String::from_utf8(o.stdout.clone())
        .unwrap()
        .replace(&tmp.0.display().to_string(), "<tmp>");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_guest_and_a_host_folder() {
    let t = Tmp::new("machines");
    for f in [
        "slmgr/dlv-avma-guest-ja.cp932.txt",
        "powershell/computerinfo.json",
        "dism/current-ja.txt",
        "events/avma-wevtutil.xml",
    ] {
        t.add("vm-app01", f);
    }
    for f in [
        "events/saved-host-events.xml",
        "powershell/integration-services-ja.json",
        "powershell/cluster.json",
        "powershell/owner-nodes.txt",
        "powershell/cluster-groups.json",
    ] {
        t.add("hv-node2", f);
    }
    let o = avma(&[
        "evidence",
        "--format",
        "json",
        &t.path("vm-app01"),
        &t.path("hv-node2"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = json(&o, &t);
    insta::assert_json_snapshot!("evidence_machines", v);
    assert_eq!(v["machines"][0]["name"], "VM-APP01");
    assert_eq!(v["machines"][0]["role"], "guest");
    assert_eq!(v["machines"][0]["version"], "2019");
    assert_eq!(v["machines"][1]["role"], "host");
    assert_eq!(v["machines"][0]["conflicts"][0]["field"], "edition");
    // Text: every fact line shows where it was seen.
    let o = avma(&["evidence", &t.path("vm-app01")]);
    let text = String::from_utf8(o.stdout).unwrap();
    // The per-input summary at the end ("Inputs") is about files, not facts.
    assert!(text.contains("\nInputs\n"), "{text}");
    for line in text
        .lines()
        .skip(1)
        .take_while(|l| *l != "Inputs")
        .filter(|l| {
            l.starts_with("  ")
                // The header row of each machine's table of facts.
                && !l.starts_with("  Item ")
                && !l.contains("Remaining")
                && !l.contains("AVMA host")
                && !l.contains("Other events")
                && !l.contains("disagree")
        })
    {
        assert!(line.contains('['), "no provenance: {line}");
    }
}

#[test]
fn roles_can_be_given() {
    let t = Tmp::new("roles");
    t.add("x", "slmgr/dli-kms-client-en.txt");
    let v = json(
        &avma(&["evidence", "--format", "json", "--host", &t.path("x")]),
        &t,
    );
    assert_eq!(v["machines"][0]["role"], "host");
    assert_eq!(v["machines"][0]["role_reason"]["reason"], "given");
}

#[test]
fn bad_inputs_one_line_each_and_exit_2_only_when_nothing_was_read() {
    let t = Tmp::new("bad");
    std::fs::create_dir_all(t.0.join("m")).unwrap();
    // A 200 MB binary handed in as text: rejected from its first bytes, never read whole.
    let big = std::fs::File::create(t.0.join("m/huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    std::fs::write(t.0.join("m/empty.txt"), b"").unwrap();
    std::fs::write(
        t.0.join("m/garbage.evtx"),
        b"ElfFile\0this is not really an evtx file at all",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let o = avma(&["evidence", &t.path("m")]);
    let _ = started; // time is benchmarked elsewhere; the test checks behaviour only
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("huge.txt: not a text artifact"), "{err}");
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.lines().all(|l| l.starts_with("avma: ")), "{err}");
    // With one readable input besides, the run succeeds and reports the rest.
    t.add("m", "dism/current-en.txt");
    let o = avma(&["evidence", &t.path("m")]);
    assert_eq!(o.status.code(), Some(0));
    let o = avma(&["evidence", &t.path("no-such-folder")]);
    assert_eq!(o.status.code(), Some(2));
    // In JSON the path is an unreadable input with its reason, and stderr still has one line.
    let o = avma(&["evidence", "--format", "json", &t.path("no-such-folder")]);
    assert_eq!(
        String::from_utf8(o.stderr.clone()).unwrap().lines().count(),
        1
    );
    let v = json(&o, &t);
    assert_eq!(v["inputs"][0]["file"], "<tmp>/no-such-folder");
    assert_eq!(v["inputs"][0]["readable"], false);
    assert!(v["inputs"][0]["warnings"][0]
        .as_str()
        .unwrap()
        .ends_with("no such file or folder"));
}

#[test]
fn corpus_evtx_as_evidence() {
    let f = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/evtx/evtx-crate-samples/Application_no_crc32.evtx");
    if !f.exists() {
        return;
    }
    let o = avma(&["evidence", "--format", "json", &f.display().to_string()]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let events = v["machines"][0]["events"].as_array().unwrap();
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e["value"]["provider"] == "Microsoft-Windows-Security-SPP"));
    assert!(events.iter().all(|e| e["from"][0]["record"].is_u64()));
}

/// A version implied by a public key (issue #13): `evidence` shows it as weaker than the build,
/// and a contradiction is evidence-conflict in `diagnose`, naming the key and both places; on a
/// guest, whose own key of another version is the key rules' finding, it is not said twice.
#[test]
fn a_version_implied_by_a_key_and_its_conflict() {
    let dir = path("crates/avma-evidence/tests/implied-cases/conflict-spp-version");
    let o = avma(&["evidence", &dir]);
    let out = stdout(&o);
    assert!(
        out.contains("Windows Server 2012 R2 Standard, implied by the KMS client setup key D2N9P-3P6X9-2R39C-7RTCD-MDVJX"),
        "{out}"
    );
    assert!(
        out.contains("Sources disagree on version: 2012r2 ⇐ D2N9P-3P6X9-2R39C-7RTCD-MDVJX"),
        "{out}"
    );
    let owned = diagnosed_rules(&["diagnose", "--format", "json", &dir]);
    let rules: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert!(rules.contains(&"evidence-conflict"), "{rules:?}");
    // The same evidence given as a guest: its KMS key is the finding, not a conflict.
    let owned = diagnosed_rules(&["diagnose", "--format", "json", "--guest", &dir]);
    let rules: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert!(rules.contains(&"guest-kms-key-installed"), "{rules:?}");
    assert!(!rules.contains(&"evidence-conflict"), "{rules:?}");
}

/// Days are shown as slmgr counts them (rounded up: 10020 minutes are 7 days, not 6), and a
/// paste of two machines is shown as two machines with a note.
#[test]
fn days_as_slmgr_counts_them_and_two_machines_in_one_paste() {
    let t = Tmp::new("days");
    let dir = t.0.join("g");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("dli.txt"),
        "Name: Windows(R), ServerStandard edition\nDescription: Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel\nPartial Product Key: 4GF74\nLicense Status: Licensed\nAutomatic VM activation expiration: 10020 minute(s) (7 day(s))\n",
    )
    .unwrap();
    let o = avma(&["evidence", &t.path("g")]);
    assert!(stdout(&o).contains("10020 min (7 d)"), "{}", stdout(&o));
    let two = fixtures().join("captures/two-hosts-hostname-banners.txt");
    let o = avma(&["evidence", &two.display().to_string()]);
    let out = stdout(&o);
    assert!(
        out.contains("HV-EDGE1") && out.contains("HV-EDGE2"),
        "{out}"
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("more than one machine (HV-EDGE1, HV-EDGE2)"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The rule names of `avma diagnose --format json` run with `args`.
fn diagnosed_rules(args: &[&str]) -> Vec<String> {
    let o = avma(args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Write `text` as `name` in a fresh folder `g` of `t`; its path.
fn one_file(t: &Tmp, name: &str, text: &str) -> String {
    let dir = t.0.join("g");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
    t.path("g")
}

/// The licence's status reason (`Notification Reason: 0x...`) is an error row of `evidence`,
/// the same reading `diagnose` judges (issue #13, B12).
#[test]
fn a_notification_reason_is_an_error_in_evidence_as_in_diagnose() {
    let t = Tmp::new("notif-reason");
    let g = one_file(
        &t,
        "dli.txt",
        "Name: Windows(R), ServerDatacenter edition\nDescription: Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel\nPartial Product Key: WMBMW\nLicense Status: Notification\nNotification Reason: 0xC004FD01.\n",
    );
    let out = stdout(&avma(&["evidence", &g]));
    assert!(
        out.contains("Error    0xC004FD01 (licence status reason)"),
        "{out}"
    );
    let out = stdout(&avma(&["--lang", "ja", "evidence", &g]));
    assert!(out.contains("0xC004FD01 (ライセンスの状態の理由)"), "{out}");
}

/// An `/xpr` header is the `/dli` product's expiry (one product per licence), and a sentence in a
/// language avma does not know gives its date (issue #13, B12).
#[test]
fn an_xpr_header_is_the_dli_products_expiry() {
    let t = Tmp::new("xpr-merge");
    let g = one_file(
        &t,
        "xpr-dli.txt",
        "Windows(R), ServerStandardEval edition:\n    Windows 将于 2027/02/14 21:40:05 过期\n\n名称: Windows(R), ServerStandardEval edition\n描述: Windows(R) Operating System, TIMEBASED_EVAL channel\n部分产品密钥: 8XRBT\n许可证状态: 已授权\n剩余时间: 40320 分钟(28 天)\n",
    );
    let out = stdout(&avma(&["evidence", &g]));
    assert_eq!(out.matches("  Product ").count(), 1, "{out}");
    assert!(
        out.lines().any(
            |l| l.contains("Timebased activation expires 2027/02/14 21:40:05  [")
                && l.ends_with("xpr-dli.txt:1]")
        ),
        "{out}"
    );
}

/// A failed `DISM /Set-Edition` on a domain controller: the edition and key typed on the prompt
/// line are shown (a key that is not public only by its last five), and the domain-controller
/// fact makes an evaluation guest's finding evaluation-domain-controller (AV105).
#[test]
fn a_set_edition_that_failed_on_a_domain_controller() {
    let t = Tmp::new("dism-dc");
    let g = one_file(
        &t,
        "dism.txt",
        "C:\\>DISM /online /Set-Edition:ServerStandard /ProductKey:7KQ3F-XWPRT-9BHMC-Y2D4G-QJ86V /AcceptEula\n\nDeployment Image Servicing and Management tool\nVersion: 10.0.17763.1\n\nImage Version: 10.0.17763.5830\n\nError: 1168\n\nThis edition cannot be upgraded. The image is a domain controller.\n",
    );
    std::fs::write(
        t.0.join("g/dli.txt"),
        "Name: Windows(R), ServerStandardEval edition\nDescription: Windows(R) Operating System, TIMEBASED_EVAL channel\nPartial Product Key: 6XBNX\nLicense Status: Licensed\n",
    )
    .unwrap();
    let out = stdout(&avma(&["evidence", &g]));
    assert!(out.contains("Domain controller  yes"), "{out}");
    assert!(
        out.contains(
            "Set-Edition        ServerStandard with the key XXXXX-XXXXX-XXXXX-XXXXX-QJ86V"
        ),
        "{out}"
    );
    assert!(!out.contains("7KQ3F"), "{out}");
    let owned = diagnosed_rules(&["diagnose", "--format", "json", "--guest", &g]);
    let rules: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert!(rules.contains(&"evaluation-domain-controller"), "{rules:?}");
}

/// A Datacenter/Standard key on a guest of the other edition is an edition disagreement in
/// `evidence` (diagnose keeps it as the key's finding, AV204), and the Japanese trusted time is
/// the capture's time, as the English `Trusted time:` is (issue #13, B5).
#[test]
fn a_key_of_another_edition_and_the_japanese_trusted_time() {
    let f = fixtures().join("captures/slmgr-dlv-ja-trusted-time.txt");
    let f = f.display().to_string();
    let out = stdout(&avma(&["evidence", &f]));
    assert!(
        out.contains(
            "Sources disagree on edition: ServerDatacenter ⇐ W3GNR-8DDXR-2TFRP-H8P33-DV9BG"
        ),
        "{out}"
    );
    assert!(out.contains("As of 2026-10-03"), "{out}");
    assert!(out.contains("collected, at"), "{out}");
    let owned = diagnosed_rules(&["diagnose", "--format", "json", &f]);
    let rules: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert!(rules.contains(&"guest-avma-key-wrong-edition"), "{rules:?}");
    assert!(!rules.contains(&"evidence-conflict"), "{rules:?}");
}

/// A log whose every line is stamped is judged as of its newest stamp (after a collector's record
/// and the newest event, before file times).
#[test]
fn a_stamped_log_is_as_of_its_newest_line() {
    let f = fixtures().join("captures/slmgr-dli-agent-log-stamped.txt");
    let out = stdout(&avma(&["evidence", &f.display().to_string()]));
    assert!(out.contains("As of 2026-09-14"), "{out}");
    assert!(
        out.contains("the newest line time stamp of the log, at")
            && out.contains("slmgr-dli-agent-log-stamped.txt:5)"),
        "{out}"
    );
}

/// Data Exchange enabled but the guest not answering is shown with its status, and a
/// `Get-ClusterNode` table gives each node's state (issue #13, B12).
#[test]
fn an_unanswered_data_exchange_and_cluster_node_states() {
    let t = Tmp::new("vmis-nodes");
    let g = one_file(
        &t,
        "vmis.txt",
        "VMName Name                    Enabled PrimaryStatusDescription SecondaryStatusDescription\n------ ----                    ------- ------------------------ --------------------------\nAPP9   Heartbeat               True    OK                       OK\nAPP9   Key-Value Pair Exchange True    Lost Communication\nAPP9   Shutdown                True    OK\n",
    );
    std::fs::write(
        t.0.join("g/nodes.txt"),
        "Name     State Type\n----     ----- ----\nHVX-1    Up    Node\nHVX-2    Down  Node\n",
    )
    .unwrap();
    let out = stdout(&avma(&["evidence", &g]));
    assert!(
        out.contains("APP9 Key-Value Pair Exchange: enabled, Lost Communication (Data Exchange)"),
        "{out}"
    );
    assert!(!out.contains("is not one avma reads"), "{out}");
    let v: serde_json::Value =
        serde_json::from_slice(&avma(&["evidence", "--format", "json", &g]).stdout).unwrap();
    let nodes = v["cluster"]["nodes"].to_string();
    assert!(nodes.contains("HVX-2") && nodes.contains("Down"), "{nodes}");
    let owned = diagnosed_rules(&["diagnose", "--format", "json", "--host", &g]);
    assert!(
        owned.iter().any(|r| r == "data-exchange-no-contact"),
        "{owned:?}"
    );
}

/// The day count slmgr printed next to the minutes is the one shown (4230 minutes printed as 2
/// days stay 2 days), and an AVMA host left over on a KMS client licence is shown with that
/// caveat and a note, not as the host that activates it.
#[test]
fn printed_days_and_a_left_over_avma_host() {
    let t = Tmp::new("days-printed");
    let dir = t.0.join("g");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("dli.txt"),
        "Name: Windows(R), ServerStandard edition\nDescription: Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel\nPartial Product Key: 4GF74\nLicense Status: Initial grace period\nTime remaining: 4230 minute(s) (2 day(s))\n",
    )
    .unwrap();
    let o = avma(&["evidence", &t.path("g")]);
    assert!(stdout(&o).contains("4230 min (2 d)"), "{}", stdout(&o));
    let f = fixtures().join("captures/cim-fl-gvlk-avma-left-over.txt");
    let o = avma(&["evidence", &f.display().to_string()]);
    let out = stdout(&o);
    assert!(
        out.contains("HVX-OSL-11")
            && out.contains("left over: the licence's channel is VOLUME_KMSCLIENT"),
        "{out}"
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not activated by AVMA now"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `Get-Service vmickvpexchange` run inside the one VM a host's output names is that guest's
/// service, not the host's: diagnose says so on the guest, with the fix run inside it.
#[test]
fn a_guest_service_in_a_host_paste_is_the_guests() {
    let f = fixtures().join("captures/vmis-host-then-guest-service-de.txt");
    let f = f.display().to_string();
    let o = avma(&["evidence", &f, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let machines = v["machines"].as_array().unwrap();
    let by = |name: &str| {
        machines
            .iter()
            .find(|m| m["name"] == name)
            .unwrap_or_else(|| panic!("no {name}: {v}"))
    };
    let guest = by("APP-LOHN2");
    assert_eq!(guest["role"], "guest", "{guest}");
    assert_eq!(guest["services"][0]["value"]["name"], "vmickvpexchange");
    // The host is named by the sentence that introduces its output ("auf dem Host HVK-MUC-03").
    let host = by("HVK-MUC-03");
    assert_eq!(host["role"], "host", "{host}");
    assert!(
        host["services"].as_array().is_none_or(|s| s.is_empty()),
        "{host}"
    );
    let o = avma(&["diagnose", &f, "--format", "json"]);
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kvp = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "kvp-service-not-running")
        .unwrap_or_else(|| panic!("{d}"));
    assert_eq!(kvp["machine"], "APP-LOHN2", "{kvp}");
    let fix = kvp.to_string();
    assert!(
        fix.contains("Set-Service -Name vmickvpexchange -StartupType Manual")
            && fix.contains("Start-Service -Name vmickvpexchange"),
        "{fix}"
    );
}
