//! `--help` and the man page in the user's language.
//!
//! clap builds the command line from `cli.rs`; this module replaces every `about`, `long_about`
//! and argument `help` with the message catalog's text before parsing, so `--help`, the man page
//! and completions speak the language `--lang` (read here, before clap) or the locale chose.
//!
//! Message ids: `help-<command>` for a command's one-line about (`help-avma` for avma itself),
//! `help-<command>-long` for its long about where it has one, `help-<command>-<argument>` for an
//! argument (the argument's id with `_` as `-`). `tests/help.rs` checks that every command and
//! argument has its ids in every language.

use avma_i18n::I18n;
use clap::Command;

/// The message id of a command's about.
pub fn command_id(path: &[&str]) -> String {
    if path.is_empty() {
        "help-avma".to_string()
    } else {
        format!("help-{}", path.join("-"))
    }
}

/// The message id of an argument's help.
pub fn arg_id(path: &[&str], arg: &str) -> String {
    format!("{}-{}", command_id(path), arg.replace('_', "-"))
}

/// Arguments clap adds or that have no text of their own in the catalog.
fn builtin(id: &str) -> bool {
    matches!(id, "help" | "version")
}

/// The language chosen on the command line, read before clap parses it: `--lang ja`,
/// `--lang=ja`, anywhere before a `--`.
pub fn lang_from_args(args: &[std::ffi::OsString]) -> Option<crate::cli::LangArg> {
    let mut it = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let v = if a == "--lang" {
            it.next()
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(v) = v {
            // Only a tag `--lang` accepts (clap reports any other).
            return avma_i18n::languages()
                .into_iter()
                .find(|l| l.as_str() == v)
                .map(crate::cli::LangArg);
        }
    }
    None
}

fn localize(mut cmd: Command, path: &mut Vec<String>, i18n: &I18n) -> Command {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let id = command_id(&p);
    if i18n.has(&id) || i18n.lang() == avma_core::text::Lang::En {
        let about = i18n.t(&id);
        if about != id {
            cmd = cmd.about(about);
        }
    }
    let long = format!("{id}-long");
    let long_text = i18n.t(&long);
    if long_text != long {
        cmd = cmd.long_about(long_text);
    }
    let after = format!("{id}-after");
    let after_text = i18n.t(&after);
    if after_text != after {
        cmd = cmd.after_help(after_text.clone());
        if cmd.get_after_long_help().is_some() {
            cmd = cmd.after_long_help(after_text);
        }
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_string())
        .filter(|a| !builtin(a))
        .collect();
    for a in ids {
        let aid = arg_id(&p, &a);
        let text = i18n.t(&aid);
        if text == aid {
            continue;
        }
        cmd = cmd.mut_arg(a.as_str(), |arg| {
            // clap writes "[possible values: …]" and "[default: …]" in English: say it here.
            let mut long = text.clone();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let takes_values = arg.get_action().takes_values();
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if takes_values && !values.is_empty() {
                let m = avma_core::text::Msg::new("help-possible-values")
                    .arg("values", values.join(", "));
                long.push_str("\n\n");
                long.push_str(&i18n.msg(&m));
            }
            if takes_values && !defaults.is_empty() {
                let m = avma_core::text::Msg::new("help-default-value")
                    .arg("value", defaults.join(", "));
                long.push('\n');
                long.push_str(&i18n.msg(&m));
            }
            let arg = arg.help(text).long_help(long);
            if takes_values {
                arg.hide_possible_values(true).hide_default_value(true)
            } else {
                arg
            }
        });
    }
    let heading = |key: &str| i18n.t(key);
    cmd = cmd
        .subcommand_help_heading(heading("help-heading-commands"))
        .help_template(help_template(i18n));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for n in names {
        path.push(n.clone());
        cmd = cmd.mut_subcommand(n.as_str(), |s| localize(s, path, i18n));
        path.pop();
    }
    cmd
}

