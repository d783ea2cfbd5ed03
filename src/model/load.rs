//! Loading the model: the copy embedded in the binary, or a folder of YAML files.

use super::{Model, Stage, validate};
use crate::yaml;
use std::fmt;
use std::path::Path;

/// The built-in model, compiled into the binary so it works from any directory.
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    (
        "01-mom-and-pop.yaml",
        include_str!("../../stages/01-mom-and-pop.yaml"),
    ),
    (
        "02-hunter-farmer.yaml",
        include_str!("../../stages/02-hunter-farmer.yaml"),
    ),
    (
        "03-saas-1-0.yaml",
        include_str!("../../stages/03-saas-1-0.yaml"),
    ),
    (
        "04-customer-success.yaml",
        include_str!("../../stages/04-customer-success.yaml"),
    ),
    (
        "05-self-serve.yaml",
        include_str!("../../stages/05-self-serve.yaml"),
    ),
    (
        "06-enterprise.yaml",
        include_str!("../../stages/06-enterprise.yaml"),
    ),
    (
        "07-data-driven.yaml",
        include_str!("../../stages/07-data-driven.yaml"),
    ),
    (
        "08-customer-happiness.yaml",
        include_str!("../../stages/08-customer-happiness.yaml"),
    ),
];

/// One thing wrong with a stage file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelProblem {
    /// The file (or, for a model built in memory, the stage) at fault.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Where in the file, e.g. `traits[2].weight`; empty when the parser knows only a position.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ModelProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a model folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    pub problems: Vec<ModelProblem>,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "the stage model has {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelError {}

/// Loads the model compiled into the binary.
pub fn load_embedded() -> Result<Model, ModelError> {
    let files = EMBEDDED_FILES
        .iter()
        .map(|(name, text)| (name.to_string(), Ok(text.to_string())));
    load_files(files)
}

/// Loads a model from `(file name, YAML text)` pairs, one stage per file:
/// for models that do not live in a folder.
pub fn load_texts(files: &[(String, String)]) -> Result<Model, ModelError> {
    load_files(
        files
            .iter()
            .map(|(name, text)| (name.clone(), Ok(text.clone()))),
    )
}

/// Loads every `*.yaml` / `*.yml` file of `dir`, one stage per file.
pub fn load_dir(dir: &Path) -> Result<Model, ModelError> {
    let problem = |message: String| ModelError {
        problems: vec![ModelProblem {
            file: dir.display().to_string(),
            line: None,
            column: None,
            field: String::new(),
            message,
        }],
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| problem(format!("cannot read folder: {e}")))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| problem(format!("cannot read folder: {e}")))?
            .path();
        let is_yaml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        if is_yaml {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Err(problem(
            "no stage files (*.yaml) found; expected one YAML file per stage".to_string(),
        ));
    }
    paths.sort();
    let files = paths.into_iter().map(|path| {
        let text = read_limited(&path).and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))
        });
        (path.display().to_string(), text)
    });
    load_files(files)
}

/// The most a stage file may hold: a stage is a few kilobytes of text.
pub const MAX_STAGE_FILE_BYTES: u64 = 1 << 20;

/// A file's bytes, refusing to read more than [`MAX_STAGE_FILE_BYTES`].
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_STAGE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > MAX_STAGE_FILE_BYTES {
        return Err(format!(
            "larger than {} MiB; a stage file is a few kilobytes",
            MAX_STAGE_FILE_BYTES >> 20
        ));
    }
    Ok(bytes)
}

fn load_files(
    files: impl Iterator<Item = (String, Result<String, String>)>,
) -> Result<Model, ModelError> {
    let mut problems = Vec::new();
    let mut stages = Vec::new();
    let mut count = 0;
    for (file, text) in files {
        count += 1;
        let problem = |line, column, message| ModelProblem {
            file: file.clone(),
            line,
            column,
            field: String::new(),
            message,
        };
        match text {
            Err(message) => problems.push(problem(None, None, message)),
            Ok(text) if text.trim().is_empty() => {
                problems.push(problem(None, None, "the file is empty".into()))
            }
            Ok(text) => match yaml::from_str::<Stage>(&text) {
                Ok(stage) => stages.push((file, stage)),
                Err(e) => problems.push(problem(e.line, e.column, e.message)),
            },
        }
    }
    // Check what did parse as well, so one run reports every problem.
    match validate::validate(stages, count) {
        Ok(model) if problems.is_empty() => Ok(model),
        Ok(_) => Err(ModelError { problems }),
        Err(more) => {
            problems.extend(more);
            Err(ModelError { problems })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_is_valid() {
        let model = load_embedded().unwrap();
        assert_eq!(model.stages().len(), 8);
        let n = model.trait_count();
        assert!((30..=40).contains(&n), "{n} traits");
    }

    #[test]
    fn a_parse_error_names_file_line_and_column() {
        let files = vec![("x.yaml".to_string(), Ok("id: [a\n".to_string()))];
        let err = load_files(files.into_iter()).unwrap_err();
        let p = &err.problems[0];
        assert_eq!(
            (p.file.as_str(), p.line, p.column),
            ("x.yaml", Some(1), Some(5))
        );
    }
}
