//! `salesevo quiz`, driven through a real pseudo-terminal: the real binary,
//! real key presses, each test in its own folder.
//!
//! Keys are sent only once the prompt they answer is on screen: a lone Esc
//! is told apart from an escape sequence by what else is waiting to be read.

#![cfg(unix)]

use assert_cmd::Command as AssertCommand;
use rexpect::ReadUntil;
use rexpect::process::WaitStatus;
use rexpect::session::{Options, PtySession};
use salesevo::answers::{Answer, AnswerSet};
use salesevo::input;
use salesevo::model::{Model, load_embedded};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

/// Generous: machines are shared and slow. No test asserts on time.
const TIMEOUT_MS: u64 = 60_000;
const BIN: &str = env!("CARGO_BIN_EXE_salesevo");
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

/// One pseudo-terminal at a time: forking from many test threads at once
/// leaks terminal handles between children, and the machine is small.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

struct Quiz {
    session: PtySession,
    total: usize,
    _guard: MutexGuard<'static, ()>,
}

impl Quiz {
    /// Starts `salesevo quiz ARGS` in `dir` on a 100x30 terminal without
    /// colour, with `salesevo` on the PATH.
    fn start(dir: &Path, args: &[&str]) -> Quiz {
        Quiz::start_with(dir, args, "", true)
    }

    /// [`Quiz::start`], with `redirect` appended to the shell command (e.g.
    /// `> out.json`), and `salesevo` on the PATH or not.
    fn start_with(dir: &Path, args: &[&str], redirect: &str, on_path: bool) -> Quiz {
        let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let mut cmd = Command::new("sh");
        let bin_dir = Path::new(BIN).parent().expect("the binary's folder");
        let path = if on_path {
            format!("{}:/usr/bin:/bin", bin_dir.display())
        } else {
            "/usr/bin:/bin".to_string()
        };
        cmd.arg("-c")
            .arg(format!(
                r#"stty rows 30 cols 100 && exec "$0" quiz "$@" {redirect}"#
            ))
            .arg(BIN)
            .args(args)
            .current_dir(dir)
            .env("PATH", path)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE");
        let options = Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(true);
        let session = rexpect::session::spawn_with_options(cmd, options).expect("spawn the quiz");
        Quiz {
            session,
            total: model().trait_count(),
            _guard: guard,
        }
    }

    /// Waits for `needle` (ASCII); returns what came before it.
    fn expect(&mut self, needle: &str) -> String {
        match self.session.exp_string(needle) {
            Ok(before) => text(&before),
            Err(e) => panic!("waiting for {needle:?}: {e}"),
        }
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("send keys");
        self.session.flush().expect("flush keys");
    }

    /// Waits until question `n` (1-based) is fully drawn; returns its screen.
    fn question(&mut self, n: usize) -> String {
        self.expect(&format!("? {n}/{}  ", self.total));
        self.expect("% answered]")
    }

    /// Types the organisation's name once its prompt is drawn.
    fn name(&mut self, name: &str) {
        self.expect("even when blank]");
        self.send(name);
        self.send(ENTER);
        self.context(&[None, None, None, None], &[]);
    }

    /// Answers the context page: per key the index of the value to choose
    /// (None: "don't know", where the cursor starts), then the worries by index.
    fn context(&mut self, values: &[Option<usize>; 4], worries: &[usize]) {
        for (value, key) in values.iter().zip(salesevo::context::Key::ALL) {
            self.expect("Esc keep and go on");
            if let Some(i) = value {
                // The cursor starts on "don't know", after the key's values.
                for _ in *i..key.values().len() {
                    self.send(UP);
                }
            }
            self.send(ENTER);
        }
        self.expect("(none is fine)");
        let mut at = 0;
        for &w in worries {
            while at < w {
                self.send(DOWN);
                at += 1;
            }
            self.send(" ");
        }
        self.send(ENTER);
    }

