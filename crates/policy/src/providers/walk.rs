//! The provider inputs' JSON, walked with every problem collected: the shared walker
//! ([`crate::walk`]) in these inputs' words, which stand beside the field without naming it.

use crate::date::Date;
use crate::error::InputErrors;
use serde_json::{Map, Value};

pub(super) use crate::walk::Walk;

impl Walk {
    /// A text field, trimmed.
    pub(super) fn string(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        self.text(m, key, path, None).map(|s| s.trim().to_string())
    }

    pub(super) fn boolean(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<bool> {
        self.yes_no(m, key, path, None)
    }

    pub(super) fn date(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<Date> {
        self.day(m, key, path, None)
    }
}

pub(super) fn parse_json(text: &str) -> Result<Value, InputErrors> {
    crate::walk::parse_json(text, None)
}
