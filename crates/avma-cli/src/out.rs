//! The edge between avma and the terminal: language, color, alignment, and redaction.
//!
//! Invariant: every byte avma writes, to stdout or stderr, passes through [`Ctx::flush`] or
//! [`Ctx::problem`], which redact any product key that is not public.

use std::io::{IsTerminal, Write};

use avma_core::key::redact_text;
use avma_core::text::{Lang, Msg};
use avma_core::Catalog;
use avma_i18n::I18n;
use unicode_width::UnicodeWidthStr;

use crate::cli::ColorArg;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn red(&self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.wrap("33", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.wrap("32", s)
    }
    pub fn cyan(&self, s: &str) -> String {
        self.wrap("36", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
}

/// Everything a command needs to speak to the user.
pub struct Ctx {
    pub i18n: I18n,
    pub style: Style,
    pub cat: &'static Catalog,
    out: String,
    /// A file to write instead of standard output, and whether it starts with a UTF-8 BOM.
    output: Option<(std::path::PathBuf, bool)>,
    /// Input problems seen (one line each); they make the exit code 2.
    pub problems: usize,
}

/// The language from --lang, else from the environment (LC_ALL, LC_MESSAGES, LANG).
pub fn pick_lang(arg: Option<crate::cli::LangArg>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
    if let Some(a) = arg {
        return match a {
            crate::cli::LangArg::En => Lang::En,
            crate::cli::LangArg::Ja => Lang::Ja,
        };
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(var).filter(|v| !v.is_empty()) {
            return if v.to_ascii_lowercase().starts_with("ja") {
                Lang::Ja
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

pub fn pick_color(arg: ColorArg, env: &dyn Fn(&str) -> Option<String>) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            env("NO_COLOR").is_none_or(|v| v.is_empty())
                && env("TERM").as_deref() != Some("dumb")
                && std::io::stdout().is_terminal()
        }
    }
}

impl Ctx {
    pub fn new(lang: Lang, color: bool) -> Ctx {
        Ctx {
            i18n: I18n::new(lang),
            style: Style { color },
            cat: Catalog::builtin(),
            out: String::new(),
            output: None,
            problems: 0,
        }
    }

    pub fn lang(&self) -> Lang {
        self.i18n.lang()
    }

    pub fn t(&self, id: &str) -> String {
        self.i18n.t(id)
    }

    pub fn msg(&self, m: &Msg) -> String {
        self.i18n.msg(m)
    }

    pub fn pick<'a>(&self, en: &'a str, ja: &'a str) -> &'a str {
        self.i18n.pick(en, ja)
    }

    /// Append text to the output.
    pub fn print(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// One line on stderr naming the input and the reason; the run goes on.
    /// A note about an input (what a reader inferred or could not decide): one line on stderr,
    /// not an input error.
    pub fn note(&mut self, input: &str, text: &str) {
        let line = format!("avma: {input}: {text}\n");
        let _ = std::io::stderr().write_all(redact_text(&line, self.cat).as_bytes());
    }

    pub fn problem(&mut self, input: &str, reason: &str) {
        self.problems += 1;
        let line = format!("avma: {input}: {reason}\n");
        let _ = std::io::stderr().write_all(redact_text(&line, self.cat).as_bytes());
    }

    /// Send the output to `path` instead of standard output. `bom`: start with a UTF-8 BOM, which
    /// Windows PowerShell 5.1 needs to read a script's non-ASCII text as UTF-8.
    pub fn write_to(&mut self, path: std::path::PathBuf, bom: bool) {
        self.output = Some((path, bom));
    }

    /// Write everything printed so far, redacted, to standard output or the `write_to` file.
    /// `false` when the file could not be written (reported as a problem).
    pub fn flush(&mut self) -> bool {
        let text = redact_text(&std::mem::take(&mut self.out), self.cat);
        match self.output.clone() {
            None => {
                let mut so = std::io::stdout().lock();
                let _ = so.write_all(text.as_bytes());
                let _ = so.flush();
                true
            }
            Some((path, bom)) => {
                let mut bytes = Vec::with_capacity(text.len() + 3);
                if bom {
                    bytes.extend_from_slice(b"\xEF\xBB\xBF");
                }
                bytes.extend_from_slice(text.as_bytes());
                match std::fs::write(&path, bytes) {
                    Ok(()) => true,
                    Err(e) => {
                        self.problem(&path.display().to_string(), &e.to_string());
                        false
                    }
                }
            }
        }
    }
}

/// Display width of a string (East Asian wide characters count two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Pad to a display width.
pub fn pad(s: &str, w: usize) -> String {
    let n = width(s);
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// Render rows as an aligned table (the header row first). Columns are separated by two spaces.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    let mut s = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 == r.len() {
                line.push_str(c);
            } else {
                line.push_str(&pad(c, widths[i]));
                line.push_str("  ");
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// Print JSON (pretty, with a trailing newline).
pub fn json(ctx: &mut Ctx, v: &serde_json::Value) {
    let s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    ctx.line(&s);
}
