//! The edge between avma and the terminal: language, color, alignment, and redaction.
//!
//! Invariant: every byte avma writes, to stdout or stderr, passes through [`Ctx::flush`] or
//! [`Ctx::problem`], which redact any product key that is not public and show control and
//! invisible characters escaped ([`crate::escape`]). Values reach text already escaped: message
//! arguments ([`Ctx::msg`]) and table cells ([`table`]) are escaped here, so a line break in a
//! name cannot forge a line.

use std::io::{IsTerminal, Write};

use avma_core::key::redact_text;
use avma_core::text::{Lang, Localized, Msg};
use avma_core::Catalog;
use avma_i18n::I18n;

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
    /// How the output is encoded when written.
    encoding: Encoding,
    /// Start standard output with a UTF-8 BOM too (CSV for a spreadsheet in Japanese).
    bom: bool,
}

/// The encoding of what avma writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// For cmd.exe batch files: CP932 in Japanese (see [`cp932`]), except on a terminal.
    Cp932,
}

/// Text as CP932 bytes, without a BOM. cmd.exe reads a batch file line by line in the
/// console's current code page, and a UTF-8 BOM breaks its first line; a Japanese Windows
/// Server console uses code page 932, so a Japanese batch file written in CP932 shows its text
/// as written and the user's code page is never changed (`chcp 65001` would change it for the
/// rest of the session). A character CP932 cannot hold becomes `?`.
pub fn cp932(text: &str) -> Vec<u8> {
    if text.is_ascii() {
        return text.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let one: &str = c.encode_utf8(&mut buf);
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(one);
        if unmappable {
            out.push(b'?');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

/// The language from --lang, else from the environment (LC_ALL, LC_MESSAGES, LANG).
pub fn pick_lang(arg: Option<crate::cli::LangArg>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
    if let Some(a) = arg {
        return a.0;
    }
    // The first variable set decides: its language if a locale ships for it (`ja_JP.UTF-8`
    // → `ja`), else English. The pseudo-locale is chosen only by --lang.
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(var).filter(|v| !v.is_empty()) {
            return avma_i18n::find_language(&v)
                .filter(|l| !l.is_pseudo())
                .unwrap_or(Lang::En);
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
            encoding: Encoding::Utf8,
            bom: false,
        }
    }

    pub fn lang(&self) -> Lang {
        self.i18n.lang()
    }

    pub fn t(&self, id: &str) -> String {
        self.i18n.t(id)
    }

    /// A message, its values shown escaped ([`crate::escape::text`]): a sentence never holds a
    /// raw control character or line break from evidence, in text or JSON.
    pub fn msg(&self, m: &Msg) -> String {
        self.i18n
            .msg(&escape_args(m, |s| crate::escape::text(s).into_owned()))
    }

    /// A message for Markdown: its values escaped as Markdown text ([`crate::escape::md_inline`]).
    pub fn msg_md(&self, m: &Msg) -> String {
        self.i18n.msg(&escape_args(m, crate::escape::md_inline))
    }

    /// Catalog text in this language (English where it has none; pseudo-localized for `qps`).
    pub fn text<'a>(&self, t: &'a Localized) -> &'a str {
        self.i18n.text(t)
    }

    /// Two sentences as one text: a space between them, none after a Japanese (full-width)
    /// stop, as Japanese writes them.
    pub fn sentences(&self, first: &str, second: &str) -> String {
        if first.ends_with(['。', '！', '？', '」']) || first.is_empty() {
            format!("{first}{second}")
        } else {
            format!("{first} {second}")
        }
    }

    /// A source's address for human output: a Microsoft Learn page (`/en-us/` in the catalog)
    /// in the user's locale (`learn-locale`: Learn serves every locale path for the same page);
    /// any other address, and JSON, keep the catalog's.
    pub fn source_url(&self, id: &str) -> String {
        let url = self.cat.source_url(id);
        let locale = self.t("learn-locale");
        let plausible = !locale.is_empty()
            && locale.len() <= 10
            && locale.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        match url.strip_prefix("https://learn.microsoft.com/en-us/") {
            Some(rest) if plausible && locale != "en-us" => {
                format!("https://learn.microsoft.com/{locale}/{rest}")
            }
            _ => url.to_string(),
        }
    }

    /// A catalog note in this language (pseudo-localized for `qps`).
    pub fn note<'a>(&self, note: &'a Option<Localized>) -> Option<&'a str> {
        note.as_ref().map(|n| self.i18n.text(n))
    }

    /// A command rendered for `shell` with its placeholders named in this language
    /// (`<ノードの Datacenter プロダクト キー>`), quoted by the quoting layer like any placeholder.
    pub fn command(&self, c: &avma_core::shell::Command, shell: avma_core::shell::Shell) -> String {
        c.render_named(shell, &|what| self.i18n.placeholder(what))
            .text
    }

    /// A finding's fix commands rendered again with the placeholders in this language, for
    /// text and Markdown (JSON and SARIF keep the English names of the contract).
    pub fn localize_fix(&self, f: &mut avma_core::finding::Finding) {
        use avma_core::shell::Shell;
        if self.lang() == Lang::En {
            return;
        }
        // Only where the strings are the commands' own renderings (a fix written as text is
        // left as it is).
        let english = |cmds: &[avma_core::shell::Command], shell| -> Vec<String> {
            cmds.iter().map(|c| c.render(shell).text).collect()
        };
        if english(&f.commands.cmd, Shell::Cmd) == f.fix {
            f.fix = f
                .commands
                .cmd
                .iter()
                .map(|c| self.command(c, Shell::Cmd))
                .collect();
        }
        if english(&f.commands.ps, Shell::PowerShell) == f.fix_powershell {
            f.fix_powershell = f
                .commands
                .ps
                .iter()
                .map(|c| self.command(c, Shell::PowerShell))
                .collect();
        }
    }

    /// A fix's commands for PowerShell and cmd with the placeholders in this language.
    pub fn fix_commands(&self, f: &avma_core::judge::Fix) -> (Vec<String>, Vec<String>) {
        use avma_core::shell::Shell;
        (
            f.ps.iter()
                .map(|c| self.command(c, Shell::PowerShell))
                .collect(),
            f.cmd.iter().map(|c| self.command(c, Shell::Cmd)).collect(),
        )
    }

    /// A rule's documentation text in this language.
    pub fn doc(&self, d: avma_core::rules::Doc) -> &'static str {
        self.i18n.text(d)
    }

    /// A rule for people, wherever a finding or a risk names one: the first clause of its
    /// summary in this language, then its code and name in parentheses
    /// (`The guest holds a KMS client setup key where AVMA is intended (AV202
    /// guest-kms-key-installed)`), never the slug alone.
    pub fn rule(&self, r: &avma_core::rules::Rule) -> String {
        self.msg(
            &Msg::new("rule-label")
                .arg("summary", first_clause(self.doc(r.summary)))
                .arg("code", r.code)
                .arg("name", r.name),
        )
    }

    /// Several rules, joined as this language lists things (`、` in Japanese).
    pub fn rules<'r>(&self, rules: impl IntoIterator<Item = &'r avma_core::rules::Rule>) -> String {
        let v: Vec<String> = rules.into_iter().map(|r| self.rule(r)).collect();
        v.join(&self.t("list-separator"))
    }

    /// Append text to the output.
    pub fn print(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// A note about an input (what a reader inferred or could not decide): one line on stderr,
    /// not an input error.
    pub fn input_note(&mut self, input: &str, text: &str) {
        let line = format!(
            "avma: {}: {}\n",
            crate::escape::text(input),
            crate::escape::text(text)
        );
        let _ = std::io::stderr().write_all(redact_text(&line, self.cat).as_bytes());
    }

    /// One line on stderr naming the input and the reason; the run goes on.
    pub fn problem(&mut self, input: &str, reason: &str) {
        self.problems += 1;
        let line = format!(
            "avma: {}: {}\n",
            crate::escape::text(input),
            crate::escape::text(reason)
        );
        let _ = std::io::stderr().write_all(redact_text(&line, self.cat).as_bytes());
    }

    /// Send the output to `path` instead of standard output. `bom`: start with a UTF-8 BOM, which
    /// Windows PowerShell 5.1 needs to read a script's non-ASCII text as UTF-8.
    pub fn write_to(&mut self, path: std::path::PathBuf, bom: bool) {
        self.output = Some((path, bom));
    }

    /// Start the output with a UTF-8 BOM, on standard output too: CSV in a language other than
    /// English, which Excel (ja-JP) reads as CP932 without one.
    pub fn start_with_bom(&mut self) {
        self.bom = true;
    }

    /// Encode the output this way when it is written (Japanese batch files: CP932).
    pub fn encode_as(&mut self, e: Encoding) {
        self.encoding = e;
    }

    fn encoded(&self, text: &str, terminal: bool) -> Vec<u8> {
        match self.encoding {
            Encoding::Cp932 if self.lang() == Lang::Ja && !terminal => cp932(text),
            _ => text.as_bytes().to_vec(),
        }
    }

    /// Write everything printed so far, redacted, to standard output or the `write_to` file.
    /// `false` when the file could not be written (reported as a problem).
    pub fn flush(&mut self) -> bool {
        let out = std::mem::take(&mut self.out);
        let text = redact_styled(&crate::escape::output(&out, self.style.color), self.cat);
        match self.output.clone() {
            None => {
                let mut so = std::io::stdout().lock();
                let bytes = self.encoded(&text, so.is_terminal());
                if self.bom && !text.is_empty() {
                    let _ = so.write_all(b"\xEF\xBB\xBF");
                }
                let _ = so.write_all(&bytes);
                let _ = so.flush();
                true
            }
            Some((path, bom)) => {
                let mut bytes = Vec::with_capacity(text.len() + 3);
                if bom || self.bom {
                    bytes.extend_from_slice(b"\xEF\xBB\xBF");
                }
                bytes.extend_from_slice(&self.encoded(&text, false));
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

/// `m` with every text argument passed through `f`.
fn escape_args(m: &Msg, f: impl Fn(&str) -> String) -> Msg {
    m.map_text(&f)
}

/// Display width (East Asian wide characters count two) and padding to it: the text printer's,
/// so tables printed here and by avma-render align alike.
pub use avma_render::text::{pad, width};

/// Print JSON (pretty, with a trailing newline).
pub fn json(ctx: &mut Ctx, v: &serde_json::Value) {
    let s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    ctx.line(&crate::escape::json(&s));
}

/// The first clause of a rule summary, without its closing stop: up to the first `。`, `. ` or
/// `: ` (the summaries are written so that their first clause says what is wrong).
fn first_clause(s: &str) -> &str {
    let end = ["。", ". ", ": ", "："]
        .iter()
        .filter_map(|p| s.find(p))
        .min()
        .unwrap_or(s.len());
    s[..end].trim_end_matches(['.', '。']).trim()
}

/// Redact text that may hold avma's own SGR colour codes (`ESC [ digits m`): each run between
/// codes on its own, so that a code glued to a value that is a key never becomes part of the
/// key's mask (which would leave a broken escape sequence). If a key still shows once the codes
/// are taken out (a key split by a code), the text is redacted without its colours.
fn redact_styled(text: &str, cat: &avma_core::Catalog) -> String {
    fn sgr(rest: &str) -> Option<usize> {
        let b = rest.as_bytes();
        if b.first() != Some(&0x1b) || b.get(1) != Some(&b'[') {
            return None;
        }
        let mut i = 2;
        while i < b.len() && i < 12 && (b[i].is_ascii_digit() || b[i] == b';') {
            i += 1;
        }
        (b.get(i) == Some(&b'm')).then_some(i + 1)
    }
    if !text.contains('\u{1b}') {
        return redact_text(text, cat).to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut plain = String::with_capacity(text.len());
    let mut run_start = 0;
    let mut i = 0;
    while i < text.len() {
        if let Some(n) = sgr(&text[i..]) {
            let run = &text[run_start..i];
            out.push_str(&redact_text(run, cat));
            plain.push_str(run);
            out.push_str(&text[i..i + n]);
            i += n;
            run_start = i;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let run = &text[run_start..];
    out.push_str(&redact_text(run, cat));
    plain.push_str(run);
    let stripped_out: String = {
        let mut s = String::with_capacity(out.len());
        let mut j = 0;
        while j < out.len() {
            if let Some(n) = sgr(&out[j..]) {
                j += n;
            } else {
                let c = out[j..].chars().next().unwrap_or(' ');
                s.push(c);
                j += c.len_utf8();
            }
        }
        s
    };
    if *redact_text(&stripped_out, cat) != *stripped_out {
        return redact_text(&plain, cat).to_string();
    }
    out
}

#[cfg(test)]
mod rule_label_tests {
    use super::first_clause;

    #[test]
    fn first_clause_of_summaries() {
        assert_eq!(
            first_clause("A host's licence lapses soon: its guests will lose AVMA activation."),
            "A host's licence lapses soon"
        );
        assert_eq!(
            first_clause("The guest is not activated."),
            "The guest is not activated"
        );
        assert_eq!(
            first_clause("ホストのライセンスがまもなく失効します。ゲストは AVMA のライセンス認証を失います。"),
            "ホストのライセンスがまもなく失効します"
        );
        assert_eq!(first_clause("no stop"), "no stop");
    }
}
