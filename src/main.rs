//! The `slant` command: parses arguments, renders reports, sets the exit code.
//! The engine lives in the library (`src/lib.rs`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
