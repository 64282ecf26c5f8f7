//! The provider inputs' JSON, walked with every problem collected.

use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::input::type_name;
use crate::t;
use crate::text::Text;
use serde_json::{Map, Value};

pub(super) struct Walk {
    pub(super) errors: Vec<FieldError>,
}

impl Walk {
    pub(super) fn err(&mut self, field: &str, message: Text) {
        self.errors.push(FieldError::new(field, message));
    }

    pub(super) fn object<'a>(&mut self, v: &'a Value, path: &str, allowed: &[&str]) -> Option<&'a Map<String, Value>> {
        let Value::Object(m) = v else {
            let got = type_name(v);
            let field = if path.is_empty() { "input" } else { path };
            self.err(field, t!("应为 JSON 对象 {{…}}，收到 {got}", "must be a JSON object {{…}}; got {got}"));
            return None;
        };
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                let field = crate::error::key_path(path, k);
                let list = allowed.join(", ");
                let shown = crate::text::shown(k, 40);
                self.err(&field, t!("未知字段“{shown}”；可用字段：{list}", "unknown field \"{shown}\"; expected one of: {list}"));
            }
        }
        Some(m)
    }

    pub(super) fn string(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        match m.get(key)? {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            v => {
                let got = type_name(v);
                self.err(path, t!("应为文本，收到 {got}", "must be text; got {got}"));
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<bool> {
        match m.get(key)? {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            Value::String(s) => match crate::input::parse_yes_no(s) {
                Ok(b) => b,
                Err(()) => {
                    let shown: String = s.chars().take(40).collect();
                    self.err(path, t!("应为 是/否（true/false），收到“{shown}”", "must be yes or no (true/false); got \"{shown}\""));
                    None
                }
            },
            v => {
                let got = type_name(v);
                self.err(path, t!("应为 是/否（true/false），收到 {got}", "must be true or false; got {got}"));
                None
            }
        }
    }

    pub(super) fn date(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<Date> {
        let s = self.string(m, key, path)?;
        match Date::parse(&s) {
            Ok(d) => Some(d),
            Err(_) => {
                self.err(path, t!("日期应为 YYYY-MM-DD 且真实存在，收到“{s}”", "expected a real date YYYY-MM-DD; got \"{s}\""));
                None
            }
        }
    }

    pub(super) fn array<'a>(&mut self, m: &'a Map<String, Value>, key: &str, path: &str) -> Option<&'a Vec<Value>> {
        match m.get(key)? {
            Value::Null => None,
            Value::Array(a) => Some(a),
            v => {
                let got = type_name(v);
                self.err(path, t!("应为数组 […]，收到 {got}", "must be an array […]; got {got}"));
                None
            }
        }
    }

    pub(super) fn finish(self) -> Result<(), InputErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(InputErrors { errors: self.errors })
        }
    }
}

pub(super) fn parse_json(text: &str) -> Result<Value, InputErrors> {
    let text = crate::text::without_bom(text);
    if text.trim().is_empty() {
        return Err(InputErrors::one("input", t!("输入为空：需要一个 JSON 对象", "the input is empty: a JSON object is expected")));
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        InputErrors::one("input", t!("不是有效的 JSON（第 {line} 行第 {col} 列附近）", "not valid JSON (near line {line}, column {col})"))
    })
}
