//! A large input streams through `avma lint` in bounded memory: the peak heap while linting
//! 64 MiB must stay far below the input size. (Time is measured by bench/, not here.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;

use avma_cli::cmd::lint::lint_reader;
use avma_core::catalog::Catalog;
use avma_core::lint::LintOptions;

#[global_allocator]
static A: avma_testkit::Counting = avma_testkit::Counting;

/// Generates `total` bytes of runbook-like text without holding them.
struct Generated {
    line: Vec<u8>,
    pos: usize,
    left: usize,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() && self.left > 0 {
            let take = (self.line.len() - self.pos)
                .min(buf.len() - n)
                .min(self.left);
            buf[n..n + take].copy_from_slice(&self.line[self.pos..self.pos + take]);
            self.pos = (self.pos + take) % self.line.len();
            n += take;
            self.left -= take;
        }
        Ok(n)
    }
}

#[test]
fn lint_memory_does_not_grow_with_input_size() {
    const SIZE: usize = 64 * 1024 * 1024;
    let cat = Catalog::builtin();
    let mut input = Generated {
        line: "2026-11-29 ノード HV1: Windows Server 2019 guest VM running; DISM /online /Get-CurrentEdition\n"
            .as_bytes()
            .to_vec(),
        pos: 0,
        left: SIZE,
    };
    let (res, peak) =
        avma_testkit::growth(|| lint_reader("generated", &mut input, LintOptions::default(), cat));
    let report = res.report.unwrap();
    assert!(res.error.is_none());
    assert!(report.lines > 600_000, "{}", report.lines);
    // Generous bound; reading the input whole would need more than 64 MiB.
    assert!(
        peak < 8 * 1024 * 1024,
        "peak heap {peak} bytes while streaming {SIZE} bytes"
    );
}
