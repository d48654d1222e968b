//! Writes an Application.evtx of N Security-SPP records only (every chunk holds events avma
//! keeps, the worst case for its reader), for the scale benchmark.
//!   cargo run --release -p evtx-writer --example spp -- OUT.evtx N

use evtx_writer::{write, Event};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|s| s.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: spp OUT.evtx N");
        std::process::exit(2);
    };
    let events: Vec<Event> = (0..n)
        .map(|i| {
            let t = 1_764_000_000 + i as i64;
            match i % 3 {
                0 => Event::spp(12309, "VM-APP01", t, &["0xC004FD02", "HV-NODE3"]),
                1 => Event::spp(8198, "VM-APP01", t, &["hr=0xC004F074", "RuleId=1"]),
                _ => Event::spp(12309, "VM-APP01", t, &["0x0", "HV-NODE1"]),
            }
        })
        .collect();
    let bytes = write(&events);
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
    eprintln!("{out}: {} bytes, {} records", bytes.len(), events.len());
}
