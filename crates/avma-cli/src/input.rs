//! How paths become inputs: the one place that opens, reads and walks what the user named.
//!
//! * Only regular files are read. A FIFO, socket or device (directly, or through a symlink) is
//!   refused before it is opened, so nothing blocks; the file is opened non-blocking and checked
//!   again on the open handle, so a swap between the check and the open is refused too.
//! * Every read is capped by the bytes actually read ([`Read::take`]), never by the size the
//!   metadata claims (0 for `/proc` files, devices and pipes).
//! * A folder is walked without leaving it: a symlink whose target lies outside the folder given
//!   on the command line is refused with one line; a symlink to a folder or file inside it is not
//!   followed (its target is walked by its real path); each real file is read once, by its real
//!   path (canonical paths for files named directly), so
//!   `a -> .`, `b -> .` and `up -> ..` cannot make a walk loop or grow; nesting deeper than
//!   [`MAX_DEPTH`] stops with a line that says so.
//!
//! Other input sources (zip bundles) can call [`open_regular`], [`read_capped`] and [`Walk`].

use std::collections::HashSet;
use std::fs::{File, FileType};
use std::io::Read;
use std::path::{Path, PathBuf};

use avma_core::text::Msg;

use crate::out::Ctx;

/// Folders nested deeper than this below a given folder are not walked (the line says so).
pub const MAX_DEPTH: usize = 16;

/// A kind of file that is never read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl Special {
    fn id(self) -> &'static str {
        match self {
            Special::Fifo => "input-kind-fifo",
            Special::Socket => "input-kind-socket",
            Special::CharDevice => "input-kind-char-device",
            Special::BlockDevice => "input-kind-block-device",
            Special::Other => "input-kind-other",
        }
    }
    fn english(self) -> &'static str {
        match self {
            Special::Fifo => "a named pipe (FIFO)",
            Special::Socket => "a socket",
            Special::CharDevice => "a character device",
            Special::BlockDevice => "a block device",
            Special::Other => "not a regular file",
        }
    }
}

/// Why a path is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Missing,
    Folder,
    Special(Special),
    /// A symlink whose target is outside the folder given on the command line.
    Outside {
        target: String,
    },
    /// Folders nested deeper than the limit.
    TooDeep {
        limit: usize,
    },
    /// More bytes than the limit (counted while reading).
    TooLarge {
        limit: u64,
    },
    /// A symlink whose target cannot be resolved (dangling, or a loop): the OS's reason.
    Dangling {
        target: String,
        detail: String,
    },
    /// The OS's reason (its own words, quoted inside a translated sentence for people).
    Io(String),
}

impl Refused {
    /// The line for people, in their language.
    pub fn reason(&self, ctx: &Ctx) -> String {
        match self {
            Refused::Missing => ctx.t("evidence-not-found"),
            Refused::Folder => ctx.t("error-is-directory"),
            Refused::Special(k) => {
                ctx.msg(&Msg::new("input-not-regular").arg("kind", ctx.t(k.id())))
            }
            Refused::Outside { target } => {
                ctx.msg(&Msg::new("input-link-outside").arg("target", target.as_str()))
            }
            Refused::TooDeep { limit } => {
                ctx.msg(&Msg::new("input-too-deep").arg("limit", *limit as i64))
            }
            Refused::TooLarge { limit } => ctx.msg(
                &Msg::new("input-too-large")
                    .arg("limit", (*limit / (1024 * 1024)) as i64)
                    .arg("bytes", *limit as i64),
            ),
            Refused::Dangling { target, detail } => ctx.msg(
                &Msg::new("input-link-dangling")
                    .arg("target", target.as_str())
                    .arg("detail", detail.as_str()),
            ),
            Refused::Io(e) => ctx.msg(&Msg::new("input-io").arg("detail", e.as_str())),
        }
    }

