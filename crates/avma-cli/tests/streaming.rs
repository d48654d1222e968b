//! A large input streams through `avma lint` in bounded memory: the peak heap while linting
//! 64 MiB must stay far below the input size. (Time is measured by bench/, not here.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

use avma_cli::cmd::lint::lint_reader;
use avma_core::catalog::Catalog;
use avma_core::lint::LintOptions;

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        CURRENT.fetch_sub(l.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static A: Counting = Counting;

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
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let res = lint_reader("generated", &mut input, LintOptions::default(), cat);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let report = res.report.unwrap();
    assert!(res.error.is_none());
    assert!(report.lines > 600_000, "{}", report.lines);
    // Generous bound; reading the input whole would need more than 64 MiB.
    assert!(
        peak < 8 * 1024 * 1024,
        "peak heap {peak} bytes while streaming {SIZE} bytes"
    );
}
