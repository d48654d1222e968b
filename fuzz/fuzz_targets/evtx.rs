//! The .evtx path: arbitrary bytes as a file, every chunk rendered (`all`) and the fast path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = avma_evidence::evtx::read("fuzz.evtx", std::io::Cursor::new(data.to_vec()), true);
    let _ = avma_evidence::evtx::read("fuzz.evtx", std::io::Cursor::new(data.to_vec()), false);
});
