//! The `ambassade` command: parses arguments, runs the command (see `cli`), and maps the
//! outcome to an exit status (0 ok, 1 content problems, 2 usage errors).

mod cli;

use std::process::ExitCode;
use std::time::Instant;

use ambassade::i18n::render;
use ambassade::msg;
use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let started = Instant::now();
    match cli.run(started) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(usage) => {
            let error = render(cli.lang(), &msg!("common-error"));
            eprintln!("{error}: {usage}");
            ExitCode::from(2)
        }
    }
}
