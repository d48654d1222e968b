//! `avma`: see the library crate for everything.

fn main() -> std::process::ExitCode {
    avma_cli::main_entry()
}
