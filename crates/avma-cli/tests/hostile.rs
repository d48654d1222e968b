//! The hostile-evidence corpus (issue #12): evidence whose computer names, VM names, cluster group
//! names, event data and file names hold every quote character, shell metacharacters, control
//! characters, bidi overrides, HTML, spreadsheet formulas, Markdown pipes and fences, and
//! non-public product keys in every position, run through every command and every format.
//!
//! Asserted: no control or invisible character reaches text output or stderr; every problem is
//! one line; CSV parses back to the intended cells; JSON keeps the exact (redacted) values;
//! Markdown tables keep their column count and fences close; no full non-public key anywhere
//! (stdout, stderr, files written, their names). The printed PowerShell and cmd fix commands are
//! checked against the quoting rules of #12 (avma-core/src/shell.rs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use avma_cli::escape::{csv_cell, is_unsafe};
use avma_core::key::{fold_char, is_invisible, redact_text, ProductKey};
use avma_core::Catalog;
use common::{avma, stderr, stdout};

/// Every non-public key planted in the corpus (names, event data, descriptions, file and folder
/// names, a value wrapped over two Format-List lines).
const KEYS: [&str; 8] = [
    "N7TQ8-BCDFG-HJKMP-QRTVW-YH26G",
    "M2KQP-RT6VW-XY3BC-DF4GH-JK7PX",
    "Q9RTV-WX2YB-C3DFG-H4JKM-P6QRZ",
    "B7CDF-GH8JK-MP9QR-TV2WX-Y3BCD",
    "K4LMN-P5QRS-T6VWX-Y7ZAB-C8DEF",
    "D3FGH-JK4MP-QR6TV-WX7YB-C9DFG",
    "P8QRT-VW9XY-B2CDF-GH3JK-M4PQR",
    "R5STV-WX6YZ-B7CDF-GH8JK-M9PQR",
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A fresh copy of the corpus in a temporary folder, with hostile folder and file names added
/// (they cannot live in the repository: git and Windows checkouts refuse control characters).
struct Corpus {
    root: PathBuf,
}

impl Corpus {
    fn new(tag: &str) -> Corpus {
        let root = std::env::temp_dir().join(format!("avma-hostile-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy_dir(&fixtures().join("evidence"), &root.join("evidence"));
        // The guest's folder: a key glued to hyphens, a bidi override, an escape sequence.
        let guest = root.join(format!("evidence/vm--{}-\u{202e}\u{1b}[2J", KEYS[7]));
        std::fs::rename(root.join("evidence/guest"), &guest).unwrap();
        // A file named after a key holds real evidence.
        std::fs::copy(
            guest.join("computerinfo.json"),
            guest.join(format!("key-{}.json", KEYS[3])),
        )
        .unwrap();
        // A file whose name tries to forge a problem line and clear the screen.
        std::fs::write(
            guest.join("bad\navma: forged\u{1b}[2J\r.txt"),
            "nothing avma reads\n",
        )
        .unwrap();
        Corpus { root }
    }
    fn evidence(&self) -> String {
        self.root.join("evidence").display().to_string()
    }
}

impl Drop for Corpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Text as a reader would see it: invisibles dropped, look-alikes folded, upper case.
fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| fold_char(c).to_ascii_uppercase())
        .collect()
}

/// No key shows more than its last five characters: none of its first four groups appears, in
/// the raw text or folded.
fn assert_no_key(what: &str, text: &str) {
    let f = folded(text);
    for k in KEYS {
        for g in k.split('-').take(4) {
            assert!(
                !text.contains(g) && !f.contains(g),
                "{what}: part {g} of key {k} shown:\n{text}"
            );
        }
    }
}

/// Nothing that drives a terminal: only line feeds are allowed.
fn assert_inert(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe(c) && c != '\n') {
        panic!("{what}: raw {c:?} in output:\n{text}");
    }
}

/// stderr: inert, one line per problem, and no forged line.
fn assert_stderr(what: &str, err: &str) {
    assert_no_key(what, err);
    assert_inert(what, err);
    for l in err.lines() {
        assert!(l.starts_with("avma: "), "{what}: stray stderr line {l:?}");
        assert!(!l.starts_with("avma: forged"), "{what}: forged line {l:?}");
    }
}

fn run(what: &str, args: &[&str]) -> (String, String) {
    let o = avma(args);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "{what}: status {:?}\n{err}",
        o.status
    );
    assert_no_key(what, &out);
    assert_stderr(what, &err);
    (out, err)
}

