//! `avma report` end to end: the example cluster in English and Japanese (snapshots), a fleet
//! with hostile names opened in a real headless Chromium (screenshot and PDF kept under
//! target/test-artifacts/, DOM asserted), and the Markdown and text forms.
//!
//! Chromium (Debian's `chromium`, installed by .ci/run) is required when CI=true; elsewhere the
//! browser test says why it skips.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{avma, avma_env, stdout};
use serde_json::json;

const COLLECTED: u64 = 1_796_029_200; // 2026-11-30T09:00:00Z
const NOW: &str = "2026-11-30T10:00:00Z";
const HOSTILE_VM: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_SCRIPT: &str = "<script>document.title='pwned'</script>";
const HOSTILE_NODE: &str = "\"><svg onload=alert(2)>";

fn tmp(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("report-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Test artifacts that outlive the run (screenshots, PDFs): target/test-artifacts/.
fn artifacts() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("..")
        .join("test-artifacts");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The example cluster's evidence, copied with every file dated 2026-11-30 09:00 UTC.
fn example_cluster(to: &Path) -> PathBuf {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(COLLECTED);
    for m in ["hv-node1", "hv-node2", "hv-node3", "vm-app01"] {
        let src = common::root().join("examples/cluster").join(m);
        std::fs::create_dir_all(to.join(m)).unwrap();
        for e in std::fs::read_dir(src).unwrap() {
            let e = e.unwrap();
            let f = to.join(m).join(e.file_name());
            std::fs::copy(e.path(), &f).unwrap();
            std::fs::File::options()
                .write(true)
                .open(&f)
                .unwrap()
                .set_modified(t)
                .unwrap();
        }
    }
    to.to_path_buf()
}

/// A second cluster whose names are hostile markup.
fn hostile_inventory(dir: &Path) -> PathBuf {
    let v = json!({
        "schema": "avma.inventory/1",
        "cluster": "HOSTILE <b>",
        "collected": "2026-11-30T09:00:00Z",
        "nodes": [
            {"name": "HV-A", "version": "2022", "edition": "ServerDatacenter", "license_status": 1, "grace_minutes": 0},
            {"name": HOSTILE_NODE, "version": "2019", "edition": "ServerStandard", "license_status": 1, "grace_minutes": 0},
        ],
        "vms": [
            {"name": HOSTILE_VM, "version": "2019", "edition": "ServerDatacenter", "partial_key": "WMBMW",
             "channel": "VIRTUAL_MACHINE_ACTIVATION", "license_status": 1, "owner": "HV-A"},
            {"name": HOSTILE_SCRIPT, "version": "2022", "edition": "ServerStandard", "license_status": 1,
             "owner": "HV-A", "possible_owners": ["HV-A"]},
        ]
    });
    let f = dir.join("hostile.json");
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    f
}

fn rooted(s: &str, dir: &Path) -> String {
    s.replace(&dir.display().to_string(), "<evidence>")
}

#[test]
fn the_example_cluster_in_english_and_japanese() {
    let d = tmp("example");
    let c = example_cluster(&d.join("cluster"));
    let c = c.display().to_string();
    let o = avma(&["report", "--now", NOW, &c]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "risks exit 1: {}",
        common::stderr(&o)
    );
    let en = rooted(&stdout(&o), &d);
    assert!(en.starts_with("<!DOCTYPE html>"), "{en}");
    assert!(
        // The files are dated 2026-11-30, but their newest event (2026-11-28T08:40:11Z) tells
        // the evidence's time: event times before file times (a copy changes file times).
        en.contains("HV-NODE3") && en.contains("in 2 d from today (2026-12-02)"),
        "{en}"
    );
    insta::assert_snapshot!("report_example_en", en);
    let o = avma_env(&["report", "--now", NOW, &c], &[("LANG", "ja_JP.UTF-8")]);
    let ja = rooted(&stdout(&o), &d);
    assert!(
        ja.contains("<html lang=\"ja\">") && ja.contains("今日からあと 2 日"),
        "{ja}"
    );
    insta::assert_snapshot!("report_example_ja", ja);
    // The same document as Markdown and as text.
    let md = rooted(
        &stdout(&avma(&["report", "--now", NOW, "--format", "md", &c])),
        &d,
    );
    assert!(md.starts_with("# AVMA activation report"), "{md}");
    insta::assert_snapshot!("report_example_md", md);
    let text = rooted(
        &stdout(&avma(&["report", "--now", NOW, "--format", "text", &c])),
        &d,
    );
    insta::assert_snapshot!("report_example_text", text);
}

#[test]
fn output_file_follows_its_extension() {
    let d = tmp("ext");
    let c = example_cluster(&d.join("cluster")).display().to_string();
    for (name, start) in [
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "# AVMA"),
        ("r.txt", "AVMA"),
    ] {
        let f = d.join(name);
        let o = avma(&["report", "--now", NOW, &c, "-o", &f.display().to_string()]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stdout(&o).is_empty());
        let s = std::fs::read_to_string(&f).unwrap();
        assert!(s.starts_with(start), "{name}: {s}");
    }
}

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Some(p) = std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        }) {
            return Some(p);
        }
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but chromium is not installed: .ci/run must install it");
    }
    eprintln!("skipping: chromium is not installed (apt-get install chromium)");
    None
}

