//! The quoting layer: every command avma prints for a shell is a [`Command`] built from a
//! [`Program`] and [`Arg`]s, rendered for PowerShell or cmd.exe here and nowhere else.
//!
//! * [`Arg::lit`] takes only `&'static str`: code written in avma's source (`/ato`, `-VMName`,
//!   `| Enable-VMIntegrationService`). Nothing read at run time can become a literal.
//! * [`Arg::word`] is a token computed at run time from trusted data (a catalog key, an
//!   EditionID): shown bare only when every character is in a small safe set, else quoted.
//! * [`Arg::value`] is anything from evidence or a user (a VM name, a node name): always quoted.
//!   A value that no quoting makes safe to paste (line breaks, control characters, bidi
//!   controls; for cmd.exe also `"`, `%`, `!`, `^`) is refused: it renders as a quoted
//!   placeholder naming what it stands for, and the rendering lists why ([`Refusal`]).
//!
//! There is no way to append a raw `String` to a command.
//!
//! PowerShell: single-quoted literals, where PowerShell treats `'` and U+2018 U+2019 U+201A
//! U+201B all as a single quote; each of them is doubled. cmd.exe: double quotes, and a
//! PowerShell command inside `powershell -NoProfile -Command "..."`; cmd has no `#` comment
//! (a comment is a separate `rem` line, see [`cmd_comment`]).

use std::fmt;

/// The shells avma writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shell {
    PowerShell,
    Cmd,
}

/// What a command runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Program {
    /// `slmgr.vbs` through cscript (`%SystemRoot%` in cmd, `$env:SystemRoot` in PowerShell).
    Slmgr,
    /// A Windows executable found on PATH (`DISM`, `shutdown`), same in both shells.
    Exe(&'static str),
    /// A PowerShell command (cmdlet or pipeline). In cmd it runs through
    /// `powershell -NoProfile -Command "..."`.
    PowerShell(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ArgKind {
    Lit(&'static str),
    Word(String),
    /// A value, with what it stands for (for the placeholder and the refusal).
    Value {
        value: String,
        what: &'static str,
    },
    /// Nothing known: a placeholder the user must replace (`<your Datacenter key>`).
    Placeholder(&'static str),
    /// Several values, one argument (a PowerShell array `'a', 'b'`).
    List {
        values: Vec<String>,
        what: &'static str,
    },
    /// Parts glued without spaces (`/ProductKey:` + a placeholder). A word in it that is not
    /// safe is refused (it may sit inside a quoted template).
    Join(Vec<Arg>),
}

/// One argument of a [`Command`]. Build with [`Arg::lit`], [`Arg::word`], [`Arg::value`] or
/// [`Arg::placeholder`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Arg(ArgKind);

impl Arg {
    /// Source code: shown as written. Only string literals of avma's own code fit the type.
    pub fn lit(s: &'static str) -> Arg {
        Arg(ArgKind::Lit(s))
    }
    /// A token from trusted data (catalog key, EditionID, a `/switch:VALUE` made of them): bare
    /// when it is made of safe characters only, else quoted like a value.
    pub fn word(s: impl Into<String>) -> Arg {
        Arg(ArgKind::Word(s.into()))
    }
    /// A value from evidence or a user: always quoted; refused when it cannot be quoted safely.
    /// `what` names it in the placeholder ("VM name").
    pub fn value(s: impl Into<String>, what: &'static str) -> Arg {
        Arg(ArgKind::Value {
            value: s.into(),
            what,
        })
    }
    /// Something the evidence does not tell: shown as `<what>` for the user to replace.
    pub fn placeholder(what: &'static str) -> Arg {
        Arg(ArgKind::Placeholder(what))
    }
    /// Several values as one argument (PowerShell: `'a', 'b'`; cmd: `"a" "b"`).
    pub fn list(values: Vec<String>, what: &'static str) -> Arg {
        Arg(ArgKind::List { values, what })
    }
    /// Parts glued together without spaces: `Arg::join([Arg::lit("/Set-Edition:"), Arg::word(id)])`.
    pub fn join(parts: impl IntoIterator<Item = Arg>) -> Arg {
        Arg(ArgKind::Join(parts.into_iter().collect()))
    }
}

/// A command for a shell, from a program and arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Command {
    program: Program,
    args: Vec<Arg>,
}

/// Why a value was not put into a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefuseReason {
    /// CR, LF, NEL, U+2028, U+2029: a line break splits a pasted command.
    LineBreak,
    /// Another control character (C0, C1, DEL).
    Control,
    /// A bidi control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): the text shown
    /// is not the text run.
    Bidi,
    /// `"`, `%`, `!` or `^` in a cmd.exe rendering: cmd.exe has no escape for them that works
    /// inside quotes both at a prompt and in a batch file.
    CmdMeta,
}

impl RefuseReason {
    /// A stable token for JSON and message arguments.
    pub fn as_str(self) -> &'static str {
        match self {
            RefuseReason::LineBreak => "line-break",
            RefuseReason::Control => "control-character",
            RefuseReason::Bidi => "bidi-control",
            RefuseReason::CmdMeta => "shell-metacharacter",
        }
    }
}

/// A value that was replaced by a placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Refusal {
    pub what: &'static str,
    pub reason: RefuseReason,
    /// The offending character as `U+XXXX`.
    pub char: String,
    pub shell: Shell,
}

