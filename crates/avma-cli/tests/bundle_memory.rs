//! Hostile zips are refused in bounded memory: the heap grows by far less than what they claim
//! or expand to while `bundle::read_zip` looks at them. (Time is not measured here.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;

use avma_cli::bundle::{read_zip, LIMITS};
use avma_cli::out::Ctx;
use avma_core::text::Lang;
use common::zips::{raw_zip, zeros_deflate, RawEntry};

#[global_allocator]
static A: avma_testkit::Counting = avma_testkit::Counting;

#[test]
fn hostile_zips_are_refused_in_bounded_memory() {
    let dir = std::env::temp_dir().join(format!("avma-bundle-mem-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ctx = Ctx::new(Lang::En, false);
    let data = zeros_deflate(160);
    let mut cases = Vec::new();
    for (name, declared) in [("honest", 160u64 * 64 * 1024 * 1024), ("lying", 1000)] {
        let p = dir.join(format!("{name}.zip"));
        std::fs::write(
            &p,
            raw_zip(&[RawEntry {
                name: "hv-node1/slp.json",
                method: 8,
                data: &data,
                declared,
                mode: None,
            }]),
        )
        .unwrap();
        cases.push(p);
    }
    drop(data);
    let many = dir.join("many.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&many).unwrap());
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..100_000 {
        w.start_file(format!("m/{i}.txt"), opts).unwrap();
        w.write_all(b"x").unwrap();
    }
    w.finish().unwrap();
    cases.push(many);
    for p in &cases {
        let (b, grew) = avma_testkit::growth(|| read_zip(&ctx, p, &LIMITS));
        eprintln!("{}: heap grew by {grew} bytes", p.display());
        assert!(!b.problems.readable, "{}", p.display());
        assert!(b.machines.is_empty(), "{}", p.display());
        assert!(
            grew < 48 * 1024 * 1024,
            "{}: the heap grew by {grew} bytes",
            p.display()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
