//! The quiz's answers file: an ordinary answer file (`salesevo score` reads it
//! unchanged) whose first line marks how far the quiz got, so that a resumed
//! quiz can tell an answered "don't know" from a question not asked yet.
//!
//! ```text
//! # salesevo-quiz: next=17 (questions 1-16 answered; from 17 on, `unknown` means not asked yet)
//! ```
//!
//! On resume, every question before `next` counts as answered, whatever its
//! value, and so does any later one with a value other than `unknown` (an
//! answer kept from going back, or written by hand). A file without the mark
//! (a template filled in by hand) counts every `unknown` as not asked yet.

use super::state::QuizState;
use crate::answers::{Answer, AnswerError, AnswerSet, Position};
use crate::export;
use crate::model::Model;
use anyhow::bail;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// How the progress mark starts; it is a YAML comment, so readers ignore it.
const MARK: &str = "# salesevo-quiz:";

/// The default answers file, in the current folder.
pub const DEFAULT_NAME: &str = "salesevo-answers.yaml";

/// The text of the answers file for `state`, dated `date`.
pub fn render(model: &Model, state: &QuizState, date: &str) -> String {
    let order = model.question_order();
    let set = AnswerSet {
        organisation: state.organisation().map(str::to_string),
        date: Some(date.to_string()),
        context: *state.context(),
        answers: order
            .iter()
            .zip(state.answers())
            .filter_map(|((_, t), a)| a.map(|a| (t.id.clone(), a)))
            .collect(),
    };
    let total = state.len();
    let mark = match state.first_unanswered() {
        None => format!(
            "{MARK} next={} (all {total} questions done: answered, \"don't know\", or skipped as not applying)",
            total + 1
        ),
        Some(0) => format!("{MARK} next=1 (no question answered yet)"),
        Some(1) => {
            format!("{MARK} next=2 (question 1 answered; from 2 on, `unknown` means not asked yet)")
        }
        Some(i) => format!(
            "{MARK} next={} (questions 1-{i} answered; from {} on, `unknown` means not asked yet)",
            i + 1,
            i + 1
        ),
    };
    format!("{mark}\n{}", export::answer_file(model, Some(&set)))
}

/// Reads an answers file to resume: checked like `salesevo score` checks it,
/// plus the progress mark.
pub fn load(model: &Model, path: &Path) -> anyhow::Result<QuizState> {
    let name = path.display().to_string();
    if path == Path::new("-") {
        bail!("--resume needs the file a quiz saved; it cannot read standard input");
    }
    if path.is_dir() {
        bail!("{name}: is a folder, not an answer file");
    }
    // The same reader, limit and messages as `score` and `compare`.
    let (_, text) = crate::input::read_one(path)?;
    let set = crate::input::from_yaml(&text, &name)?.resolve(model, &name)?;
    let order = model.question_order();
    let next = read_mark(&text, &name, order.len())?.unwrap_or(0);
    let answers = order
        .iter()
        .enumerate()
        .map(|(i, (_, t))| {
            let answer = set.get(&t.id);
            (i < next || answer != Answer::Unknown).then_some(answer)
        })
        .collect();
    let mut state = QuizState::resume(set.organisation, answers);
    let applies = applies_in_order(model, &set.context);
    state.set_context(set.context, applies);
    Ok(state)
}

/// Per question in questionnaire order: whether it applies in `context`.
pub(super) fn applies_in_order(model: &Model, context: &crate::context::Context) -> Vec<bool> {
    model
        .question_order()
        .iter()
        .map(|(_, t)| t.applies(context))
        .collect()
}

