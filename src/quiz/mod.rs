//! `salesevo quiz`: the interactive questionnaire. The state lives in
//! [`state`], the answers file in [`file`], the atomic write in [`save`].

pub mod file;
pub mod save;
pub mod state;
