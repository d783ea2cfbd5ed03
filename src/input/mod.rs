//! Batch input: every answer set of every file, one at a time, whatever the
//! format (YAML, JSON, JSON Lines, CSV). Each reader hands its answer sets to
//! a callback as they are read, so nothing is held but the set at hand.

mod ahead;
mod csv;
mod json;
mod jsonl;
mod yaml;

pub use ahead::{Event, read_ahead};

use crate::answers::{AnswerError, Position, RawAnswerSet, Respondent};
use crate::model::Model;
use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

/// Input formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// One answer set per document; documents separated by `---`.
    Yaml,
    /// One answer set object, or an array of them.
    Json,
    /// One answer set object per line.
    Jsonl,
    /// A header row of question ids (and optional `organisation`, `date`), one row per respondent.
    Csv,
}

impl InputFormat {
    /// The format a file name implies: .yaml/.yml, .json, .jsonl/.ndjson, .csv.
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(InputFormat::Yaml),
            "json" => Some(InputFormat::Json),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "csv" => Some(InputFormat::Csv),
            _ => None,
        }
    }

    /// The format of content that can only be one: `[` starts JSON; `{`
    /// starts JSON Lines when the first line is a whole JSON value and more
    /// lines follow, else JSON; a first line that is `---`, a `#` comment or
    /// holds a `:` is YAML; one that holds `,` or `;` is a CSV header.
    pub fn sniff(head: &[u8]) -> Option<InputFormat> {
        let text = head.trim_ascii_start();
        let (first, rest) = match text.iter().position(|&b| b == b'\n') {
            Some(i) => (&text[..i], &text[i + 1..]),
            None => (text, &[][..]),
        };
        match text.first()? {
            b'[' => Some(InputFormat::Json),
            b'{' => {
                let whole = serde_json::from_slice::<serde::de::IgnoredAny>(first).is_ok();
                if whole && !rest.trim_ascii().is_empty() {
                    Some(InputFormat::Jsonl)
                } else {
                    Some(InputFormat::Json)
                }
            }
            _ if first.starts_with(b"---")
                || first.starts_with(b"#")
                || first.starts_with(b"%") =>
            {
                Some(InputFormat::Yaml)
            }
            _ if first.contains(&b':') => Some(InputFormat::Yaml),
            _ if first.contains(&b',') || first.contains(&b';') => Some(InputFormat::Csv),
            _ => None,
        }
    }
}

/// One answer set as read: checked and in trait position order, or what is
/// wrong with it and where.
pub type Item = Result<Respondent, AnswerError>;

/// Where readers hand their answer sets.
pub trait Sink {
    /// Takes one answer set; an error stops the reading.
    fn push(&mut self, item: Item) -> anyhow::Result<()>;
    /// A respondent to fill in, perhaps one handed back after use (its
    /// buffers kept): the CSV reader's way to allocate nothing per row.
    fn blank(&mut self) -> Respondent {
        Respondent::default()
    }
    /// The format of the input about to be read, before its first answer set.
    fn opened(&mut self, _format: InputFormat) {}
    /// A note about the input that is no error (columns ignored): stderr.
    fn note(&mut self, text: &str) {
        eprintln!("note: {}", crate::text::one_line(text));
    }
}

impl<F: FnMut(Item) -> anyhow::Result<()>> Sink for F {
    fn push(&mut self, item: Item) -> anyhow::Result<()> {
        self(item)
    }
}

/// What the YAML and JSON readers hand on, before it is checked.
type RawSink<'a> = dyn FnMut(Result<RawAnswerSet, AnswerError>) -> anyhow::Result<()> + 'a;

/// How answer files are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format of every input, instead of guessing it.
    pub format: Option<InputFormat>,
    /// CSV columns that are not questions, `organisation` or `date` are an
    /// error (`--strict-columns`), not ignored with a note.
    pub strict_columns: bool,
}

/// How a file laid its answer sets out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A list, even if it holds one: CSV, JSON Lines, a JSON array.
    List,
    /// Documents: a JSON object, or YAML documents (this many).
    Documents(usize),
}

/// The most input one answer set may take: an answer set is a few
/// kilobytes, so more is a broken or hostile file, and the limit keeps memory
/// flat whatever it holds (a 50 MB name, a line that never ends).
pub const MAX_SET_BYTES: u64 = 1 << 20;
/// Read-ahead that may be counted against the answer set before the one being
/// read: the readers buffer up to this much.
const READ_AHEAD_SLACK: u64 = 256 * 1024;

/// Bytes looked at to tell the format of an input without an extension.
const SNIFF_BYTES: u64 = 64 * 1024;

/// Reads every answer set of one input (`-` is stdin) and hands each to
/// `each`, in order. What is wrong with the input (unreadable, unknown format,
/// a bad answer set) is handed to `each` too, with its position; only an
/// error from `each` ends the reading early and is returned.
pub fn read(
    path: &Path,
    options: ReadOptions,
    model: &Model,
    each: &mut dyn Sink,
) -> anyhow::Result<Layout> {
    read_with_hook(path, options, model, each, &|| {})
}

