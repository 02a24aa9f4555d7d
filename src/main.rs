//! The `photojury` binary: parses the command line and hands over to the library.

fn main() -> std::process::ExitCode {
    photojury::cli::main()
}
