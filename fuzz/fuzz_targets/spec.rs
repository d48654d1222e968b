//! What people type for a machine, and product keys in text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cat = avma_core::Catalog::builtin();
    let s = String::from_utf8_lossy(data);
    let _ = avma_core::spec::parse_machine(&s, cat);
    let _ = avma_core::spec::parse_edition_words(&s, cat);
    let _ = avma_core::key::find_keys(&s);
    let _ = avma_core::key::redact_text(&s, cat);
});