fn run_text(what: &str, args: &[&str]) -> String {
    let (out, _) = run(what, args);
    assert_inert(what, &out);
    out
}

fn run_json(what: &str, args: &[&str]) -> serde_json::Value {
    let (out, _) = run(what, args);
    assert_inert(what, &out);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{what}: not JSON ({e}):\n{out}"))
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The names planted in the fixtures, as read from them (so the test and the data never drift).
fn fixture_names() -> (String, String) {
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("evidence/hv-node/cluster-groups.json")).unwrap(),
    )
    .unwrap();
    (
        v[0]["Name"].as_str().unwrap().to_string(),
        v[0]["OwnerNode"].as_str().unwrap().to_string(),
    )
}

fn parse_csv(what: &str, text: &str, width: usize) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for r in csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
    {
        let r: Vec<String> = r
            .unwrap_or_else(|e| panic!("{what}: bad CSV {e}"))
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(r.len(), width, "{what}: row {r:?}");
        for c in &r {
            assert!(
                !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: formula cell {c:?}"
            );
        }
        rows.push(r);
    }
    assert_eq!(
        rows.len(),
        text.lines().count(),
        "{what}: a cell split a row"
    );
    rows
}

/// Every Markdown table keeps the column count of its header; every fence closes.
fn assert_markdown(what: &str, md: &str) {
    let pipes = |l: &str| {
        let b: Vec<char> = l.chars().collect();
        (0..b.len())
            .filter(|&i| {
                b[i] == '|' && b[..i].iter().rev().take_while(|&&c| c == '\\').count() % 2 == 0
            })
            .count()
    };
    let mut header: Option<usize> = None;
    for l in md.lines() {
        if l.starts_with('|') {
            let n = pipes(l);
            match header {
                None => header = Some(n),
                Some(h) => assert_eq!(n, h, "{what}: table row changed width: {l:?}"),
            }
        } else {
            header = None;
        }
    }
    // A fence may be indented by up to three spaces (CommonMark), as in a numbered step's item.
    let unindent = |l: &str| -> String {
        let n = l.chars().take(3).take_while(|&c| c == ' ').count();
        l[n..].to_string()
    };
    let mut open: Option<usize> = None;
    for l in md.lines() {
        let l = unindent(l);
        let ticks = l.chars().take_while(|&c| c == '`').count();
        if ticks >= 3 {
            match open {
                None => open = Some(ticks),
                Some(n) if ticks >= n && l.trim_start_matches('`').is_empty() => open = None,
                Some(_) => {}
            }
        }
    }
    assert!(open.is_none(), "{what}: a fence never closes:\n{md}");
    // Outside code (fences and spans, where HTML is shown as text), no raw HTML.
    let mut prose = String::new();
    let mut fence: Option<usize> = None;
    for line in md.lines() {
        let l = unindent(line);
        let ticks = l.chars().take_while(|&c| c == '`').count();
        match fence {
            None if ticks >= 3 => fence = Some(ticks),
            Some(n) if ticks >= n && l.trim_start_matches('`').is_empty() => fence = None,
            None => {
                prose.push_str(&strip_code_spans(line));
                prose.push('\n');
            }
            Some(_) => {}
        }
    }
    for bad in ["<script>", "<img"] {
        for (at, _) in prose.match_indices(bad) {
            assert!(
                prose[..at].ends_with('\\'),
                "{what}: raw HTML {bad}:\n{prose}"
            );
        }
    }
}

