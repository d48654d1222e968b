//! Detection scores the whole content (issue #13): a capture whose first lines — fifty, hundreds,
//! thousands — are other output (a ping transcript, a chat message, a long log) is read exactly
//! as the capture alone, for every reader: slmgr, DISM, Format-List, Format-Table, ConvertTo-Json
//! and event XML. Detection used to look at a window at the top (the first 200 lines for
//! Format-List, 400 for event XML, 2,000 for tables, the first line for JSON and XML).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use avma_core::Catalog;
use avma_evidence::detect::read_text;

mod common;
use common::flatten;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["slmgr", "dism", "powershell", "events"] {
        let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        out.extend(v);
    }
    out
}

/// `n` lines of other output, in three shapes people paste above what they were asked for.
fn noise(n: usize, shape: usize) -> Vec<String> {
    (0..n)
        .map(|i| match shape {
            0 => format!("Reply from 10.20.30.{}: bytes=32 time<1ms TTL=128", i % 250),
            1 => format!(
                "Hi, as asked on the ticket here is everything from the server, part {i} of the notes we took while the node was drained"
            ),
            _ => format!(
                "2026-11-28 09:{:02}:{:02} [info] backup job {i} finished with 0 warnings",
                i / 60 % 60,
                i % 60
            ),
        })
        .collect()
}

#[test]
fn every_reader_finds_its_output_after_any_amount_of_other_output() {
    let cat = Catalog::builtin();
    let mut checked = 0;
    for path in fixtures() {
        let (_, clean_lines) = avma_text::decode_lines(&std::fs::read(&path).unwrap()).unwrap();
        let clean = read_text("f", &clean_lines, cat);
        if clean.observations.is_empty() {
            continue;
        }
        let want = flatten(&clean);
        for (n, shape) in [(60, 0), (450, 1), (2_500, 2)] {
            let mut lines = noise(n, shape);
            lines.push(String::new());
            lines.extend(clean_lines.iter().cloned());
            let r = read_text("f", &lines, cat);
            // An input whose readers name no language takes the language of the text around
            // the output (here the noise's English prose): every other fact is the same.
            let mut got = flatten(&r);
            if clean.language.is_none() {
                got.retain(|f| !f.starts_with("language="));
            }
            assert_eq!(
                got,
                want,
                "{} after {n} lines of noise (shape {shape})",
                path.display()
            );
            // Every fact points at its line in the whole input.
            let first_fact = r
                .observations
                .iter()
                .filter_map(|o| o.from.line)
                .min()
                .unwrap();
            assert!(first_fact > n as u64, "{}: {first_fact}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 25, "{checked}");
}
