//! YAML: the same shapes as JSON; for the questionnaire, an answer file.

use super::Exporter;
use crate::model::{Model, Stage};
use crate::scoring::Diagnosis;
use crate::yaml;
use serde::Serialize;
use std::io::Write;

pub struct Yaml;

fn write_yaml(value: &impl Serialize, out: &mut dyn Write) -> anyhow::Result<()> {
    out.write_all(yaml::to_string(value)?.as_bytes())?;
    Ok(())
}

impl Exporter for Yaml {
    fn stages(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        write_yaml(&model.stages(), out)
    }
    fn stage(&self, _: &Model, stage: &Stage, out: &mut dyn Write) -> anyhow::Result<()> {
        write_yaml(stage, out)
    }
    fn questions(&self, model: &Model, out: &mut dyn Write) -> anyhow::Result<()> {
        out.write_all(super::answer_file(model, None).as_bytes())?;
        Ok(())
    }
    fn diagnosis(&self, diagnosis: &Diagnosis, out: &mut dyn Write) -> anyhow::Result<()> {
        write_yaml(diagnosis, out)
    }
}
