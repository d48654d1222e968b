//! .evtx files, read fast: only chunks that can hold licensing, AVMA or Hyper-V data-exchange
//! events are parsed.
//!
//! An EVTX file is a 4 KiB header and 64 KiB chunks. A chunk holds its own templates, and
//! the provider name of every event in it appears in the chunk's bytes as UTF-16LE (as template
//! text or substitution value). So a chunk in which none of the provider names of interest
//! occurs cannot hold such an event and is skipped without rendering a record. A chunk whose
//! magic is wrong is reported with its offset and skipped; one whose checksum is wrong is
//! reported and still parsed, so that its readable records are kept. Chunks are parsed in
//! parallel in small batches, so memory stays bounded whatever the file size.

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use evtx::{EvtxChunkData, ParserSettings};
use memchr::memmem;
use rayon::prelude::*;
use serde::Serialize;

use avma_core::text::Msg;

use crate::eventxml::parse_events;
use crate::observe::{ArtifactKind, EventRecord, Fact, Provenance, ReadResult};

pub const FILE_HEADER: usize = 4096;
pub const CHUNK: usize = 65536;
const BATCH: usize = 16;

/// Provider names (or the distinctive part of them) that make a chunk worth parsing.
pub const PROVIDERS_OF_INTEREST: &[&str] = &[
    "Security-SPP",
    "Security-Licensing",
    "Hyper-V-Integration",
    "KvpExchange",
    // Moves only (`model::is_move_event`): cluster role moves, completed live migrations.
    "FailoverClustering",
    "Hyper-V-VMMS",
];

/// How a scan went.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScanStats {
    pub bytes: u64,
    pub chunks: u64,
    pub chunks_parsed: u64,
    pub chunks_skipped: u64,
    pub chunks_bad: u64,
    /// Records in all chunks, by their headers' record ranges.
    pub records: u64,
    /// Records rendered (in parsed chunks).
    pub records_rendered: u64,
    pub events_kept: u64,
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// Is `data` an EVTX file (by its magic)?
pub fn is_evtx(head: &[u8]) -> bool {
    head.starts_with(b"ElfFile\0") || head.starts_with(b"ElfChnk\0")
}

/// Is this event one avma keeps?
pub fn interesting(e: &EventRecord) -> bool {
    if e.provider.contains("FailoverClustering") || e.provider.contains("Hyper-V-VMMS") {
        return crate::model::is_move_event(e);
    }
    PROVIDERS_OF_INTEREST.iter().any(|p| e.provider.contains(p))
}

struct ChunkOutcome {
    offset: u64,
    events: Vec<EventRecord>,
    rendered: u64,
    records: u64,
    parsed: bool,
    /// What is wrong with the chunk, as message ids: at most one entry (details joined).
    warnings: Vec<Msg>,
}

