//! Reading ahead: every input is read on a second thread and handed, in
//! batches, to the thread that scores and writes, so that parsing and
//! scoring run side by side while memory stays flat.

use super::{Item, Outcome, ReadOptions, Sink, StdinStart, read_with_hook};
use crate::answers::Respondent;
use crate::model::Model;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

/// What the reading thread hands to the scoring one.
pub enum Event<'a> {
    Item(&'a Item),
    /// One input has been read to its end.
    Read(Outcome),
    /// No answer set is ready: the input is slow. A good time to flush
    /// output, so that a script feeding lines one by one gets its results.
    Idle,
}

enum Message {
    Items(Vec<Item>),
    Read(Outcome),
}

/// Answer sets handed over at once: enough to make the hand-over cheap (on a
/// virtual machine, waking the other thread costs tens of microseconds).
const BATCH: usize = 1024;

/// Reads every input, in order, on a second thread, and hands each
/// [`Event`] to `consume` on this one: parsing and scoring run side by side.
/// At most a few batches are in flight, and their buffers go back to the
/// reading thread to be filled again, so memory stays flat and rows cost no
/// allocation. Standard input starts with `stdin`, what was read of it
/// before. An error from `consume` ends the run (the reading thread is left
/// to end with the process).
pub fn read_ahead(
    files: &[PathBuf],
    options: ReadOptions,
    model: &Model,
    stdin: StdinStart,
    mut consume: impl FnMut(Event<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (tx, rx) = sync_channel::<Message>(4);
    let (give_back, given_back) = sync_channel::<Vec<Item>>(8);
    let files = files.to_vec();
    let model = Arc::new(model.clone());
    std::thread::Builder::new()
        .name("read".into())
        .spawn(move || produce(&files, &options, &model, stdin, tx, given_back))?;
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
            Message::Read(outcome) => consume(Event::Read(outcome))?,
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
}

/// The reading thread: batches of items, handed on when full or when the
/// input is about to be read again. Ends when the receiver is gone.
fn produce(
    files: &[PathBuf],
    options: &ReadOptions,
    model: &Model,
    stdin: StdinStart,
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
    let mut stdin = Some(stdin);
    for file in files {
        let mut sink = &producer;
        let read = read_with_hook(file, options, model, &mut sink, &before_read, &mut stdin);
        let Ok(outcome) = read else {
            return;
        };
        let mut producer = producer.borrow_mut();
        if !producer.hand_on() || producer.tx.send(Message::Read(outcome)).is_err() {
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
}
