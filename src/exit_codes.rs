//! The exit codes, in one place (as fd's `exit_codes.rs`); `--help`
//! documents them.

/// How a run of salesevo ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Success,
    /// An error: bad input, a file that cannot be read, an invalid model.
    Failure,
    /// The command line itself is wrong (or the quiz has no terminal).
    Usage,
    /// `score --keep-going` left out bad answer sets: the output is partial.
    Partial,
    /// The quiz was stopped with Ctrl-C (its answers are saved), as shells
    /// report a command ended by SIGINT.
    Interrupted,
}

impl ExitCode {
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
            ExitCode::Partial => 3,
            ExitCode::Interrupted => 130,
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitCode::*;

    #[test]
    fn the_codes_are_the_documented_ones() {
        let codes: Vec<u8> = [Success, Failure, Usage, Partial, Interrupted]
            .iter()
            .map(|c| c.code())
            .collect();
        assert_eq!(codes, [0, 1, 2, 3, 130]);
    }
}