/// clap's layout with translated headings (clap itself speaks only English).
fn help_template(i18n: &I18n) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        i18n.t("help-heading-usage")
    )
}

/// The command line with every about and help in `i18n`'s language.
pub fn command(i18n: &I18n) -> Command {
    command_for(i18n, None)
}

/// [`command`], its help laid out in `width` columns when given (see [`width`]; set before clap
/// builds the command, which hands the width down to every subcommand).
pub fn command_for(i18n: &I18n, width: Option<usize>) -> Command {
    use clap::CommandFactory;
    let mut path = Vec::new();
    let mut cmd = localize(crate::cli::Cli::command(), &mut path, i18n);
    let opts = i18n.t("help-heading-options");
    let args = i18n.t("help-heading-arguments");
    cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(clap::ArgAction::Help)
                .help(i18n.t("help-flag-help")),
        )
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(i18n.t("help-flag-version")),
        );
    let help = i18n.t("help-flag-help");
    cmd = headings(cmd, &opts, &args, &help);
    if let Some(w) = width {
        cmd = cmd.term_width(w);
    }
    // clap adds its `help` subcommand (worded in English) only when it builds the command:
    // build it here, then give every such subcommand the catalog's words.
    cmd.build();
    help_subcommands(cmd, i18n, &opts, &args)
}

/// The `help` subcommands clap generated, with translated about, argument help and headings.
fn help_subcommands(mut cmd: Command, i18n: &I18n, opts: &str, args: &str) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for n in names {
        if n == "help" {
            cmd = cmd.mut_subcommand("help", |s| {
                let ids: Vec<(String, bool)> = s
                    .get_arguments()
                    .map(|a| (a.get_id().as_str().to_string(), a.is_positional()))
                    .collect();
                let mut s = s
                    .about(i18n.t("help-help"))
                    .help_template(help_template(i18n));
                for (id, positional) in ids {
                    let h = if positional { args } else { opts }.to_string();
                    s = s.mut_arg(id.as_str(), |a| {
                        let a = a.help_heading(h);
                        if positional {
                            a.help(i18n.t("help-help-command"))
                        } else {
                            a
                        }
                    });
                }
                s
            });
        } else {
            cmd = cmd.mut_subcommand(n.as_str(), |s| help_subcommands(s, i18n, opts, args));
        }
    }
    cmd
}