fn scan_chunk(offset: u64, data: Vec<u8>, needles: &[Vec<u8>], all: bool) -> ChunkOutcome {
    let mut out = ChunkOutcome {
        offset,
        events: Vec::new(),
        rendered: 0,
        records: 0,
        parsed: false,
        warnings: Vec::new(),
    };
    let mut chunk = match EvtxChunkData::new(data, false) {
        Ok(c) => c,
        Err(e) => {
            out.warnings.push(
                Msg::new("evtx-chunk-unreadable")
                    .arg("offset", offset as i64)
                    .arg("detail", e.to_string()),
            );
            return out;
        }
    };
    let h = &chunk.header;
    out.records = h
        .last_event_record_number
        .saturating_sub(h.first_event_record_number)
        .saturating_add(1);
    // A 64 KiB chunk cannot hold more than a few thousand records: a larger span means its
    // header's record numbers are damaged. The count is then not used (said, not silent); the
    // records themselves are still parsed below.
    if out.records > 10_000 {
        out.warnings.push(
            Msg::new("evtx-chunk-record-count")
                .arg("offset", offset as i64)
                .arg("records", i64::try_from(out.records).unwrap_or(i64::MAX)),
        );
        out.records = 0;
    }
    let wanted = all
        || needles
            .iter()
            .any(|n| memmem::find(&chunk.data, n).is_some());
    if !wanted {
        return out;
    }
    out.parsed = true;
    if !chunk.validate_header_checksum() || !chunk.validate_data_checksum() {
        out.warnings
            .push(Msg::new("evtx-chunk-checksum").arg("offset", offset as i64));
    }
    let settings = Arc::new(ParserSettings::new().num_threads(1));
    // The evtx crate is written not to panic; a panic on hostile input must still not take the
    // rest of the work down with it.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut events = Vec::new();
        let mut rendered = 0u64;
        let mut errors = Vec::new();
        match chunk.parse(settings) {
            Ok(mut parsed) => {
                for rec in parsed.iter() {
                    match rec.and_then(|r| r.into_xml()) {
                        Ok(r) => {
                            rendered += 1;
                            let (recs, _) = parse_events(&r.data);
                            for (mut e, _) in recs {
                                if e.record_id.is_none() {
                                    e.record_id = Some(r.event_record_id);
                                }
                                if all || interesting(&e) {
                                    events.push(e);
                                }
                            }
                        }
                        Err(e) => errors.push(
                            Msg::new("evtx-record-unreadable")
                                .arg("offset", offset as i64)
                                .arg("detail", e.to_string()),
                        ),
                    }
                }
            }
            Err(e) => errors.push(
                Msg::new("evtx-chunk-unparsable")
                    .arg("offset", offset as i64)
                    .arg("detail", e.to_string()),
            ),
        }
        (events, rendered, errors)
    }));
    match result {
        Ok((events, rendered, errors)) => {
            out.events = events;
            out.rendered = rendered;
            // One line per chunk is enough: the first error, and how many more.
            if let Some(first) = errors.first() {
                let more = errors.len() - 1;
                out.warnings.push(if more > 0 {
                    Msg::new("evtx-chunk-more")
                        .arg("first", first.clone())
                        .arg("more", more as i64)
                } else {
                    first.clone()
                });
            }
        }
        Err(_) => out
            .warnings
            .push(Msg::new("evtx-parser-failed").arg("offset", offset as i64)),
    }
    // Several things wrong with one chunk: one entry, joined in the reader's language.
    let mut joined: Option<Msg> = None;
    for w in std::mem::take(&mut out.warnings) {
        joined = Some(match joined {
            None => w,
            Some(j) => Msg::new("evtx-joined").arg("first", j).arg("then", w),
        });
    }
    out.warnings.extend(joined);
    out
}

