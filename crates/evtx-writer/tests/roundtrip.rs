//! What the writer writes, the evtx crate reads back: ids, qualifiers, provider, data, CRCs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use evtx::{EvtxParser, ParserSettings};
use evtx_writer::{write, Event};

fn read_back(bytes: Vec<u8>) -> Vec<String> {
    let mut p = EvtxParser::from_buffer(bytes).unwrap().with_configuration(
        ParserSettings::new()
            .num_threads(1)
            .validate_checksums(true),
    );
    p.records()
        .map(|r| r.expect("record reads back").data)
        .collect()
}

#[test]
fn avma_events_read_back() {
    let events = vec![
        Event::spp(
            12309,
            "VM-APP01",
            1_764_300_000,
            &["0xC004FD02", "HV-NODE3"],
        ),
        Event::spp(
            12310,
            "HV-NODE2",
            1_764_300_100,
            &["VM-APP01", "0x00000000"],
        ),
        Event::spp(
            8198,
            "VM-APP01",
            1_764_300_200,
            &["hr=0xC004F074", "RuleId=x;Action=AutoActivate"],
        ),
    ];
    let xml = read_back(write(&events));
    assert_eq!(xml.len(), 3);
    assert!(
        xml[0].contains("Microsoft-Windows-Security-SPP"),
        "{}",
        xml[0]
    );
    assert!(xml[0].contains(r#"Qualifiers="16384""#), "{}", xml[0]);
    assert!(xml[0].contains(">12309<"), "{}", xml[0]);
    assert!(xml[0].contains("<Data>0xC004FD02</Data>"), "{}", xml[0]);
    assert!(xml[0].contains("<Computer>VM-APP01</Computer>"));
    assert!(xml[1].contains(">12310<") && xml[1].contains("<Data>VM-APP01</Data>"));
    assert!(xml[2].contains(r#"Qualifiers="49152""#) && xml[2].contains("hr=0xC004F074"));
    assert!(
        xml[0].contains("<EventRecordID>1</EventRecordID>"),
        "{}",
        xml[0]
    );
}

#[test]
fn many_events_span_several_chunks_with_valid_checksums() {
    let events: Vec<Event> = (0..3000)
        .map(|i| {
            Event::spp(
                if i % 2 == 0 { 12309 } else { 1003 },
                "VM",
                1_764_300_000 + i,
                &["x"; 3],
            )
        })
        .collect();
    let bytes = write(&events);
    assert!(bytes.len() > 4096 + 65536, "{}", bytes.len());
    assert_eq!((bytes.len() - 4096) % 65536, 0);
    let xml = read_back(bytes);
    assert_eq!(xml.len(), 3000);
    assert!(xml[2999].contains("<EventRecordID>3000</EventRecordID>"));
}
