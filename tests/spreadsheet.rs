//! Workbooks through the real binary: an .xlsx survey export read by the CSV
//! rules, `--sheet`, numeric and date cells, an .ods workbook. Every workbook
//! is built here (rust_xlsxwriter, or the zip crate for .ods): no binary
//! fixture is checked in.

use assert_cmd::Command;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the error for a value off the scale says it takes: the library's own.
const SCALE_HINT: &str = salesevo::answers::SCALE_HINT;

fn salesevo(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salesevo"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// The first three questions: (id, text).
fn questions() -> Vec<(String, String)> {
    let out = salesevo(Path::new("."))
        .args(["questions", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap()[..3]
        .iter()
        .map(|q| {
            let id = q["id"].as_str().unwrap().to_string();
            (id, q["question"].as_str().unwrap().to_string())
        })
        .collect()
}

/// A cell as the test writes it.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Date(u16, u8, u8),
    DateTime(u16, u8, u8, u16, u8),
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[Cell]) {
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match *cell {
            Cell::Text(text) => sheet.write_string(row, col, text).map(|_| ()),
            Cell::Number(x) => sheet.write_number(row, col, x).map(|_| ()),
            Cell::Date(y, m, d) => {
                let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
                sheet
                    .write_datetime_with_format(row, col, &date, &day)
                    .map(|_| ())
            }
            Cell::DateTime(y, m, d, h, min) => {
                let date = ExcelDateTime::from_ymd(y, m, d)
                    .unwrap()
                    .and_hms(h, min, 0)
                    .unwrap();
                sheet
                    .write_datetime_with_format(row, col, &date, &stamp)
                    .map(|_| ())
            }
        }
        .unwrap();
    }
}

/// An .xlsx with one sheet per (name, rows) in `dir`.
fn xlsx(dir: &Path, file: &str, sheets: &[(&str, Vec<Vec<Cell>>)]) -> PathBuf {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (i, cells) in rows.iter().enumerate() {
            write_row(sheet, i as u32, cells);
        }
    }
    let path = dir.join(file);
    book.save(&path).unwrap();
    path
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The lines of a run's stderr, sorted: notes come from the reading thread
/// and errors from the scoring one, in either order.
fn stderr_lines(out: &std::process::Output) -> Vec<String> {
    let mut lines: Vec<String> = stderr(out).lines().map(String::from).collect();
    lines.sort();
    lines
}

#[test]
fn a_survey_export_workbook_is_read_by_the_csv_rules() {
    use Cell::*;
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    // As a form tool exports it: a timestamp and an email first, the
    // question's text as a header, "Organization", labels, N/A, a bad row
    // (3) and trailing rows of spaces (5, 6).
    let header = vec![
        Text("Timestamp"),
        Text("Email"),
        Text("Organization"),
        Text(&q[0].1),
        Text(&q[1].0),
        Text(&q[2].0),
        Text("Date"),
    ];
    let rows = vec![
        header,
        vec![
            DateTime(2026, 11, 2, 9, 30),
            Text("a@acme.test"),
            Text("Acme"),
            Text("3 mostly"),
            Number(2.0),
            Text(""),
            Date(2026, 11, 2),
        ],
        vec![
            DateTime(2026, 11, 2, 9, 45),
            Text("b@bravo.test"),
            Text("Bravo"),
            Number(4.0),
            Text("often"),
            Number(1.0),
            Date(2026, 11, 2),
        ],
        vec![
            DateTime(2026, 11, 3, 10, 0),
            Text("c@cobalt.test"),
            Text("Cobalt"),
            Text("1 - slightly"),
            Number(3.0),
            Text("N/A"),
            Date(2026, 11, 3),
        ],
        vec![Text("  "), Text(""), Text("  ")],
        vec![Text(" ")],
    ];
    xlsx(dir.path(), "export.xlsx", &[("Form responses 1", rows)]);
    // The same export as CSV: the workbook must read exactly as it does.
    std::fs::write(
        dir.path().join("export.csv"),
        format!(
            "Timestamp,Email,Organization,\"{}\",{},{},Date\n\
             2026-11-02 09:30,a@acme.test,Acme,3 mostly,2,,2026-11-02\n\
             2026-11-02 09:45,b@bravo.test,Bravo,4,often,1,2026-11-02\n\
             2026-11-03 10:00,c@cobalt.test,Cobalt,1 - slightly,3,N/A,2026-11-03\n\
             \x20 ,,  ,,,,\n\
             \x20,,,,,,\n",
            q[0].1.replace('"', "\"\""),
            q[1].0,
            q[2].0
        ),
    )
    .unwrap();
    let run = |file: &str| {
        salesevo(dir.path())
            .args(["score", file, "-k", "-f", "json"])
            .output()
            .unwrap()
    };
    let (out, csv) = (run("export.xlsx"), run("export.csv"));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(out.status.code(), csv.status.code());
    assert_eq!(json(&out), json(&csv));
    let as_xlsx: Vec<String> = stderr_lines(&csv)
        .iter()
        .map(|l| l.replace("export.csv", "export.xlsx"))
        .collect();
    assert_eq!(stderr_lines(&out), as_xlsx);

    let errors = stderr(&out);
    for line in [
        "note: export.xlsx: columns ignored, not questions: Timestamp, Email \
         (--strict-columns makes them an error)\n"
            .to_string(),
        format!(
            "error: export.xlsx row 3, column \"{}\": \"often\" is not on the scale: {SCALE_HINT}\n",
            q[1].0
        ),
        "note: export.xlsx: 2 blank rows skipped (rows 5, 6)\n".to_string(),
    ] {
        assert!(errors.contains(&line), "{line} in {errors}");
    }
    let v = json(&out);
    let by_name = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["organisation"] == name)
            .cloned()
    };
    let acme = by_name("Acme").unwrap();
    assert_eq!(acme["row"], 2);
    assert_eq!(acme["date"], "2026-11-02");
    assert_eq!(acme["answers"][&q[0].0], 3);
    assert_eq!(acme["answers"][&q[1].0], 2);
    assert_eq!(acme["answers"][&q[2].0], Value::Null);
    assert!(by_name("Bravo").is_none());

    // The summary names the bad row and the blank ones.
    let out = salesevo(dir.path())
        .args(["score", "export.xlsx", "-k", "-f", "json", "--summary"])
        .output()
        .unwrap();
    let summary = &json(&out)["summary"];
    assert_eq!(
        summary["blank_rows"]["rows"],
        serde_json::json!([{"file": "export.xlsx", "row": 5}, {"file": "export.xlsx", "row": 6}])
    );
    let bad = serde_json::json!({"file": "export.xlsx", "row": 3});
    let failed = summary["failed"]["rows"].as_array().unwrap();
    assert!(failed.contains(&bad), "{failed:?}");
    salesevo(dir.path())
        .args(["score", "export.xlsx", "--strict-columns"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "export.xlsx row 1, column \"Timestamp\": unknown question id",
        ));
}

