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
        cmd = cmd.after_help(after_text);
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
                        .help_heading(opts.to_string()),
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
    ];
    walk(&crate::cli::Cli::command(), &mut Vec::new(), &mut out);
    out
}
