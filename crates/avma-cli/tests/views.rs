//! The people's views of `evidence`, `diagnose`, `inventory`, `audit`, `ledger` and `simulate`:
//! each command builds one document, printed as text, Markdown or HTML (and the audit and ledger
//! tables as CSV). Snapshots of every format (English, and Japanese for audit and evidence), the
//! HTML parsed back (one page, language tag, the tables by id, no script), and hostile evidence
//! through every HTML view.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{avma, avma_env, path, root, stdout};

/// Every run judges as of this time, so the as-of lines do not depend on file times.
const AT: &str = "2026-11-28";

fn run(lang: &str, args: &[&str]) -> (Option<i32>, String) {
    let mut a = vec!["--lang", lang, "--at", AT];
    a.extend_from_slice(args);
    let o = avma_env(&a, &[]);
    let out = stdout(&o).replace(&root().display().to_string(), "<root>");
    (o.status.code(), out)
}

/// The page from `<main>` on (the stylesheet before it is the same in every page), after the
/// checks every page must pass.
fn page(html: &str, lang: &str, tables: &[&str]) -> String {
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
    let doc = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&sel("script, img, link, iframe")).count(), 0);
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    for t in tables {
        assert!(
            doc.select(&sel(&format!("table#{t}"))).next().is_some(),
            "no table#{t}: {html}"
        );
    }
    let at = html.find("<main>").expect("<main>");
    html[at..].to_string()
}

fn snap(name: &str, text: &str) {
    insta::assert_snapshot!(name, text);
}

#[test]
fn evidence_in_every_view_and_both_languages() {
    let c = path("examples/cluster");
    for lang in ["en", "ja"] {
        let (code, text) = run(lang, &["evidence", &c]);
        assert_eq!(code, Some(0));
        snap(&format!("evidence_text_{lang}"), &text);
        let (_, md) = run(lang, &["evidence", "--format", "md", &c]);
        assert!(md.starts_with("# "), "{md}");
        snap(&format!("evidence_md_{lang}"), &md);
        let (_, html) = run(lang, &["evidence", "--format", "html", &c]);
        let main = page(&html, lang, &["facts-1", "facts-4"]);
        snap(&format!("evidence_html_{lang}"), &main);
    }
}

#[test]
fn diagnose_in_markdown_and_html() {
    let c = path("examples/cluster");
    for lang in ["en", "ja"] {
        let (code, md) = run(lang, &["diagnose", "--format", "md", &c]);
        assert_eq!(code, Some(1));
        // Every finding keeps its evidence pointer, its fixes and its why.
        assert!(md.contains("slp.json:2"), "{md}");
        assert!(md.contains("```powershell"), "{md}");
        snap(&format!("diagnose_md_{lang}"), &md);
        let (code, html) = run(lang, &["diagnose", "--format", "html", &c]);
        assert_eq!(code, Some(1));
        let main = page(&html, lang, &["healthy-facts"]);
        assert_eq!(main.matches("<article class=\"finding error\">").count(), 2);
        snap(&format!("diagnose_html_{lang}"), &main);
    }
}

#[test]
fn audit_in_every_view_and_both_languages() {
    let inv = path("examples/cluster-inventory.json");
    for lang in ["en", "ja"] {
        for f in ["text", "md", "html"] {
            let (code, out) = run(lang, &["audit", "--format", f, &inv]);
            assert_eq!(code, Some(1), "{out}");
            let out = if f == "html" {
                page(&out, lang, &["nodes", "vms"])
            } else {
                out
            };
            snap(&format!("audit_{f}_{lang}"), &out);
        }
    }
}

