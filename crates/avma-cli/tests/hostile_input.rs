//! Hostile input, end to end: FIFOs, devices, symlinks to devices, symlink loops, deep folders,
//! huge files, broken JSON, unsafe machine names and invalid scenarios and inventories.
//!
//! Every run is bounded: the child runs under `ulimit -v` (so runaway memory fails the run instead
//! of the machine) and a watchdog kills it if it has not finished after a minute (a hang fails
//! the test with a message; no test measures time).

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Virtual memory allowed to one avma run (KiB): far above what any of these inputs needs, far
/// below what reading `/dev/zero` or looping over symlinks would take.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;
/// The watchdog: a run still going after this long is killed and the test fails.
const WATCHDOG: Duration = Duration::from_secs(60);

/// `avma ARGS` in `dir`, English, no colour, under the memory limit and the watchdog.
fn bounded(dir: &Path, args: &[&str]) -> Output {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_avma"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("sh runs");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("avma {args:?} did not finish: killed by the watchdog");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A scratch folder, removed at the end.
struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!("avma-hostile-in-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
    fn dir(&self, rel: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(&p).unwrap();
        p
    }
    /// Copy an example evidence file into `rel`.
    fn evidence(&self, rel: &str, example: &str) {
        let to = self.0.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(common::root().join(example), to).unwrap();
    }
    fn link(&self, target: &str, rel: &str) {
        std::os::unix::fs::symlink(target, self.0.join(rel)).unwrap();
    }
    fn fifo(&self, rel: &str) {
        let ok = Command::new("mkfifo")
            .arg(self.0.join(rel))
            .status()
            .expect("mkfifo runs");
        assert!(ok.success());
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const FIFO_LINE: &str = "avma: m/pipe: a named pipe (FIFO), not a regular file: not read";

#[test]
fn a_fifo_gets_one_line_and_never_blocks_any_command() {
    let t = Tmp::new("fifo");
    t.evidence(
        "m/computerinfo.json",
        "examples/cluster/hv-node2/computerinfo.json",
    );
    t.evidence("m/slp.json", "examples/cluster/hv-node2/slp.json");
    t.fifo("m/pipe");
    // In a folder: the FIFO is named, the rest is read.
    for (cmd, code) in [
        ("evidence", 0),
        ("diagnose", 2),
        ("inventory", 2),
        ("audit", 2),
        ("ledger", 2),
    ] {
        let o = bounded(&t.0, &[cmd, "m"]);
        let err = stderr(&o);
        assert_eq!(
            err.lines().filter(|l| *l == FIFO_LINE).count(),
            1,
            "{cmd}: {err}"
        );
        assert_eq!(o.status.code(), Some(code), "{cmd}: {err}");
    }
    // Named directly, by every command that takes paths.
    for args in [
        &["evidence", "m/pipe"][..],
        &["diagnose", "m/pipe"],
        &["inventory", "m/pipe"],
        &["audit", "m/pipe"],
        &["ledger", "m/pipe"],
        &["lint", "m/pipe"],
        &["simulate", "m/pipe"],
    ] {
        let o = bounded(&t.0, args);
        assert_eq!(stderr(&o), format!("{FIFO_LINE}\n"), "{args:?}");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn dev_zero_is_refused_in_one_line_without_reading_it() {
    let t = Tmp::new("zero");
    let line = "avma: /dev/zero: a character device, not a regular file: not read\n";
    for cmd in [
        "simulate",
        "evidence",
        "diagnose",
        "inventory",
        "audit",
        "ledger",
        "lint",
    ] {
        let o = bounded(&t.0, &[cmd, "/dev/zero"]);
        assert_eq!(stderr(&o), line, "{cmd}");
        assert_eq!(o.status.code(), Some(2), "{cmd}");
    }
    let o = bounded(&t.0, &["simulate", "/dev/zero"]);
    assert!(o.stdout.is_empty());
}

#[test]
fn symlinks_to_devices_and_out_of_the_folder_are_not_followed() {
    let t = Tmp::new("devlinks");
    t.evidence("m/slp.json", "examples/cluster/hv-node2/slp.json");
    t.link("/dev/zero", "m/zero");
    t.link("/dev", "m/devs");
    t.link("/dev/tty", "m/tty");
    let o = bounded(&t.0, &["evidence", "m"]);
    let err = stderr(&o);
    assert!(
        err.contains(
            "avma: m/zero: a symbolic link to /dev/zero, outside the folder given: not followed\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "avma: m/devs: a symbolic link to /dev, outside the folder given: not followed\n"
        ),
        "{err}"
    );
    // /dev/tty may or may not exist here: either way, one line and no hang.
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("avma: m/tty: "))
            .count(),
        1,
        "{err}"
    );
    assert_eq!(err.lines().count(), 3, "{err}");
    assert_eq!(o.status.code(), Some(0));
    // A symlink to a device named on the command line is refused as the device it is.
    let o = bounded(&t.0, &["lint", "m/zero"]);
    assert_eq!(
        stderr(&o),
        "avma: m/zero: a character device, not a regular file: not read\n"
    );
}

/// The files `evidence --format json` read, in order.
fn inputs_read(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["readable"] == true)
        .map(|i| i["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn symlink_loops_read_each_file_once() {
    let t = Tmp::new("loops");
    t.evidence("col/vm1/slp.json", "examples/cluster/vm-app01/slp.json");
    t.evidence("col/vm2/slp.json", "examples/cluster/hv-node2/slp.json");
    t.evidence("col/README.json", "examples/cluster/hv-node3/slp.json");
    t.link(".", "col/vm1/a");
    t.link(".", "col/vm1/b");
    t.link("..", "col/vm1/up");
    t.link("slp.json", "col/vm1/same.json");
    t.link("../vm1", "col/vm2/back");
    // The whole collection: every link stays inside it, each real file is read once.
    let o = bounded(&t.0, &["evidence", "--format", "json", "col"]);
    assert_eq!(
        inputs_read(&o),
        ["col/README.json", "col/vm1/slp.json", "col/vm2/slp.json"],
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o), "");
    // One machine folder: `up -> ..` leaves it and is named; the loops add nothing.
    let o = bounded(&t.0, &["evidence", "--format", "json", "col/vm1"]);
    assert_eq!(inputs_read(&o), ["col/vm1/slp.json"]);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("avma: col/vm1/up: a symbolic link to ")
            && err.ends_with("/col, outside the folder given: not followed\n"),
        "{err}"
    );
    // The same file named twice (directly and through a link) is read once.
    let o = bounded(
        &t.0,
        &[
            "evidence",
            "--format",
            "json",
            "col/vm1/slp.json",
            "col/vm1/same.json",
        ],
    );
    assert_eq!(inputs_read(&o), ["col/vm1/slp.json"]);
}

#[test]
fn deep_folders_stop_at_the_depth_limit_and_say_so() {
    let t = Tmp::new("deep");
    let mut rel = String::from("m");
    for i in 0..20 {
        rel.push_str(&format!("/d{i}"));
    }
    t.dir(&rel);
    t.evidence("m/slp.json", "examples/cluster/hv-node2/slp.json");
    t.evidence(
        &format!("{rel}/slp.json"),
        "examples/cluster/hv-node3/slp.json",
    );
    let o = bounded(&t.0, &["evidence", "--format", "json", "m"]);
    assert_eq!(inputs_read(&o), ["m/slp.json"]);
    let cut: String = (0..17).map(|i| format!("/d{i}")).collect();
    assert_eq!(
        stderr(&o),
        format!("avma: m{cut}: folders nested deeper than 16 levels: not read further\n")
    );
}

#[test]
fn a_folder_whose_entries_were_refused_is_not_called_empty() {
    let t = Tmp::new("refused-not-empty");
    t.evidence("col/vm1/slp.json", "examples/cluster/vm-app01/slp.json");
    // vm2 holds only a symlink loop (neither link resolves); vm3 is really empty.
    t.dir("col/vm2");
    t.link("b", "col/vm2/a");
    t.link("a", "col/vm2/b");
    t.dir("col/vm3");
    // A collection whose only file lies too deep: the machine folder the walk stops at holds a
    // folder, refused for its depth.
    let mut rel = String::from("col2");
    for i in 0..25 {
        rel.push_str(&format!("/d{i}"));
    }
    t.evidence(
        &format!("{rel}/slp.json"),
        "examples/cluster/hv-node3/slp.json",
    );
    let o = bounded(&t.0, &["evidence", "--format", "json", "col", "col2"]);
    assert_eq!(inputs_read(&o), ["col/vm1/slp.json"]);
    let err = stderr(&o);
    let mut lines: Vec<&str> = err.lines().collect();
    lines.sort_unstable();
    let cut: String = (0..21).map(|i| format!("/d{i}")).collect();
    let deep = format!("avma: col2{cut}: folders nested deeper than 16 levels: not read further");
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with("avma: col/vm2/a: symbolic link to b: "),
        "{err}"
    );
    assert!(
        lines[1].starts_with("avma: col/vm2/b: symbolic link to a: "),
        "{err}"
    );
    assert_eq!(
        lines[2], "avma: col/vm3: an empty folder: no evidence in it",
        "{err}"
    );
    assert_eq!(lines[3], deep, "{err}");
    // The same in Japanese: only the folder that is empty is called empty.
    let o = bounded(&t.0, &["--lang", "ja", "evidence", "col", "col2"]);
    let err = stderr(&o);
    assert_eq!(err.matches("空のフォルダーです").count(), 1, "{err}");
    assert!(err.contains("col/vm3: 空のフォルダーです"), "{err}");
    assert_eq!(err.lines().count(), 4, "{err}");
}

#[test]
fn huge_inputs_are_refused_by_bytes_and_long_json_lines_are_read_whole() {
    let t = Tmp::new("huge");
    // 65 MiB of text: over the cap, refused, memory bounded.
    let line = "Name : Windows(R), ServerStandard edition\r\n".repeat(1 << 14);
    let mut f = std::fs::File::create(t.0.join("big.txt")).unwrap();
    let mut written = 0usize;
    while written <= 65 * 1024 * 1024 {
        std::io::Write::write_all(&mut f, line.as_bytes()).unwrap();
        written += line.len();
    }
    drop(f);
    let o = bounded(&t.0, &["diagnose", "big.txt"]);
    assert_eq!(
        stderr(&o),
        "avma: big.txt: larger than 64 MiB (67108864 bytes, counted while reading): not read\n"
    );
    assert_eq!(o.status.code(), Some(2));
    // `ConvertTo-Json -Compress`: 8,000 VMs on one 1.5 MB line are one valid document.
    let groups: Vec<serde_json::Value> = (0..8000)
        .map(|i| {
            serde_json::json!({"Name": format!("VM-{i:05}"), "OwnerNode": "HV-NODE1", "State": 0,
                               "GroupType": 111, "Description": "x".repeat(100)})
        })
        .collect();
    let text = serde_json::to_string(&groups).unwrap();
    assert!(text.len() > 1024 * 1024 && !text.contains('\n'));
    std::fs::write(t.dir("c").join("cluster-groups.json"), &text).unwrap();
    t.evidence(
        "c/cluster-nodes.json",
        "examples/cluster/hv-node1/cluster-nodes.json",
    );
    let o = bounded(&t.0, &["inventory", "c"]);
    assert_eq!(stderr(&o), "");
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["vms"].as_array().unwrap().len(), 8000);
    // The same for an inventory written compactly.
    let inv = serde_json::json!({"schema": "avma.inventory/1",
        "nodes": [{"name": "HV-NODE1", "version": "2022", "edition": "ServerDatacenter", "license_status": 1}],
        "vms": (0..8000).map(|i| serde_json::json!({"name": format!("VM-{i:05}"), "version": "2019",
                   "owner": "HV-NODE1", "edition": "ServerStandard", "channel": "VIRTUAL_MACHINE_ACTIVATION",
                   "license_status": 1, "partial_key": "7KHBM", "data_exchange": true})).collect::<Vec<_>>()});
    let text = serde_json::to_string(&inv).unwrap();
    assert!(text.len() > 1024 * 1024);
    std::fs::write(t.0.join("inv.json"), text).unwrap();
    let o = bounded(&t.0, &["audit", "--format", "json", "inv.json"]);
    assert_eq!(stderr(&o), "");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["vms"].as_array().unwrap().len(), 8000);
}