/// [`read`], calling `before_read` each time an input that may keep us
/// waiting (a pipe, a terminal: anything but a regular file) is about to be
/// read from: the moment to hand on what was read.
fn read_with_hook(
    path: &Path,
    options: ReadOptions,
    model: &Model,
    each: &mut dyn Sink,
    before_read: &dyn Fn(),
) -> anyhow::Result<Layout> {
    let stdin = path == Path::new("-");
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let fail = |each: &mut dyn Sink, message: String| {
        each.push(Err(AnswerError::single(&name, Position::Unknown, message)))
            .map(|()| Layout::List)
    };
    let (inner, regular): (Box<dyn Read>, bool) = if stdin {
        (Box::new(std::io::stdin().lock()), stdin_is_a_regular_file())
    } else if path.is_dir() {
        return fail(each, "is a folder, not an answer file".into());
    } else {
        match std::fs::File::open(path) {
            Ok(file) => {
                let regular = file.metadata().is_ok_and(|m| m.is_file());
                (Box::new(file), regular)
            }
            Err(e) => return fail(each, format!("cannot read: {e}")),
        }
    };
    let since_last_set = Rc::new(Cell::new(0u64));
    let inner = Limited {
        inner: Hooked {
            inner,
            hook: if regular { &|| {} } else { before_read },
        },
        since_last_set: Rc::clone(&since_last_set),
    };
    let each = &mut Resetting {
        inner: each,
        since_last_set,
    };
    let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(64 * 1024, inner));
    let format = match options.format.or_else(|| InputFormat::from_extension(path)) {
        Some(format) => format,
        None => {
            let mut head = Vec::new();
            if let Err(e) = (&mut reader).take(SNIFF_BYTES).read_to_end(&mut head) {
                return fail(each, format!("cannot read: {e}"));
            }
            let format = InputFormat::sniff(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head));
            reader = Box::new(BufReader::new(std::io::Cursor::new(head).chain(reader)));
            match format {
                Some(format) => format,
                None => {
                    let what = if stdin {
                        "cannot tell the format of standard input".to_string()
                    } else {
                        "cannot tell the format from the file name or content".to_string()
                    };
                    return fail(
                        each,
                        format!("{what}; use --input-format yaml, json, jsonl or csv"),
                    );
                }
            }
        }
    };
    each.opened(format);
    // Spreadsheets and Windows editors often start a UTF-8 file with a BOM.
    if let Ok(head) = reader.fill_buf()
        && head.starts_with(b"\xEF\xBB\xBF")
    {
        reader.consume(3);
    }

    let mut checked = |raw: Result<RawAnswerSet, AnswerError>| {
        each.push(
            raw.and_then(|set| set.resolve(model, &name))
                .map(|set| Respondent::from_set(model, set)),
        )
    };
    Ok(match format {
        InputFormat::Csv => {
            csv::read(reader, &name, model, options.strict_columns, each)?;
            Layout::List
        }
        InputFormat::Jsonl => {
            jsonl::read(reader, &name, &mut checked)?;
            Layout::List
        }
        InputFormat::Json => {
            if json::read(reader, &name, &mut checked)? {
                Layout::List
            } else {
                Layout::Documents(1)
            }
        }
        InputFormat::Yaml => Layout::Documents(yaml::read(reader, &name, &mut checked)?),
    })
}

/// Whether standard input is redirected from a regular file (which never
/// keeps a reader waiting).
fn stdin_is_a_regular_file() -> bool {
    #[cfg(unix)]
    {
        std::fs::metadata("/dev/stdin").is_ok_and(|m| m.is_file())
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// A reader that refuses to read more than [`MAX_SET_BYTES`] (plus the
/// readers' read-ahead) without an answer set coming out.
struct Limited<R> {
    inner: R,
    since_last_set: Rc<Cell<u64>>,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let total = self.since_last_set.get() + n as u64;
        if total > MAX_SET_BYTES + READ_AHEAD_SLACK {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "one answer set takes more than {} MiB of input; an answer set is a few kilobytes",
                    MAX_SET_BYTES >> 20
                ),
            ));
        }
        self.since_last_set.set(total);
        Ok(n)
    }
}

/// A sink that resets the [`Limited`] count with every answer set.
struct Resetting<'a> {
    inner: &'a mut dyn Sink,
    since_last_set: Rc<Cell<u64>>,
}

impl Sink for Resetting<'_> {
    fn push(&mut self, item: Item) -> anyhow::Result<()> {
        self.since_last_set.set(0);
        self.inner.push(item)
    }
    fn blank(&mut self) -> Respondent {
        self.inner.blank()
    }
    fn opened(&mut self, format: InputFormat) {
        self.inner.opened(format)
    }
}

/// A reader that calls a hook before every read.
struct Hooked<'h> {
    inner: Box<dyn Read>,
    hook: &'h dyn Fn(),
}

impl Read for Hooked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        (self.hook)();
        self.inner.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides() {
        let f = |p: &str| InputFormat::from_extension(Path::new(p));
        assert_eq!(f("a.YML"), Some(InputFormat::Yaml));
        assert_eq!(f("a.ndjson"), Some(InputFormat::Jsonl));
        assert_eq!(f("a.csv"), Some(InputFormat::Csv));
        assert_eq!(f("a.txt"), None);
        assert_eq!(f("-"), None);
    }

    #[test]
    fn unambiguous_content_is_recognised() {
        let s = |t: &str| InputFormat::sniff(t.as_bytes());
        assert_eq!(s("[{\"answers\": {}}]"), Some(InputFormat::Json));
        assert_eq!(s("{\n  \"answers\": {}\n}\n"), Some(InputFormat::Json));
        assert_eq!(s("{\"answers\": {}}\n"), Some(InputFormat::Json));
        assert_eq!(
            s("{\"answers\": {}}\n{\"answers\": {}}\n"),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(s("# answers\norganisation: A\n"), Some(InputFormat::Yaml));
        assert_eq!(s("---\nanswers: {}\n"), Some(InputFormat::Yaml));
        assert_eq!(s("organisation,date,a-b\nX,,3\n"), Some(InputFormat::Csv));
        assert_eq!(s("hello\n"), None);
        assert_eq!(s(""), None);
    }
}