/// Headless Chromium with nothing of its own running in the background, in a fresh profile.
fn browser(exe: &Path, profile: &Path) -> Command {
    let mut c = Command::new(exe);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

#[test]
fn a_real_browser_shows_the_report_as_text_and_loads_nothing() {
    let Some(exe) = chromium() else { return };
    let d = tmp("browser");
    let c = example_cluster(&d.join("cluster"));
    let inv = hostile_inventory(&d);
    let html = d.join("report.html");
    let o = avma(&[
        "report",
        "--now",
        NOW,
        &c.display().to_string(),
        &inv.display().to_string(),
        "-o",
        &html.display().to_string(),
    ]);
    assert!(o.status.code().is_some(), "{}", common::stderr(&o));
    let url = format!("file://{}", html.canonicalize().unwrap().display());

    // The DOM after loading, with every network request logged.
    let netlog = d.join("netlog.json");
    let out = browser(&exe, &d.join("profile-dom"))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    let doc = scraper::Html::parse_document(&dom);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();

    // No script ran: the title is the report's, no script element exists, nothing was injected.
    let title: String = doc.select(&sel("title")).next().unwrap().text().collect();
    assert_eq!(title, "AVMA activation report");
    assert_eq!(doc.select(&sel("script")).count(), 0, "{dom}");
    assert_eq!(doc.select(&sel("img")).count(), 0, "{dom}");
    assert_eq!(
        doc.select(&sel("svg[onload], [onerror], [onload]")).count(),
        0,
        "{dom}"
    );
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .unwrap();
    assert_eq!(
        csp.value().attr("content"),
        Some("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    );

    // One matrix row per VM, one column per node (plus the VM and its own problems).
    let m1 = doc.select(&sel("table#matrix-1")).next().expect("matrix 1");
    assert_eq!(m1.select(&sel("tbody tr")).count(), 1);
    assert_eq!(m1.select(&sel("thead th")).count(), 3 + 2);
    let m2 = doc.select(&sel("table#matrix-2")).next().expect("matrix 2");
    assert_eq!(m2.select(&sel("tbody tr")).count(), 2);
    assert_eq!(m2.select(&sel("thead th")).count(), 2 + 2);
    // The hostile names are shown as text, exactly.
    let vms: Vec<String> = m2
        .select(&sel("tbody th"))
        .map(|t| {
            t.select(&sel("span"))
                .map(|s| s.text().collect::<String>())
                .collect()
        })
        .collect();
    assert_eq!(vms, [HOSTILE_VM, HOSTILE_SCRIPT]);
    let heads: Vec<String> = m2
        .select(&sel("thead th"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(heads[2], HOSTILE_NODE);
    assert!(dom.contains("Cluster HOSTILE &lt;b&gt;"), "{dom}");
    // The Standard node cannot activate the first VM, and says why.
    let row: Vec<String> = m2
        .select(&sel("tbody tr"))
        .next()
        .unwrap()
        .select(&sel("td"))
        .map(|t| t.text().collect())
        .collect();
    assert!(
        row[1].starts_with("✗ cannot") && row[1].contains("host-not-datacenter"),
        "{row:?}"
    );
    // The timeline is a picture in the page.
    assert_eq!(doc.select(&sel("figure#timeline-1 svg")).count(), 1);

    // Nothing loads from elsewhere: no element names a resource, and the browser asked for
    // nothing but the file itself.
    for attr in [
        "src",
        "href",
        "srcset",
        "data",
        "poster",
        "action",
        "formaction",
    ] {
        let n = doc.select(&sel(&format!("[{attr}]"))).count();
        assert_eq!(n, 0, "an element with {attr}: {dom}");
    }
    assert_eq!(
        doc.select(&sel("link, iframe, object, embed, base"))
            .count(),
        0
    );
    for style in doc.select(&sel("style")) {
        let css: String = style.text().collect();
        assert!(!css.contains("url(") && !css.contains("@import"), "{css}");
    }
    // The net log holds every request; the browser's own (updates, accounts: initiator "not an
    // origin") are not the page's. Anything the page asked for would carry its origin.
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&netlog).unwrap()).expect("net log JSON");
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    assert!(start_job.is_number(), "net log constants");
    let mut page_requests = Vec::new();
    for e in log["events"].as_array().unwrap() {
        let p = &e["params"];
        if e["type"] == start_job && p["url"].is_string() && p["initiator"] != "not an origin" {
            page_requests.push(p["url"].to_string());
        }
    }
    assert!(
        page_requests.is_empty(),
        "the page loaded {page_requests:?}"
    );

    // A screenshot to look at, and the A4 print.
    let png = artifacts().join("report-fleet.png");
    let _ = std::fs::remove_file(&png);
    let out = browser(&exe, &d.join("profile-shot"))
        .arg("--window-size=1280,2600")
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shot = std::fs::read(&png).expect("a screenshot");
    assert!(shot.starts_with(b"\x89PNG") && shot.len() > 10_000);
    let pdf = artifacts().join("report-fleet.pdf");
    let _ = std::fs::remove_file(&pdf);
    let out = browser(&exe, &d.join("profile-pdf"))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = std::fs::read(&pdf).expect("a PDF");
    assert!(p.starts_with(b"%PDF"));
    japanese_screenshot(&exe, &d, &c);
    // A4 is 595 × 842 points.
    let text = String::from_utf8_lossy(&p);
    assert!(text.contains("595") && text.contains("842"), "an A4 page");
}

/// Whether fontconfig knows a font with Japanese glyphs (without one, Chromium draws boxes).
/// Required when CI=true (.ci/run installs fonts-ipafont-gothic).
fn japanese_font() -> bool {
    let found = Command::new("fc-list")
        .args([":lang=ja", "family"])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty());
    if !found && std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "CI=true but no Japanese font is installed: .ci/run must install fonts-ipafont-gothic"
        );
    }
    found
}