/// A command rendered for one shell, and the values it refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub refused: Vec<Refusal>,
}

impl Command {
    pub fn new(program: Program) -> Command {
        Command {
            program,
            args: Vec::new(),
        }
    }
    /// `slmgr.vbs` with arguments.
    pub fn slmgr(args: impl IntoIterator<Item = Arg>) -> Command {
        Command::new(Program::Slmgr).args(args)
    }
    pub fn exe(name: &'static str, args: impl IntoIterator<Item = Arg>) -> Command {
        Command::new(Program::Exe(name)).args(args)
    }
    pub fn powershell(name: &'static str, args: impl IntoIterator<Item = Arg>) -> Command {
        Command::new(Program::PowerShell(name)).args(args)
    }
    pub fn arg(mut self, a: Arg) -> Command {
        self.args.push(a);
        self
    }
    pub fn args(mut self, a: impl IntoIterator<Item = Arg>) -> Command {
        self.args.extend(a);
        self
    }
    pub fn program(&self) -> &Program {
        &self.program
    }
    /// The values this command carries (for tests and evidence pointers).
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.args
            .iter()
            .filter_map(|a| match &a.0 {
                ArgKind::Value { value, .. } => Some(value.as_str()),
                ArgKind::Word(w) => Some(w.as_str()),
                _ => None,
            })
            .chain(self.args.iter().flat_map(|a| {
                match &a.0 {
                    ArgKind::List { values, .. } => {
                        values.iter().map(String::as_str).collect::<Vec<_>>()
                    }
                    ArgKind::Join(parts) => parts
                        .iter()
                        .filter_map(|p| match &p.0 {
                            ArgKind::Word(w) => Some(w.as_str()),
                            ArgKind::Value { value, .. } => Some(value.as_str()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                }
            }))
    }
    /// Whether the command holds a placeholder (the evidence did not tell everything).
    pub fn has_placeholder(&self) -> bool {
        fn has(a: &Arg) -> bool {
            match &a.0 {
                ArgKind::Placeholder(_) => true,
                ArgKind::Join(p) => p.iter().any(has),
                _ => false,
            }
        }
        self.args.iter().any(has)
    }

    pub fn render(&self, shell: Shell) -> Rendered {
        self.render_named(shell, &|_| None)
    }

    /// The command rendered with placeholders named in the reader's language: `names` gets
    /// the English name of each placeholder (`the node's Datacenter key`) and may return its
    /// translation, which is quoted like the English one (a name cmd.exe could not hold in
    /// quotes is not used). The JSON contracts keep [`Command::render`]'s English names.
    pub fn render_named(&self, shell: Shell, names: Names<'_>) -> Rendered {
        let mut refused = Vec::new();
        let text = match (shell, &self.program) {
            (Shell::PowerShell, p) => {
                let head = match p {
                    Program::Slmgr => "cscript //nologo \"$env:SystemRoot\\System32\\slmgr.vbs\"",
                    Program::Exe(e) | Program::PowerShell(e) => e,
                };
                join(head, &self.args, |a| {
                    ps_arg(a, Shell::PowerShell, names, &mut refused)
                })
            }
            (Shell::Cmd, Program::Slmgr) => join(
                "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs",
                &self.args,
                |a| cmd_arg(a, names, &mut refused),
            ),
            (Shell::Cmd, Program::Exe(e)) => {
                join(e, &self.args, |a| cmd_arg(a, names, &mut refused))
            }
            (Shell::Cmd, Program::PowerShell(e)) => {
                // The PowerShell text goes inside one cmd double-quoted string: values must
                // hold nothing cmd or powershell.exe's own argument parsing would act on.
                let inner = join(e, &self.args, |a| {
                    ps_arg(a, Shell::Cmd, names, &mut refused)
                });
                format!("powershell -NoProfile -Command \"{inner}\"")
            }
        };
        Rendered { text, refused }
    }
}

/// Placeholder names in the reader's language, by their English name (see
/// [`Command::render_named`]).
pub type Names<'a> = &'a dyn Fn(&'static str) -> Option<String>;

/// `<name>` of a placeholder: its translation when there is one cmd.exe can hold in quotes.
fn placeholder_text(what: &'static str, names: Names<'_>) -> String {
    let name = names(what)
        .filter(|n| !n.is_empty() && refuse(n, Shell::Cmd).is_none())
        .unwrap_or_else(|| what.to_string());
    format!("<{name}>")
}

fn join(head: &str, args: &[Arg], mut f: impl FnMut(&Arg) -> String) -> String {
    let mut s = String::from(head);
    for a in args {
        s.push(' ');
        s.push_str(&f(a));
    }
    s
}

fn refusal(what: &'static str, reason: RefuseReason, c: char, shell: Shell) -> Refusal {
    Refusal {
        what,
        reason,
        char: format!("U+{:04X}", c as u32),
        shell,
    }
}

/// The characters a bare word may hold in both shells.
fn is_safe_word(s: &str) -> bool {
    // A leading `-` would be a parameter to PowerShell; `,` an array; so neither is bare.
    !s.is_empty()
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '\\'))
}

/// The characters PowerShell reads as a single quote.
pub fn is_ps_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Why `s` cannot be put into a command for `shell`, with the first offending character.
pub fn refuse(s: &str, shell: Shell) -> Option<(RefuseReason, char)> {
    for c in s.chars() {
        if matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            return Some((RefuseReason::LineBreak, c));
        }
        if c.is_control() {
            return Some((RefuseReason::Control, c));
        }
        if is_bidi(c) {
            return Some((RefuseReason::Bidi, c));
        }
        if shell == Shell::Cmd && matches!(c, '"' | '%' | '!' | '^') {
            return Some((RefuseReason::CmdMeta, c));
        }
    }
    None
}

