//! Writes a large synthetic Application.evtx for benchmarks: mostly noise from other providers,
//! with Security-SPP and AVMA events sprinkled in.
//!   cargo run --release -p evtx-writer --example generate -- OUT.evtx SIZE_MIB

use evtx_writer::{write, Event};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(out), Some(mib)) = (
        args.get(1),
        args.get(2).and_then(|s| s.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: generate OUT.evtx SIZE_MIB");
        std::process::exit(2);
    };
    // About 62 records of this shape fit a 64 KiB chunk (each carries its template inline).
    let records = mib * 16 * 62;
    let mut events = Vec::with_capacity(records);
    for i in 0..records {
        let t = 1_764_000_000 + i as i64;
        if i % 5000 == 0 {
            events.push(Event::spp(
                12309,
                "VM-APP01",
                t,
                &["0xC004FD02", "HV-NODE3"],
            ));
        } else {
            events.push(Event {
                provider: if i % 2 == 0 {
                    "Application Error".into()
                } else {
                    "MSSQLSERVER".into()
                },
                event_id: 1000 + (i % 7) as u16,
                qualifiers: Some(0),
                level: 4,
                unix_time: t,
                channel: "Application".into(),
                computer: "VM-APP01".into(),
                data: vec![format!("payload {i}"), "x".repeat(40)],
            });
        }
    }
    let bytes = write(&events);
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
    eprintln!("{out}: {} bytes, {} records", bytes.len(), events.len());
}
