//! `rust-version` is the true minimum: the newest `rust-version` among the locked dependencies
//! (dev-dependencies included, since the workspace is tested with them). It was 1.85 while
//! zip 9 needed 1.89. Reads `cargo metadata --locked --offline` (no network); where only this platform's crates are
//! downloaded, the ones this platform builds.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

fn version(v: &str) -> Vec<u64> {
    let mut p: Vec<u64> = v.split('.').map(|x| x.parse().unwrap()).collect();
    p.resize(3, 0);
    p
}

#[test]
fn rust_version_is_the_newest_of_the_locked_dependencies() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let metadata = |extra: &[&str]| {
        std::process::Command::new(&cargo)
            .args(["metadata", "--format-version", "1", "--locked", "--offline"])
            .args(extra)
            .current_dir(&root)
            .output()
            .unwrap()
    };
    let mut o = metadata(&[]);
    if !o.status.success() && String::from_utf8_lossy(&o.stderr).contains("failed to download") {
        // A fresh machine after `cargo test` holds only this platform's crates (the Windows-only
        // ones come with `cargo fetch`, which .ci/run does first): check what is here, and say so.
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
        let vv = std::process::Command::new(rustc)
            .arg("-vV")
            .output()
            .unwrap();
        let vv = String::from_utf8_lossy(&vv.stdout).into_owned();
        let host = vv
            .lines()
            .find_map(|l| l.strip_prefix("host: "))
            .unwrap()
            .to_string();
        eprintln!("msrv: only {host}'s dependencies are downloaded; checking those (`cargo fetch` for all)");
        o = metadata(&["--filter-platform", &host]);
    }
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let members: HashSet<&str> = m["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    // The workspace's own rust-version (every member inherits it).
    let ours: HashSet<&str> = m["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| members.contains(p["id"].as_str().unwrap()))
        .map(|p| p["rust_version"].as_str().unwrap())
        .collect();
    assert_eq!(ours.len(), 1, "{ours:?}");
    let ours = ours.into_iter().next().unwrap();
    // What the workspace reaches through the resolve graph.
    let nodes: std::collections::HashMap<&str, &serde_json::Value> = m["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = members.iter().copied().collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for d in nodes[id]["deps"].as_array().unwrap() {
            stack.push(d["pkg"].as_str().unwrap());
        }
    }
    let newest = m["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            let id = p["id"].as_str().unwrap();
            seen.contains(id) && !members.contains(id)
        })
        .filter_map(|p| Some((p["rust_version"].as_str()?, p["name"].as_str().unwrap())))
        .max_by_key(|(v, _)| version(v))
        .unwrap();
    assert_eq!(
        version(ours),
        version(newest.0),
        "rust-version {ours} in Cargo.toml, but {} needs {}",
        newest.1,
        newest.0
    );
}