/// `s` as one PowerShell single-quoted string literal (no refusal: callers check first).
pub fn ps_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if is_ps_single_quote(c) {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The value of a PowerShell single-quoted literal (the inverse of [`ps_quote`], PowerShell's
/// own rule: inside the quotes, a quote character followed by another stands for the second).
/// `None` when `lit` is not exactly one such literal.
pub fn ps_unquote(lit: &str) -> Option<String> {
    let mut it = lit.chars().peekable();
    if !it.next().is_some_and(is_ps_single_quote) {
        return None;
    }
    let mut out = String::new();
    while let Some(c) = it.next() {
        if is_ps_single_quote(c) {
            match it.peek() {
                Some(&n) if is_ps_single_quote(n) => {
                    out.push(n);
                    it.next();
                }
                _ => return if it.next().is_none() { Some(out) } else { None },
            }
        } else {
            out.push(c);
        }
    }
    None
}

/// `s` as one cmd.exe double-quoted argument; `None` when cmd.exe cannot hold it safely.
pub fn cmd_quote(s: &str) -> Option<String> {
    if refuse(s, Shell::Cmd).is_some() {
        return None;
    }
    Some(format!("\"{s}\""))
}

/// A PowerShell argument. `strict` is the shell whose refusals apply: `Cmd` when the PowerShell
/// text goes inside `powershell -Command "..."` (no `"`, `%`, `!`, `^` from values).
fn ps_arg(a: &Arg, strict: Shell, names: Names<'_>, refused: &mut Vec<Refusal>) -> String {
    let quote = |v: &str, what: &'static str, refused: &mut Vec<Refusal>| match refuse(v, strict) {
        Some((r, c)) => {
            refused.push(refusal(what, r, c, strict));
            ps_quote(&placeholder_text(what, names))
        }
        None => ps_quote(v),
    };
    match &a.0 {
        ArgKind::Lit(s) => (*s).to_string(),
        ArgKind::Word(w) if is_safe_word(w) => w.clone(),
        ArgKind::Word(w) => quote(w, "value", refused),
        ArgKind::Value { value, what } => quote(value, what, refused),
        ArgKind::Placeholder(what) => ps_quote(&placeholder_text(what, names)),
        ArgKind::List { values, what } => {
            if values.is_empty() {
                return ps_quote(&placeholder_text(what, names));
            }
            values
                .iter()
                .map(|v| quote(v, what, refused))
                .collect::<Vec<_>>()
                .join(", ")
        }
        ArgKind::Join(parts) => parts
            .iter()
            .map(|p| match &p.0 {
                ArgKind::Word(w) if !is_safe_word(w) => {
                    let c = w
                        .chars()
                        .find(|c| !c.is_ascii_alphanumeric())
                        .unwrap_or('?');
                    refused.push(refusal("value", RefuseReason::CmdMeta, c, strict));
                    placeholder_text("value", names)
                }
                _ => ps_arg(p, strict, names, refused),
            })
            .collect(),
    }
}

fn cmd_arg(a: &Arg, names: Names<'_>, refused: &mut Vec<Refusal>) -> String {
    let quote = |v: &str, what: &'static str, refused: &mut Vec<Refusal>| {
        cmd_quote(v).unwrap_or_else(|| {
            if let Some((r, c)) = refuse(v, Shell::Cmd) {
                refused.push(refusal(what, r, c, Shell::Cmd));
            }
            format!("\"{}\"", placeholder_text(what, names))
        })
    };
    match &a.0 {
        ArgKind::Lit(s) => (*s).to_string(),
        ArgKind::Word(w) if is_safe_word(w) => w.clone(),
        ArgKind::Word(w) => quote(w, "value", refused),
        ArgKind::Value { value, what } => quote(value, what, refused),
        // Quoted, so that `<` and `>` are not redirections.
        ArgKind::Placeholder(what) => format!("\"{}\"", placeholder_text(what, names)),
        ArgKind::List { values, what } => {
            if values.is_empty() {
                return format!("\"{}\"", placeholder_text(what, names));
            }
            values
                .iter()
                .map(|v| quote(v, what, refused))
                .collect::<Vec<_>>()
                .join(" ")
        }
        ArgKind::Join(parts) => parts
            .iter()
            .map(|p| match &p.0 {
                ArgKind::Word(w) if !is_safe_word(w) => {
                    let c = w
                        .chars()
                        .find(|c| !c.is_ascii_alphanumeric())
                        .unwrap_or('?');
                    refused.push(refusal("value", RefuseReason::CmdMeta, c, Shell::Cmd));
                    format!("\"{}\"", placeholder_text("value", names))
                }
                _ => cmd_arg(p, names, refused),
            })
            .collect(),
    }
}