    /// The same in English, for readers' warnings (which are English today).
    pub fn english(&self) -> String {
        match self {
            Refused::Missing => "no such file or folder".into(),
            Refused::Folder => "is a folder, not a file".into(),
            Refused::Special(k) => format!("{}, not a regular file: not read", k.english()),
            Refused::Outside { target } => {
                format!("a symbolic link to {target}, outside the folder given: not followed")
            }
            Refused::TooDeep { limit } => {
                format!("folders nested deeper than {limit} levels: not read further")
            }
            Refused::TooLarge { limit } => format!(
                "larger than {} MiB ({limit} bytes, counted while reading): not read",
                limit / (1024 * 1024)
            ),
            Refused::Dangling { target, detail } => format!("symbolic link to {target}: {detail}"),
            Refused::Io(e) => e.clone(),
        }
    }
}

fn io(e: &std::io::Error) -> Refused {
    if e.kind() == std::io::ErrorKind::NotFound {
        Refused::Missing
    } else {
        Refused::Io(e.to_string())
    }
}

/// `None` for a regular file; otherwise what it is.
pub fn special(ft: &FileType) -> Option<Special> {
    if ft.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some(Special::Fifo);
        }
        if ft.is_socket() {
            return Some(Special::Socket);
        }
        if ft.is_char_device() {
            return Some(Special::CharDevice);
        }
        if ft.is_block_device() {
            return Some(Special::BlockDevice);
        }
    }
    Some(Special::Other)
}

/// Checks (following symlinks) that `path` is a regular file, without opening it.
pub fn check_regular(path: &Path) -> Result<(), Refused> {
    let m = std::fs::metadata(path).map_err(|e| io(&e))?;
    if m.is_dir() {
        return Err(Refused::Folder);
    }
    match special(&m.file_type()) {
        None => Ok(()),
        Some(k) => Err(Refused::Special(k)),
    }
}

/// Opens `path` for reading only when it is a regular file; never blocks on a FIFO or a device.
pub fn open_regular(path: &Path) -> Result<File, Refused> {
    check_regular(path)?;
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking and no controlling terminal: if the path was swapped for a FIFO or a
        // tty after the check, the open returns at once and the check below refuses it.
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = o.open(path).map_err(|e| io(&e))?;
    let m = f.metadata().map_err(|e| io(&e))?;
    match special(&m.file_type()) {
        None => Ok(f),
        Some(_) if m.is_dir() => Err(Refused::Folder),
        Some(k) => Err(Refused::Special(k)),
    }
}

/// Reads everything up to `cap` bytes; more than `cap` is [`Refused::TooLarge`]. Memory is
/// bounded by `cap` whatever the reader claims or does.
pub fn read_capped(r: impl Read, cap: u64) -> Result<Vec<u8>, Refused> {
    let mut bytes = Vec::new();
    r.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io(&e))?;
    if bytes.len() as u64 > cap {
        return Err(Refused::TooLarge { limit: cap });
    }
    Ok(bytes)
}

/// A whole regular file of at most `cap` bytes.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, Refused> {
    let f = open_regular(path)?;
    // A regular file that says it is larger is refused without reading it; one that grows or
    // lies (procfs) is still cut by the bytes read.
    if f.metadata().is_ok_and(|m| m.len() > cap) {
        return Err(Refused::TooLarge { limit: cap });
    }
    read_capped(f, cap)
}

/// One entry of a folder, after resolving symlinks inside the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A regular file (never a symlink).
    File(PathBuf),
    /// A real folder (never a symlink).
    Dir(PathBuf),
}

/// A walk of the folders and files named on one command line. Every refused path is kept with
/// its reason, and every real file is handed out once.
#[derive(Debug, Default)]
pub struct Walk {
    seen: HashSet<PathBuf>,
    refused_seen: HashSet<PathBuf>,
    /// Paths not read, with why (in the order found).
    pub refused: Vec<(PathBuf, Refused)>,
}

impl Walk {
    pub fn new() -> Walk {
        Walk::default()
    }

    /// `true` the first time a file (by its canonical path) is offered; later offers of the
    /// same file through another path or link are dropped.
    pub fn first_time(&mut self, path: &Path) -> bool {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.seen.insert(key)
    }