/// A line without its code spans (a run of N backticks up to the next run of exactly N).
fn strip_code_spans(l: &str) -> String {
    let c: Vec<char> = l.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '\\' && i + 1 < c.len() {
            out.push(c[i]);
            out.push(c[i + 1]);
            i += 2;
            continue;
        }
        if c[i] == '`' {
            let n = c[i..].iter().take_while(|&&x| x == '`').count();
            let mut j = i + n;
            let mut closed = None;
            while j < c.len() {
                if c[j] == '`' {
                    let m = c[j..].iter().take_while(|&&x| x == '`').count();
                    if m == n {
                        closed = Some(j + m);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match closed {
                Some(end) => i = end,
                None => {
                    out.extend(&c[i..i + n]);
                    i += n;
                }
            }
            continue;
        }
        out.push(c[i]);
        i += 1;
    }
    out
}

#[test]
fn the_planted_keys_are_not_public() {
    let cat = Catalog::builtin();
    for k in KEYS {
        assert!(cat.key(&ProductKey::parse(k).unwrap()).is_none(), "{k}");
    }
}

#[test]
fn evidence_and_diagnose_in_every_format() {
    let c = Corpus::new("diag");
    let ev = c.evidence();
    let cat = Catalog::builtin();
    let (vm, host) = fixture_names();

    let text = run_text("evidence", &["evidence", &ev]);
    assert!(text.contains("\\x1b"), "escapes are shown: {text}");
    let v = run_json("evidence json", &["evidence", "--format", "json", &ev]);
    // JSON keeps the exact values (keys masked): the VM and host names, raw control characters and all.
    let mut all = Vec::new();
    strings(&v, &mut all);
    assert!(
        all.contains(&redact_text(&vm, cat)),
        "exact VM name in JSON"
    );
    assert!(
        all.contains(&redact_text(&host, cat)),
        "exact host name in JSON"
    );

    run_text("diagnose", &["diagnose", &ev]);
    run_json("diagnose json", &["diagnose", "--format", "json", &ev]);
    run_json("diagnose sarif", &["diagnose", "--format", "sarif", &ev]);
    let (jsonl, _) = run("diagnose jsonl", &["diagnose", "--format", "jsonl", &ev]);
    assert_inert("diagnose jsonl", &jsonl);
    for l in jsonl.lines() {
        serde_json::from_str::<serde_json::Value>(l).expect("one JSON object per line");
    }
    let md = run_text("diagnose md", &["diagnose", "--format", "md", &ev]);
    assert_markdown("diagnose md", &md);
    // The document views: no key, nothing a terminal acts on, Markdown structure kept.
    let md = run_text("evidence md", &["evidence", "--format", "md", &ev]);
    assert_markdown("evidence md", &md);
    run_text("evidence html", &["evidence", "--format", "html", &ev]);
    run_text("diagnose html", &["diagnose", "--format", "html", &ev]);
    run_text("diagnose ja", &["--lang", "ja", "diagnose", &ev]);
}

#[test]
fn report_and_check_in_every_format() {
    let c = Corpus::new("report");
    let ev = c.evidence();
    let html = run_text("report html", &["report", "--format", "html", &ev]);
    for raw in ["<script>alert", "<img src=x", "<script"] {
        assert!(!html.contains(raw), "report html: raw {raw}");
    }
    let md = run_text("report md", &["report", "--format", "md", &ev]);
    assert_markdown("report md", &md);
    run_text("report text", &["report", "--format", "text", &ev]);
    for f in ["nagios", "checkmk", "prometheus"] {
        let (out, _) = run(&format!("check {f}"), &["check", "--format", f, &ev]);
        assert_inert(&format!("check {f}"), &out);
    }
}

#[test]
fn colour_on_a_terminal_lets_only_avmas_own_colour_codes_through() {
    let c = Corpus::new("colour");
    let ev = c.evidence();
    for args in [
        vec!["--color", "always", "evidence", &ev],
        vec!["--color", "always", "diagnose", &ev],
        vec!["--color", "always", "audit", &ev],
    ] {
        let (out, _) = run("colour", &args);
        assert!(out.contains("\u{1b}[1m"), "coloured: {out}");
        // Every ESC starts one of Style's SGR codes: ESC [ digits/semicolons m.
        for (at, _) in out.match_indices('\u{1b}') {
            let rest = &out[at + 1..];
            let code: String = rest.chars().take_while(|&c| c != 'm').collect();
            assert!(
                code.starts_with('[') && code[1..].chars().all(|c| c.is_ascii_digit() || c == ';'),
                "foreign escape sequence {:?}",
                &rest[..rest.len().min(12)]
            );
        }
        assert_inert("colour", &out.replace('\u{1b}', ""));
        // The host's name holds a red of its own (ESC [31m, avma's red is ESC [1;31m): escaped.
        // (Its "1m" is masked with the key glued to it across a line break.)
        assert!(
            !out.contains("\u{1b}[3X") && !out.contains("\u{1b}[31m\n"),
            "{out}"
        );
        assert!(out.contains("\\x1b[3X"), "{out}");
    }
}

#[test]
fn inventory_audit_and_ledger_in_every_format() {
    let c = Corpus::new("cluster");
    let ev = c.evidence();

    let inv = run_json("inventory", &["inventory", &ev]);
    let inv_path = c.root.join("inventory.json");
    std::fs::write(&inv_path, serde_json::to_string_pretty(&inv).unwrap()).unwrap();
    let inv_arg = inv_path.display().to_string();

    run_text("audit", &["audit", &ev]);
    let md = run_text("audit md", &["audit", "--format", "md", &ev]);
    assert_markdown("audit md", &md);
    run_text("audit html", &["audit", "--format", "html", &ev]);
    run_text("inventory text", &["inventory", "--format", "text", &ev]);
    let md = run_text("inventory md", &["inventory", "--format", "md", &ev]);
    assert_markdown("inventory md", &md);
    run_text("inventory html", &["inventory", "--format", "html", &ev]);
    let j = run_json("audit json", &["audit", "--format", "json", &ev]);
    for src in [&ev, &inv_arg] {
        let csv = run_text("audit csv", &["audit", "--format", "csv", src]);
        let rows = parse_csv("audit csv", &csv, 6);
        // The VM cells are exactly the VM names of the JSON contract, made safe.
        let want: std::collections::BTreeSet<String> = j["vms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| csv_cell(v["name"].as_str().unwrap()))
            .collect();
        let got: std::collections::BTreeSet<String> =
            rows.iter().skip(1).map(|r| r[0].clone()).collect();
        assert_eq!(got, want, "audit csv vm cells");
    }

    run_text("ledger", &["ledger", &ev]);
    let md = run_text("ledger md", &["ledger", "--format", "md", &ev]);
    assert_markdown("ledger md", &md);
    run_text("ledger html", &["ledger", "--format", "html", &ev]);
    let lj = run_json("ledger json", &["ledger", "--format", "json", &ev]);
    let csv = run_text("ledger csv", &["ledger", "--format", "csv", &ev]);
    let rows = parse_csv("ledger csv", &csv, 7);
    let want: Vec<String> = lj["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| csv_cell(r["vm"].as_str().unwrap_or("")))
        .collect();
    let got: Vec<String> = rows.iter().skip(1).map(|r| r[0].clone()).collect();
    assert_eq!(got, want, "ledger csv vm cells");
    assert!(!want.is_empty(), "the ledger has rows");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        out.push(p.clone());
        if p.is_dir() {
            walk(&p, out);
        }
    }
}

#[test]
fn simulate_writes_no_key_into_files_or_their_names() {
    let c = Corpus::new("sim");
    let scenario = fixtures().join("scenario.toml").display().to_string();
    run_text("simulate", &["simulate", &scenario]);
    run_json(
        "simulate json",
        &["simulate", "--format", "json", &scenario],
    );
    let out = c.root.join("written");
    let out_arg = out.display().to_string();
    run_text(
        "simulate --write-evidence",
        &["simulate", &scenario, "--write-evidence", &out_arg],
    );
    let mut files = Vec::new();
    walk(&out, &mut files);
    assert!(files.iter().any(|p| p.is_file()), "evidence was written");
    for p in files {
        let rel = p.strip_prefix(&out).unwrap().display().to_string();
        assert_no_key("written file name", &rel);
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert_no_key(&format!("written file {rel}"), &text);
        }
    }
    // What was written reads back without leaking either.
    run_text("diagnose written", &["diagnose", &out_arg]);
}

#[test]
fn arguments_and_lint_inputs_are_redacted_and_inert() {
    let c = Corpus::new("args");
    let odd = format!("SRV-{}-\u{1b}[2J\u{202e}", KEYS[0]);
    run_text("explain", &["explain", &odd]);
    run_text(
        "plan",
        &["plan", "--guest", &odd, "--host", "2022 Datacenter"],
    );
    let runbook = c.root.join(format!("key-{}.md", KEYS[1]));
    std::fs::write(
        &runbook,
        format!(
            "slmgr /ipk {}\r\nslmgr /ipk --{}\u{1b}]0;x\u{7}\n",
            KEYS[2], KEYS[4]
        ),
    )
    .unwrap();
    run_text("lint", &["lint", &runbook.display().to_string()]);
    run_json(
        "lint json",
        &["lint", "--format", "json", &runbook.display().to_string()],
    );
}

// ---- Printed commands: built by the quoting layer (avma-core/src/shell.rs). ----

/// Markers of the hostile VM names that reach fix commands.
const MARKERS: [&str; 3] = ["Remove-Item C:", "calc.exe", "whoami"];

fn ps_string_nodes(src: &str) -> Vec<(usize, usize)> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .expect("grammar loads");
    let tree = parser.parse(src, None).expect("parse");
    let mut strings = Vec::new();
    let mut errors = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if n.is_error() || n.is_missing() {
            errors.push(n.kind().to_string());
        }
        if n.kind() == "string_literal" {
            strings.push((n.start_byte(), n.end_byte()));
        }
        let mut cur = n.walk();
        for ch in n.children(&mut cur) {
            stack.push(ch);
        }
    }
    assert!(
        errors.is_empty(),
        "PowerShell does not parse: {errors:?}\n{src}"
    );
    strings
}

