//! The linter behind the decoder, fed in two chunks at an arbitrary split.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cat = avma_core::Catalog::builtin();
    let Ok(enc) = avma_text::sniff(data, true) else { return };
    let mut linter = avma_core::lint::Linter::new("fuzz", Default::default(), cat);
    let mut s = avma_text::LineStream::new(enc);
    let split = data.first().map_or(0, |b| *b as usize).min(data.len());
    let _ = s.push(&data[..split], false, &mut |l| linter.feed_line(l));
    let _ = s.push(&data[split..], true, &mut |l| linter.feed_line(l));
    let _ = linter.finish();
});
