//! Property: any clean fixture wrapped in transcript noise — a prompt and the command before, a
//! prompt after, a timestamp and log tag on every line, hard wraps at any width from 40 to 160
//! columns (the console's 80, a ticket system's 60, a mail client's 72...), a common indentation
//! (4 spaces or a tab, as e-mail, tickets and Markdown code blocks keep it), CRLF line ends, a UTF-8
//! BOM, UTF-16 (with its BOM, as Windows writes it) — yields the same facts as the clean fixture.
//!
//! And the other way round: a text that is not wrapped but whose lines happen to be of equal
//! width is left as it is (no two real lines are joined).

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
    /// Hard-wrap width, if any.
    wrap: Option<usize>,
    /// Every line indented by this, after the wrap (a pasted block).
    indent: Option<&'static str>,
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
        if let Some(w) = n.wrap {
            out.extend(wrap(&l, w));
        } else {
            out.push(l);
        }
    }
    if n.prompt_after {
        out.push("PS C:\\Users\\opsadmin> ".into());
    }
    if let Some(ind) = n.indent {
        for l in &mut out {
            if !l.trim().is_empty() {
                l.insert_str(0, ind);
            }
        }
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
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn noise_does_not_change_the_facts(
        idx in 0usize..1000,
        prompt_before: bool, prompt_after: bool, timestamps: bool,
        wrap in proptest::option::of(40usize..=160),
        indent in proptest::option::of(prop_oneof![Just("    "), Just("\t"), Just("        ")]),
        crlf: bool, bom: bool, utf16: bool,
    ) {
        let files = fixtures();
        let path = &files[idx % files.len()];
        let cat = Catalog::builtin();
        let clean_lines = decode(&std::fs::read(path).unwrap());
        let clean = flatten(&read_text("f", &clean_lines, cat));
        let n = Noise { prompt_before, prompt_after, timestamps, wrap, indent, crlf, bom, utf16 };
        let noisy_lines = decode(&noisy(&clean_lines, n));
        let mut got = flatten(&read_text("f", &noisy_lines, cat));
        // Stamping every line makes the text a log with a time of its own (`Fact::Logged`):
        // a fact of the wrapper, not of the output.
        if n.timestamps && !clean.iter().any(|f| f.starts_with("logged=")) {
            got.retain(|f| !f.starts_with("logged="));
        }
        prop_assert_eq!(&got, &clean, "{} with {:?}", path.display(), n);
    }
}

/// Blocks of lines of one width `w` in the shapes real output has: `label: value` (slmgr),
/// Format-List `Label : value`, list items, and a table whose rows are as wide as its header.
fn equal_lines(w: usize, seed: &[u8]) -> Vec<String> {
    const LABELS: &[&str] = &[
        "Name",
        "Description",
        "Partial Product Key",
        "License Status",
        "Lizenzstatus",
        "ライセンスの状態",
        "Target Edition",
        "Message",
    ];
    const WORDS: &[&str] = &[
        "ServerStandard",
        "Licensed",
        "VOLUME_KMSCLIENT",
        "channel",
        "Windows(R),",
        "edition",
        "True",
        "False",
        "OK",
        "0xC004F074",
        "minute(s)",
        "(7",
        "day(s))",
        "HV-CLU-N3",
        "データ交換",
    ];
    // `s` filled with words up to exactly `w` columns.
    let fill = |mut s: String, k: usize| {
        let mut j = k;
        while UnicodeWidthStr::width(s.as_str()) < w {
            let word = WORDS[(seed[j % seed.len()] as usize + j) % WORDS.len()];
            j += 1;
            let room = w - UnicodeWidthStr::width(s.as_str());
            if UnicodeWidthStr::width(word) < room {
                s.push(' ');
                s.push_str(word);
            } else {
                s.push_str(&"x".repeat(room));
            }
        }
        s
    };
    let mut out = Vec::new();
    for (block, b) in seed.iter().enumerate() {
        out.push(String::new());
        let rows = 2 + (*b as usize % 4);
        for k in 0..rows {
            let label = LABELS[(*b as usize + k) % LABELS.len()];
            let line = match b % 4 {
                0 => fill(format!("{label}:"), block + k),
                1 => fill(format!("{label:<20} :"), block + k),
                2 => fill(format!("- {label}"), block + k),
                _ => {
                    if k == 0 {
                        out.push(format!("{:<10} {}", "VMName", "Name").to_string());
                        out.push(format!("{} {}", "-".repeat(10), "-".repeat(w - 11)));
                    }
                    let cell = format!("VM-{block}-{k}");
                    format!("{cell:<10} {}", "y".repeat(w - 11))
                }
            };
            out.push(line);
        }
    }
    out
}

use unicode_width::UnicodeWidthStr;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn equal_width_lines_are_not_joined(
        w in 40usize..=160,
        seed in proptest::collection::vec(any::<u8>(), 2..24),
    ) {
        let lines = equal_lines(w, &seed);
        let c = avma_evidence::clean::clean(&lines);
        prop_assert_eq!(c.rejoined, 0, "{:#?} became {:#?}", lines, c.lines);
        prop_assert_eq!(c.lines.len(), lines.len());
    }

}