#[test]
fn whole_numbers_are_answers_and_fractions_are_errors() {
    use Cell::*;
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![Text("organisation"), Text(&q[0].0)],
        vec![Text("Whole"), Number(3.0)],
        vec![Text("Half"), Number(3.5)],
    ];
    xlsx(dir.path(), "book.xlsx", &[("Sheet1", rows)]);
    let out = salesevo(dir.path())
        .args(["score", "book.xlsx", "-k", "-f", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        format!(
            "error: book.xlsx row 3, column \"{}\": \"3.5\" is not on the scale: {SCALE_HINT}\n",
            q[0].0
        )
    );
    let line: Value =
        serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(line["answers"][&q[0].0], 3);
    assert_eq!(line["row"], 2);
}

#[test]
fn a_date_cell_is_an_iso_date_even_with_a_time() {
    use Cell::*;
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![Text("team"), Text("date"), Text(&q[0].0)],
        vec![Text("A"), Date(2026, 1, 31), Number(1.0)],
        vec![Text("B"), DateTime(2026, 2, 1, 17, 5), Number(2.0)],
    ];
    xlsx(dir.path(), "dates.xlsx", &[("Sheet1", rows)]);
    let out = salesevo(dir.path())
        .args(["score", "dates.xlsx", "-f", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v[0]["date"], "2026-01-31");
    assert_eq!(v[1]["date"], "2026-02-01");
}

