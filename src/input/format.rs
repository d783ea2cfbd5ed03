//! The input formats, and how one is told from a file's name or content.

use std::path::Path;

/// Input formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// One answer set per document; documents separated by `---`.
    Yaml,
    /// One answer set object, or an array of them.
    Json,
    /// One answer set object per line.
    Jsonl,
    /// A header row of question ids (and optional `organisation`, `date` and context columns), one row per respondent.
    Csv,
    /// A workbook (.xlsx, .xls, .ods): its first sheet, or `--sheet`, read as a CSV.
    #[value(alias = "xlsx", alias = "xls", alias = "ods")]
    Spreadsheet,
}

impl InputFormat {
    /// The format a file name implies: .yaml/.yml, .json, .jsonl/.ndjson,
    /// .csv, and the workbooks .xlsx/.xlsm/.xlsb/.xls/.ods.
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(InputFormat::Yaml),
            "json" => Some(InputFormat::Json),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "csv" => Some(InputFormat::Csv),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(InputFormat::Spreadsheet),
            _ => None,
        }
    }

    /// The format of content that can only be one: `[` starts JSON; `{`
    /// starts JSON Lines when the first line is a whole JSON value and more
    /// lines follow, else JSON; a first line that is `---`, a `#` comment or
    /// holds a `:` is YAML; one that holds `,` or `;` is a CSV header. A
    /// zip (.xlsx, .ods) or OLE (.xls) signature is a workbook.
    pub fn sniff(head: &[u8]) -> Option<InputFormat> {
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0") {
            return Some(InputFormat::Spreadsheet);
        }
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
        assert_eq!(f("a.XLSX"), Some(InputFormat::Spreadsheet));
        assert_eq!(f("a.ods"), Some(InputFormat::Spreadsheet));
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
        assert_eq!(s("PK\x03\x04rest"), Some(InputFormat::Spreadsheet));
        assert_eq!(s(""), None);
    }
}