/// A comment line for cmd.exe: `rem` and text with nothing cmd would act on (`&|<>^%!"`
/// and control characters dropped), or nothing. cmd.exe has no `#` comment.
pub fn cmd_comment(text: &str) -> Option<String> {
    let clean: String = text
        .chars()
        .filter(|c| {
            !c.is_control()
                && !is_bidi(*c)
                && !matches!(c, '&' | '|' | '<' | '>' | '^' | '%' | '!' | '"' | '(' | ')')
        })
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        None
    } else {
        Some(format!("rem {clean}"))
    }
}

impl fmt::Display for Shell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shell::PowerShell => "powershell",
            Shell::Cmd => "cmd",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_words_values() {
        let c = Command::slmgr([Arg::lit("/ipk"), Arg::word("TNK62-RXVTB-4P47B-2D623-4GF74")]);
        assert_eq!(
            c.render(Shell::Cmd).text,
            "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk TNK62-RXVTB-4P47B-2D623-4GF74"
        );
        assert_eq!(
            c.render(Shell::PowerShell).text,
            "cscript //nologo \"$env:SystemRoot\\System32\\slmgr.vbs\" /ipk TNK62-RXVTB-4P47B-2D623-4GF74"
        );
        let c = Command::powershell(
            "Get-VMIntegrationService",
            [
                Arg::lit("-VMName"),
                Arg::value("x'; Remove-Item C:\\ -Recurse; '", "VM name"),
            ],
        );
        assert_eq!(
            c.render(Shell::PowerShell).text,
            "Get-VMIntegrationService -VMName 'x''; Remove-Item C:\\ -Recurse; '''"
        );
        let r = Command::powershell(
            "Get-VM",
            [Arg::lit("-Name"), Arg::value("a\u{2019}b", "VM name")],
        )
        .render(Shell::PowerShell);
        assert_eq!(r.text, "Get-VM -Name 'a\u{2019}\u{2019}b'");
        assert!(r.refused.is_empty());
    }

    #[test]
    fn refusals_become_placeholders() {
        let c = Command::powershell("Get-VM", [Arg::lit("-Name"), Arg::value("a\nb", "VM name")]);
        let r = c.render(Shell::PowerShell);
        assert_eq!(r.text, "Get-VM -Name '<VM name>'");
        assert_eq!(r.refused[0].reason, RefuseReason::LineBreak);
        let r = Command::powershell(
            "Get-VM",
            [
                Arg::lit("-Name"),
                Arg::value("a\" & calc.exe & \"", "VM name"),
            ],
        )
        .render(Shell::Cmd);
        assert_eq!(
            r.text,
            "powershell -NoProfile -Command \"Get-VM -Name '<VM name>'\""
        );
        assert_eq!(r.refused[0].reason, RefuseReason::CmdMeta);
        // The same value is fine for PowerShell itself.
        assert!(
            Command::powershell("Get-VM", [Arg::value("a\" & calc.exe & \"", "VM name")])
                .render(Shell::PowerShell)
                .refused
                .is_empty()
        );
        let r = Command::exe("DISM", [Arg::value("x\u{202E}y", "name")]).render(Shell::Cmd);
        assert_eq!(r.refused[0].reason, RefuseReason::Bidi);
        assert_eq!(r.refused[0].char, "U+202E");
    }

    #[test]
    fn unsafe_words_are_quoted() {
        let r = Command::exe("DISM", [Arg::word("a b&c")]).render(Shell::Cmd);
        assert_eq!(r.text, "DISM \"a b&c\"");
        let r = Command::exe("DISM", [Arg::word("a b")]).render(Shell::PowerShell);
        assert_eq!(r.text, "DISM 'a b'");
    }

    #[test]
    fn unquote_is_the_inverse() {
        for s in ["", "a", "'", "''", "\u{2018}x\u{201B}", "a'b\u{201A}"] {
            assert_eq!(ps_unquote(&ps_quote(s)).as_deref(), Some(s));
        }
        assert_eq!(ps_unquote("'a'b'"), None);
        assert_eq!(ps_unquote("'a"), None);
    }

    #[test]
    fn cmd_comments() {
        assert_eq!(
            cmd_comment("in VM2 & calc.exe").as_deref(),
            Some("rem in VM2  calc.exe")
        );
        assert_eq!(cmd_comment("&&"), None);
    }
}
