//! The `slant` command: parses arguments, renders reports, sets the exit code.
//! The engine lives in the library (`src/lib.rs`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}

// Workers allocate and free many small strings (hits, lines, words) while
// other threads free what they made: glibc's malloc spent a fifth of a
// two-thread run on its arena locks (perf). mimalloc's per-thread heaps do
// not contend.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