    /// Answers the question on screen by typing its value: one key, no Enter.
    fn answer(&mut self, answer: Answer) {
        let key = match answer {
            Answer::Scale(n) => n.to_string(),
            Answer::Unknown => "?".to_string(),
            Answer::NotApplicable => {
                unreachable!("the quiz never asks a question that does not apply")
            }
        };
        self.send(&key);
    }

    /// Waits for the next question, whatever its number, and returns its
    /// id (the quick mode picks its own order); once the quiz has ended
    /// instead, what it printed up to "Answers saved in".
    fn next_question_id(&mut self) -> Result<String, String> {
        let needles = vec![
            ReadUntil::String("% answered]".into()),
            ReadUntil::String("Answers saved in".into()),
        ];
        let (before, matched) = match self.session.exp_any(needles) {
            Ok(found) => found,
            Err(e) => panic!("waiting for a question or the end: {e}"),
        };
        let screen = text(&before);
        if matched != "% answered]" {
            return Err(screen);
        }
        // The prompt: "? N/38  question...\n  0  not true at all ...".
        let start = screen
            .match_indices("? ")
            .map(|(i, _)| i)
            .filter(|&i| screen[i + 2..].starts_with(|c: char| c.is_ascii_digit()))
            .last()
            .expect("a prompt");
        let prompt = &screen[start..];
        let question = prompt
            .split_once("  ")
            .map(|(_, rest)| rest)
            .and_then(|rest| rest.split_once("\n  0  not true at all"))
            .map(|(q, _)| squash(q))
            .expect("a question and its options");
        let model = model();
        let id = model
            .question_order()
            .iter()
            .find(|(_, t)| squash(&t.question) == question)
            .map(|(_, t)| t.id.clone());
        Ok(id.unwrap_or_else(|| panic!("no question reads {question:?}")))
    }

    /// Everything printed until the quiz ends, and its exit code.
    fn finish(mut self) -> (String, i32) {
        let rest = match self.session.exp_eof() {
            Ok(rest) => rest,
            Err(e) => panic!("waiting for the quiz to end: {e}"),
        };
        let code = match self.session.process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!("the quiz did not exit normally: {other:?}"),
        };
        (text(&rest), code)
    }
}

/// Text with every run of white space as one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the terminal showed, as text: rexpect hands over each byte as one
/// char, so UTF-8 is put back together here, and line ends made plain.
fn text(raw: &str) -> String {
    let bytes: Vec<u8> = raw.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}

fn model() -> Model {
    load_embedded().expect("the built-in model loads")
}

/// A varied, repeatable answer for question `i` (0-based).
fn planned(i: usize) -> Answer {
    match i % 6 {
        5 => Answer::Unknown,
        n => Answer::Scale(n as u8 % 5),
    }
}

fn read_set(path: &Path) -> AnswerSet {
    let text = fs::read_to_string(path).expect("the answers file exists");
    let name = path.display().to_string();
    input::from_yaml(&text, &name)
        .expect("the answers file parses")
        .resolve(&model(), &name)
        .expect("the answers file is valid")
}

/// The answers file's values in questionnaire order.
fn saved_in_order(path: &Path) -> Vec<Answer> {
    let set = read_set(path);
    model()
        .question_order()
        .iter()
        .map(|(_, t)| set.get(&t.id))
        .collect()
}

