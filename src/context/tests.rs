//! The context's values, worries and conditions.
use super::*;
use std::collections::BTreeMap;

#[test]
fn values_parse_as_people_write_them_and_bad_ones_name_the_allowed() {
    let mut c = Context::default();
    c.set(Key::Offering, " License ").unwrap();
    assert_eq!(c.get(Key::Offering), Some("licence"));
    c.set(Key::Sellers, "0").unwrap();
    assert_eq!(c.get(Key::Sellers), Some("0"));
    c.set(Key::Sellers, "unknown").unwrap();
    assert_eq!(c.get(Key::Sellers), None);
    let e = c.set(Key::DealSize, "huge").unwrap_err().0;
    assert!(
        e.contains("\"huge\"") && e.contains("under-1k, 1k-10k"),
        "{e}"
    );
}

#[test]
fn worries_take_a_list_or_one_cell_and_at_most_two() {
    let mut c = Context::default();
    c.set_worries(["churn; forecast"]).unwrap();
    assert_eq!(c.worries().collect::<Vec<_>>(), ["churn", "forecast"]);
    let e = c.set_worries(["churn,forecast,pipeline"]).unwrap_err().0;
    assert!(e.contains("at most 2"), "{e}");
    let e = c.set_worries(["money"]).unwrap_err().0;
    assert!(e.contains("\"money\"") && e.contains("win-rate"), "{e}");
}

#[test]
fn a_condition_applies_unless_a_known_value_is_not_listed() {
    let map = BTreeMap::from([("deal_size".to_string(), vec!["under-1k".to_string()])]);
    let condition = Condition::compile(&map).unwrap();
    let mut c = Context::default();
    assert!(c.satisfies(&condition), "unknown applies");
    c.set(Key::DealSize, "under-1k").unwrap();
    assert!(c.satisfies(&condition));
    c.set(Key::DealSize, "over-250k").unwrap();
    assert!(!c.satisfies(&condition));
    c.set(Key::Sellers, "0").unwrap();
    c.set(Key::DealSize, "under-1k").unwrap();
    assert!(c.satisfies(&condition), "keys not named do not matter");
    let bad = BTreeMap::from([("size".to_string(), vec!["x".to_string()])]);
    assert!(Condition::compile(&bad).is_err());
}

#[test]
fn a_csv_cell_sets_what_its_text_would_exactly_spelled_or_not() {
    let cells = [
        "subscription",
        "License",
        " goods ",
        "unknown",
        "?",
        "huge",
        "",
        "0",
        "none",
        "churn",
        "pipeline;forecast",
        "Churn",
        "churn;;win-rate",
        "churn, forecast",
        "churn;forecast;pipeline",
        "money",
        ";",
        "win_rate",
    ];
    for column in 0..5 {
        for cell in cells {
            let (mut by_cell, mut by_text) = (Context::default(), Context::default());
            let from_cell = by_cell.set_cell(column, cell.as_bytes());
            let from_text = match Key::ALL.get(column) {
                Some(&key) => by_text.set(key, cell),
                None => by_text.set_worries([cell]),
            };
            assert_eq!(from_cell, from_text, "{column} {cell:?}");
            assert_eq!(by_cell, by_text, "{column} {cell:?}");
        }
    }
}

#[test]
fn a_variant_naming_worries_is_picked_only_when_one_of_them_is_named() {
    let map = BTreeMap::from([
        ("worries".to_string(), vec!["expansion".to_string()]),
        ("deal_size".to_string(), vec!["10k-50k".to_string()]),
    ]);
    let condition = Condition::compile(&map).unwrap();
    let mut c = Context::default();
    c.set(Key::DealSize, "10k-50k").unwrap();
    assert!(!condition.picks(&c), "no worry named");
    c.set_worries(["churn"]).unwrap();
    assert!(!condition.picks(&c), "another worry");
    c.set_worries(["churn; expansion"]).unwrap();
    assert!(condition.picks(&c));
    c.set(Key::DealSize, "over-250k").unwrap();
    assert!(!condition.picks(&c), "the other keys still count");
    let bad = BTreeMap::from([("worries".to_string(), vec!["money".to_string()])]);
    let e = Condition::compile(&bad).unwrap_err().join(" ");
    assert!(e.contains("\"money\"") && e.contains("win-rate"), "{e}");
}

#[test]
fn a_mistyped_key_or_worry_gets_the_closest_name_suggested() {
    let mut c = Context::default();
    let e = c.set_named("deal-size", "1k-10k").unwrap_err().0;
    assert!(e.contains("(did you mean \"deal_size\"?)"), "{e}");
    let e = c.set_named("worries", "churm").unwrap_err().0;
    assert!(
        e.contains("\"churm\" is not a worry (did you mean \"churn\"?)"),
        "{e}"
    );
    // Nothing close: no guess.
    let e = c.set_named("colour", "red").unwrap_err().0;
    assert!(!e.contains("did you mean"), "{e}");
}
