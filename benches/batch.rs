//! Batch scoring benchmark: `cargo bench --bench batch` (add `-- ROWS` for
//! another size than 1,000,000).
//!
//! Generates ROWS CSV respondents into a temp dir, then times
//! - the floor: reading and parsing the file with the csv crate (one reused
//!   ByteRecord) and doing nothing else;
//! - `salesevo score FILE --format csv > /dev/null` with the release binary;
//!
//! each the best of seven runs (alternating), and reads the binary's peak memory (maximum
//! resident set) from getrusage(RUSAGE_CHILDREN). Prints respondents per
//! second and the ratio to the floor. Not a test: machines are noisy.
//! With SALESEVO_BENCH_DIR set, the generated file is kept there.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not, and
    // a million rows have no place in a test run.
    if !std::env::args().any(|a| a == "--bench") {
        println!("batch benchmark: run it with `cargo bench --bench batch`");
        return;
    }
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let bin = env!("CARGO_BIN_EXE_salesevo");
    let dir = tempfile::tempdir().expect("a temp dir");
    // SALESEVO_BENCH_DIR keeps the generated file there, for profiling.
    let keep = std::env::var_os("SALESEVO_BENCH_DIR").map(std::path::PathBuf::from);
    let file = keep
        .as_deref()
        .unwrap_or(dir.path())
        .join("respondents.csv");

    let header = Command::new(bin)
        .args(["questions", "--format", "csv"])
        .output()
        .expect("salesevo questions runs");
    let header = String::from_utf8(header.stdout).expect("UTF-8 header");
    let started = Instant::now();
    generate(&file, header.trim_end(), rows);
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    println!(
        "generated {rows} respondents ({:.1} MB) in {:.1?}",
        size as f64 / 1e6,
        started.elapsed()
    );

    // Alternate the two, so that both meet the machine in the same moods,
    // and keep the best of each.
    let (mut floor, mut score) = (Duration::MAX, Duration::MAX);
    // CPU time (user + sys): the reader thread runs beside the scorer, so
    // wall time alone hides work.
    let (mut floor_cpu, mut score_cpu) = (Duration::MAX, Duration::MAX);
    for _ in 0..RUNS {
        let (t, cpu) = (Instant::now(), cpu_time(libc::RUSAGE_SELF));
        let n = parse_only(&file);
        floor = floor.min(t.elapsed());
        floor_cpu = floor_cpu.min(cpu_time(libc::RUSAGE_SELF).saturating_sub(cpu));
        assert_eq!(n, rows + 1);

        let (t, cpu) = (Instant::now(), cpu_time(libc::RUSAGE_CHILDREN));
        let status = Command::new(bin)
            .args(["score", "--format", "csv"])
            .arg(&file)
            .stdout(Stdio::null())
            .status()
            .expect("salesevo score runs");
        score = score.min(t.elapsed());
        score_cpu = score_cpu.min(cpu_time(libc::RUSAGE_CHILDREN).saturating_sub(cpu));
        assert!(status.success(), "salesevo score failed: {status}");
    }
    let peak_kb = peak_child_rss_kb();

    let per_second = rows as f64 / score.as_secs_f64();
    println!("floor (csv crate parse only): {floor:.2?}");
    println!("salesevo score --format csv:  {score:.2?}  ({per_second:.0} respondents/s)");
    println!(
        "ratio to floor:               {:.2}x (target: 1.5x or less)",
        score.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "CPU time (user + sys):        {score_cpu:.2?} vs the floor's {floor_cpu:.2?}: {:.2}x (target: 2x or less)",
        score_cpu.as_secs_f64() / floor_cpu.as_secs_f64()
    );
    println!(
        "peak memory (max RSS):        {:.1} MiB (target: under 30 MB)",
        peak_kb as f64 / 1024.0
    );
}

/// The floor: what reading the file costs with the csv crate, and nothing else.
fn parse_only(file: &Path) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(file)
        .expect("the generated file opens");
    let mut record = csv::ByteRecord::new();
    let mut n = 0;
    while reader.read_byte_record(&mut record).expect("a record") {
        n += 1;
    }
    n
}

/// Respondents as a survey form exports them: mostly numbers, some scale
/// labels, some empty cells ("don't know"), names with commas and quotes.
fn generate(file: &Path, header: &str, rows: usize) {
    let out = std::fs::File::create(file).expect("the temp file");
    let mut out = std::io::BufWriter::new(out);
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    const LABELS: [&str; 5] = [
        "not true at all",
        "slightly",
        "partly",
        "mostly",
        "fully true",
    ];
    // Context columns hold a valid value or nothing; the others answers.
    let context: Vec<Option<&[&str]>> = header
        .split(',')
        .map(|name| match name {
            "offering" => Some(&["subscription", "licence", "", ""][..]),
            "deal_size" => Some(&["1k-10k", "10k-50k", "", ""][..]),
            "customers" => Some(&["50-500", "", "", ""][..]),
            "sellers" => Some(&["6-20", "0", "", ""][..]),
            "worries" => Some(&["churn", "pipeline;forecast", "", ""][..]),
            _ => None,
        })
        .collect();
    writeln!(out, "{header}").expect("write");
    for i in 0..rows {
        let name = match i % 50 {
            0 => format!("\"Team {i}, EMEA\""),
            1 => format!("=Team {i}"),
            _ => format!("Team {i}"),
        };
        write!(out, "{name},2026-11-{:02}", 1 + i % 28).expect("write");
        for column in &context[2..] {
            let r = next();
            if let Some(values) = column {
                write!(out, ",{}", values[(r >> 8) as usize % values.len()]).expect("write");
                continue;
            }
            match r % 20 {
                0 => out.write_all(b","),
                1 => write!(out, ",{}", LABELS[(r >> 8) as usize % 5]),
                _ => write!(out, ",{}", (r >> 8) % 5),
            }
            .expect("write");
        }
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
}

/// User plus system CPU time so far, of this process or of its children
/// waited for.
fn cpu_time(who: libc::c_int) -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(who, &mut usage) != 0 {
            return Duration::ZERO;
        }
        let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
        Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
    }
}

/// The largest resident set of any child waited for so far, in KiB.
fn peak_child_rss_kb() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) == 0 {
            usage.ru_maxrss
        } else {
            -1
        }
    }
}
