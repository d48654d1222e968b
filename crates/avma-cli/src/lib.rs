//! The `avma` command: the only place that reads arguments, files, the environment and the
//! terminal. Everything it knows comes from avma-core; everything it says goes through
//! [`out::Ctx`] (translated, colored only on a terminal, redacted).
//!
//! A library as well as a binary so that integration tests can drive the readers directly.

pub mod bundle;
pub mod cli;
pub mod cmd;
pub mod document;
pub mod escape;
pub mod help;
pub mod input;
pub mod out;
pub mod render;

use std::process::ExitCode;

use clap::FromArgMatches;

use cli::{Cli, Command};

/// Run avma with the process's arguments and environment.
pub fn main_entry() -> ExitCode {
    let env = |k: &str| std::env::var(k).ok();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is chosen before clap parses, so that --help is in that language too.
    let help_i18n = avma_i18n::I18n::new(out::pick_lang(help::lang_from_args(&args), &env));
    // clap and the rewrapping of `help::rewrap` lay help out in the same width.
    let help_width = help::width(&env);
    let parsed = help::command_for(&help_i18n, Some(help_width))
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors are exit code 2. The
            // text is redacted like everything else (a private key may be in an argument).
            let cat = avma_core::Catalog::builtin();
            let mut rendered = help::render_error(&e, &help_i18n);
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp
                    | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                rendered = help::rewrap(&rendered, help_width);
            }
            let text = avma_core::key::redact_text(&escape::output(&rendered, false), cat);
            let code = if e.use_stderr() { 2 } else { 0 };
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            return ExitCode::from(code);
        }
    };
    let lang = out::pick_lang(cli.lang, &env);
    // A Windows console shows colours only with virtual-terminal processing: it is turned on
    // here, and where the console refuses, `auto` prints none.
    let color = out::pick_color(cli.color, &env)
        && (cli.color == cli::ColorArg::Always
            || !cfg!(windows)
            || anstyle_query::windows::enable_ansi_colors().unwrap_or(false));
    let mut ctx = out::Ctx::new(lang, color);
    match cli.at.as_deref().map(cmd::asof::parse_at) {
        Some(Err(why)) => {
            let m = ctx.msg(&why);
            ctx.problem("--at", &m);
            ctx.flush();
            return ExitCode::from(cmd::EXIT_INPUT);
        }
        Some(Ok(t)) => cmd::asof::set_at(Some(t)),
        None => cmd::asof::set_at(None),
    }
    let code = match &cli.command {
        Command::Keys(a) => cmd::keys::run(&mut ctx, a),
        Command::Matrix(a) => cmd::matrix::run(&mut ctx, a),
        Command::Explain(a) => cmd::explain::run(&mut ctx, a),
        Command::Plan(a) => cmd::plan::run(&mut ctx, a),
        Command::Lint(a) => cmd::lint::run(&mut ctx, a),
        Command::Rules(a) => cmd::rules::run(&mut ctx, a),
        Command::Evidence(a) => cmd::evidence::run(&mut ctx, a),
        Command::Diagnose(a) => cmd::diagnose::run(&mut ctx, a),
        Command::Inventory(a) => cmd::cluster::inventory(&mut ctx, a),
        Command::Audit(a) => cmd::cluster::audit(&mut ctx, a),
        Command::Ledger(a) => cmd::cluster::ledger(&mut ctx, a),
        Command::Simulate(a) => cmd::cluster::simulate(&mut ctx, a),
        Command::Report(a) => cmd::report::run(&mut ctx, a),
        Command::Check(a) => cmd::check::run(&mut ctx, a),
        Command::Demo(a) => cmd::demo::run(&mut ctx, a),
        Command::Collect(a) => cmd::collect::run(&mut ctx, a),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut help::command(&ctx.i18n), "avma", &mut buf);
            ctx.print(&String::from_utf8_lossy(&buf));
            cmd::EXIT_OK
        }
        Command::Man => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(help::command(&ctx.i18n)).render(&mut buf) {
                Ok(()) => {
                    let man = help::man_sections(&String::from_utf8_lossy(&buf), &ctx.i18n);
                    ctx.print(&man);
                    cmd::EXIT_OK
                }
                Err(e) => {
                    ctx.problem("man", &e.to_string());
                    cmd::EXIT_INPUT
                }
            }
        }
    };
    if !ctx.flush() {
        return ExitCode::from(cmd::EXIT_INPUT);
    }
    ExitCode::from(code)
}
