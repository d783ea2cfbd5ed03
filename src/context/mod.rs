//! The organisation's context: what it sells, how large its deals are, how
//! many customers and sellers it has, and what worries its leader. Asked
//! before the scored questions; it decides which traits apply, which action
//! a next step shows and which step comes first.
//!
//! Keys and values are a contract (answer files, CSV columns, JSON results):
//! they are spelled here once and documented in the README.

use serde::ser::{SerializeMap, Serializer};
use std::fmt;

/// A single-valued context key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Offering,
    DealSize,
    Customers,
    Sellers,
}

impl Key {
    pub const ALL: [Key; 4] = [Key::Offering, Key::DealSize, Key::Customers, Key::Sellers];

    pub fn name(self) -> &'static str {
        match self {
            Key::Offering => "offering",
            Key::DealSize => "deal_size",
            Key::Customers => "customers",
            Key::Sellers => "sellers",
        }
    }

    /// The allowed values, in order.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Key::Offering => &["subscription", "licence", "services", "goods"],
            Key::DealSize => &["under-1k", "1k-10k", "10k-50k", "50k-250k", "over-250k"],
            Key::Customers => &["under-50", "50-500", "500-5000", "over-5000"],
            Key::Sellers => &["0", "1-5", "6-20", "21-100", "over-100"],
        }
    }

    /// The question the quiz asks.
    pub fn question(self) -> &'static str {
        match self {
            Key::Offering => "What do customers mainly pay you for?",
            Key::DealSize => {
                "What is a new customer typically worth in its first year (US dollars or euros)?"
            }
            Key::Customers => "How many paying customers do you have?",
            Key::Sellers => {
                "How many people carry a sales quota (founders who sell without one do not count)?"
            }
        }
    }

    /// What each value means, for the quiz and the template.
    pub fn labels(self) -> &'static [&'static str] {
        match self {
            Key::Offering => &[
                "a subscription (SaaS, recurring fees)",
                "a licence for software they install (perpetual, maybe with maintenance)",
                "services or projects",
                "goods or one-off products",
            ],
            Key::DealSize => &[
                "under 1,000",
                "1,000 to 10,000",
                "10,000 to 50,000",
                "50,000 to 250,000",
                "over 250,000",
            ],
            Key::Customers => &["under 50", "50 to 500", "500 to 5,000", "over 5,000"],
            Key::Sellers => &[
                "none: the founders sell, or buyers buy on their own",
                "1 to 5",
                "6 to 20",
                "21 to 100",
                "over 100",
            ],
        }
    }

    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The index of `value` among [`Key::values`], as people write it: case
    /// and surrounding spaces do not matter; `license` is `licence`.
    pub fn parse(self, value: &str) -> Option<u8> {
        // Compared without allocating: a batch reads this for every row.
        let v = value.trim();
        let v = if v.eq_ignore_ascii_case("license") {
            "licence"
        } else if v.eq_ignore_ascii_case("none") {
            "0"
        } else {
            v
        };
        self.values()
            .iter()
            .position(|x| x.eq_ignore_ascii_case(v))
            .map(|i| i as u8)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One organisation's context: every value optional. Small and `Copy`, so
/// that a batch carries it per row without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Context {
    /// Per [`Key`]: the index of its value, if known.
    values: [Option<u8>; 4],
    /// Bit `i`: worry `WORRIES[i]` named.
    worries: u16,
}

/// A context value that is not allowed, with what is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextError(pub String);

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ContextError {}

/// The words that leave a context value unknown.
fn is_unknown(value: &str) -> bool {
    let v = value.trim();
    ["", "unknown", "?", "~", "null", "don't know", "dont know"]
        .iter()
        .any(|u| v.eq_ignore_ascii_case(u))
}