/// The Japanese report of the example cluster, screenshotted (target/test-artifacts/report-ja.png)
/// to look at: with a Japanese font installed it shows Japanese, not boxes.
fn japanese_screenshot(exe: &Path, d: &Path, cluster: &Path) {
    if !japanese_font() {
        eprintln!("note: no Japanese font (apt-get install fonts-ipafont-gothic): report-ja.png shows boxes");
    }
    let html = d.join("report-ja.html");
    let o = avma_env(
        &[
            "report",
            "--now",
            NOW,
            &cluster.display().to_string(),
            "-o",
            &html.display().to_string(),
        ],
        &[("LANG", "ja_JP.UTF-8")],
    );
    assert!(o.status.code().is_some(), "{}", common::stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<html lang=\"ja\">"), "{page}");
    // Fonts that exist offline: on Windows (Yu Gothic UI, Meiryo) and on Linux (Noto Sans CJK,
    // the IPA fonts .ci/run installs); Latin fonts first, so `\` is never drawn as `¥`.
    for font in [
        "\"Yu Gothic UI\"",
        "\"Meiryo\"",
        "\"Noto Sans CJK JP\"",
        "\"IPAPGothic\"",
    ] {
        assert!(page.contains(font), "{font} not in the font stack");
    }
    let stack = |s: &str| page.find(s).unwrap();
    assert!(stack("\"DejaVu Sans Mono\"") < stack("\"IPAGothic\",monospace"));
    let url = format!("file://{}", html.canonicalize().unwrap().display());
    let png = artifacts().join("report-ja.png");
    let _ = std::fs::remove_file(&png);
    let out = browser(exe, &d.join("profile-ja"))
        .arg("--window-size=1280,2200")
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shot = std::fs::read(&png).expect("a screenshot");
    assert!(shot.starts_with(b"\x89PNG") && shot.len() > 10_000);
}