/// The 0-based index of the first question not asked yet, from the mark.
fn read_mark(text: &str, source: &str, total: usize) -> Result<Option<usize>, AnswerError> {
    let Some((index, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with(MARK))
    else {
        return Ok(None);
    };
    let rest = line.trim_start()[MARK.len()..].trim_start();
    let digits: String = rest
        .strip_prefix("next=")
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.parse::<usize>() {
        Ok(n) if (1..=total + 1).contains(&n) => Ok(Some(n - 1)),
        _ => Err(AnswerError::single(
            source,
            Position::Line(index + 1),
            format!(
                "the quiz's progress mark should read `{MARK} next=N` with N from 1 to {}; \
                 fix the number or delete the line",
                total + 1
            ),
        )),
    }
}

/// `salesevo-answers.yaml`, or the first of `salesevo-answers-2.yaml`, `-3`...
/// that does not exist in `folder`; true when the default name was taken.
pub fn default_save_path(folder: &Path) -> (PathBuf, bool) {
    let taken = |name: &str| fs::symlink_metadata(folder.join(name)).is_ok();
    if !taken(DEFAULT_NAME) {
        return (PathBuf::from(DEFAULT_NAME), false);
    }
    let stem = DEFAULT_NAME.trim_end_matches(".yaml");
    let name = (2u32..)
        .map(|n| format!("{stem}-{n}.yaml"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| DEFAULT_NAME.to_string());
    (PathBuf::from(name), true)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

/// Refuses to overwrite someone's answers with a fresh quiz.
pub fn refuse_existing(path: &Path) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        bail!(
            "{} already exists; continue it with `{} quiz --resume {}`, or choose another --save file",
            path.display(),
            super::command::program(),
            super::command::shell_quote(path)
        );
    }
    Ok(())
}

pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;
    use Answer::{Scale, Unknown};

    #[test]
    fn civil_dates_from_day_numbers() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_513), (2026, 3, 1));
        let t = today();
        assert_eq!(t.len(), 10, "{t}");
        assert!(t.starts_with("20"), "{t}");
    }

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("a.yaml");
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_saved_quiz_loads_back_with_dont_know_kept_apart_from_not_asked() {
        let model = load_embedded().unwrap();
        let mut state = QuizState::new(model.trait_count());
        state.set_organisation("Acme");
        state.answer(Scale(3));
        state.answer(Unknown);
        state.answer(Scale(0));
        let text = render(&model, &state, "2026-01-02");
        assert!(text.starts_with("# salesevo-quiz: next=4 "), "{text}");
        assert!(text.contains("date: \"2026-01-02\""), "{text}");
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&model, &write(dir.path(), &text)).unwrap();
        assert_eq!(loaded.organisation(), Some("Acme"));
        assert_eq!(
            &loaded.answers()[..4],
            &[Some(Scale(3)), Some(Unknown), Some(Scale(0)), None]
        );
        assert_eq!(loaded.answered_count(), 3);
        assert_eq!(loaded.first_unanswered(), Some(3));
    }

    #[test]
    fn the_saved_file_scores_like_any_answer_file() {
        let model = load_embedded().unwrap();
        let mut state = QuizState::new(model.trait_count());
        state.skip_organisation();
        state.answer(Scale(4));
        let text = render(&model, &state, "2026-01-02");
        let set = crate::input::from_yaml(&text, "a.yaml")
            .unwrap()
            .resolve(&model, "a.yaml")
            .unwrap();
        let first = &model.question_order()[0].1.id;
        assert_eq!(set.get(first), Scale(4));
        let known = set.answers.values().filter(|a| **a != Unknown).count();
        assert_eq!(known, 1);
        assert_eq!(set.organisation, None);
    }

    #[test]
    fn without_the_mark_only_unknown_counts_as_not_asked() {
        let model = load_embedded().unwrap();
        let order = model.question_order();
        let (first, second) = (&order[0].1.id, &order[1].1.id);
        let text = format!("answers:\n  {first}: unknown\n  {second}: 2\n");
        let dir = tempfile::tempdir().unwrap();
        let state = load(&model, &write(dir.path(), &text)).unwrap();
        assert_eq!(&state.answers()[..2], &[None, Some(Scale(2))]);
        assert_eq!(state.first_unanswered(), Some(0));
    }

    #[test]
    fn later_answers_beyond_the_mark_are_kept() {
        let model = load_embedded().unwrap();
        let order = model.question_order();
        let third = &order[2].1.id;
        let text = format!("# salesevo-quiz: next=2\nanswers:\n  {third}: 4\n");
        let dir = tempfile::tempdir().unwrap();
        let state = load(&model, &write(dir.path(), &text)).unwrap();
        assert_eq!(
            &state.answers()[..4],
            &[Some(Unknown), None, Some(Scale(4)), None]
        );
    }

    #[test]
    fn a_broken_mark_names_the_file_and_line() {
        let model = load_embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "answers: {}\n# salesevo-quiz: next=999\n");
        let err = load(&model, &path).unwrap_err();
        let total = model.trait_count();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "{} line 2: the quiz's progress mark should read `# salesevo-quiz: next=N` with N \
                 from 1 to {}; fix the number or delete the line",
                path.display(),
                total + 1
            )
        );
    }

    #[test]
    fn missing_and_invalid_files_name_the_file() {
        let model = load_embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.yaml");
        let err = format!("{:#}", load(&model, &missing).unwrap_err());
        assert!(
            err.starts_with(&format!("{}: cannot read: ", missing.display())),
            "{err}"
        );
        let path = write(dir.path(), "answers:\n  no-such-question: 3\n");
        let err = format!("{:#}", load(&model, &path).unwrap_err());
        assert!(
            err.starts_with(&format!("{} line 2: unknown question id", path.display())),
            "{err}"
        );
    }

    #[test]
    fn the_default_name_is_never_one_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            default_save_path(dir.path()),
            (PathBuf::from(DEFAULT_NAME), false)
        );
        fs::write(dir.path().join(DEFAULT_NAME), "").unwrap();
        fs::write(dir.path().join("salesevo-answers-2.yaml"), "").unwrap();
        assert_eq!(
            default_save_path(dir.path()),
            (PathBuf::from("salesevo-answers-3.yaml"), true)
        );
    }
}
