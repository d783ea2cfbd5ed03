//! Reading a CSV stream row by row into reused buffers: the plain-line fast
//! path (eight bytes at a time) and csv-core for the rest.

use std::io::BufRead;

/// One row's cells: the bytes of every cell one after the other, and where
/// each ends. Reused from row to row.
pub(in crate::input) struct Record {
    pub(super) bytes: Vec<u8>,
    pub(super) ends: Vec<usize>,
    pub(super) len: usize,
    /// Bytes between one cell's end and the next one's start: 0 when the
    /// parser wrote the cells, 1 when `bytes` holds the line as it was, with
    /// its delimiters.
    pub(super) gap: usize,
}

impl Default for Record {
    fn default() -> Record {
        Record {
            bytes: vec![0; 1024],
            ends: vec![0; 64],
            len: 0,
            gap: 0,
        }
    }
}

impl Record {
    pub(in crate::input) fn len(&self) -> usize {
        self.len
    }

    /// Empties the row, to be filled cell by cell with [`Record::push_cell`]
    /// (a spreadsheet's rows), its buffers kept.
    pub(in crate::input) fn clear(&mut self) {
        self.len = 0;
        self.gap = 0;
    }

    /// Adds a cell after the last one.
    pub(in crate::input) fn push_cell(&mut self, cell: &[u8]) {
        let start = match self.len {
            0 => 0,
            n => self.ends[n - 1],
        };
        let end = start + cell.len();
        // Grown by doubling, and never empty: the parser fills them in place.
        if self.bytes.len() < end {
            self.bytes.resize(end.max(self.bytes.len() * 2), 0);
        }
        self.bytes[start..end].copy_from_slice(cell);
        if self.ends.len() <= self.len {
            self.ends.resize((self.len + 1).max(self.ends.len() * 2), 0);
        }
        self.ends[self.len] = end;
        self.len += 1;
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        let ends = &self.ends[..self.len];
        let bytes = &self.bytes[..];
        let gap = self.gap;
        ends.iter().scan(0, move |start, &end| {
            let cell = bytes.get(*start..end).unwrap_or_default();
            *start = end + gap;
            Some(cell)
        })
    }
}

/// Rows of a CSV stream.
pub(super) struct Rows<R> {
    reader: R,
    parser: csv_core::Reader,
    /// Every byte's class for the plain-line fast path (see [`Rows::plain_line`]).
    classes: [Class; 256],
    delimiter: u8,
}

/// What a byte means on a plain line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Cell,
    Delimiter,
    LineEnd,
    /// A quote or a carriage return: the line is left to the parser.
    Special,
}

impl<R: BufRead> Rows<R> {
    pub(super) fn new(reader: R, delimiter: u8) -> Rows<R> {
        let mut classes = [Class::Cell; 256];
        classes[usize::from(delimiter)] = Class::Delimiter;
        classes[usize::from(b'\n')] = Class::LineEnd;
        classes[usize::from(b'"')] = Class::Special;
        classes[usize::from(b'\r')] = Class::Special;
        Rows {
            reader,
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            classes,
            delimiter,
        }
    }

    /// Reads the next row into `record`; false at the end of the input.
    pub(super) fn read(&mut self, record: &mut Record) -> std::io::Result<bool> {
        if self.plain_line(record)? {
            return Ok(true);
        }
        self.parse(record)
    }

    /// The common case, a quarter of the parser's cost: a whole line in the
    /// buffer with no quote and no carriage return (but a last one before the
    /// line feed). Its cells are what lies between the delimiters, which is
    /// exactly what the parser makes of it; empty lines are skipped, as the
    /// parser skips them. Anything else is left to the parser (false), which
    /// always starts on a row's first byte here.
    fn plain_line(&mut self, record: &mut Record) -> std::io::Result<bool> {
        loop {
            let buffer = self.reader.fill_buf()?;
            if record.ends.len() < buffer.len() + 1 {
                record.ends.resize(buffer.len() + 1, 0);
            }
            let Some(line) =
                split_plain_line(buffer, &self.classes, self.delimiter, &mut record.ends)
            else {
                return Ok(false);
            };
            let PlainLine {
                cells,
                length,
                next,
            } = line;
            if record.bytes.len() < length {
                record.bytes.resize(length, 0);
            }
            record.bytes[..length].copy_from_slice(&buffer[..length]);
            self.reader.consume(next);
            if length == 0 {
                continue;
            }
            record.ends[cells] = length;
            record.len = cells + 1;
            record.gap = 1;
            return Ok(true);
        }
    }