/// What `salesevo score FILE` prints, in the same folder.
fn score(dir: &Path, file: &str) -> String {
    let out = AssertCommand::new(BIN)
        .args(["score", file])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .output()
        .expect("run salesevo score");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn answering_every_question_prints_the_diagnosis_and_saves_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Quiz::start(dir.path(), &[]);
    let intro = quiz.expect("Organisation's name");
    assert!(
        intro.contains(
            "It takes about 10 minutes. Answers are saved as you go to salesevo-answers.yaml."
        ),
        "{intro}"
    );
    quiz.name("Acme Test");
    let total = quiz.total;
    for i in 0..total {
        let screen = quiz.question(i + 1);
        assert!(screen.contains("0  not true at all"), "{screen}");
        assert!(screen.contains("?  don't know"), "{screen}");
        quiz.answer(planned(i));
    }
    let (rest, code) = quiz.finish();
    assert_eq!(code, 0, "{rest}");

    let file = dir.path().join("salesevo-answers.yaml");
    let expected: Vec<Answer> = (0..total).map(planned).collect();
    assert_eq!(saved_in_order(&file), expected);
    let set = read_set(&file);
    assert_eq!(set.organisation.as_deref(), Some("Acme Test"));
    let date = set.date.expect("a date");
    assert!(
        date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
        "{date}"
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(&format!("# salesevo-quiz: next={} ", total + 1)),
        "{text}"
    );

    // The printed result is the one `score` gives for the saved file.
    let scored = score(dir.path(), "salesevo-answers.yaml");
    assert!(scored.starts_with("Acme Test: stage "), "{scored}");
    assert!(
        rest.contains(&scored),
        "quiz printed:\n{rest}\nscore printed:\n{scored}"
    );
    assert!(
        rest.contains(
            "Answers saved in salesevo-answers.yaml; score them again with: salesevo score salesevo-answers.yaml"
        ),
        "{rest}"
    );
}

#[test]
fn going_back_two_questions_changes_one_answer_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Quiz::start(dir.path(), &["--save", "acme.yaml"]);
    quiz.name("");
    let total = quiz.total;
    for i in 0..6 {
        quiz.question(i + 1);
        quiz.answer(planned(i));
    }
    // On question 7: back to 6, then to 5, each showing its earlier answer.
    quiz.question(7);
    quiz.send(ESC);
    let six = quiz.question(6);
    assert!(
        six.contains("> ?  don't know   (your earlier answer)"),
        "{six}"
    );
    quiz.send(ESC);
    let five = quiz.question(5);
    assert!(
        five.contains("> 4  fully true   (your earlier answer)"),
        "{five}"
    );
    // Change 5 with the arrow keys: from 4 (fully true) down to "don't know".
    quiz.send(DOWN);
    quiz.expect("> ?  don't know");
    quiz.send(ENTER);
    // Question 6 still has its answer, preselected: Enter keeps it.
    let six = quiz.question(6);
    assert!(
        six.contains("> ?  don't know   (your earlier answer)"),
        "{six}"
    );
    quiz.send(ENTER);
    for i in 6..total {
        quiz.question(i + 1);
        quiz.answer(planned(i));
    }
    let (rest, code) = quiz.finish();
    assert_eq!(code, 0, "{rest}");

    let mut expected: Vec<Answer> = (0..total).map(planned).collect();
    expected[4] = Answer::Unknown;
    assert_eq!(saved_in_order(&dir.path().join("acme.yaml")), expected);
    assert!(rest.contains(&score(dir.path(), "acme.yaml")), "{rest}");
}

