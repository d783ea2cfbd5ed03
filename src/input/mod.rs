//! Batch input: every answer set of every file, one at a time, whatever the
//! format (YAML, JSON, JSON Lines, CSV, workbooks). Each reader hands its
//! answer sets to a callback as they are read, so nothing is held but the set
//! at hand.

mod ahead;
mod csv;
mod format;
mod json;
mod jsonl;
mod one;
mod spreadsheet;
mod stdin;
mod yaml;

pub use ahead::{Event, read_ahead};
pub use format::InputFormat;
pub use one::read_one;
pub use stdin::StdinStart;
pub use yaml::{from_yaml, yaml_documents};

use crate::answers::{AnswerError, Position, RawAnswerSet, Respondent};
use crate::model::Model;
use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

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

/// What the YAML and JSON readers hand on, before it is checked: the set's
/// row (see [`Respondent::row`]) and the set.
type RawSink<'a> = dyn FnMut(usize, Result<RawAnswerSet, AnswerError>) -> anyhow::Result<()> + 'a;

/// How answer files are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format of every input, instead of guessing it.
    pub format: Option<InputFormat>,
    /// CSV columns that are not questions, `organisation` or `date` are an
    /// error (`--strict-columns`), not ignored with a note.
    pub strict_columns: bool,
    /// The sheet of a workbook to read (`--sheet`); the first one if none.
    pub sheet: Option<String>,
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
pub const SNIFF_BYTES: u64 = 64 * 1024;

/// Rows of an input counted, the first few kept by number: bounded however
/// many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowList {
    pub count: usize,
    /// The first [`RowList::KEPT`] rows, in order.
    pub first: Vec<usize>,
}

impl RowList {
    pub const KEPT: usize = 10;

    pub fn push(&mut self, row: usize) {
        self.count += 1;
        if self.first.len() < Self::KEPT {
            self.first.push(row);
        }
    }
}

/// What reading one input found, besides its answer sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The input as error messages name it (`<stdin>` for standard input).
    pub source: String,
    pub stdin: bool,
    pub layout: Layout,
    /// Answer sets handed on, good or bad (an unreadable input counts one).
    pub sets: usize,
    /// Rows skipped because they hold nothing (CSV, spreadsheets).
    pub blank_rows: RowList,
}

impl Outcome {
    /// A list that holds no answer set at all (a CSV header alone, an empty
    /// JSON Lines file, `[]`): nothing to score, which is an input error.
    pub fn is_empty_batch(&self) -> bool {
        self.sets == 0 && self.layout == Layout::List
    }

    /// The input as a sentence names it: the path, or "standard input".
    pub fn name(&self) -> &str {
        if self.stdin {
            "standard input"
        } else {
            &self.source
        }
    }
}

/// Reads every answer set of one input (`-` is stdin) and hands each to
/// `each`, in order. What is wrong with the input (unreadable, unknown format,
/// a bad answer set) is handed to `each` too, with its position; only an
/// error from `each` ends the reading early and is returned.
pub fn read(
    path: &Path,
    options: &ReadOptions,
    model: &Model,
    each: &mut dyn Sink,
) -> anyhow::Result<Outcome> {
    read_with_hook(path, options, model, each, &|| {}, &mut None)
}

/// [`read`], calling `before_read` each time an input that may keep us
/// waiting (a pipe, a terminal: anything but a regular file) is about to be
/// read from: the moment to hand on what was read. Standard input starts
/// with what `stdin_start` holds, if anything was read of it before.
fn read_with_hook(
    path: &Path,
    options: &ReadOptions,
    model: &Model,
    each: &mut dyn Sink,
    before_read: &dyn Fn(),
    stdin_start: &mut Option<StdinStart>,
) -> anyhow::Result<Outcome> {
    let stdin = path == Path::new("-");
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let mut counted = Counted {
        inner: each,
        since_last_set: Rc::new(Cell::new(0)),
        sets: 0,
    };
    let (layout, blank_rows) = read_counted(
        path,
        &name,
        options,
        model,
        &mut counted,
        before_read,
        stdin_start,
    )?;
    Ok(Outcome {
        source: name,
        stdin,
        layout,
        sets: counted.sets,
        blank_rows,
    })
}