    /// Any row, with csv-core.
    pub(super) fn parse(&mut self, record: &mut Record) -> std::io::Result<bool> {
        use csv_core::ReadRecordResult as Read;
        let (mut bytes, mut ends) = (0, 0);
        loop {
            let input = self.reader.fill_buf()?;
            let (result, read, written, ended) = self.parser.read_record(
                input,
                &mut record.bytes[bytes..],
                &mut record.ends[ends..],
            );
            self.reader.consume(read);
            bytes += written;
            ends += ended;
            match result {
                Read::InputEmpty => {}
                Read::OutputFull => {
                    let grown = record.bytes.len() * 2;
                    record.bytes.resize(grown, 0);
                }
                Read::OutputEndsFull => {
                    let grown = record.ends.len() * 2;
                    record.ends.resize(grown, 0);
                }
                Read::Record => {
                    record.len = ends;
                    record.gap = 0;
                    return Ok(true);
                }
                Read::End => {
                    record.len = 0;
                    return Ok(false);
                }
            }
        }
    }
}

/// A plain line found in a buffer: where its delimiters are (in the `ends`
/// given), how long it is without its line end, and where the next one starts.
struct PlainLine {
    cells: usize,
    length: usize,
    next: usize,
}

/// Finds the first line of `buffer` if it is plain (see [`Rows::plain_line`]),
/// writing the position of each delimiter to `ends` (which has room for one
/// per byte). Eight bytes at a time: a word's delimiters, line feeds, quotes
/// and carriage returns are found with bit arithmetic, so a line costs a few
/// operations per word and per cell rather than per byte.
fn split_plain_line(
    buffer: &[u8],
    classes: &[Class; 256],
    delimiter: u8,
    ends: &mut [usize],
) -> Option<PlainLine> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    /// The high bit of every byte of `x` that is zero, and nothing else.
    fn zero_bytes(x: u64) -> u64 {
        !(((x & LOW7) + LOW7) | x | LOW7)
    }
    /// The high bit of every byte of `x` under 0x20 (a control character),
    /// and nothing else.
    fn controls(x: u64) -> u64 {
        !(((x & LOW7) + ONES * (0x80 - 0x20)) | x | LOW7)
    }
    let [delimiters, quotes] = [delimiter, b'"'].map(|b| ONES * u64::from(b));
    let mut cells = 0;
    let mut i = 0;
    while let Some(chunk) = buffer.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let mut found = zero_bytes(word ^ delimiters);
        // Line feeds and carriage returns with every control character, in
        // one test: a line with a tab also goes to the parser (rare, and the
        // same cells), which saves a test on every word.
        let special = controls(word) | zero_bytes(word ^ quotes);
        let stop = (special != 0).then(|| special.trailing_zeros() / 8);
        if let Some(stop) = stop {
            // Only the delimiters before the first special byte count.
            found &= (1u64 << (stop * 8)) - 1;
        }
        while found != 0 {
            *ends.get_mut(cells)? = i + (found.trailing_zeros() / 8) as usize;
            cells += 1;
            found &= found - 1;
        }
        if let Some(stop) = stop {
            return line_end(buffer, i + stop as usize, cells);
        }
        i += 8;
    }
    // The last few bytes, one at a time.
    for (at, &byte) in buffer.iter().enumerate().skip(i) {
        match classes[usize::from(byte)] {
            Class::Cell => {}
            Class::Delimiter => {
                *ends.get_mut(cells)? = at;
                cells += 1;
            }
            Class::LineEnd | Class::Special => return line_end(buffer, at, cells),
        }
    }
    None
}

/// The line that a line feed (or a carriage return and line feed) at `at`
/// ends; None for a quote or a lone carriage return, left to the parser.
fn line_end(buffer: &[u8], at: usize, cells: usize) -> Option<PlainLine> {
    match buffer.get(at..)? {
        [b'\n', ..] => Some(PlainLine {
            cells,
            length: at,
            next: at + 1,
        }),
        [b'\r', b'\n', ..] => Some(PlainLine {
            cells,
            length: at,
            next: at + 2,
        }),
        _ => None,
    }
}

/// `;` when the first line has semicolons and no commas (spreadsheets in
/// locales with a decimal comma export that way), else `,`.
pub(super) fn sniff_delimiter(head: &[u8]) -> u8 {
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    if !first.contains(&b',') && first.contains(&b';') {
        b';'
    } else {
        b','
    }
}
