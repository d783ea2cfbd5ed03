//! JSON: the serde types as they are, pretty-printed.

use super::Exporter;
use crate::model::{Model, Stage};
use crate::scoring::Diagnosis;
use serde::Serialize;
use std::io::Write;

pub struct Json;

/// One question as `questions --format json` lists it.
#[derive(Serialize)]
pub struct QuestionRow<'a> {
    pub id: &'a str,
    /// Position in the questionnaire, from 1.
    pub order: usize,
    pub stage: u32,
    pub question: &'a str,
    pub help: &'a str,
    pub weight: f64,
    /// When the question applies: context key to the values for which it
    /// does (`{}` = always).
    pub applies_when: &'a std::collections::BTreeMap<String, Vec<String>>,
    /// The worries that building this trait answers.
    pub addresses: &'a [String],
}

pub fn question_rows(model: &Model) -> Vec<QuestionRow<'_>> {
    model
        .question_order()
        .into_iter()
        .enumerate()
        .map(|(i, (s, t))| QuestionRow {
            id: &t.id,
            order: i + 1,
            stage: s.number,
            question: &t.question,
            help: &t.help,
            weight: t.weight,
            applies_when: &t.applies_when,
            addresses: &t.addresses,
        })
        .collect()
}

fn write_json(value: &impl Serialize, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

impl Exporter for Json {
    fn stages(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(&model.stages(), out)
    }
    fn stage(&self, _: &Model, stage: &Stage, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(stage, out)
    }
    fn questions(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(&question_rows(model), out)
    }
    fn diagnosis(&self, diagnosis: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        write_json(diagnosis, out)
    }
}
