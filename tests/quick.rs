//! `quiz --quick`, replayed: every example and every validation answer file
//! is answered question by question in the order the quick mode asks, until
//! it calls the verdict settled; the stage must be the full questionnaire's.
use salesevo::answers::Answer;
use salesevo::input;
use salesevo::model::load_embedded;
use salesevo::scoring::Scorer;
use std::path::Path;

/// (file, questions the quick mode asked, its stage, the full stage)
fn replay(scorer: &Scorer, path: &Path) -> (String, usize, Option<usize>, Option<usize>) {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).expect("answer file");
    let set = input::from_yaml(&text, &name)
        .and_then(|raw| raw.resolve(scorer.model(), &name))
        .expect("valid answers");
    let full = scorer.vector(&set);
    let mut answers = vec![Answer::Unknown; full.len()];
    let mut asked = vec![false; full.len()];
    let mut count = 0;
    while !scorer.settled(&answers, &asked) {
        let Some(q) = scorer.next_question(&answers, &asked) else {
            break;
        };
        answers[q] = full[q];
        asked[q] = true;
        count += 1;
    }
    let quick = scorer.assess(&answers).current();
    (name, count, quick, scorer.assess(&full).current())
}

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn quick_mode_needs_few_questions_and_finds_the_full_questionnaires_stage() {
    let model = load_embedded().expect("model");
    let scorer = Scorer::new(&model);
    let mut runs = Vec::new();
    for dir in [
        "examples",
        "tests/validation/answers/r1",
        "tests/validation/answers/r2",
    ] {
        for file in files(dir) {
            let (name, count, quick, full) = replay(&scorer, &file);
            if full.is_none() {
                continue; // Not placed even with every answer: nothing to find.
            }
            if quick != full {
                eprintln!("{name}: quick {quick:?} after {count}, full {full:?}");
            }
            runs.push((name, count, quick == full));
        }
    }
    let mut counts: Vec<usize> = runs.iter().map(|r| r.1).collect();
    counts.sort_unstable();
    let median = counts[counts.len() / 2];
    let same = runs.iter().filter(|r| r.2).count();
    let differ: Vec<&String> = runs.iter().filter(|r| !r.2).map(|r| &r.0).collect();
    eprintln!(
        "quick mode over {} answer files: median {median} questions (min {}, max {}); same stage in {same}; differs: {differ:?}",
        runs.len(),
        counts[0],
        counts[counts.len() - 1]
    );
    assert!(median <= 15, "median {median} questions");
    assert!(
        same * 100 >= runs.len() * 95,
        "same stage in {same} of {}",
        runs.len()
    );
}
