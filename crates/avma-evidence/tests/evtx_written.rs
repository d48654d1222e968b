//! .evtx files made by the test writer: AVMA and Security-SPP events are found with their
//! provider, id, qualifiers, HRESULTs and record ids; damaged files keep their readable records
//! and report the rest with file and offset.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use avma_evidence::evtx::{read, CHUNK, FILE_HEADER};
use avma_evidence::observe::{EventRecord, Fact, ReadResult};
use evtx_writer::{write, Event};

fn events(r: &ReadResult) -> Vec<&EventRecord> {
    r.observations
        .iter()
        .filter_map(|o| match &o.fact {
            Fact::Event(e) => Some(&**e),
            _ => None,
        })
        .collect()
}

/// Every line said about the input (`file: reason`), the problems rendered in English as the
/// CLI renders them.
fn lines(r: &ReadResult) -> Vec<String> {
    let en = avma_i18n::I18n::new(avma_core::text::Lang::En);
    let mut out = r.warnings.clone();
    out.extend(
        r.problems
            .iter()
            .map(|p| format!("{}: {}", r.file, en.msg(&p.message))),
    );
    out
}

fn sample() -> Vec<Event> {
    let mut v = Vec::new();
    // Noise from another provider, then the events of interest.
    for i in 0..400 {
        v.push(Event {
            provider: "Application Error".into(),
            event_id: 1000,
            qualifiers: Some(0),
            level: 2,
            unix_time: 1_764_000_000 + i,
            channel: "Application".into(),
            computer: "VM-APP01".into(),
            data: vec!["app.exe".into(); 4],
        });
    }
    v.push(Event::spp(
        12309,
        "VM-APP01",
        1_764_300_000,
        &["0xC004FD02", "HV-NODE3"],
    ));
    v.push(Event::spp(
        8198,
        "VM-APP01",
        1_764_300_001,
        &["hr=0xC004F074", "RuleId=1"],
    ));
    v
}

#[test]
fn avma_events_are_found_and_other_chunks_skipped() {
    let bytes = write(&sample());
    let chunks = (bytes.len() - FILE_HEADER) / CHUNK;
    assert!(chunks >= 2, "{chunks}");
    let (r, stats) = read("app.evtx", Cursor::new(bytes), false);
    let ev = events(&r);
    assert_eq!(ev.len(), 2, "{:?}", lines(&r));
    assert_eq!(ev[0].event_id, 12309);
    assert_eq!(ev[0].qualifiers, Some(16384));
    assert_eq!(ev[0].provider, "Microsoft-Windows-Security-SPP");
    assert_eq!(ev[0].hresults, [0xC004FD02]);
    assert_eq!(ev[0].record_id, Some(401));
    assert_eq!(ev[1].hresults, [0xC004F074]);
    assert!(stats.chunks_skipped >= 1, "{stats:?}");
    assert!(lines(&r).is_empty(), "{:?}", lines(&r));
}

fn damaged(f: impl Fn(&mut Vec<u8>)) -> (ReadResult, avma_evidence::evtx::ScanStats) {
    let mut bytes = write(&sample());
    f(&mut bytes);
    read("damaged.evtx", Cursor::new(bytes), false)
}

#[test]
fn truncated_file() {
    let (r, _) = damaged(|b| b.truncate(b.len() - 30_000));
    assert!(
        lines(&r)
            .iter()
            .any(|w| w.contains("truncated") && w.contains("byte offset")),
        "{:?}",
        lines(&r)
    );
}

#[test]
fn zero_filled_chunk() {
    let (r, stats) = damaged(|b| b[FILE_HEADER..FILE_HEADER + CHUNK].fill(0));
    assert!(
        lines(&r)
            .iter()
            .any(|w| w.contains("zero-filled") && w.contains("byte offset 4096")),
        "{:?}",
        lines(&r)
    );
    assert_eq!(stats.chunks_bad, 1);
    // The events of the later chunk are still found.
    assert_eq!(events(&r).len(), 2);
}

#[test]
fn wrong_file_magic() {
    let (r, _) = damaged(|b| b[..8].copy_from_slice(b"NotEvtx\0"));
    assert!(
        lines(&r).iter().any(|w| w.contains("wrong magic")),
        "{:?}",
        lines(&r)
    );
    assert_eq!(events(&r).len(), 2);
}

#[test]
fn bad_crc_keeps_readable_records() {
    let (r, _) = damaged(|b| {
        let last = b.len() - CHUNK;
        b[last + 52] ^= 0xFF; // records CRC of the last chunk
    });
    assert!(
        lines(&r).iter().any(|w| w.contains("bad checksum")),
        "{:?}",
        lines(&r)
    );
    assert_eq!(events(&r).len(), 2);
}

#[test]
fn garbage_in_the_middle_of_a_chunk() {
    let (r, _) = damaged(|b| {
        let last = b.len() - CHUNK;
        for x in &mut b[last + 600..last + 700] {
            *x = 0xAB;
        }
    });
    // No panic; whatever is readable is kept and the damage is named with its offset.
    assert!(
        lines(&r).iter().all(|w| w.contains("damaged.evtx")),
        "{:?}",
        lines(&r)
    );
}

#[test]
fn empty_and_tiny_files() {
    let (r, _) = read("empty.evtx", Cursor::new(Vec::new()), false);
    assert!(lines(&r)[0].contains("empty"));
    let (r, _) = read("tiny.evtx", Cursor::new(b"ElfFile\0".to_vec()), false);
    assert!(events(&r).is_empty());
}

