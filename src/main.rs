use clap::Parser;
use salesevo::cli::Cli;
use salesevo::commands;
use salesevo::exit_codes;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                exit_codes::ExitCode::Usage
            } else {
                exit_codes::ExitCode::Success
            });
        }
    };
    // A batch writes hundreds of megabytes: 64 KiB a write call, not 8.
    let mut out = Labelled(std::io::BufWriter::with_capacity(
        64 * 1024,
        std::io::stdout().lock(),
    ));
    let result = commands::run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        // `salesevo stages | head -1`: the reader left; that is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Printed by hand: returning the error from main would dump a backtrace.
            // Messages quote input (ids, values, names): never let it drive the terminal.
            let message = salesevo::text::printable(&format!("{err:#}")).into_owned();
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(exit_codes::ExitCode::Failure)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(|e| e.kind());
        // serde_json wraps the io::Error without exposing it as a source.
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(|e| e.io_error_kind());
        io == Some(BrokenPipe) || json == Some(BrokenPipe)
    })
}

/// Says which stream failed ("No space left on device" alone does not),
/// keeping the error kind so that a closed pipe is still recognised.
struct Labelled<W>(W);

fn label(err: std::io::Error) -> std::io::Error {
    std::io::Error::new(
        err.kind(),
        format!("cannot write to standard output: {err}"),
    )
}

impl<W: Write> Write for Labelled<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(label)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(label)
    }
}