/// Every marker of hostile text lies inside one and the same single-quoted string literal.
fn assert_ps_quoted(cmd: &str) {
    let hits: Vec<usize> = MARKERS.iter().filter_map(|m| cmd.find(m)).collect();
    if hits.is_empty() {
        return;
    }
    let strings = ps_string_nodes(cmd);
    let holder = strings
        .iter()
        .find(|(a, b)| hits.iter().all(|&h| *a < h && h < *b))
        .unwrap_or_else(|| panic!("hostile text outside one string literal: {cmd}"));
    assert!(
        cmd[holder.0..holder.1].starts_with('\''),
        "hostile text in an expandable string: {cmd}"
    );
}

/// A cmd line: every metacharacter outside double quotes is escaped with `^`, hostile text sits
/// inside quotes, and no `%` can expand.
fn assert_cmd_quoted(line: &str) {
    let hits: Vec<usize> = MARKERS.iter().filter_map(|m| line.find(m)).collect();
    if hits.is_empty() {
        return;
    }
    let b = line.as_bytes();
    let mut quoted = false;
    let mut inside = vec![false; b.len()];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'^' if !quoted => i += 1,
            b'"' => quoted = !quoted,
            b'&' | b'|' | b'<' | b'>' if !quoted => panic!("unescaped {} in {line}", b[i] as char),
            _ => {}
        }
        if i < b.len() {
            inside[i] = quoted;
        }
        i += 1;
    }
    assert!(!quoted, "unbalanced quotes: {line}");
    for h in hits {
        assert!(inside[h], "hostile text outside quotes: {line}");
    }
    assert!(
        !line.contains("%PATH%"),
        "a %variable% would expand: {line}"
    );
}

