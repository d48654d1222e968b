//! What the end-to-end tests share: the built `avma` run in a known locale without colour, and its
//! output read back.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod zips;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root (the examples live there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A path under the repository root, as an argument.
pub fn path(rel: &str) -> String {
    root().join(rel).display().to_string()
}

/// The clock every test run of `avma` sees (`AVMA_CLOCK`).
pub const CLOCK: &str = "2026-12-01T09:00:00Z";

/// `avma` with the locale variables cleared, `NO_COLOR` set, then `env` applied.
pub fn avma_env<S: AsRef<OsStr>>(args: &[S], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_avma"));
    c.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        // A fixed clock, so that "as of …, N days ago" is the same on every run.
        .env("AVMA_CLOCK", CLOCK);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("avma runs")
}

/// `avma` in the C locale (English).
pub fn avma<S: AsRef<OsStr>>(args: &[S]) -> Output {
    avma_env(args, &[("LANG", "C")])
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// Standard output with this machine's repository root written as `<root>`, for snapshots.
pub fn stdout_rooted(o: &Output) -> String {
    stdout(o).replace(&root().display().to_string(), "<root>")
}
