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

/// A copy of the walkthrough's cluster (`examples/cluster`) in a temporary folder, every file
/// dated `mtime` (evidence whose file times say when it was taken); removed when dropped.
pub struct ExampleCopy(pub PathBuf);

impl ExampleCopy {
    pub fn new(tag: &str, mtime: &str) -> ExampleCopy {
        let dir = std::env::temp_dir().join(format!("avma-copy-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let t: jiff::Timestamp = mtime.parse().unwrap();
        let st = std::time::UNIX_EPOCH + std::time::Duration::from_secs(t.as_second() as u64);
        for m in ["hv-node1", "hv-node2", "hv-node3", "vm-app01"] {
            let from = root().join("examples/cluster").join(m);
            std::fs::create_dir_all(dir.join(m)).unwrap();
            for e in std::fs::read_dir(&from).unwrap().flatten() {
                let to = dir.join(m).join(e.file_name());
                std::fs::copy(e.path(), &to).unwrap();
                std::fs::File::options()
                    .write(true)
                    .open(&to)
                    .unwrap()
                    .set_modified(st)
                    .unwrap();
            }
        }
        ExampleCopy(dir)
    }
    pub fn path(&self) -> String {
        self.0.display().to_string()
    }
    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.0.join(rel), text).unwrap();
    }
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.0.join(rel)).unwrap();
    }
}

impl Drop for ExampleCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
