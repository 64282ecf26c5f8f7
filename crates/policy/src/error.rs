//! Input errors. Every error names the field it concerns (as a JSON path such as
//! `profile.employees`) and says what is wrong in Chinese and English, so a form can show the
//! message beside the field and keep what the user typed.

use crate::text::{Lang, Text};
use serde::Serialize;
use std::fmt;

/// One problem with one field of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON path of the field, e.g. `profile.revenue_yuan`. A path may hold a key the user wrote
    /// (an unknown key): control and invisible characters in it are shown as `[U+XXXX]`, as in
    /// quoted values ([`crate::text::shown`]), so printing it cannot move a terminal's cursor or
    /// reverse the text after it.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: Text,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Text) -> FieldError {
        FieldError { field: crate::text::shown(&field.into(), usize::MAX), message }
    }

    /// `field: 中文 / English` — the form the CLI prints on stderr.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}: {} / {}", self.field, self.message.zh, self.message.en),
            Lang::En => format!("{}: {} / {}", self.field, self.message.en, self.message.zh),
        }
    }
}

/// The path of a key the user wrote under `path` (`profile.colour`; the key alone at the top):
/// the key shown as values are in messages ([`crate::text::shown`]: invisible characters as
/// `[U+XXXX]`, cut after 40 characters).
///
/// ```
/// use shuzhuan_policy::error::key_path;
/// assert_eq!(key_path("profile", "colour"), "profile.colour");
/// assert_eq!(key_path("", "\u{1b}[2J"), "[U+001B][2J");
/// assert_eq!(key_path("project", &"x".repeat(50)), format!("project.{}…", "x".repeat(40)));
/// ```
pub fn key_path(path: &str, key: &str) -> String {
    let key = crate::text::shown(key, 40);
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

/// Every problem found in one input, in the order of the fields. Never empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputErrors {
    pub errors: Vec<FieldError>,
}

impl InputErrors {
    pub fn one(field: impl Into<String>, message: Text) -> InputErrors {
        InputErrors { errors: vec![FieldError::new(field, message)] }
    }

    /// True when some error concerns `field` (exactly, or a path below it).
    pub fn mentions(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field || e.field.starts_with(&format!("{field}.")))
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", e.render(Lang::Zh))?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}
