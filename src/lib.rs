//! salesevo: where a SaaS sales organisation stands in its evolution, and
//! what to do next.
//!
//! The domain is a pure library: load a [`model::Model`], read an
//! [`answers::AnswerSet`], and [`scoring::diagnose`] it. The terminal and files
//! stay at the edge ([`commands`], [`export`]).

pub mod answers;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod context;
pub mod exit_codes;
pub mod export;
pub mod input;
pub mod model;
pub mod quiz;
pub mod scoring;
pub mod style;
pub mod summary;
pub mod text;
mod yaml;
