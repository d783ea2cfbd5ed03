//! Checks of the context fields of a stage file: `applies_when`, `when`
//! and the variants of a text.

use super::validate::check_text;

/// An `applies_when` (`applies`) or a variant's `when` map names context
/// keys and their values.
pub(super) fn check_condition(
    map: &std::collections::BTreeMap<String, Vec<String>>,
    applies: bool,
    field: String,
    file: &str,
    report: &mut impl FnMut(&str, String, String),
) {
    match crate::context::Condition::compile(map) {
        Err(problems) => {
            for message in problems {
                report(file, field.clone(), message);
            }
        }
        // A worry decides which step comes first and which text it shows,
        // never whether a question applies (a worry never moves the stage).
        Ok(c) if c.names_worries() && applies => report(
            file,
            field,
            "worries cannot decide whether a question applies; name them in a variant's when"
                .into(),
        ),
        Ok(_) => {}
    }
}

/// Context variants of a text: a condition that names something, and a text.
/// A trait's variants (`addresses` is Some) name only worries it answers: a
/// step shows a worry's text only when it answers that worry.
pub(super) fn check_variants(
    variants: &[super::ForContext],
    addresses: Option<&[String]>,
    field: String,
    file: &str,
    report: &mut impl FnMut(&str, String, String),
) {
    for (i, v) in variants.iter().enumerate() {
        let at = format!("{field}[{i}]");
        if v.when.is_empty() {
            report(
                file,
                format!("{at}.when"),
                "name at least one context key; the default text goes outside the list".into(),
            );
        }
        check_condition(&v.when, false, format!("{at}.when"), file, report);
        let named = v.when.get("worries").into_iter().flatten();
        for worry in named.filter(|w| addresses.is_some_and(|a| !a.contains(w))) {
            report(
                file,
                format!("{at}.when"),
                format!(
                    "worry \"{worry}\" is not among the trait's addresses: a step shows a worry's text only when it answers that worry"
                ),
            );
        }
        check_text(&v.text, format!("{at}.text"), file, report);
        match (&v.partly, addresses) {
            (Some(partly), Some(_)) => check_text(partly, format!("{at}.partly"), file, report),
            (Some(_), None) => report(
                file,
                format!("{at}.partly"),
                "only a trait's variants have a `partly` text".into(),
            ),
            (None, _) => {}
        }
    }
}
