use super::*;
use crate::model::load_embedded;

fn read_all(text: &str) -> Vec<Result<Respondent, String>> {
    let model = load_embedded().unwrap();
    let mut got = Vec::new();
    read(
        text.as_bytes(),
        "a.csv",
        &model,
        false,
        &mut |item: crate::input::Item| {
            got.push(item.map_err(|e| e.to_string()));
            Ok(())
        },
    )
    .unwrap();
    got
}

#[test]
fn cells_take_numbers_labels_and_blanks() {
    let model = load_embedded().unwrap();
    let ids: Vec<&str> = model.traits().take(3).map(|(_, t)| t.id.as_str()).collect();
    let text = format!(
        "{},Organisation,{},{}\n4,\" Acme \",mostly,\n",
        ids[0], ids[1], ids[2]
    );
    let got = read_all(&text);
    let set = got[0].as_ref().unwrap();
    assert_eq!(set.organisation.as_deref(), Some("Acme"));
    assert_eq!(
        set.answers[..3],
        [Answer::Scale(4), Answer::Scale(3), Answer::Unknown]
    );
}

#[test]
fn trim_is_str_trim() {
    for text in [
        "",
        " ",
        "a",
        " a ",
        "\u{a0}Acme",
        "Acme\u{2003}",
        "a b",
        "\tx\r",
        "é",
    ] {
        assert_eq!(trim(text), text.trim(), "{text:?}");
    }
}

#[test]
fn the_fast_labels_are_the_scale() {
    for (i, label) in answers::SCALE.iter().enumerate() {
        assert_eq!(
            parse_cell_slowly(label.as_bytes()),
            Some(Answer::Scale(i as u8))
        );
        assert_eq!(parse_cell_slowly(label.as_bytes()), Answer::parse(label));
    }
    assert_eq!(parse_cell_slowly(b"Mostly "), Some(Answer::Scale(3)));
    assert_eq!(parse_cell_slowly(b"7"), None);
}

#[test]
fn a_bad_cell_names_row_column_and_value() {
    let model = load_embedded().unwrap();
    let id = &model.stages()[2].traits[1].id;
    let got = read_all(&format!("organisation,{id}\nA,3\nB,7\nC,1\n"));
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[1].as_ref().unwrap_err(),
        &format!("a.csv row 3, column \"{id}\": {}", answers::off_scale("7"))
    );
    assert!(got[2].is_ok());
}

#[test]
fn an_unknown_column_is_one_error_with_a_suggestion() {
    let model = load_embedded().unwrap();
    let id = &model.stages()[2].traits[1].id;
    let typo = &id[..id.len() - 1];
    let got = read_all(&format!("organisation,{typo}\nA,3\n"));
    assert_eq!(
        got,
        [Err(format!(
            "a.csv row 1, column \"{typo}\": unknown question id; did you mean \"{id}\"? \
                 (`salesevo questions --format csv` prints the header)"
        ))]
    );
}

#[test]
fn rows_grow_their_buffers_and_keep_quoted_line_breaks() {
    let long = "x".repeat(5000);
    let cells = vec!["a"; 150].join(",");
    let text = format!("h1,h2\r\n\"two\r\nlines, and a comma\",2\r\n{long},{cells}\n\nlast,1");
    let mut rows = Rows::new(text.as_bytes(), b',');
    let mut record = Record::default();
    let mut got = Vec::new();
    while rows.read(&mut record).unwrap() {
        let cells: Vec<String> = record
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        got.push(cells);
    }
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[1], ["two\r\nlines, and a comma", "2"]);
    assert_eq!(got[2].len(), 151);
    assert_eq!(got[2][0], long);
    assert_eq!(got[3], ["last", "1"]);
}

/// Every row of `text`, read by `Rows` (plain lines by the fast path)
/// or by the parser alone.
fn rows_of(text: &[u8], delimiter: u8, parser_only: bool) -> Vec<Vec<Vec<u8>>> {
    // A small buffer, so that lines also straddle refills.
    let reader = std::io::BufReader::with_capacity(16, text);
    let mut rows = Rows::new(reader, delimiter);
    let mut record = Record::default();
    let mut got = Vec::new();
    loop {
        let more = if parser_only {
            rows.parse(&mut record)
        } else {
            rows.read(&mut record)
        };
        if !more.unwrap() {
            return got;
        }
        got.push(record.iter().map(<[u8]>::to_vec).collect());
    }
}

#[test]
fn the_fast_path_reads_every_line_as_the_parser_does() {
    const BYTES: &[u8] = b"ab1,;,\"\r\n \n,,";
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for case in 0..3000 {
        let len = (next() % 200) as usize;
        let text: Vec<u8> = (0..len)
            .map(|_| BYTES[(next() % BYTES.len() as u64) as usize])
            .collect();
        let delimiter = if case % 3 == 0 { b';' } else { b',' };
        assert_eq!(
            rows_of(&text, delimiter, false),
            rows_of(&text, delimiter, true),
            "{:?}",
            String::from_utf8_lossy(&text)
        );
    }
}

#[test]
fn a_quoted_line_break_is_still_one_row() {
    let model = load_embedded().unwrap();
    let id = &model.stages()[2].traits[1].id;
    let got = read_all(&format!("organisation,{id}\n\"A\nB\",3\nC,9\n"));
    assert_eq!(
        got[0].as_ref().unwrap().organisation.as_deref(),
        Some("A\nB")
    );
    assert_eq!(
        got[1].as_ref().unwrap_err(),
        &format!("a.csv row 3, column \"{id}\": {}", answers::off_scale("9"))
    );
}

#[test]
fn semicolons_are_taken_when_the_header_has_no_commas() {
    let model = load_embedded().unwrap();
    let id = &model.stages()[0].traits[0].id;
    let got = read_all(&format!("organisation;{id}\nA;2\n"));
    assert_eq!(got[0].as_ref().unwrap().answers[0], Answer::Scale(2));
}

#[test]
fn short_rows_and_question_text_rows() {
    let model = load_embedded().unwrap();
    let (_, t) = model.traits().next().unwrap();
    let text = format!(
        "organisation,{}\nOrganisation,\"{}\"\nA\n",
        t.id,
        t.question.replace('"', "\"\"")
    );
    let got = read_all(&text);
    assert_eq!(
        got,
        [Err("a.csv row 3: has 1 cell, the header has 2".to_string())]
    );
}