impl Context {
    pub fn get(&self, key: Key) -> Option<&'static str> {
        self.values[key.index()].map(|i| key.values()[usize::from(i)])
    }

    /// The index of the key's value, if known.
    pub fn index(&self, key: Key) -> Option<u8> {
        self.values[key.index()]
    }

    pub fn worries(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..WORRIES.len())
            .filter(|i| self.worries & (1 << i) != 0)
            .map(|i| WORRIES[i])
    }

    /// The worries as a bit mask over [`WORRIES`].
    pub fn worry_mask(&self) -> u16 {
        self.worries
    }

    /// The same context with no worry named.
    pub fn without_worries(&self) -> Context {
        Context {
            worries: 0,
            ..*self
        }
    }

    /// Every known value as (key, value) text, `worries` comma-separated:
    /// what an answer file holds.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Key::ALL
            .iter()
            .filter_map(|&k| self.get(k).map(|v| (k.name(), v.to_string())))
            .collect();
        if self.worries != 0 {
            out.push(("worries", self.worries().collect::<Vec<_>>().join(",")));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none) && self.worries == 0
    }

    /// Sets `key` from text; unknown words clear it.
    pub fn set(&mut self, key: Key, value: &str) -> Result<(), ContextError> {
        if is_unknown(value) {
            self.values[key.index()] = None;
            return Ok(());
        }
        match key.parse(value) {
            Some(i) => {
                self.values[key.index()] = Some(i);
                Ok(())
            }
            None => Err(ContextError(format!(
                "\"{}\" is not a value of {}: use one of {} (or leave it empty)",
                value.trim(),
                key.name(),
                key.values().join(", ")
            ))),
        }
    }

    pub fn set_index(&mut self, key: Key, index: Option<u8>) {
        self.values[key.index()] = index.filter(|&i| usize::from(i) < key.values().len());
    }

    /// Sets the worries from a list; a single text may hold several,
    /// separated by commas, semicolons, `|` or spaces (as a CSV cell).
    pub fn set_worries<'a>(
        &mut self,
        values: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), ContextError> {
        let mut mask = 0u16;
        for value in values {
            for word in value.split([',', ';', '|', ' ']).filter(|w| !is_unknown(w)) {
                match worry_index(word) {
                    Some(i) => mask |= 1 << i,
                    None => {
                        return Err(ContextError(format!(
                            "\"{}\" is not a worry{}: use up to {MAX_WORRIES} of {}",
                            word.trim(),
                            did_you_mean(word.trim(), WORRIES.iter().copied()),
                            WORRIES.join(", ")
                        )));
                    }
                }
            }
        }
        if mask.count_ones() as usize > MAX_WORRIES {
            return Err(ContextError(format!(
                "{} worries named; name at most {MAX_WORRIES}, the ones that matter most",
                mask.count_ones()
            )));
        }
        self.worries = mask;
        Ok(())
    }

    /// Sets a CSV context column from its cell: `column` indexes
    /// [`Key::ALL`], then 4 is `worries`.
    pub fn set_cell(&mut self, column: usize, cell: &[u8]) -> Result<(), ContextError> {
        // A batch reads this for every row: values written as the model
        // spells them are matched on the bytes, the rest as people write them.
        if self.set_exact(column, cell) {
            return Ok(());
        }
        let value = String::from_utf8_lossy(cell);
        match Key::ALL.get(column) {
            Some(&key) => self.set(key, &value),
            None => self.set_worries([value.as_ref()]),
        }
    }

    /// [`Context::set_cell`] for a cell that holds values exactly as spelled
    /// (worries split as [`Context::set_worries`] splits them, at most
    /// [`MAX_WORRIES`]); false, with nothing set, for any other cell.
    fn set_exact(&mut self, column: usize, cell: &[u8]) -> bool {
        if let Some(&key) = Key::ALL.get(column) {
            let Some(i) = key.values().iter().position(|v| v.as_bytes() == cell) else {
                return false;
            };
            self.values[key.index()] = Some(i as u8);
            return true;
        }
        let mut mask = 0u16;
        for word in cell.split(|b| matches!(b, b',' | b';' | b'|' | b' ')) {
            match WORRIES.iter().position(|w| w.as_bytes() == word) {
                Some(i) => mask |= 1 << i,
                None if word.is_empty() => {}
                None => return false,
            }
        }
        if mask.count_ones() as usize > MAX_WORRIES {
            return false;
        }
        self.worries = mask;
        true
    }

    /// Sets any key by its name (`worries` included).
    pub fn set_named(&mut self, name: &str, value: &str) -> Result<(), ContextError> {
        if name == "worries" {
            return self.set_worries([value]);
        }
        match Key::from_name(name) {
            Some(key) => self.set(key, value),
            None => Err(ContextError(format!(
                "unknown context key \"{name}\"{}: use {}",
                did_you_mean(name, context_keys()),
                context_keys().join(", ")
            ))),
        }
    }

    /// Whether a trait with these `applies_when` conditions applies here:
    /// every key it names is unknown here or has one of the listed values.
    pub fn satisfies(&self, condition: &Condition) -> bool {
        Key::ALL.iter().all(|&k| match self.values[k.index()] {
            Some(v) => condition.masks[k.index()] & (1 << v) != 0,
            None => true,
        })
    }
}

/// Every context key, in the order asked: the four keys, then `worries`.
pub fn context_keys() -> Vec<&'static str> {
    Key::ALL
        .iter()
        .map(|k| k.name())
        .chain(["worries"])
        .collect()
}

/// Serialised as a map of every key (null when unknown) and the worries.
impl serde::Serialize for Context {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        for key in Key::ALL {
            map.serialize_entry(key.name(), &self.get(key))?;
        }
        map.serialize_entry("worries", &self.worries().collect::<Vec<_>>())?;
        map.end()
    }
}

impl fmt::Display for Context {
    /// `subscription, 10k-50k, 50-500 customers, 6-20 sellers; worries: churn`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(v) = self.get(Key::Offering) {
            parts.push(v.to_string());
        }
        if let Some(v) = self.get(Key::DealSize) {
            parts.push(format!("deals {v}"));
        }
        if let Some(v) = self.get(Key::Customers) {
            parts.push(format!("{v} customers"));
        }
        if let Some(v) = self.get(Key::Sellers) {
            parts.push(format!("{v} sellers"));
        }
        let mut text = parts.join(", ");
        let worries: Vec<&str> = self.worries().collect();
        if !worries.is_empty() {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str("worries: ");
            text.push_str(&worries.join(", "));
        }
        f.write_str(&text)
    }
}

mod condition;
mod worries;

pub use condition::{Condition, variant};
pub use worries::{MAX_WORRIES, WORRIES, WORRIES_QUESTION, WORRY_LABELS, worry_index};

#[cfg(test)]
mod tests;

/// ` (did you mean "x"?)` with the candidate closest to a mistyped word
/// (`deal-size`, `churm`), or nothing when none is close.
fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    crate::text::closest(word, candidates, 0.85)
        .map_or_else(String::new, |c| format!(" (did you mean \"{c}\"?)"))
}