/// Put every option under the translated "Options" heading and positionals under "Arguments".
fn headings(mut cmd: Command, opts: &str, args: &str, help: &str) -> Command {
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .filter(|a| a.get_help_heading().is_none())
        .map(|a| (a.get_id().as_str().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let h = if positional { args } else { opts }.to_string();
        cmd = cmd.mut_arg(id.as_str(), |a| a.help_heading(h));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for n in names {
        cmd = cmd.mut_subcommand(n.as_str(), |s| {
            headings(
                s.disable_help_flag(true).arg(
                    clap::Arg::new("help")
                        .short('h')
                        .long("help")
                        .action(clap::ArgAction::Help)
                        .help(help.to_string())
                        .help_heading(opts.to_string())
                        // Last, after the global options too (as in every command).
                        .display_order(usize::MAX),
                ),
                opts,
                args,
                help,
            )
        });
    }
    cmd
}

/// Every message id the help of the command line needs (for the coverage test).
pub fn ids() -> Vec<String> {
    use clap::CommandFactory;
    fn walk(cmd: &Command, path: &mut Vec<String>, out: &mut Vec<String>) {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        out.push(command_id(&p));
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if !builtin(id) {
                out.push(arg_id(&p, id));
            }
        }
        for s in cmd.get_subcommands() {
            path.push(s.get_name().to_string());
            walk(s, path, out);
            path.pop();
        }
    }
    let mut out = vec![
        "help-heading-usage".to_string(),
        "help-heading-commands".to_string(),
        "help-heading-options".to_string(),
        "help-heading-arguments".to_string(),
        "help-flag-help".to_string(),
        "help-flag-version".to_string(),
        "help-possible-values".to_string(),
        "help-default-value".to_string(),
        "help-help".to_string(),
        "help-help-command".to_string(),
    ];
    walk(&crate::cli::Cli::command(), &mut Vec::new(), &mut out);
    out
}

/// clap_mangen's section names (`.SH NAME`, `.SH SYNOPSIS`, ...) are English: replaced by the
/// catalog's (`man-section-*`). The headings avma gives clap (options, commands) are already
/// translated.
pub fn man_sections(man: &str, i18n: &I18n) -> String {
    const SECTIONS: &[(&str, &str)] = &[
        ("NAME", "man-section-name"),
        ("SYNOPSIS", "man-section-synopsis"),
        ("DESCRIPTION", "man-section-description"),
        ("OPTIONS", "man-section-options"),
        ("EXTRA", "man-section-extra"),
        ("VERSION", "man-section-version"),
        ("AUTHORS", "man-section-authors"),
    ];
    let mut out = String::with_capacity(man.len());
    for line in man.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        match body
            .strip_prefix(".SH ")
            .and_then(|name| SECTIONS.iter().find(|(n, _)| *n == name))
        {
            Some((_, id)) => {
                out.push_str(".SH ");
                out.push_str(&i18n.t(id));
                out.push_str(nl);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The width help is laid out in, as clap computes it (the `COLUMNS` variable, else the
/// terminal's width, else 100; at most 100): set on the command and used by [`rewrap`].
pub fn width(env: &dyn Fn(&str) -> Option<String>) -> usize {
    env("COLUMNS")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(100)
        .min(100)
}

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Wide characters (CJK ideographs, kana, full-width forms): a line may break between two.
fn is_wide(c: char) -> bool {
    char_width(c) >= 2
}

/// Characters a Japanese line must not start with (closing brackets and stops, the long vowel
/// mark, small kana) or end with (opening brackets): the usual line-breaking rules (kinsoku).
fn no_line_start(c: char) -> bool {
    "、。，．,.)）]］」』】〉》〕}｝!！?？:：;；・ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％"
        .contains(c)
}

fn no_line_end(c: char) -> bool {
    "(（[［「『【〈《〔{｛".contains(c)
}

/// Help lines wider than `width` display columns (East Asian width), broken again: at a space,
/// or between two wide characters (Japanese has few spaces), never before a
/// closing stop or after an opening bracket. A broken line's rest is indented like the text
/// it continues (an option's description column). clap (with its `unicode` feature) already
/// wraps at spaces by display width; this handles what it cannot break.
pub fn rewrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let total: usize = line.chars().map(char_width).sum();
        if total <= width || width < 20 {
            out.push_str(line);
            continue;
        }
        out.push_str(&break_line(line, width));
    }
    out
}

/// The column where a help line's text starts: after its leading spaces, or for an option's
/// row (`  -g, --guest <GUEST>  text`) after the run of two or more spaces that ends the option.
fn hang(line: &str, width: usize) -> usize {
    let lead = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[lead..];
    let mut col = lead;
    if rest.starts_with('-') || rest.starts_with('<') || rest.starts_with('[') {
        let mut spaces = 0;
        for c in rest.chars() {
            if c == ' ' {
                spaces += 1;
            } else if spaces >= 2 {
                return col.min(width / 2);
            } else {
                spaces = 0;
            }
            col += char_width(c);
        }
    }
    lead.min(width / 2)
}

fn break_line(line: &str, width: usize) -> String {
    let indent = hang(line, width);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut start = 0usize;
    let mut first = true;
    while start < chars.len() {
        let lead = if first { 0 } else { indent };
        // The widest piece from `start` that fits, and the last place in it that may break.
        let mut col = lead;
        let mut end = start;
        let mut brk: Option<(usize, usize)> = None; // (end of this line, start of the next)
        while end < chars.len() {
            let w = char_width(chars[end]);
            if col + w > width {
                break;
            }
            col += w;
            end += 1;
            if end < chars.len() {
                let (a, b) = (chars[end - 1], chars[end]);
                if b == ' ' && a != ' ' {
                    brk = Some((end, end + 1));
                } else if is_wide(a) && is_wide(b) && !no_line_start(b) && !no_line_end(a) {
                    brk = Some((end, end));
                }
            }
        }
        if !first {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
        }
        if end >= chars.len() {
            out.extend(&chars[start..]);
            break;
        }
        // No place to break: cut at the width (a word longer than the line).
        let (stop, next) = brk
            .filter(|(e, _)| *e > start)
            .unwrap_or((end.max(start + 1), end.max(start + 1)));
        let piece: String = chars[start..stop].iter().collect();
        out.push_str(piece.trim_end());
        start = next;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
        first = false;
    }
    out
}

/// A usage error of clap in `i18n`'s language: clap words its errors in English only, so the
/// sentence is rebuilt from the error's kind and context (the argument, the value, the valid
/// values, the suggestions, the usage) through message ids. Help and version text (already
/// localized by [`command`]) pass through as clap renders them.
pub fn render_error(e: &clap::Error, i18n: &I18n) -> String {
    use avma_core::text::Msg;
    use clap::error::{ContextKind, ContextValue, ErrorKind};

    let kind = e.kind();
    if matches!(
        kind,
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return e.render().to_string();
    }
    let s = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let list = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = s(ContextKind::InvalidArg).unwrap_or_default();
    let value = s(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    let head = match kind {
        ErrorKind::UnknownArgument => Msg::new("clap-unknown-argument").arg("arg", arg.as_str()),
        ErrorKind::InvalidSubcommand => Msg::new("clap-invalid-subcommand").arg(
            "subcommand",
            s(ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            Msg::new("clap-value-required").arg("arg", arg.as_str())
        }
        // The parser's own reason (`invalid digit found in string`) is the library's English:
        // quoted inside the translated sentence.
        ErrorKind::ValueValidation if std::error::Error::source(e).is_some() => {
            Msg::new("clap-invalid-value-reason")
                .arg("arg", arg.as_str())
                .arg("value", value.as_str())
                .arg(
                    "reason",
                    std::error::Error::source(e)
                        .map(|r| r.to_string())
                        .unwrap_or_default(),
                )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Msg::new("clap-invalid-value")
            .arg("arg", arg.as_str())
            .arg("value", value.as_str()),
        ErrorKind::NoEquals => Msg::new("clap-no-equals").arg("arg", arg.as_str()),
        ErrorKind::TooManyValues => Msg::new("clap-too-many-values")
            .arg("arg", arg.as_str())
            .arg("value", value.as_str()),
        ErrorKind::TooFewValues => Msg::new("clap-too-few-values")
            .arg("arg", arg.as_str())
            .arg("min", s(ContextKind::MinValues).unwrap_or_default())
            .arg(
                "actual",
                s(ContextKind::ActualNumValues).unwrap_or_default(),
            ),
        ErrorKind::WrongNumberOfValues => Msg::new("clap-wrong-number-of-values")
            .arg("arg", arg.as_str())
            .arg(
                "expected",
                s(ContextKind::ExpectedNumValues).unwrap_or_default(),
            )
            .arg(
                "actual",
                s(ContextKind::ActualNumValues).unwrap_or_default(),
            ),
        ErrorKind::MissingRequiredArgument => {
            for a in list(ContextKind::InvalidArg) {
                lines.push(format!("  {a}"));
            }
            Msg::new("clap-missing-required")
        }
        ErrorKind::MissingSubcommand => Msg::new("clap-missing-subcommand").arg(
            "command",
            s(ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::ArgumentConflict => {
            let prior = list(ContextKind::PriorArg);
            if prior.len() == 1 && prior[0] == arg {
                Msg::new("clap-argument-repeated").arg("arg", arg.as_str())
            } else if prior.is_empty() {
                Msg::new("clap-argument-conflict-others").arg("arg", arg.as_str())
            } else {
                Msg::new("clap-argument-conflict")
                    .arg("arg", arg.as_str())
                    .arg("other", prior.join("', '"))
            }
        }
        ErrorKind::InvalidUtf8 => Msg::new("clap-invalid-utf8"),
        _ => Msg::new("clap-other"),
    };
    match kind {
        ErrorKind::InvalidValue => {
            let valid = list(ContextKind::ValidValue);
            if !valid.is_empty() {
                let m = Msg::new("clap-possible-values").arg("values", valid.join(", "));
                lines.push(format!("  [{}]", i18n.msg(&m)));
            }
        }
        ErrorKind::MissingSubcommand => {
            let valid = list(ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                let m = Msg::new("clap-subcommands").arg("values", valid.join(", "));
                lines.push(format!("  [{}]", i18n.msg(&m)));
            }
        }
        _ => {}
    }
    let mut tips: Vec<String> = Vec::new();
    for (k, id) in [
        (
            ContextKind::SuggestedSubcommand,
            "clap-tip-similar-subcommand",
        ),
        (ContextKind::SuggestedArg, "clap-tip-similar-argument"),
        (ContextKind::SuggestedValue, "clap-tip-similar-value"),
    ] {
        let names = list(k);
        if !names.is_empty() {
            tips.push(i18n.msg(&Msg::new(id).arg("names", names.join("', '"))));
        }
    }
    // clap's free-form tips are English sentences: the shapes clap writes are rebuilt from
    // their values, any other is quoted inside a translated sentence.
    if let Some(ContextValue::StyledStrs(v)) = e.get(ContextKind::Suggested) {
        for t in v {
            tips.push(i18n.msg(&tip_msg(&t.to_string(), kind, &arg)));
        }
    }
    let mut out = i18n.msg(&Msg::new("clap-error").arg("message", i18n.msg(&head)));
    for l in lines {
        out.push('\n');
        out.push_str(&l);
    }
    if !tips.is_empty() {
        out.push('\n');
        for t in tips {
            out.push_str("\n  ");
            out.push_str(&t);
        }
    }
    if let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) {
        // clap titles the usage "Usage:" in English; the title is the help's own.
        let u = u.to_string();
        let body = u.trim_start().strip_prefix("Usage:").unwrap_or(&u).trim();
        out.push_str(&format!("\n\n{}: {body}", i18n.t("help-heading-usage")));
    }
    out.push_str("\n\n");
    out.push_str(&i18n.msg(&Msg::new("clap-try-help").arg("flag", "--help")));
    out.push('\n');
    out
}

/// One of clap's free-form tips as a message: the shapes clap 4 writes (a value that looks
/// like a flag, a flag of a subcommand, a needless `--`) by their values, any other quoted.
fn tip_msg(tip: &str, kind: clap::error::ErrorKind, arg: &str) -> avma_core::text::Msg {
    use avma_core::text::Msg;
    let quoted = |t: &str| t.strip_prefix('\'')?.strip_suffix('\'').map(str::to_string);
    if let Some(rest) = tip.strip_prefix("to pass ") {
        if let Some((what, usage)) = rest.split_once(" as a value, use ") {
            if let (Some(what), Some(usage)) = (quoted(what), quoted(usage)) {
                if kind == clap::error::ErrorKind::UnknownArgument && what == arg {
                    return Msg::new("clap-tip-double-dash").arg("arg", what);
                }
                return Msg::new("clap-tip-as-value")
                    .arg("arg", what)
                    .arg("usage", usage);
            }
        }
    }
    if let Some(what) = tip.strip_suffix(" exists").and_then(quoted) {
        return Msg::new("clap-tip-exists").arg("what", what);
    }
    if let Some(sub) = tip
        .strip_prefix("subcommand ")
        .and_then(|t| t.strip_suffix("; to use it, remove the '--' before it"))
        .and_then(quoted)
    {
        return Msg::new("clap-tip-needless-double-dash").arg("subcommand", sub);
    }
    Msg::new("clap-tip-other").arg("tip", tip)
}
