//! A seeded mutation fuzzer for every reader, for the stable toolchain
//! (cargo-fuzz needs nightly). Ignored by default; run one target for five
//! minutes with:
//!
//!     FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored --nocapture --test-threads=1 yaml_answers
//!
//! Inputs start from the real files (examples, stages) and are mutated:
//! bytes flipped, inserted and deleted, lines duplicated and swapped, YAML
//! and CSV punctuation and huge numbers spliced in. A panic, or an input
//! that takes more than two seconds, fails the run and is saved under
//! `target/fuzz-findings/` to replay.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

/// xorshift64*: reproducible from `FUZZ_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    ":",
    ": ",
    "-",
    "- ",
    "---\n",
    "...\n",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "|",
    ">",
    "#",
    "%YAML 1.2\n",
    "<<: *a\n",
    "~",
    "null",
    "unknown",
    "4",
    "-1",
    "99999999999999999999",
    "1e309",
    "NaN",
    "0x1F",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{202e}",
    "é",
    "𝄞",
    "\"\"",
    ",,",
    "organisation",
    "date",
    "answers",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(input.len() + 1);
        match rng.below(8) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.insert(at, rng.next() as u8),
            2 if !input.is_empty() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at.min(end)..end);
            }
            3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            4 if !input.is_empty() => {
                // Duplicate a run of bytes (a line, a row, a document).
                let start = rng.below(input.len());
                let end = (start + 1 + rng.below(200)).min(input.len());
                let copy: Vec<u8> = input[start..end].to_vec();
                input.splice(at..at, copy);
            }
            5 => {
                // Splice in a piece of another corpus file.
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + rng.below(300)).min(other.len());
                    input.splice(at..at, other[start..end].iter().copied());
                }
            }
            6 => {
                let n = 1 + rng.below(64);
                let byte = *b"[{-:&*,\"' \n".get(rng.below(11)).unwrap_or(&b'[');
                input.splice(at..at, std::iter::repeat_n(byte, n));
            }
            _ => input.truncate(at),
        }
    }
    input.truncate(1 << 16);
}

fn corpus(dirs: &[&str]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            if let Ok(bytes) = std::fs::read(&path) {
                files.push(bytes);
            }
        }
    }
    assert!(!files.is_empty(), "no corpus in {dirs:?}");
    files
}

/// Runs `target` on mutated inputs for FUZZ_SECONDS (default 10) and reports
/// how many ran; panics and slow inputs fail the test.
fn fuzz(name: &str, dirs: &[&str], target: impl Fn(&[u8])) {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5a1e_5e70);
    let corpus = corpus(dirs);
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let findings = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings");
    let (mut runs, mut slowest) = (0u64, Duration::ZERO);
    // Silence the default hook: a panic is reported by us, with its input saved.
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        let mut input = corpus[rng.below(corpus.len())].clone();
        mutate(&mut rng, &mut input, &corpus);
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| target(&input)));
        let took = started.elapsed();
        slowest = slowest.max(took);
        runs += 1;
        if outcome.is_err() || took > Duration::from_secs(2) {
            let _ = std::panic::take_hook();
            std::fs::create_dir_all(&findings).expect("findings folder");
            let path = findings.join(format!("{name}-{runs}"));
            std::fs::write(&path, &input).expect("save finding");
            let what = if outcome.is_err() {
                "panicked"
            } else {
                "took over 2 s"
            };
            panic!(
                "{name}: input {runs} {what} ({took:?}); saved to {}",
                path.display()
            );
        }
    }
    let _ = std::panic::take_hook();
    println!("{name}: {runs} inputs in {seconds} s, slowest {slowest:?}, no panic, no hang");
}

fn model() -> salesevo::model::Model {
    salesevo::model::load_embedded().expect("built-in model")
}

#[test]
#[ignore = "a fuzzing run: FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored"]
fn yaml_answers() {
    let model = model();
    fuzz("yaml_answers", &["examples"], |bytes| {
        let text = String::from_utf8_lossy(bytes);
        if let Ok(raw) = salesevo::input::from_yaml(&text, "fuzz.yaml") {
            let _ = raw.resolve(&model, "fuzz.yaml");
        }
    });
}

#[test]
#[ignore = "a fuzzing run: FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored"]
fn stage_files() {
    fuzz("stage_files", &["stages"], |bytes| {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let _ = salesevo::model::load_texts(&[("fuzz.yaml".to_string(), text)]);
    });
}

#[test]
#[ignore = "a fuzzing run: FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored"]
fn saved_results() {
    fuzz("saved_results", &["examples"], |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let _ = salesevo::compare::read(&text, "fuzz.json");
    });
}

/// Runs a batch reader on `bytes` as it reads a file: through `input::read`,
/// from a file in tmpfs when there is one.
fn read_as(format: salesevo::input::InputFormat, ext: &str) -> impl Fn(&[u8]) {
    let model = model();
    let dir = ["/dev/shm", "/tmp"]
        .iter()
        .map(Path::new)
        .find(|d| d.is_dir())
        .expect("a temporary folder");
    let path = dir.join(format!("salesevo-fuzz-{}.{ext}", std::process::id()));
    move |bytes: &[u8]| {
        std::fs::write(&path, bytes).expect("write input");
        let mut sink = |_item: salesevo::input::Item| -> anyhow::Result<()> { Ok(()) };
        let _ = salesevo::input::read(&path, &read_options(format), &model, &mut sink);
    }
}

#[test]
#[ignore = "a fuzzing run: FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored"]
fn csv_batches() {
    fuzz(
        "csv_batches",
        &["examples/batch"],
        read_as(salesevo::input::InputFormat::Csv, "csv"),
    );
}

#[test]
#[ignore = "a fuzzing run: FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored"]
fn json_batches() {
    fuzz(
        "json_batches",
        &["examples/batch"],
        read_as(salesevo::input::InputFormat::Json, "json"),
    );
}

#[test]
#[ignore = "a fuzzing run: FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored"]
fn jsonl_batches() {
    fuzz(
        "jsonl_batches",
        &["examples/batch"],
        read_as(salesevo::input::InputFormat::Jsonl, "jsonl"),
    );
}

#[test]
#[ignore = "a fuzzing run: FUZZ_SECONDS=300 cargo test --release --test fuzz -- --ignored"]
fn yaml_streams() {
    fuzz(
        "yaml_streams",
        &["examples"],
        read_as(salesevo::input::InputFormat::Yaml, "yaml"),
    );
}

fn read_options(format: salesevo::input::InputFormat) -> salesevo::input::ReadOptions {
    salesevo::input::ReadOptions {
        format: Some(format),
        ..Default::default()
    }
}