/// The body of [`read_with_hook`], handing every answer set to `each`.
fn read_counted(
    path: &Path,
    name: &str,
    options: &ReadOptions,
    model: &Model,
    each: &mut Counted,
    before_read: &dyn Fn(),
    stdin_start: &mut Option<StdinStart>,
) -> anyhow::Result<(Layout, RowList)> {
    let stdin = path == Path::new("-");
    let fail = |each: &mut Counted, message: String| {
        each.push(Err(AnswerError::single(name, Position::Unknown, message)))
            .map(|()| (Layout::List, RowList::default()))
    };
    let named = options.format.or_else(|| InputFormat::from_extension(path));
    let (inner, regular): (Box<dyn Read>, bool) = if stdin {
        let start = stdin_start.take().unwrap_or_default();
        (Box::new(start.into_reader()), stdin_is_a_regular_file())
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
    let inner = Limited {
        inner: Hooked {
            inner,
            hook: if regular { &|| {} } else { before_read },
        },
        since_last_set: Rc::clone(&each.since_last_set),
    };
    let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(64 * 1024, inner));
    let format = match named {
        Some(format) => format,
        None => {
            let mut head = Vec::new();
            if let Err(e) = (&mut reader).take(SNIFF_BYTES).read_to_end(&mut head) {
                return fail(each, format!("cannot read: {e}"));
            }
            let format = InputFormat::sniff(without_bom(&head));
            let empty = head.iter().all(u8::is_ascii_whitespace);
            reader = Box::new(BufReader::new(std::io::Cursor::new(head).chain(reader)));
            match format {
                Some(format) => format,
                // Nothing to tell the format by: say so, not "which format?".
                None if empty => {
                    let what = if stdin { "standard input" } else { "the file" };
                    return fail(
                        each,
                        format!(
                            "{what} is empty; expected answers as YAML, JSON, JSON Lines or CSV"
                        ),
                    );
                }
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
    // Spreadsheets and Windows editors often start a UTF-8 file with a BOM.
    if format != InputFormat::Spreadsheet
        && let Ok(head) = reader.fill_buf()
        && head.starts_with(b"\xEF\xBB\xBF")
    {
        reader.consume(3);
    }

    let mut checked = |row: usize, raw: Result<RawAnswerSet, AnswerError>| {
        each.push(
            raw.and_then(|set| set.resolve(model, name))
                .map(|set| Respondent {
                    row,
                    ..Respondent::from_set(model, set)
                })
                .map_err(|err| if row > 0 { err.at_row(row) } else { err }),
        )
    };
    Ok(match format {
        InputFormat::Csv => {
            let blank_rows = csv::read(reader, name, model, options.strict_columns, each)?;
            (Layout::List, blank_rows)
        }
        InputFormat::Jsonl => {
            jsonl::read(reader, name, &mut checked)?;
            (Layout::List, RowList::default())
        }
        InputFormat::Json => {
            let layout = if json::read(reader, name, &mut checked)? {
                Layout::List
            } else {
                Layout::Documents(1)
            };
            (layout, RowList::default())
        }
        InputFormat::Yaml => (
            Layout::Documents(yaml::read(reader, name, &mut checked)?),
            RowList::default(),
        ),
        // A workbook is a zip or OLE file that calamine opens itself.
        InputFormat::Spreadsheet if stdin => {
            return fail(each, spreadsheet::FROM_STDIN.into());
        }
        InputFormat::Spreadsheet => {
            let blank_rows = spreadsheet::read(path, name, model, options, each)?;
            (Layout::List, blank_rows)
        }
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

/// `head` without the UTF-8 byte-order mark that spreadsheets and Windows
/// editors often start a file with (the reader skips it).
pub(crate) fn without_bom(head: &[u8]) -> &[u8] {
    head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head)
}

/// The error for an answer set over [`MAX_SET_BYTES`], in every format.
fn set_too_large() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!(
            "one answer set takes more than {} MiB of input; an answer set is a few kilobytes",
            MAX_SET_BYTES >> 20
        ),
    )
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
            return Err(set_too_large());
        }
        self.since_last_set.set(total);
        Ok(n)
    }
}

/// A sink that counts the answer sets and resets the [`Limited`] count with
/// every one.
struct Counted<'a> {
    inner: &'a mut dyn Sink,
    since_last_set: Rc<Cell<u64>>,
    sets: usize,
}

impl Sink for Counted<'_> {
    fn push(&mut self, item: Item) -> anyhow::Result<()> {
        self.since_last_set.set(0);
        self.sets += 1;
        self.inner.push(item)
    }
    fn blank(&mut self) -> Respondent {
        self.inner.blank()
    }
    fn note(&mut self, text: &str) {
        self.inner.note(text)
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
