//! The linter behind the decoder, fed in two chunks at an arbitrary split; beside it the
//! reference linter (every line through the regexes, no fast path) must observe the same after
//! every line and report the same findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cat = avma_core::Catalog::builtin();
    let Ok(enc) = avma_text::sniff(data, true) else { return };
    let mut fast = avma_core::lint::Linter::new("fuzz", Default::default(), cat);
    let mut reference = avma_core::lint::Linter::reference("fuzz", Default::default(), cat);
    let mut feed = |l: &str| {
        fast.feed_line(l);
        reference.feed_line(l);
        assert_eq!(fast.observations(), reference.observations(), "after {l:?}");
    };
    let mut s = avma_text::LineStream::new(enc);
    let split = data.first().map_or(0, |b| *b as usize).min(data.len());
    let _ = s.push(&data[..split], false, &mut feed);
    let _ = s.push(&data[split..], true, &mut feed);
    let (a, b) = (fast.finish(), reference.finish());
    assert_eq!(format!("{:?}", a.findings), format!("{:?}", b.findings));
    assert_eq!(a.target_version, b.target_version);
});
