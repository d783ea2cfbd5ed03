//! Standard input, its start read before the batch reader starts (to decide
//! whether `score` prints one result or a batch) and then handed to that
//! reader whole: what was read first comes from memory, the rest from the
//! stream, so nothing is read twice and a long input still streams.

use std::io::{Cursor, Read};

/// The start of standard input, read as far as a decision needed.
#[derive(Debug, Default)]
pub struct StdinStart {
    head: Vec<u8>,
    /// Standard input has ended (or failed: the reader meets that again).
    ended: bool,
}

impl StdinStart {
    /// Reads on until `enough` says so of what has been read, `most` bytes
    /// have been, or the input ends; returns what has been read so far.
    pub fn fill(&mut self, most: u64, enough: impl Fn(&[u8]) -> bool) -> &[u8] {
        let mut stdin = std::io::stdin().lock();
        let mut chunk = [0u8; 8 * 1024];
        while !self.ended && (self.head.len() as u64) < most && !enough(&self.head) {
            // One read at a time: a pipe gives what it has without waiting
            // for more, so a script's first line is decided on at once.
            let room = (most - self.head.len() as u64).min(chunk.len() as u64) as usize;
            match stdin.read(&mut chunk[..room]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Ok(0) | Err(_) => self.ended = true,
                Ok(n) => self.head.extend_from_slice(&chunk[..n]),
            }
        }
        &self.head
    }

    /// Standard input from its start: what was read, then the rest.
    pub(super) fn into_reader(self) -> impl Read {
        Cursor::new(self.head).chain(std::io::stdin().lock())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_read_comes_first_then_the_rest() {
        let start = StdinStart {
            head: b"organisation,x\n".to_vec(),
            ended: true,
        };
        let mut all = Vec::new();
        // The test's own stdin is empty or closed under cargo test.
        start.into_reader().take(15).read_to_end(&mut all).unwrap();
        assert_eq!(all, b"organisation,x\n");
    }
}