#[test]
fn a_file_header_alone_gets_one_line() {
    let bytes = write(&sample());
    let (r, stats) = read(
        "header.evtx",
        Cursor::new(bytes[..FILE_HEADER].to_vec()),
        false,
    );
    assert_eq!(
        lines(&r),
        ["header.evtx: an EVTX file header (4096 bytes) and no chunks: no records in it"]
    );
    assert_eq!(stats.chunks, 0);
    assert!(events(&r).is_empty());
}

#[test]
fn many_damaged_chunks_get_one_line_with_their_count() {
    // Twenty chunks of noise, every one of them damaged in a different way or place.
    let mut v = Vec::new();
    for i in 0..20 * 400 {
        v.push(Event::spp(
            12309,
            "VM-APP01",
            1_764_000_000 + i,
            &["0xC004FD02"],
        ));
    }
    let mut bytes = write(&v);
    let chunks = (bytes.len() - FILE_HEADER) / CHUNK;
    assert!(chunks >= 20, "{chunks}");
    for c in 0..chunks {
        let at = FILE_HEADER + c * CHUNK;
        match c % 3 {
            0 => bytes[at..at + 8].copy_from_slice(b"Garbage\0"),
            1 => bytes[at + 52] ^= 0xFF,
            _ => bytes[at + 600..at + 700].fill(0xAB),
        }
    }
    let (r, _) = read("damaged.evtx", Cursor::new(bytes), false);
    assert_eq!(lines(&r).len(), 1, "{:?}", lines(&r));
    let all = lines(&r);
    let w = &all[0];
    assert!(
        w.starts_with(&format!(
            "damaged.evtx: {chunks} damaged chunks of {chunks} (first: "
        )),
        "{w}"
    );
    assert!(w.contains("byte offset 4096"), "{w}");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Random bytes written over a valid file never panic the reader.
        #[test]
        fn random_damage_never_panics(at in 0usize..200_000, len in 1usize..4000, byte in any::<u8>()) {
            let mut bytes = write(&sample());
            let n = bytes.len();
            let at = at % n;
            let end = (at + len).min(n);
            for x in &mut bytes[at..end] { *x = byte; }
            let _ = read("fuzz.evtx", Cursor::new(bytes), false);
        }
    }
}

/// Moves in .evtx (issue #8): the cluster's role moves and the VMMS completed live migration are
/// kept from an .evtx as from event XML; other events of those providers are not.
#[test]
fn move_events_are_kept_from_evtx() {
    let ev = |provider: &str, id: u16, channel: &str, data: &[&str]| Event {
        provider: provider.into(),
        event_id: id,
        qualifiers: None,
        level: 4,
        unix_time: 1_764_300_000,
        channel: channel.into(),
        computer: "HV-NODE2".into(),
        data: data.iter().map(|s| s.to_string()).collect(),
    };
    let bytes = write(&[
        ev(
            "Microsoft-Windows-FailoverClustering",
            1641,
            "Microsoft-Windows-FailoverClustering/Operational",
            &["VM-APP01", "HV-NODE1", "HV-NODE2"],
        ),
        ev(
            "Microsoft-Windows-FailoverClustering",
            1069,
            "Microsoft-Windows-FailoverClustering/Operational",
            &["VM-APP01"],
        ),
        ev(
            "Microsoft-Windows-Hyper-V-VMMS",
            20417,
            "Microsoft-Windows-Hyper-V-VMMS-Admin",
            &["VM-APP01", "63.1"],
        ),
        ev(
            "Microsoft-Windows-Hyper-V-VMMS",
            20413,
            "Microsoft-Windows-Hyper-V-VMMS-Admin",
            &["VM-APP01"],
        ),
    ]);
    let (r, _) = read("moves.evtx", Cursor::new(bytes), false);
    let mut ids: Vec<u32> = events(&r).iter().map(|e| e.event_id).collect();
    ids.sort_unstable();
    assert_eq!(ids, [1641, 20417], "{:?}", lines(&r));
}

/// An .evtx holds no rendered message: a 12309 is judged by its values only. One whose values
/// name no result and no code is `Unknown` (never a success by default); one whose value names a
/// documented notification and the host after a label carries both; the success code reads as
/// success.
#[test]
fn evtx_avma_events_are_judged_by_their_values_only() {
    use avma_core::judge::{record_outcome, AvmaResult, Record};
    let bytes = write(&[
        Event::spp(12309, "VM-APP01", 1_764_300_000, &["HV-NODE3"]),
        Event::spp(
            12309,
            "VM-APP01",
            1_764_300_100,
            &["Invalid Data", "Host: HV-NODE3"],
        ),
        Event::spp(
            12310,
            "HV-NODE3",
            1_764_300_200,
            &["VM-APP01", "0x00000000"],
        ),
    ]);
    let (r, _) = read("avma.evtx", Cursor::new(bytes), false);
    let ev = events(&r);
    assert_eq!(ev.len(), 3, "{:?}", r.warnings);
    assert!(ev.iter().all(|e| e.message.is_none()));
    let outcome = |e: &EventRecord| record_outcome(e.result, &e.hresults);
    assert_eq!(outcome(ev[0]), Record::Unknown);
    assert_eq!(ev[1].result, Some(AvmaResult::InvalidData));
    assert_eq!(ev[1].named_host.as_deref(), Some("HV-NODE3"));
    assert_eq!(outcome(ev[1]), Record::Refused(AvmaResult::InvalidData));
    assert_eq!(outcome(ev[2]), Record::Success);
}