#[test]
fn ctrl_c_half_way_keeps_exactly_the_answers_given_and_resume_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("salesevo-answers.yaml");
    let mut quiz = Quiz::start(dir.path(), &[]);
    quiz.name("Half Way Ltd");
    let total = quiz.total;
    let half = total / 2;
    for i in 0..half {
        quiz.question(i + 1);
        quiz.answer(planned(i));
    }
    quiz.question(half + 1);
    quiz.send(CTRL_C);
    let (rest, code) = quiz.finish();
    assert_eq!(code, 130, "{rest}");
    assert!(
        rest.contains(&format!(
            "Stopped. {half} of {total} answers are saved in salesevo-answers.yaml.\n\
             To go on where you left off: salesevo quiz --resume salesevo-answers.yaml\n"
        )),
        "{rest}"
    );
    let saved = saved_in_order(&file);
    let given: Vec<Answer> = (0..half).map(planned).collect();
    assert_eq!(&saved[..half], &given[..]);
    assert!(saved[half..].iter().all(|a| *a == Answer::Unknown));
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(&format!("# salesevo-quiz: next={} ", half + 1)),
        "{text}"
    );

    let mut quiz = Quiz::start(dir.path(), &["--resume", "salesevo-answers.yaml"]);
    let intro = quiz.expect(&format!("? {}/{total}  ", half + 1));
    assert!(
        intro.contains(&format!(
            "Resuming the quiz for Half Way Ltd from salesevo-answers.yaml: {half} of {total} answered."
        )),
        "{intro}"
    );
    quiz.expect("% answered]");
    quiz.answer(planned(half));
    for i in half + 1..total {
        quiz.question(i + 1);
        quiz.answer(planned(i));
    }
    let (rest, code) = quiz.finish();
    assert_eq!(code, 0, "{rest}");
    let expected: Vec<Answer> = (0..total).map(planned).collect();
    assert_eq!(saved_in_order(&file), expected);
    assert_eq!(
        read_set(&file).organisation.as_deref(),
        Some("Half Way Ltd")
    );
    assert!(
        rest.contains(&score(dir.path(), "salesevo-answers.yaml")),
        "{rest}"
    );
}

#[test]
fn kill_9_leaves_the_last_complete_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Quiz::start(dir.path(), &[]);
    quiz.name("Crash Co");
    for i in 0..5 {
        quiz.question(i + 1);
        quiz.answer(planned(i));
    }
    // Question 6 on screen means answer 5 is saved.
    quiz.question(6);
    quiz.session
        .process_mut()
        .signal(rexpect::process::Signal::SIGKILL)
        .expect("kill -9");
    let _ = quiz.session.process().wait();
    let file = dir.path().join("salesevo-answers.yaml");
    let saved = saved_in_order(&file);
    let given: Vec<Answer> = (0..5).map(planned).collect();
    assert_eq!(&saved[..5], &given[..]);
    assert!(saved[5..].iter().all(|a| *a == Answer::Unknown));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "salesevo-answers.yaml")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_existing_answers_file_is_never_overwritten_by_a_new_quiz() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("salesevo-answers.yaml"), "precious\n").unwrap();
    let mut quiz = Quiz::start(dir.path(), &[]);
    // The first screen is wrapped to the terminal: read it as one line.
    let intro = quiz.expect("Organisation's name").replace('\n', " ");
    assert!(
        intro.contains(
            "Answers are saved as you go to salesevo-answers-2.yaml \
             (salesevo-answers.yaml already exists and is left alone; resume it with --resume)."
        ),
        "{intro}"
    );
    quiz.expect("even when blank]");
    quiz.send(CTRL_C);
    let (rest, code) = quiz.finish();
    assert_eq!(code, 130, "{rest}");
    assert!(
        rest.contains("Stopped. No answer was given, so nothing is saved."),
        "{rest}"
    );
    assert!(!dir.path().join("salesevo-answers-2.yaml").exists());

    let quiz = Quiz::start(dir.path(), &["--save", "salesevo-answers.yaml"]);
    let (rest, code) = quiz.finish();
    assert_eq!(code, 1, "{rest}");
    assert_eq!(
        rest,
        "error: salesevo-answers.yaml already exists; continue it with \
         `salesevo quiz --resume salesevo-answers.yaml`, or choose another --save file\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("salesevo-answers.yaml")).unwrap(),
        "precious\n"
    );
}

#[test]
fn resuming_a_missing_or_invalid_file_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let (rest, code) = Quiz::start(dir.path(), &["--resume", "nope.yaml"]).finish();
    assert_eq!(code, 1, "{rest}");
    assert!(
        rest.starts_with("error: nope.yaml: cannot read: "),
        "{rest}"
    );

    fs::write(
        dir.path().join("bad.yaml"),
        "answers:\n  not-a-question: 3\n",
    )
    .unwrap();
    let (rest, code) = Quiz::start(dir.path(), &["--resume", "bad.yaml"]).finish();
    assert_eq!(code, 1, "{rest}");
    assert!(
        rest.starts_with("error: bad.yaml line 2: unknown question id \"not-a-question\""),
        "{rest}"
    );
}

