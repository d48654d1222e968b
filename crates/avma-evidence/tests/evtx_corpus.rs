//! Every file of the shared public corpus (../shared/corpus/evtx), malformed samples included,
//! is read without a panic; the licensing events in it are found.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/evtx");
    p.is_dir().then_some(p)
}

fn evtx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            evtx_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("evtx"))
        {
            out.push(p);
        }
    }
}

#[test]
fn the_whole_corpus_reads_without_panic() {
    let Some(dir) = corpus() else {
        eprintln!("shared/corpus/evtx is not beside the repository; skipped");
        return;
    };
    let mut files = Vec::new();
    evtx_files(&dir, &mut files);
    assert!(files.len() > 300, "{} files", files.len());
    let mut spp = 0;
    let mut records = 0;
    for f in &files {
        let file = std::fs::File::open(f).unwrap();
        let (r, stats) = avma_evidence::evtx::read(&f.display().to_string(), file, false);
        records += stats.records;
        spp += r
            .observations
            .iter()
            .filter(|o| matches!(o.fact, avma_evidence::observe::Fact::Event(_)))
            .count();
    }
    assert!(records > 20_000, "{records}");
    // Rendering every record (no chunk skipped) must not panic either.
    let mut rendered = 0;
    for f in &files {
        let file = std::fs::File::open(f).unwrap();
        let (_, stats) = avma_evidence::evtx::read(&f.display().to_string(), file, true);
        rendered += stats.records_rendered;
    }
    assert!(rendered > 20_000, "{rendered}");
    // The only Security-SPP records of the corpus are in evtx-crate-samples/Application_no_crc32.evtx.
    assert!(spp > 0);
}

#[test]
fn spp_events_of_the_application_sample_are_found() {
    let Some(dir) = corpus() else { return };
    let f = dir.join("evtx-crate-samples/Application_no_crc32.evtx");
    let (r, stats) = avma_evidence::evtx::read(
        "Application_no_crc32.evtx",
        std::fs::File::open(f).unwrap(),
        false,
    );
    let events: Vec<_> = r
        .observations
        .iter()
        .filter_map(|o| match &o.fact {
            avma_evidence::observe::Fact::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e.provider == "Microsoft-Windows-Security-SPP"));
    assert!(stats.chunks_skipped + stats.chunks_parsed + stats.chunks_bad <= stats.chunks);
    eprintln!(
        "{stats:?}; ids: {:?}",
        events
            .iter()
            .map(|e| e.event_id)
            .collect::<std::collections::BTreeSet<_>>()
    );
}
