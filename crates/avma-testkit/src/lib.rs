//! Test support shared by the memory-bound tests (`avma-cli/tests/streaming.rs`,
//! `avma-cli/tests/bundle_memory.rs`, `avma-evidence/tests/table_memory.rs`): a global allocator
//! that counts the live heap and its peak. A test binary installs it with
//!
//! ```text
//! #[global_allocator]
//! static A: avma_testkit::Counting = avma_testkit::Counting;
//! ```
//!
//! and measures with [`growth`]. The counters are process-wide: a test binary that measures
//! keeps its measurements in one `#[test]` (or runs nothing else meanwhile), as the callers do.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting the bytes live and the peak since the last [`reset_peak`].
pub struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; only counters are updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is `System.alloc`'s.
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // SAFETY: `p` was allocated by `alloc` above, that is by `System`, with layout `l`.
        unsafe { System.dealloc(p, l) };
        CURRENT.fetch_sub(l.size(), Ordering::Relaxed);
    }
}

/// Bytes allocated and not yet freed (counted only while [`Counting`] is the global allocator).
pub fn current() -> usize {
    CURRENT.load(Ordering::Relaxed)
}

/// The highest [`current`] since the last [`reset_peak`].
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Starts a new peak from the heap's level now; returns that level.
pub fn reset_peak() -> usize {
    let base = current();
    PEAK.store(base, Ordering::Relaxed);
    base
}

/// The heap's peak growth over its level before, while `f` runs (0 if it never rose above it).
pub fn growth<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = reset_peak();
    let out = f();
    (out, peak().saturating_sub(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[global_allocator]
    static A: Counting = Counting;

    /// The only test of this binary, so nothing else allocates while it measures.
    #[test]
    fn growth_sees_a_freed_peak_and_not_what_was_there_before() {
        let kept = vec![0u8; 1 << 20];
        let (len, grew) = growth(|| {
            let v = std::hint::black_box(vec![1u8; 4 << 20]);
            v.len()
        });
        assert_eq!(len, 4 << 20);
        // The 4 MiB buffer was freed before `growth` returned, yet it is the peak; the 1 MiB
        // allocated before is not counted.
        assert!((4 << 20..5 << 20).contains(&grew), "{grew}");
        assert!(current() >= kept.len());
        let (_, none) = growth(|| ());
        assert!(none < 4096, "{none}");
        drop(kept);
    }
}