const NO_TERMINAL: &str = "error: the quiz needs a terminal to ask its questions; without one, \
     fill in `salesevo questions --format yaml > answers.yaml` and run `salesevo score answers.yaml`\n";

#[test]
fn without_a_terminal_the_quiz_refuses_at_once_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    AssertCommand::new(BIN)
        .arg("quiz")
        .current_dir(dir.path())
        .write_stdin("3\n3\n")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stdout("")
        .stderr(NO_TERMINAL);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_digit_answers_at_once_and_enter_alone_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Quiz::start(dir.path(), &["--save", "digits.yaml"]);
    quiz.name("Digits Ltd");
    quiz.question(1);
    // Enter on a new question: a hint, and no answer recorded.
    quiz.send(ENTER);
    quiz.expect("Enter alone answers nothing.");
    let file = dir.path().join("digits.yaml");
    assert_eq!(saved_in_order(&file)[0], Answer::Unknown);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .starts_with("# salesevo-quiz: next=1 ")
    );
    // "2" then "3", typed in one go: question 1 gets 2, question 2 gets 3.
    quiz.send("23");
    quiz.question(3);
    let saved = saved_in_order(&file);
    assert_eq!(
        &saved[..3],
        &[Answer::Scale(2), Answer::Scale(3), Answer::Unknown]
    );
    // Typing never filters: a letter changes nothing, the options stay.
    quiz.send("x");
    quiz.send(CTRL_C);
    let (rest, code) = quiz.finish();
    assert_eq!(code, 130, "{rest}");
    assert_eq!(saved_in_order(&file)[2], Answer::Unknown);
}

#[test]
fn with_stdout_in_a_file_the_result_and_nothing_else_goes_there() {
    // stdin and stderr on the terminal, stdout to a file:
    // `salesevo quiz --format json > out.json`.
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Quiz::start_with(dir.path(), &["--format", "json"], "> out.json", true);
    quiz.name("Redirected Inc");
    let total = quiz.total;
    for i in 0..total {
        quiz.question(i + 1);
        quiz.answer(planned(i));
    }
    let (rest, code) = quiz.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(
        !rest.contains("\"stage\""),
        "the result went to the terminal:\n{rest}"
    );
    let saved = fs::read_to_string(dir.path().join("out.json")).unwrap();
    let expected = AssertCommand::new(BIN)
        .args(["score", "salesevo-answers.yaml", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .expect("run salesevo score");
    assert_eq!(saved, String::from_utf8(expected.stdout).unwrap());
    let json: serde_json::Value = serde_json::from_str(&saved).expect("only JSON in the file");
    assert_eq!(json["organisation"], "Redirected Inc");
}

#[test]
fn the_printed_commands_name_the_program_as_started_when_salesevo_is_not_on_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Quiz::start_with(dir.path(), &[], "", false);
    quiz.name("");
    quiz.question(1);
    quiz.answer(Answer::Scale(1));
    quiz.question(2);
    quiz.send(CTRL_C);
    let (rest, code) = quiz.finish();
    assert_eq!(code, 130, "{rest}");
    assert!(
        rest.contains(&format!(
            "To go on where you left off: {BIN} quiz --resume salesevo-answers.yaml"
        )),
        "{rest}"
    );
}

#[test]
fn quick_mode_stops_early_and_its_file_resumes_into_the_full_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/stage-3-lead-machine.yaml");
    let truth = read_set(&example);
    let mut quiz = Quiz::start(dir.path(), &["--quick", "--save", "quick.yaml"]);
    quiz.name("Brightdesk");
    let mut asked = Vec::new();
    let end = loop {
        match quiz.next_question_id() {
            Ok(id) => {
                quiz.answer(truth.get(&id));
                asked.push(id);
            }
            Err(end) => break end,
        }
    };
    let total = quiz.total;
    let (rest, code) = quiz.finish();
    assert_eq!(code, 0, "{rest}");
    let n = asked.len();
    assert!(n < total, "quick mode asked all {n} questions");
    assert!(
        end.contains(&format!(
            "Quick mode: the verdict settled after {n} of {total} questions"
        )),
        "{end}"
    );
    assert!(end.contains("Brightdesk: stage 3 of 8, SaaS 1.0"), "{end}");
    let file = dir.path().join("quick.yaml");
    let known = |set: &AnswerSet| {
        set.answers
            .values()
            .filter(|a| **a != Answer::Unknown)
            .count()
    };
    assert_eq!(known(&read_set(&file)), n);

    // `--resume` on that file asks only the questions not asked yet.
    let mut quiz = Quiz::start(dir.path(), &["--resume", "quick.yaml"]);
    let mut rest_asked = Vec::new();
    while let Ok(id) = quiz.next_question_id() {
        assert!(!asked.contains(&id), "{id} asked again");
        quiz.answer(truth.get(&id));
        rest_asked.push(id);
    }
    let (out, code) = quiz.finish();
    assert_eq!(code, 0, "{out}");
    assert_eq!(n + rest_asked.len(), total);
    let saved = read_set(&file);
    for (_, t) in model().question_order() {
        assert_eq!(saved.get(&t.id), truth.get(&t.id), "{}", t.id);
    }
}