fn fix_commands(c: &Corpus) -> (Vec<String>, Vec<String>) {
    let ev = c.evidence();
    let d = run_json("diagnose json", &["diagnose", "--format", "json", &ev]);
    let mut cmd = Vec::new();
    let mut ps = Vec::new();
    for f in d["findings"].as_array().unwrap() {
        strings(&f["fix"], &mut cmd);
        strings(&f["fix_powershell"], &mut ps);
    }
    let a = run_json("audit json", &["audit", "--format", "json", &ev]);
    for f in a["fixes"].as_array().unwrap() {
        for c in f["commands"].as_array().unwrap() {
            let c = c.as_str().unwrap().to_string();
            if c.starts_with("cscript") || c.starts_with("powershell ") {
                cmd.push(c);
            } else {
                ps.push(c);
            }
        }
    }
    (cmd, ps)
}

#[test]
fn every_printed_powershell_fix_holds_hostile_text_in_one_literal() {
    let c = Corpus::new("ps");
    let (_, ps) = fix_commands(&c);
    assert!(
        ps.iter().any(|p| MARKERS.iter().any(|m| p.contains(m))),
        "the corpus reaches PowerShell fixes"
    );
    for p in ps {
        assert!(
            !p.contains('\n') && !p.contains('\r'),
            "a line break splits {p:?}"
        );
        assert_ps_quoted(&p);
    }
}

#[test]
fn every_printed_cmd_fix_keeps_hostile_text_quoted() {
    let c = Corpus::new("cmd");
    let (cmd, _) = fix_commands(&c);
    assert!(
        cmd.iter().any(|l| MARKERS.iter().any(|m| l.contains(m))),
        "the corpus reaches cmd fixes"
    );
    for l in cmd {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "a line break splits {l:?}"
        );
        assert!(!l.contains(" # "), "`#` is no comment in cmd: {l}");
        assert_cmd_quoted(&l);
    }
}

#[test]
fn the_command_checks_catch_injection() {
    // The checkers themselves can fail: the pre-#12 output is caught.
    let bad = "Get-VMIntegrationService -VMName 'x'; Remove-Item C:\\ -Recurse; ''";
    assert!(std::panic::catch_unwind(|| assert_ps_quoted(bad)).is_err());
    let good = "Get-VMIntegrationService -VMName 'x''; Remove-Item C:\\ -Recurse; '''";
    assert_ps_quoted(good);
    let bad = "cscript //nologo slmgr.vbs /ipk KEY   # in VM2 & calc.exe";
    assert!(std::panic::catch_unwind(|| assert_cmd_quoted(bad)).is_err());
    assert_cmd_quoted("echo \"VM2 ^& calc.exe\"");
}