    fn refuse(&mut self, path: PathBuf, why: Refused) {
        if self.refused_seen.insert(path.clone()) {
            self.refused.push((path, why));
        }
    }

    /// `true` when `dir` itself or a path under it was refused so far: a folder that yields no
    /// file because its entries were refused is not empty (each refused entry has its line).
    pub fn refused_under(&self, dir: &Path) -> bool {
        self.refused.iter().any(|(p, _)| p.starts_with(dir))
    }

    /// The canonical root of a folder given on the command line.
    pub fn root(dir: &Path) -> PathBuf {
        std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
    }

    /// The entries of `dir` (inside the tree at `root`), sorted by name. Hidden entries are
    /// skipped when `skip_hidden`. Special files and symlinks leaving the tree are refused.
    pub fn entries(&mut self, dir: &Path, root: &Path, skip_hidden: bool) -> Vec<Entry> {
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.refuse(dir.to_path_buf(), io(&e));
                return Vec::new();
            }
        };
        let mut names: Vec<_> = rd.flatten().collect();
        names.sort_by_key(|e| e.file_name());
        let mut out = Vec::new();
        for e in names {
            if skip_hidden && e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = e.path();
            let Ok(ft) = e.file_type() else {
                continue;
            };
            if ft.is_dir() {
                out.push(Entry::Dir(path));
            } else if ft.is_symlink() {
                let target = match std::fs::canonicalize(&path) {
                    Ok(t) => t,
                    Err(err) => {
                        let dangling = std::fs::read_link(&path)
                            .map(|t| t.display().to_string())
                            .unwrap_or_default();
                        self.refuse(
                            path,
                            Refused::Dangling {
                                target: dangling,
                                detail: err.to_string(),
                            },
                        );
                        continue;
                    }
                };
                if !target.starts_with(root) {
                    self.refuse(
                        path,
                        Refused::Outside {
                            target: target.display().to_string(),
                        },
                    );
                    continue;
                }
                // A folder or file inside the tree is walked by its real path, never through
                // the link (so it is read once, and a link cannot make the walk loop).
                match std::fs::metadata(&target) {
                    Ok(m) if m.is_dir() || m.is_file() => {}
                    Ok(m) => {
                        if let Some(k) = special(&m.file_type()) {
                            self.refuse(path, Refused::Special(k));
                        }
                    }
                    Err(err) => self.refuse(path, io(&err)),
                }
            } else {
                match special(&ft) {
                    None => out.push(Entry::File(path)),
                    Some(k) => self.refuse(path, Refused::Special(k)),
                }
            }
        }
        out
    }

    /// Every file under `dir` (depth first, sorted), each real file once.
    pub fn files(&mut self, dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
        self.files_at(dir, root, 0, out);
    }

    fn files_at(&mut self, dir: &Path, root: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        if depth > MAX_DEPTH {
            self.refuse(dir.to_path_buf(), Refused::TooDeep { limit: MAX_DEPTH });
            return;
        }
        for e in self.entries(dir, root, false) {
            match e {
                Entry::Dir(d) => self.files_at(&d, root, depth + 1, out),
                Entry::File(f) => {
                    if self.first_time(&f) {
                        out.push(f);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_capped_by_bytes_read() {
        let data = [b'a'; 100];
        assert_eq!(read_capped(&data[..], 100).map(|b| b.len()), Ok(100));
        assert_eq!(
            read_capped(&data[..], 99),
            Err(Refused::TooLarge { limit: 99 })
        );
        // An endless reader stops at the cap.
        assert_eq!(
            read_capped(std::io::repeat(0), 4096),
            Err(Refused::TooLarge { limit: 4096 })
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_opening() {
        assert_eq!(
            open_regular(Path::new("/dev/zero")).err(),
            Some(Refused::Special(Special::CharDevice))
        );
        assert_eq!(open_regular(Path::new("/")).err(), Some(Refused::Folder));
        assert_eq!(
            open_regular(Path::new("/no/such/avma/file")).err(),
            Some(Refused::Missing)
        );
    }
}