#[test]
fn the_context_page_comes_first_and_questions_that_do_not_apply_are_skipped() {
    use salesevo::context::Key;
    let dir = tempfile::tempdir().unwrap();
    let mut quiz = Quiz::start(dir.path(), &["--save", "ctx.yaml"]);
    quiz.expect("even when blank]");
    quiz.send("Bigdeal Software");
    quiz.send(ENTER);
    // licence, over-250k, customers unknown, 21-100 sellers; worry: forecast.
    quiz.context(&[Some(1), Some(4), None, Some(3)], &[5]);
    let notice = quiz.expect("% answered]");
    let model = model();
    let scorer = salesevo::scoring::Scorer::new(&model);
    let mut context = salesevo::context::Context::default();
    context.set(Key::Offering, "licence").unwrap();
    context.set(Key::DealSize, "over-250k").unwrap();
    context.set(Key::Sellers, "21-100").unwrap();
    let skipped: Vec<String> = model
        .traits()
        .enumerate()
        .filter(|(p, _)| !scorer.applies(*p, &context))
        .map(|(_, (_, t))| t.id.clone())
        .collect();
    assert!(
        skipped.contains(&"card-checkout-online".to_string())
            && skipped.contains(&"free-trial-without-sales".to_string()),
        "{skipped:?}"
    );
    assert!(
        notice.contains(&format!("{} questions do not apply", skipped.len())),
        "{notice}"
    );
    // The question on screen now is the first one that applies; answer every
    // question asked and count them.
    let mut asked = vec![];
    quiz.answer(Answer::Scale(2));
    asked.push(());
    let end = loop {
        match quiz.next_question_id() {
            Ok(id) => {
                assert!(!skipped.contains(&id), "asked {id}, which does not apply");
                quiz.answer(Answer::Scale(2));
                asked.push(());
            }
            Err(end) => break end,
        }
    };
    let total = quiz.total;
    let (rest, code) = quiz.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(asked.len(), total - skipped.len(), "{end}");
    assert!(
        end.contains("Context: licence, deals over-250k, 21-100 sellers; worries: forecast."),
        "{end}"
    );
    let set = read_set(&dir.path().join("ctx.yaml"));
    assert_eq!(set.context, {
        let mut c = context;
        c.set_worries(["forecast"]).unwrap();
        c
    });
}