#[test]
fn broken_json_exits_2_in_every_command() {
    let t = Tmp::new("json");
    std::fs::write(
        t.0.join("broken.json"),
        "[{\"Name\": \"Windows\", \"LicenseStatus\": 1,\n",
    )
    .unwrap();
    for cmd in ["evidence", "diagnose", "inventory", "audit", "ledger"] {
        let o = bounded(&t.0, &[cmd, "broken.json"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert_eq!(
            stderr(&o),
            "avma: broken.json:1: not valid JSON: the text ends at line 1, column 40, before the JSON does\n",
            "{cmd}"
        );
    }
    // Next to good evidence, the broken file still makes the run an input error.
    t.evidence("m/slp.json", "examples/cluster/hv-node2/slp.json");
    std::fs::copy(t.0.join("broken.json"), t.0.join("m/broken.json")).unwrap();
    for cmd in ["diagnose", "inventory", "audit", "ledger"] {
        let o = bounded(&t.0, &[cmd, "m"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
    }
}

#[test]
fn an_evtx_file_header_alone_gets_its_line() {
    let t = Tmp::new("evtx");
    let mut header = vec![0u8; 4096];
    header[..8].copy_from_slice(b"ElfFile\0");
    std::fs::write(t.0.join("Empty.evtx"), header).unwrap();
    let o = bounded(&t.0, &["evidence", "Empty.evtx"]);
    assert_eq!(
        stderr(&o),
        "avma: Empty.evtx: an EVTX file header (4096 bytes) and no chunks: no records in it\n"
    );
}

fn fixtures() -> PathBuf {
    common::root().join("crates/avma-cli/tests/fixtures/bad-input")
}

#[test]
fn every_scenario_and_inventory_error_names_its_item() {
    let dir = fixtures();
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".stderr") else {
            continue;
        };
        if stem == "unsafe-names" {
            continue;
        }
        let expected = std::fs::read_to_string(&p).unwrap();
        let (cmd, file) = if stem.starts_with("inventory") {
            ("audit", format!("{stem}.json"))
        } else {
            ("simulate", format!("{stem}.toml"))
        };
        let o = bounded(&dir, &[cmd, &file]);
        assert_eq!(stderr(&o), expected, "{stem}");
        assert_eq!(o.status.code(), Some(2), "{stem}: never a panic");
        seen += 1;
    }
    assert!(seen >= 6, "{seen} fixtures");
}

#[test]
fn write_evidence_never_leaves_its_folder() {
    let t = Tmp::new("write");
    let dir = t.dir("out");
    let scenario = fixtures().join("unsafe-names.toml");
    let o = bounded(
        &t.0,
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--write-evidence",
            "out",
        ],
    );
    let expected = std::fs::read_to_string(fixtures().join("unsafe-names.stderr")).unwrap();
    assert_eq!(stderr(&o), expected);
    assert_eq!(o.status.code(), Some(2));
    // Only the two plain names got folders, and nothing was written next to `out`.
    let mut made: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    made.sort();
    assert_eq!(made, ["hv-ok", "vm-ok"]);
    let mut beside: Vec<String> = std::fs::read_dir(&t.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    beside.sort();
    assert_eq!(beside, ["out"]);
    assert!(!Path::new("/tmp/HV-ABS").exists());
    // A folder already there as a symlink is not written through.
    let t2 = Tmp::new("write-link");
    let out = t2.dir("out");
    let elsewhere = t2.dir("elsewhere");
    t2.link(elsewhere.to_str().unwrap(), "out/hv-ok");
    let o = bounded(
        &t2.0,
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--write-evidence",
            "out",
        ],
    );
    assert!(
        stderr(&o).contains("avma: out/hv-ok: is a symbolic link: not written through\n"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    let _ = out;
}

#[test]
fn caps_in_text_output_name_themselves() {
    let t = Tmp::new("caps");
    // 600 guests with a KMS client key, each allowed on a node too old for it.
    let vms: Vec<serde_json::Value> = (0..600)
        .map(|i| {
            serde_json::json!({"name": format!("VM-{i:04}"), "version": "2022", "edition": "ServerStandard",
                "owner": "HV-A", "channel": "VOLUME_KMSCLIENT", "license_status": 1,
                "partial_key": "VDYBN", "data_exchange": true})
        })
        .collect();
    let inv = serde_json::json!({"schema": "avma.inventory/1", "collected": "2026-12-01T00:00:00Z",
        "nodes": [
            {"name": "HV-A", "version": "2022", "edition": "ServerDatacenter", "license_status": 1, "grace_minutes": 0},
            {"name": "HV-B", "version": "2019", "edition": "ServerDatacenter", "license_status": 1, "grace_minutes": 0}],
        "vms": vms});
    std::fs::write(t.0.join("inv.json"), inv.to_string()).unwrap();
    let o = bounded(&t.0, &["audit", "inv.json"]);
    let text = String::from_utf8(o.stdout).unwrap();
    for needle in [
        "… and 400 more VMs (use --format json or csv for all).",
        "… and 100 more VMs not ready (use --format json or csv for all).",
        "… and 502 more fixes (use --format json for all).",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    // Every command cut in text says so on the next line.
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("       ") && l.ends_with('…') {
            assert!(
                lines
                    .get(i + 1)
                    .is_some_and(|n| n.contains("this command is cut after 400 characters")),
                "{l}"
            );
        }
    }
    // A runbook line longer than 1 MiB is judged in pieces, and the run says so (exit 2).
    std::fs::write(
        t.0.join("long.md"),
        format!(
            "{}\nslmgr /ipk WX4NM-KYWYW-QJJR4-XV3QB-6VM33\n",
            "x".repeat(3 << 20)
        ),
    )
    .unwrap();
    let o = bounded(&t.0, &["lint", "long.md"]);
    assert_eq!(
        stderr(&o),
        "avma: long.md: lines longer than 1 MiB were judged in pieces (2 cuts): a key or command across a cut may be missed\n"
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_wide_format_table_paste_is_read_in_bounded_memory() {
    // A header 5,000 columns wide over 200,000 four-byte rows (810 KB): it used to take ~11 KB
    // a row and abort under the memory limit ("memory allocation of 5006 bytes failed").
    let t = Tmp::new("wide-table");
    let text = format!(
        "Name {}\n---- {}\n{}",
        "X".repeat(5000),
        "-".repeat(5000),
        "a b\n".repeat(200_000)
    );
    std::fs::write(t.0.join("ft-wide.txt"), &text).unwrap();
    let o = bounded(&t.0, &["evidence", "ft-wide.txt"]);
    let err = stderr(&o);
    assert!(!err.contains("memory allocation"), "{err}");
    // Nothing avma reads in it: one line says so (not one per row).
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("avma: ft-wide.txt: "), "{err}");
}
