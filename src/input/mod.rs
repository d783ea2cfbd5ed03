//! Batch input: every answer set of every file, one at a time, whatever the
//! format (YAML, JSON, JSON Lines, CSV). Each reader hands its answer sets to
//! a callback as they are read, so nothing is held but the set at hand.

mod csv;
mod json;
mod jsonl;
mod yaml;

use crate::answers::{AnswerError, Position, RawAnswerSet, Respondent};
use crate::model::Model;
use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

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
}

impl<F: FnMut(Item) -> anyhow::Result<()>> Sink for F {
    fn push(&mut self, item: Item) -> anyhow::Result<()> {
        self(item)
    }
}

/// What the YAML and JSON readers hand on, before it is checked.
type RawSink<'a> = dyn FnMut(Result<RawAnswerSet, AnswerError>) -> anyhow::Result<()> + 'a;

/// How a file laid its answer sets out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A list, even if it holds one: CSV, JSON Lines, a JSON array.
    List,
    /// Documents: a JSON object, or YAML documents (this many).
    Documents(usize),
}

/// Bytes looked at to tell the format of an input without an extension.
const SNIFF_BYTES: u64 = 64 * 1024;

/// Reads every answer set of one input (`-` is stdin) and hands each to
/// `each`, in order. What is wrong with the input (unreadable, unknown format,
/// a bad answer set) is handed to `each` too, with its position; only an
/// error from `each` ends the reading early and is returned.
pub fn read(
    path: &Path,
    explicit: Option<InputFormat>,
    model: &Model,
    each: &mut dyn Sink,
) -> anyhow::Result<Layout> {
    read_with_hook(path, explicit, model, each, &|| {})
}

/// [`read`], calling `before_read` each time an input that may keep us
/// waiting (a pipe, a terminal: anything but a regular file) is about to be
/// read from: the moment to hand on what was read.
fn read_with_hook(
    path: &Path,
    explicit: Option<InputFormat>,
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
    let inner = Hooked {
        inner,
        hook: if regular { &|| {} } else { before_read },
    };
    let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(64 * 1024, inner));
    let format = match explicit.or_else(|| InputFormat::from_extension(path)) {
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
            csv::read(reader, &name, model, each)?;
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

/// What the reading thread hands to the scoring one.
pub enum Event<'a> {
    /// An input is about to be read, in this format.
    Opened(InputFormat),
    Item(&'a Item),
    /// One input has been read to its end.
    Read(Layout),
    /// No answer set is ready: the input is slow. A good time to flush
    /// output, so that a script feeding lines one by one gets its results.
    Idle,
}

enum Message {
    Opened(InputFormat),
    Items(Vec<Item>),
    Read(Layout),
}

/// Answer sets handed over at once: enough to make the hand-over cheap (on a
/// virtual machine, waking the other thread costs tens of microseconds).
const BATCH: usize = 1024;

/// Reads every input, in order, on a second thread, and hands each
/// [`Event`] to `consume` on this one: parsing and scoring run side by side.
/// At most a few batches are in flight, and their buffers go back to the
/// reading thread to be filled again, so memory stays flat and rows cost no
/// allocation. An error from `consume` ends the run (the reading thread is
/// left to end with the process).
pub fn read_ahead(
    files: &[PathBuf],
    explicit: Option<InputFormat>,
    model: &Model,
    mut consume: impl FnMut(Event<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (tx, rx) = sync_channel::<Message>(4);
    let (give_back, given_back) = sync_channel::<Vec<Item>>(8);
    let files = files.to_vec();
    let model = Arc::new(model.clone());
    std::thread::Builder::new()
        .name("read".into())
        .spawn(move || produce(&files, explicit, &model, tx, given_back))?;
    loop {
        let message = match rx.try_recv() {
            Ok(message) => message,
            Err(TryRecvError::Empty) => {
                consume(Event::Idle)?;
                match rx.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            }
            Err(TryRecvError::Disconnected) => return Ok(()),
        };
        match message {
            Message::Items(items) => {
                for item in &items {
                    consume(Event::Item(item))?;
                }
                // A full channel means the reader has buffers enough.
                let _ = give_back.try_send(items);
            }
            Message::Read(layout) => consume(Event::Read(layout))?,
            Message::Opened(format) => consume(Event::Opened(format))?,
        }
    }
}

/// The reading thread's side: the batch being filled, and used respondents
/// to fill again.
struct Producer {
    tx: SyncSender<Message>,
    given_back: Receiver<Vec<Item>>,
    pending: Vec<Item>,
    blanks: Vec<Respondent>,
}

impl Producer {
    /// Sends the pending batch, if any; false when the receiver is gone.
    fn hand_on(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let next = match self.given_back.try_recv() {
            Ok(mut used) => {
                // Only the CSV reader takes blanks: keep a batch's worth, no more.
                let room = BATCH.saturating_sub(self.blanks.len());
                self.blanks
                    .extend(used.drain(..).filter_map(Result::ok).take(room));
                used
            }
            Err(_) => Vec::with_capacity(BATCH),
        };
        let items = std::mem::replace(&mut self.pending, next);
        self.tx.send(Message::Items(items)).is_ok()
    }
}

impl Sink for &RefCell<Producer> {
    fn push(&mut self, item: Item) -> anyhow::Result<()> {
        let mut producer = self.borrow_mut();
        producer.pending.push(item);
        if producer.pending.len() >= BATCH && !producer.hand_on() {
            anyhow::bail!("the scoring thread has stopped");
        }
        Ok(())
    }

    fn blank(&mut self) -> Respondent {
        self.borrow_mut().blanks.pop().unwrap_or_default()
    }

    fn opened(&mut self, format: InputFormat) {
        let mut producer = self.borrow_mut();
        // In order: what the previous input left pending goes first.
        if producer.hand_on() {
            let _ = producer.tx.send(Message::Opened(format));
        }
    }
}

/// The reading thread: batches of items, handed on when full or when the
/// input is about to be read again. Ends when the receiver is gone.
fn produce(
    files: &[PathBuf],
    explicit: Option<InputFormat>,
    model: &Model,
    tx: SyncSender<Message>,
    given_back: Receiver<Vec<Item>>,
) {
    let producer = RefCell::new(Producer {
        tx,
        given_back,
        pending: Vec::with_capacity(BATCH),
        blanks: Vec::new(),
    });
    let before_read = || {
        producer.borrow_mut().hand_on();
    };
    for file in files {
        let mut sink = &producer;
        let Ok(layout) = read_with_hook(file, explicit, model, &mut sink, &before_read) else {
            return;
        };
        let mut producer = producer.borrow_mut();
        if !producer.hand_on() || producer.tx.send(Message::Read(layout)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn used_respondents_are_kept_for_reuse_up_to_a_batch() {
        let (tx, rx) = sync_channel(4);
        let (give_back, given_back) = sync_channel(8);
        let mut producer = Producer {
            tx,
            given_back,
            pending: Vec::new(),
            blanks: Vec::new(),
        };
        for _ in 0..3 {
            let used: Vec<Item> = (0..BATCH).map(|_| Ok(Respondent::default())).collect();
            give_back.send(used).unwrap();
            producer.pending.push(Ok(Respondent::default()));
            assert!(producer.hand_on());
            assert!(matches!(rx.recv(), Ok(Message::Items(items)) if items.len() == 1));
        }
        // Readers other than CSV never take blanks: they must not pile up.
        assert_eq!(producer.blanks.len(), BATCH);
        assert!(producer.pending.is_empty());
    }

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