#[test]
fn sheet_picks_a_sheet_and_an_unknown_one_lists_them() {
    use Cell::*;
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let notes = vec![vec![Text("How to fill in this form")]];
    let responses = vec![
        vec![Text("organisation"), Text(&q[0].0)],
        vec![Text("Acme"), Number(4.0)],
        vec![Text("Bravo"), Number(1.0)],
    ];
    xlsx(
        dir.path(),
        "book.xlsx",
        &[("Notes", notes), ("Responses", responses)],
    );
    // The first sheet is read unless told otherwise: here, not answers.
    salesevo(dir.path())
        .args(["score", "book.xlsx"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "error: book.xlsx row 1: no column is a question id",
        ));
    let out = salesevo(dir.path())
        .args(["score", "book.xlsx", "--sheet", "Responses", "-f", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out).as_array().unwrap().len(), 2);
    salesevo(dir.path())
        .args(["score", "book.xlsx", "--sheet", "Answers"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "error: book.xlsx: no sheet \"Answers\"; the sheets are \"Notes\", \"Responses\"\n",
        );
}

#[test]
fn a_header_only_sheet_is_an_empty_batch() {
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![vec![Cell::Text("organisation"), Cell::Text(&q[0].0)]];
    xlsx(dir.path(), "header.xlsx", &[("Sheet1", rows)]);
    salesevo(dir.path())
        .args(["score", "header.xlsx"])
        .assert()
        .code(1)
        .stderr("error: no answer sets in header.xlsx\n");
}

#[test]
fn a_workbook_needs_a_file_not_standard_input() {
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![Cell::Text("organisation"), Cell::Text(&q[0].0)],
        vec![Cell::Text("Acme"), Cell::Number(4.0)],
    ];
    let path = xlsx(dir.path(), "book.xlsx", &[("Sheet1", rows)]);
    let bytes = std::fs::read(&path).unwrap();
    let expected = "error: <stdin>: a workbook (.xlsx, .xls, .ods) is read from a file, \
                    not from standard input; save it and name the file\n";
    // Named, or recognised by its zip signature.
    for args in [
        vec!["score", "-", "--input-format", "xlsx"],
        vec!["score", "-"],
    ] {
        salesevo(dir.path())
            .args(args)
            .write_stdin(bytes.clone())
            .assert()
            .code(1)
            .stdout("")
            .stderr(expected);
    }
    // A workbook under another name is still read, by its content.
    std::fs::copy(&path, dir.path().join("export.bin")).unwrap();
    salesevo(dir.path())
        .args(["score", "export.bin", "-f", "jsonl"])
        .assert()
        .success();
}

