//! Throughput of `redact_text` on audit-shaped JSON (the CLI runs it over everything it writes):
//! `cargo run --release -p avma-core --example redact_throughput [MIB]`.

fn main() {
    let mib: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(64);
    let cat = avma_core::Catalog::builtin();
    // Names, dates, GUIDs, rule names, Windows paths, and a non-public key every 1,000 rows.
    let mut s = String::new();
    let mut i = 0u64;
    while s.len() < mib * 1024 * 1024 {
        s.push_str(&format!(
            "    {{\"name\": \"VM-{i:06}\", \"node\": \"HV-NODE-{}\", \"date\": \"2026-12-01\", \"id\": \"5e4c5e6a-1a7c-4e2b-9a55-0d8b0c2f3a11\", \"rule\": \"host-not-activated\", \"at\": \"C:\\\\avma-evidence\\\\HV-NODE-{}\\\\slp.json:3\"}},\n",
            i % 64,
            i % 64
        ));
        if i.is_multiple_of(1000) {
            s.push_str("    \"notes\": \"x N7TQ8-BCDFG-HJKMP-QRTVW-YH26G\",\n");
        }
        i += 1;
    }
    let t = std::time::Instant::now();
    let out = avma_core::key::redact_text(&s, cat);
    let d = t.elapsed();
    println!(
        "{} MiB in {:.3} s: {:.0} MiB/s ({} keys masked)",
        s.len() >> 20,
        d.as_secs_f64(),
        (s.len() as f64 / 1_048_576.0) / d.as_secs_f64(),
        out.matches("XXXXX-XXXXX-XXXXX-XXXXX-YH26G").count()
    );
}
