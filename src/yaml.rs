//! Every YAML call of the crate lives here, so that the choice of crate
//! (`serde-saphyr`, not the deprecated `serde_yaml`) stays a one-line change.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::io::Read;

/// A YAML parse or shape error, with the position the parser knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for YamlError {}

impl From<serde_saphyr::Error> for YamlError {
    fn from(err: serde_saphyr::Error) -> Self {
        let location = err.location().filter(|l| l.line() > 0);
        let mut message = err.without_snippet().to_string();
        // The crate appends " at line L, column C"; we print the position ourselves.
        if let Some(pos) = message.rfind(" at line ") {
            message.truncate(pos);
        }
        if let Some(rest) = message.strip_prefix("error: ") {
            message = rest.to_string();
        }
        // Some variants start with "line L column C: ".
        if let Some(l) = &location {
            let prefix = format!("line {} column {}: ", l.line(), l.column());
            if let Some(rest) = message.strip_prefix(&prefix) {
                message = rest.to_string();
            }
        }
        let mut message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
        // Reading from a stream, the crate says only "IO error": add the cause.
        if let serde_saphyr::Error::IOError { cause } = &err {
            message = if cause.kind() == std::io::ErrorKind::InvalidData {
                "not valid UTF-8 text".to_string()
            } else {
                format!("cannot read: {cause}")
            };
        }
        YamlError {
            line: location.as_ref().map(|l| l.line() as usize),
            column: location.as_ref().map(|l| l.column() as usize),
            message,
        }
    }
}

/// Parses one YAML document into `T`. Only `true` and `false` are
/// booleans (YAML 1.2): `yes`, `on`, `y`, `no` stay the words the user typed,
/// so that an answer file can quote them in an error instead of reading them
/// as a number.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).map_err(YamlError::from)
}

/// Limits for each document of a YAML stream (batch input). An answer set
/// needs a few hundred events; these stop a hostile or broken document long
/// before it costs memory. The stream as a whole has no size cap: documents
/// are read and dropped one at a time.
pub const STREAM_MAX_EVENTS_PER_DOCUMENT: usize = 100_000;
pub const STREAM_MAX_NODES_PER_DOCUMENT: usize = 50_000;
pub const STREAM_MAX_SCALAR_BYTES_PER_DOCUMENT: usize = 4 * 1024 * 1024;
pub const STREAM_MAX_DEPTH: usize = 16;

/// Parses a stream of `---`-separated YAML documents from a reader, one at a
/// time. Empty documents are skipped. After an error in a document's shape the
/// stream goes on with the next document; after a syntax error it ends.
pub fn read_documents<'a, R: Read + 'a, T: DeserializeOwned + 'a>(
    reader: &'a mut R,
) -> impl Iterator<Item = Result<T, YamlError>> + 'a {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: None,
            max_events: STREAM_MAX_EVENTS_PER_DOCUMENT,
            max_nodes: STREAM_MAX_NODES_PER_DOCUMENT,
            max_total_scalar_bytes: STREAM_MAX_SCALAR_BYTES_PER_DOCUMENT,
            max_depth: STREAM_MAX_DEPTH,
        },
    };
    serde_saphyr::read_with_options(reader, options).map(|r| r.map_err(YamlError::from))
}

/// Serialises `value` as a YAML document.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_saphyr::to_string(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn duplicate_keys_are_rejected_with_their_line() {
        let err = from_str::<BTreeMap<String, u8>>("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.message, "duplicate mapping key: a");
    }

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        a: serde_saphyr::Spanned<u8>,
    }

    #[test]
    fn documents_of_a_stream_keep_their_lines_in_the_whole_stream() {
        let text = "a: 1\n---\n# two\na: 2\n---\n---\na: x\n---\na: 4\n";
        let mut reader = text.as_bytes();
        let docs: Vec<Result<Doc, YamlError>> = read_documents(&mut reader).collect();
        let lines: Vec<String> = docs
            .iter()
            .map(|d| match d {
                Ok(d) => format!("{}@{}", d.a.value, d.a.referenced.line()),
                Err(e) => format!("err@{:?}: {}", e.line, e.message),
            })
            .collect();
        assert_eq!(lines, ["1@1", "2@4", "err@Some(7): invalid u8", "4@9"]);
    }

    #[test]
    fn type_errors_carry_line_and_column() {
        let err = from_str::<BTreeMap<String, u8>>("a: 1\nb: x\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(4)));
        assert!(!err.message.contains("at line"), "{}", err.message);
    }
}
