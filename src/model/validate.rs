//! Checks that a parsed model is usable: ids, numbering, texts, weights.

use super::variants::{check_condition, check_variants};
use super::{Model, ModelProblem, Stage};
use std::collections::HashMap;

/// The fewest traits a stage may have: fewer cannot tell a stage apart.
pub const MIN_TRAITS: usize = 3;
/// The most stages a model may have (scoring keeps stage sets in a u64).
pub const MAX_STAGES: usize = 64;

/// Checks every stage (with the file it came from) and returns every problem.
/// `count` is the number of stage files, including any that failed to parse,
/// so that a broken file is not also reported as a gap in the numbering.
pub fn validate(stages: Vec<(String, Stage)>, count: usize) -> Result<Model, Vec<ModelProblem>> {
    let mut problems = Vec::new();
    let mut report = |file: &str, field: String, message: String| {
        problems.push(ModelProblem {
            file: file.to_string(),
            line: None,
            column: None,
            field,
            message,
        })
    };

    let mut stage_ids: HashMap<&str, &str> = HashMap::new();
    let mut trait_ids: HashMap<&str, (&str, String)> = HashMap::new();
    let mut numbers: HashMap<u32, &str> = HashMap::new();

    for (file, stage) in &stages {
        check_id(&stage.id, "id".into(), file, &mut report);
        if let Some(first) = stage_ids.insert(&stage.id, file) {
            report(
                file,
                "id".into(),
                format!("stage id \"{}\" is also used by {first}", stage.id),
            );
        }
        if stage.number == 0 {
            report(file, "number".into(), "must be 1 or more".into());
        } else if let Some(first) = numbers.insert(stage.number, file) {
            report(
                file,
                "number".into(),
                format!("stage number {} is also used by {first}", stage.number),
            );
        }
        let texts = [
            ("name", &stage.name),
            ("motto", &stage.motto),
            ("summary", &stage.summary),
            ("description", &stage.description),
            ("focus", &stage.focus),
            ("moving_on", &stage.moving_on),
        ];
        for (field, text) in texts {
            check_text(text, field.into(), file, &mut report);
        }
        check_variants(
            &stage.moving_on_for,
            None,
            "moving_on_for".into(),
            file,
            &mut report,
        );
        for (list, items) in [("metrics", &stage.metrics), ("pitfalls", &stage.pitfalls)] {
            if items.is_empty() {
                report(file, list.into(), "must list at least one entry".into());
            }
            for (i, text) in items.iter().enumerate() {
                check_text(text, format!("{list}[{i}]"), file, &mut report);
            }
        }
        if stage.roles.is_empty() {
            report(file, "roles".into(), "must list at least one role".into());
        }
        for (i, role) in stage.roles.iter().enumerate() {
            check_text(&role.name, format!("roles[{i}].name"), file, &mut report);
            check_text(
                &role.description,
                format!("roles[{i}].description"),
                file,
                &mut report,
            );
        }
        if stage.traits.len() < MIN_TRAITS {
            report(
                file,
                "traits".into(),
                format!(
                    "has {} trait(s); a stage needs at least {MIN_TRAITS} to be told apart",
                    stage.traits.len()
                ),
            );
        }
        for (i, t) in stage.traits.iter().enumerate() {
            let at = format!("traits[{i}]");
            check_id(&t.id, format!("{at}.id"), file, &mut report);
            if let Some((first_file, first_at)) = trait_ids.insert(&t.id, (file, at.clone())) {
                report(
                    file,
                    format!("{at}.id"),
                    format!(
                        "trait id \"{}\" is also used by {first_file} {first_at}",
                        t.id
                    ),
                );
            }
            let texts = [
                ("statement", &t.statement),
                ("question", &t.question),
                ("help", &t.help),
                ("action", &t.action),
            ];
            let optional = [("find_out", &t.find_out), ("partly", &t.partly)];
            let optional = optional
                .into_iter()
                .filter_map(|(field, text)| Some((field, text.as_ref()?)));
            for (field, text) in texts.into_iter().chain(optional) {
                check_text(text, format!("{at}.{field}"), file, &mut report);
            }
            check_condition(
                &t.applies_when,
                true,
                format!("{at}.applies_when"),
                file,
                &mut report,
            );
            for (j, worry) in t.addresses.iter().enumerate() {
                if crate::context::worry_index(worry).is_none() {
                    report(
                        file,
                        format!("{at}.addresses[{j}]"),
                        format!(
                            "\"{worry}\" is not a worry; use {}",
                            crate::context::WORRIES.join(", ")
                        ),
                    );
                }
            }
            check_variants(
                &t.actions_for,
                Some(&t.addresses),
                format!("{at}.actions_for"),
                file,
                &mut report,
            );
            if !(t.weight.is_finite() && t.weight > 0.0) {
                report(
                    file,
                    format!("{at}.weight"),
                    format!("must be a number greater than 0, got {}", t.weight),
                );
            }
        }
    }

    // contradicts, needs and covered_by name other traits.
    let all_ids: Vec<&str> = stages
        .iter()
        .flat_map(|(_, s)| s.traits.iter().map(|t| t.id.as_str()))
        .collect();
    for (file, stage) in &stages {
        for (ti, t) in stage.traits.iter().enumerate() {
            let lists = [
                ("contradicts", &t.contradicts),
                ("needs", &t.needs),
                ("covered_by", &t.covered_by),
            ];
            for (key, list) in lists {
                for (i, id) in list.iter().enumerate() {
                    let problem = if *id == t.id {
                        "must name another trait, not itself".to_string()
                    } else if !all_ids.contains(&id.as_str()) && stages.len() == count {
                        format!("no trait has the id \"{id}\"")
                    } else {
                        continue;
                    };
                    report(file, format!("traits[{ti}].{key}[{i}]"), problem);
                }
            }
        }
    }

    // builds_on names earlier carry-forward stages.
    for (file, stage) in &stages {
        for (i, id) in stage.builds_on.iter().flatten().enumerate() {
            let field = format!("builds_on[{i}]");
            match stages.iter().find(|(_, s)| s.id == *id) {
                // A file that did not parse may hold it: say nothing twice.
                None if stages.len() < count => {}
                None => report(file, field, format!("no stage has the id \"{id}\"")),
                Some((_, other)) if other.number >= stage.number => report(
                    file,
                    field,
                    format!(
                        "\"{id}\" is stage {}; a stage builds only on earlier stages",
                        other.number
                    ),
                ),
                Some((_, other)) if !other.carries_forward => report(
                    file,
                    field,
                    format!(
                        "\"{id}\" has carries_forward: false; later stages replace it rather than build on it"
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    if count > MAX_STAGES {
        report(
            "the model",
            String::new(),
            format!("has {count} stages; at most {MAX_STAGES} are supported"),
        );
    }

    // Numbers must run 1..N without gaps, so that "the next stage" is well defined.
    let count = count as u32;
    for (file, stage) in &stages {
        if stage.number > count {
            report(
                file,
                "number".into(),
                format!(
                    "is {} but there are {count} stages; numbers must run 1..{count} without gaps",
                    stage.number
                ),
            );
        }
    }

    if problems.is_empty() {
        Ok(Model::from_validated(
            stages.into_iter().map(|(_, s)| s).collect(),
        ))
    } else {
        Err(problems)
    }
}

pub(super) fn check_text(
    text: &str,
    field: String,
    file: &str,
    report: &mut impl FnMut(&str, String, String),
) {
    if text.trim().is_empty() {
        report(file, field, "must not be empty".into());
    } else if let Some(c) = text.chars().find(|c| crate::text::is_unsafe(*c)) {
        report(
            file,
            field,
            format!(
                "contains the control character U+{:04X}; stage texts are printed to terminals, so remove it",
                c as u32
            ),
        );
    }
}

fn check_id(id: &str, field: String, file: &str, report: &mut impl FnMut(&str, String, String)) {
    if !is_kebab_case(id) {
        report(
            file,
            field,
            format!(
                "\"{id}\" is not a kebab-case id (lowercase letters, digits and single dashes, e.g. \"saas-1-0\")"
            ),
        );
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    fn stages() -> Vec<(String, Stage)> {
        load_embedded()
            .unwrap()
            .stages()
            .iter()
            .map(|s| (format!("{:02}.yaml", s.number), s.clone()))
            .collect()
    }

    fn problems(stages: Vec<(String, Stage)>) -> Vec<String> {
        let n = stages.len();
        validate(stages, n)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn kebab_case_ids() {
        assert!(is_kebab_case("saas-1-0"));
        for bad in ["", "Saas", "a--b", "-a", "a-", "a_b", "a b"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let mut s = stages();
        s[0].1.traits[0].weight = 0.0;
        s[1].1.summary = " ".into();
        s[2].1.traits[1].id = s[0].1.traits[1].id.clone();
        let found = problems(s);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("01.yaml: traits[0].weight: must be a number greater than 0"));
        assert_eq!(found[1], "02.yaml: summary: must not be empty");
        assert!(
            found[2].starts_with("03.yaml: traits[1].id: trait id"),
            "{}",
            found[2]
        );
    }

    #[test]
    fn numbering_gaps_and_duplicates_are_caught() {
        let mut s = stages();
        s[7].1.number = 9;
        let found = problems(s);
        assert!(
            found[0].contains("08.yaml: number: is 9 but there are 8 stages"),
            "{found:?}"
        );
        let mut s = stages();
        s[7].1.number = 1;
        assert!(problems(s)[0].contains("stage number 1 is also used by 01.yaml"));
    }

    #[test]
    fn control_characters_in_texts_are_rejected() {
        let mut s = stages();
        s[4].1.traits[0].help = "looks fine\x1b[2J".into();
        assert_eq!(
            problems(s),
            vec![
                "05.yaml: traits[0].help: contains the control character U+001B; stage texts are printed to terminals, so remove it"
            ]
        );
    }

    #[test]
    fn the_optional_texts_of_a_trait_are_checked_when_given() {
        let mut s = stages();
        s[2].1.traits[0].partly = Some("half\x07".into());
        s[3].1.traits[1].find_out = Some(" ".into());
        assert_eq!(
            problems(s),
            vec![
                "03.yaml: traits[0].partly: contains the control character U+0007; stage texts are printed to terminals, so remove it",
                "04.yaml: traits[1].find_out: must not be empty",
            ]
        );
    }

    #[test]
    fn builds_on_must_name_earlier_carry_forward_stages() {
        let mut s = stages();
        s[6].1.builds_on = Some(vec![
            "nope".into(),
            "customer-happiness".into(),
            "hunter-farmer".into(),
        ]);
        assert_eq!(
            problems(s),
            vec![
                "07.yaml: builds_on[0]: no stage has the id \"nope\"",
                "07.yaml: builds_on[1]: \"customer-happiness\" is stage 8; a stage builds only on earlier stages",
                "07.yaml: builds_on[2]: \"hunter-farmer\" has carries_forward: false; later stages replace it rather than build on it",
            ]
        );
    }

    #[test]
    fn a_stage_needs_three_traits() {
        let mut s = stages();
        s[3].1.traits.truncate(2);
        assert!(problems(s)[0].contains("traits: has 2 trait(s)"));
    }
}
