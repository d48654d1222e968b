//! Property: any clean fixture wrapped in transcript noise — a prompt and the command before, a
//! prompt after, a timestamp and log tag on every line, hard wraps at 80 columns, CRLF line ends,
//! a UTF-8 BOM, UTF-16 (with its BOM, as Windows writes it) — yields the same facts as the clean fixture.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use unicode_width::UnicodeWidthChar;

use avma_core::Catalog;
use avma_evidence::detect::read_text;

mod common;
use common::flatten;

/// The clean text fixtures (slmgr, DISM, Format-List; the capture corpus is noisy already).
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["slmgr", "dism", "powershell"] {
        let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy();
                n.ends_with(".txt") && !n.contains(".utf16") && !n.contains(".cp932")
            })
            .collect();
        v.sort();
        out.extend(v);
    }
    out
}

fn decode(bytes: &[u8]) -> Vec<String> {
    avma_text::decode_lines(bytes).unwrap().1
}

/// Wrap a line at `width` display columns, as a console does.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut w = 0;
    for c in line.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            out.push(std::mem::take(&mut cur));
            w = 0;
        }
        cur.push(c);
        w += cw;
    }
    out.push(cur);
    // A piece that starts indented would be a line of its own: such lines are left whole.
    if out
        .iter()
        .skip(1)
        .any(|p| p.starts_with("  ") || p.starts_with('\t'))
    {
        return vec![line.to_string()];
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Noise {
    prompt_before: bool,
    prompt_after: bool,
    timestamps: bool,
    wrap80: bool,
    crlf: bool,
    bom: bool,
    utf16: bool,
}

fn noisy(lines: &[String], n: Noise) -> Vec<u8> {
    let mut out: Vec<String> = Vec::new();
    if n.prompt_before {
        out.push(
            "PS C:\\Users\\opsadmin> cscript //nologo C:\\Windows\\System32\\slmgr.vbs /dlv".into(),
        );
    }
    for l in lines {
        let l = if n.timestamps {
            format!("2026/11/28 09:22:31 AgentLog: {l}")
        } else {
            l.clone()
        };
        if n.wrap80 {
            out.extend(wrap(&l, 80));
        } else {
            out.push(l);
        }
    }
    if n.prompt_after {
        out.push("PS C:\\Users\\opsadmin> ".into());
    }
    let sep = if n.crlf { "\r\n" } else { "\n" };
    let text = out.join(sep) + sep;
    if n.utf16 {
        // Windows writes UTF-16 with its BOM (PowerShell 5.1's `>` and Out-File).
        let mut b = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        b
    } else {
        let mut b = if n.bom {
            vec![0xEF, 0xBB, 0xBF]
        } else {
            Vec::new()
        };
        b.extend(text.as_bytes());
        b
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]
    #[test]
    fn noise_does_not_change_the_facts(
        idx in 0usize..1000,
        prompt_before: bool, prompt_after: bool, timestamps: bool, wrap80: bool,
        crlf: bool, bom: bool, utf16: bool,
    ) {
        let files = fixtures();
        let path = &files[idx % files.len()];
        let cat = Catalog::builtin();
        let clean_lines = decode(&std::fs::read(path).unwrap());
        let clean = flatten(&read_text("f", &clean_lines, cat));
        let n = Noise { prompt_before, prompt_after, timestamps, wrap80, crlf, bom, utf16 };
        let noisy_lines = decode(&noisy(&clean_lines, n));
        let got = flatten(&read_text("f", &noisy_lines, cat));
        prop_assert_eq!(&got, &clean, "{} with {:?}", path.display(), n);
    }
}