/// Read an .evtx file. With `all`, every record is kept (tests, benchmarks against evtx_dump);
/// otherwise only events of the providers of interest.
pub fn read<R: Read + Seek>(file: &str, mut input: R, all: bool) -> (ReadResult, ScanStats) {
    let mut r = ReadResult::new(file, ArtifactKind::Evtx);
    let mut stats = ScanStats::default();
    let needles: Vec<Vec<u8>> = PROVIDERS_OF_INTEREST.iter().map(|p| utf16(p)).collect();
    let mut header = vec![0u8; FILE_HEADER];
    let n = read_full(&mut input, &mut header);
    stats.bytes = n as u64;
    if n < 8 || !header.starts_with(b"ElfFile\0") {
        r.problem(
            None,
            Msg::new(if n == 0 {
                "input-empty-file"
            } else {
                "evtx-wrong-magic"
            }),
        );
        if n == 0 {
            r.readable = false;
            return (r, stats);
        }
    }
    // Chunks past the header's chunk count are preallocated space: zero-filled and unused.
    let in_use: Option<u64> = (n >= 44 && header.starts_with(b"ElfFile\0"))
        .then(|| u64::from(u16::from_le_bytes([header[42], header[43]])));
    let mut index: u64 = 0;
    if input.seek(SeekFrom::Start(FILE_HEADER as u64)).is_err() {
        r.problem(None, Msg::new("evtx-cannot-seek"));
        return (r, stats);
    }
    let mut offset = FILE_HEADER as u64;
    // Damage (bad magic, bad checksum, unreadable records, truncation) is summed into one line
    // per file: the count of damaged chunks and the first one's details.
    let mut damage: Vec<Msg> = Vec::new();
    loop {
        // Read a batch of chunks, then parse them in parallel.
        let mut batch: Vec<(u64, Vec<u8>)> = Vec::with_capacity(BATCH);
        let mut eof = false;
        while batch.len() < BATCH {
            let mut buf = vec![0u8; CHUNK];
            let got = read_full(&mut input, &mut buf);
            stats.bytes += got as u64;
            if got == 0 {
                eof = true;
                break;
            }
            stats.chunks += 1;
            index += 1;
            let at = offset;
            offset += got as u64;
            if got < CHUNK {
                damage.push(
                    Msg::new("evtx-chunk-truncated")
                        .arg("offset", at as i64)
                        .arg("got", got as i64)
                        .arg("size", CHUNK as i64),
                );
                buf.truncate(got);
                if got < 512 {
                    stats.chunks_bad += 1;
                    eof = true;
                    break;
                }
                buf.resize(CHUNK, 0);
                batch.push((at, buf));
                eof = true;
                break;
            }
            if !buf.starts_with(b"ElfChnk\0") {
                let zero = buf.iter().all(|&b| b == 0);
                if zero && in_use.is_some_and(|used| index > used) {
                    stats.chunks_skipped += 1;
                    continue;
                }
                stats.chunks_bad += 1;
                let what = if buf.iter().all(|&b| b == 0) {
                    "evtx-zero-filled"
                } else {
                    "evtx-not-a-chunk"
                };
                damage.push(Msg::new(what).arg("offset", at as i64));
                continue;
            }
            batch.push((at, buf));
        }
        let outcomes: Vec<ChunkOutcome> = batch
            .into_par_iter()
            .map(|(at, data)| scan_chunk(at, data, &needles, all))
            .collect();
        for o in outcomes {
            stats.records += o.records;
            stats.records_rendered += o.rendered;
            if o.parsed {
                stats.chunks_parsed += 1;
            } else if o.warnings.is_empty() {
                stats.chunks_skipped += 1;
            } else {
                stats.chunks_bad += 1;
            }
            damage.extend(o.warnings);
            for e in o.events {
                stats.events_kept += 1;
                let from = Provenance {
                    file: file.to_string(),
                    line: None,
                    record: e.record_id,
                    reader: "evtx",
                };
                let _ = o.offset;
                if let Some(c) = &e.computer {
                    r.push(Fact::ComputerName { name: c.clone() }, from.clone());
                }
                r.push(Fact::Event(Box::new(e)), from);
            }
        }
        if eof {
            break;
        }
    }
    if let Some(first) = damage.first() {
        let bad = damage.len();
        r.problem(
            None,
            Msg::new("evtx-damaged")
                .arg("bad", bad as i64)
                .arg("chunks", i64::try_from(stats.chunks).unwrap_or(i64::MAX))
                .arg("first", first.clone()),
        );
    }
    // A whole file header and nothing else is a valid, empty log; less is a broken file.
    let header_only = stats.chunks == 0 && n == FILE_HEADER;
    if header_only {
        r.problem(None, Msg::new("evtx-header-only").arg("bytes", n as i64));
    } else if stats.chunks == 0 && n > 0 {
        r.problem(
            None,
            Msg::new("evtx-header-truncated")
                .arg("bytes", n as i64)
                .arg("size", FILE_HEADER as i64),
        );
    }
    r.readable = stats.chunks_parsed + stats.chunks_skipped > 0 || header_only;
    (r, stats)
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    filled
}
