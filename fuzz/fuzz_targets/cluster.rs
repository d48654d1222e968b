//! Inventories (JSON) and scenarios (TOML) as people write them: parsed, audited, played.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cat = avma_core::Catalog::builtin();
    let text = String::from_utf8_lossy(data);
    if let Ok(inv) = serde_json::from_str::<avma_cluster::inventory::Inventory>(&text) {
        let _ = avma_cluster::audit::audit(&inv, &Default::default(), cat);
    }
    if let Ok(mut s) = avma_cluster::simulate::parse(&text) {
        s.days = s.days.min(60);
        let r = avma_cluster::simulate::run(&s, cat);
        let _ = avma_cluster::evidence_out::write(&r, &s, cat, false);
    }
});