/// A minimal OpenDocument spreadsheet (the files calamine requires) with
/// one sheet of `rows`, each cell a (value-type, attributes, text) triple.
fn ods(path: &Path, rows: &[Vec<(&str, String, String)>]) {
    use zip::write::SimpleFileOptions;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for (kind, attributes, text) in row {
            table.push_str(&format!(
                "<table:table-cell office:value-type=\"{kind}\" {attributes}><text:p>{text}</text:p></table:table-cell>"
            ));
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Responses">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn an_ods_workbook_is_read_as_well() {
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let text = |t: &str| ("string", String::new(), t.to_string());
    let number = |x: f64| ("float", format!("office:value=\"{x}\""), x.to_string());
    let date = |d: &str| ("date", format!("office:date-value=\"{d}\""), d.to_string());
    ods(
        &dir.path().join("answers.ods"),
        &[
            vec![
                text("Organization"),
                text("Date"),
                text(&q[0].0),
                text(&q[1].0),
            ],
            vec![
                text("Acme"),
                date("2026-11-02"),
                number(3.0),
                text("2 partly"),
            ],
            vec![
                text("Bravo"),
                date("2026-11-03T10:30:00"),
                number(2.5),
                text("?"),
            ],
            vec![
                text("Cobalt"),
                date("2026-11-04T10:30:00"),
                number(0.0),
                text(""),
            ],
        ],
    );
    let out = salesevo(dir.path())
        .args(["score", "answers.ods", "-k", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "error: answers.ods row 3, column \"{}\": \"2.5\" is not on the scale: {SCALE_HINT}\n",
            q[0].0
        )
    );
    let v = json(&out);
    assert_eq!(v[0]["organisation"], "Acme");
    assert_eq!(v[0]["row"], 2);
    assert_eq!(v[0]["date"], "2026-11-02");
    assert_eq!(v[0]["answers"][&q[0].0], 3);
    assert_eq!(v[0]["answers"][&q[1].0], 2);
    assert_eq!(v[1]["row"], 4);
    // A date and time in the date column: the date.
    assert_eq!(v[1]["date"], "2026-11-04");
    assert_eq!(v[1]["answers"][&q[1].0], Value::Null);
}

#[test]
fn compare_takes_a_one_row_workbook_as_score_does() {
    use Cell::*;
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let header: Vec<Cell> = std::iter::once(Text("organisation"))
        .chain(q.iter().map(|(id, _)| Text(id)))
        .collect();
    let answers: Vec<Cell> = std::iter::once(Text("Acme"))
        .chain(q.iter().map(|_| Number(3.0)))
        .collect();
    xlsx(dir.path(), "q1.xlsx", &[("Sheet1", vec![header, answers])]);
    let yaml: String = q.iter().map(|(id, _)| format!("  {id}: 2\n")).collect();
    std::fs::write(
        dir.path().join("q0.yaml"),
        format!("organisation: Acme\nanswers:\n{yaml}"),
    )
    .unwrap();
    let score = salesevo(dir.path())
        .args(["score", "q1.xlsx", "-f", "json"])
        .output()
        .unwrap();
    assert!(score.status.success(), "{}", stderr(&score));
    let scored = json(&score);
    let out = salesevo(dir.path())
        .args(["compare", "q0.yaml", "q1.xlsx", "-f", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["after"]["stage"], scored[0]["stage"], "{v}");
    assert_eq!(v["after"]["organisation"], "Acme");
}

#[test]
fn a_sheet_starting_below_and_right_of_a1_keeps_its_row_numbers() {
    // The .xlsx reader streams cells: rows without cells are blank rows and
    // the header's first column is everyone's first, as in a sheet read whole.
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let cells = |sheet: &mut Worksheet, row: u32, texts: &[&str]| {
        for (i, text) in texts.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(row, 1 + i as u16, *text).unwrap();
            }
        }
    };
    cells(sheet, 2, &["organisation", &q[0].0, &q[1].0]);
    cells(sheet, 3, &["Acme", "4", ""]);
    // Rows 5 and 6 hold nothing; row 7 leaves its middle cell out.
    cells(sheet, 6, &["Bravo", "", "1"]);
    book.save(dir.path().join("offset.xlsx")).unwrap();
    let out = salesevo(dir.path())
        .args(["score", "offset.xlsx", "-f", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "note: offset.xlsx: 2 blank rows skipped (rows 5, 6)\n"
    );
    let v = json(&out);
    assert_eq!(v[0]["organisation"], "Acme");
    assert_eq!(v[0]["row"], 4);
    assert_eq!(v[0]["answers"][&q[0].0], 4);
    assert_eq!(v[0]["answers"][&q[1].0], Value::Null);
    assert_eq!(v[1]["organisation"], "Bravo");
    assert_eq!(v[1]["row"], 7);
    assert_eq!(v[1]["answers"][&q[0].0], Value::Null);
    assert_eq!(v[1]["answers"][&q[1].0], 1);

    // A value left of the header, like one right of it, is an error of its
    // row alone: named, not lost, and the rows after it are read.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    cells(sheet, 0, &["organisation", &q[0].0]);
    sheet.write_string(1, 0, "stray").unwrap();
    cells(sheet, 1, &["Acme", "4"]);
    cells(sheet, 2, &["Bravo", "3"]);
    book.save(dir.path().join("stray.xlsx")).unwrap();
    let out = salesevo(dir.path())
        .args(["score", "stray.xlsx", "-k", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: stray.xlsx row 2: has 3 cells, the header has 2\n"
    );
    let v = json(&out);
    assert_eq!(v[0]["organisation"], "Bravo");
    assert_eq!(v[0]["row"], 3);
}

#[test]
fn an_xlsx_listing_its_rows_out_of_order_is_an_error_not_a_hang() {
    // No spreadsheet program writes rows out of order, but a generator
    // might: the sheet's XML is rewritten here with rows 2 and 3 swapped.
    let q = questions();
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![Cell::Text("organisation"), Cell::Text(&q[0].0)],
        vec![Cell::Text("Acme"), Cell::Number(4.0)],
        vec![Cell::Text("Bravo"), Cell::Number(1.0)],
    ];
    let path = xlsx(dir.path(), "rows.xlsx", &[("Sheet1", rows)]);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let out = dir.path().join("swapped.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&out).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut text).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(text).unwrap();
            let row = |r: u32| {
                let start = xml.find(&format!("<row r=\"{r}\"")).unwrap();
                let end = start + xml[start..].find("</row>").unwrap() + "</row>".len();
                start..end
            };
            let (two, three) = (row(2), row(3));
            text = format!(
                "{}{}{}{}",
                &xml[..two.start],
                &xml[three.clone()],
                &xml[two.clone()],
                &xml[three.end..]
            )
            .into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&text).unwrap();
    }
    writer.finish().unwrap();
    salesevo(dir.path())
        .args(["score", "swapped.xlsx", "-f", "csv"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "the sheet lists row 2 after row 3",
        ));
}