#[test]
fn the_audit_of_the_example_cluster_as_csv() {
    let (code, csv) = run(
        "en",
        &["audit", "--format", "csv", &path("examples/cluster")],
    );
    assert_eq!(code, Some(1));
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows[0], ["vm", "node", "can", "rule", "from_date", "risk"]);
    assert!(rows.iter().all(|r| r.len() == 6));
    // The same in Japanese: the CSV's columns and values are tokens, not sentences; it starts
    // with a UTF-8 BOM there, for Excel on a Japanese Windows (docs/cli.md).
    let (_, ja) = run(
        "ja",
        &["audit", "--format", "csv", &path("examples/cluster")],
    );
    assert_eq!(ja.strip_prefix('\u{feff}'), Some(csv.as_str()));
    assert!(!csv.starts_with('\u{feff}'));
    snap("audit_csv_example_cluster", &csv);
}

#[test]
fn inventory_for_people() {
    let c = path("examples/cluster");
    let (code, json) = run("en", &["inventory", &c]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json stays the default");
    assert_eq!(v["schema"], "avma.inventory/1");
    for f in ["text", "md", "html"] {
        let (code, out) = run(
            "en",
            &["inventory", "--format", f, "--cluster", "CONTOSO-HV", &c],
        );
        assert_eq!(code, Some(0));
        let out = if f == "html" {
            page(&out, "en", &["nodes", "vms"])
        } else {
            out
        };
        snap(&format!("inventory_{f}"), &out);
    }
}

/// The evidence the rolling-upgrade scenario leaves behind, for the ledger.
fn simulated_evidence(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("avma-views-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = avma(&[
        "simulate",
        "--format",
        "json",
        "--write-evidence",
        &dir.display().to_string(),
        &path("examples/scenarios/rolling-upgrade.toml"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    dir
}

#[test]
fn ledger_in_every_view() {
    let dir = simulated_evidence("ledger");
    let d = dir.display().to_string();
    for f in ["text", "md", "html", "csv"] {
        let (_, out) = run("en", &["ledger", "--format", f, &d]);
        let out = out.replace(&d, "<tmp>");
        let out = if f == "html" {
            page(&out, "en", &["ledger"])
        } else {
            out
        };
        assert!(
            out.contains("<tmp>"),
            "every row points at its evidence: {out}"
        );
        snap(&format!("ledger_{f}"), &out);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn simulate_in_markdown_and_html() {
    let s = path("examples/scenarios/rolling-upgrade.toml");
    let (code, md) = run("en", &["simulate", "--format", "md", &s]);
    assert_eq!(code, Some(0));
    snap("simulate_md", &md);
    let (_, html) = run("en", &["simulate", "--format", "html", &s]);
    snap("simulate_html", &page(&html, "en", &["days", "events"]));
}

/// The hostile corpus (control characters, bidi overrides, markup, formulas in names) through
/// every HTML view: markup stays text, no control character is written.
#[test]
fn hostile_evidence_in_html_is_text() {
    let ev = path("crates/avma-cli/tests/fixtures/hostile/evidence");
    for args in [
        vec!["evidence", "--format", "html", ev.as_str()],
        vec!["diagnose", "--format", "html", ev.as_str()],
        vec!["audit", "--format", "html", ev.as_str()],
        vec!["inventory", "--format", "html", ev.as_str()],
        vec!["ledger", "--format", "html", ev.as_str()],
    ] {
        let (_, html) = run("en", &args);
        assert!(html.starts_with("<!DOCTYPE html>"), "{args:?}: {html}");
        for bad in ["<script", "<img", "<svg onload", "\u{1b}", "\u{202e}"] {
            assert!(!html.contains(bad), "{args:?}: {bad:?} in {html}");
        }
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("script, img, [onerror], [onload]").unwrap();
        assert_eq!(doc.select(&sel).count(), 0, "{args:?}");
    }
}

/// Two clusters at once: one document with a section per cluster, one CSV with one header and the
/// cluster's name as a last column, one HTML page.
#[test]
fn a_fleet_audit_is_one_document() {
    let dir = std::env::temp_dir().join(format!("avma-views-fleet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let inv: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path("examples/cluster-inventory.json")).unwrap(),
    )
    .unwrap();
    let mut files = Vec::new();
    for name in ["ALPHA", "BRAVO"] {
        let mut v = inv.clone();
        v["cluster"] = serde_json::json!(name);
        let f = dir.join(format!("{name}.json"));
        std::fs::write(&f, v.to_string()).unwrap();
        files.push(f.display().to_string());
    }
    let args = |f: &'static str| -> Vec<String> {
        let mut a = vec!["audit".to_string(), "--format".into(), f.into()];
        a.extend(files.iter().cloned());
        a
    };
    let text = {
        let a = args("text");
        run("en", &a.iter().map(String::as_str).collect::<Vec<_>>()).1
    };
    assert!(text.starts_with("Audit of 2 cluster(s)\n"), "{text}");
    assert!(text.contains("Audit of cluster ALPHA") && text.contains("Audit of cluster BRAVO"));
    let csv = {
        let a = args("csv");
        run("en", &a.iter().map(String::as_str).collect::<Vec<_>>()).1
    };
    assert_eq!(csv.matches("vm,node,").count(), 1, "{csv}");
    assert!(
        csv.starts_with("vm,node,can,rule,from_date,risk,cluster\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",ALPHA\n") && csv.contains(",BRAVO\n"),
        "{csv}"
    );
    let html = {
        let a = args("html");
        run("en", &a.iter().map(String::as_str).collect::<Vec<_>>()).1
    };
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    page(&html, "en", &["c1-nodes", "c2-nodes", "c1-vms", "c2-vms"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// More VMs than one CSV part (4,096): one header, every VM's rows, no empty line between parts.
#[test]
fn a_large_audit_csv_is_one_table() {
    let dir = std::env::temp_dir().join(format!("avma-views-large-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut inv: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path("examples/cluster-inventory.json")).unwrap(),
    )
    .unwrap();
    let vm = inv["vms"][0].clone();
    let vms: Vec<serde_json::Value> = (0..5000)
        .map(|i| {
            let mut v = vm.clone();
            v["name"] = serde_json::json!(format!("VM-{i:05}"));
            v
        })
        .collect();
    inv["vms"] = serde_json::json!(vms);
    let f = dir.join("large.json");
    std::fs::write(&f, inv.to_string()).unwrap();
    let (_, one) = run(
        "en",
        &[
            "audit",
            "--format",
            "csv",
            &path("examples/cluster-inventory.json"),
        ],
    );
    let per_vm = one.lines().count() - 1;
    let (_, csv) = run(
        "en",
        &["audit", "--format", "csv", &f.display().to_string()],
    );
    assert_eq!(csv.matches("vm,node,").count(), 1);
    assert!(!csv.contains("\n\n"), "no empty line between parts");
    assert_eq!(csv.lines().count(), 1 + 5000 * per_vm);
    assert!(
        csv.contains("\nVM-04095,") && csv.contains("\nVM-04096,") && csv.contains("\nVM-04999,")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fix for thousands of VMs (one owner-limiting command per VM) shows its first commands and
/// says how many more there are; JSON keeps them all.
#[test]
fn a_fix_for_many_vms_is_cut_and_says_so() {
    let dir = std::env::temp_dir().join(format!("avma-views-many-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut inv: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path("examples/cluster-inventory.json")).unwrap(),
    )
    .unwrap();
    let vm = inv["vms"][0].clone();
    inv["vms"] = serde_json::json!((0..120)
        .map(|i| {
            let mut v = vm.clone();
            v["name"] = serde_json::json!(format!("VM-{i:03}"));
            v
        })
        .collect::<Vec<_>>());
    let f = dir.join("many.json");
    std::fs::write(&f, inv.to_string()).unwrap();
    let (_, text) = run("en", &["audit", &f.display().to_string()]);
    let set = text.matches("Set-ClusterOwnerNode").count();
    assert_eq!(set, 50, "{text}");
    assert!(
        text.contains("… and 70 more commands (use --format json for all)."),
        "{text}"
    );
    let (_, json) = run(
        "en",
        &["audit", "--format", "json", &f.display().to_string()],
    );
    assert!(json.matches("Set-ClusterOwnerNode").count() >= 120);
    let _ = std::fs::remove_dir_all(&dir);
}
