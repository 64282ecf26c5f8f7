//! The one JSON walker the inputs are read with (`check`/`estimate` in [`crate::input`], the
//! provider inputs in `providers::walk`, `assess` in [`crate::assess`]): a [`Walk`] that goes
//! on past a bad field and collects every problem as a [`FieldError`] named by its JSON path and
//! said in Chinese and English, and [`parse_json`], the text → JSON step in front of it.
//!
//! The readers were written apart and some of their messages are worded apart; the golden tests
//! pin each. Where they differ the caller says which words to use: `label` is the field's name in
//! messages that say it (`营业收入应为…`), `None` for messages that stand beside the field
//! without naming it (`应为…`). Labels, and the words for what a field should hold, are built
//! only when a message says them ([`Label`]): a field read well allocates none of them.

use crate::amount::{parse_yuan, AmountError, Unit};
use crate::date::Date;
use crate::error::{key_path, FieldError, InputErrors};
use crate::t;
use crate::text::Text;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// The field's name in messages, built only when one is said; `None` for messages that stand
/// beside the field without naming it.
pub(crate) type Label<'a> = Option<&'a dyn Fn() -> Text>;

/// Collects errors while walking a JSON value.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub(crate) errors: Vec<FieldError>,
}

/// How a JSON value's type is named in error messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The text of a scalar: strings as they are (borrowed), numbers as written.
pub(crate) fn scalar_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        _ => None,
    }
}

/// Null, or a string of nothing but spaces: an unanswered field.
pub(crate) fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Reads a yes/no answer as people type it: `是`/`否`, `有`/`无`, `yes`/`no`, `true`/`false`,
/// `1`/`0` (any case, surrounding spaces ignored). Blank is `Ok(None)`; anything else `Err(())`.
///
/// ```
/// use shuzhuan_policy::input::parse_yes_no;
/// assert_eq!(parse_yes_no(" 是 "), Ok(Some(true)));
/// assert_eq!(parse_yes_no("No"), Ok(Some(false)));
/// assert_eq!(parse_yes_no(""), Ok(None));
/// assert_eq!(parse_yes_no("maybe"), Err(()));
/// ```
#[allow(clippy::result_unit_err)]
pub fn parse_yes_no(s: &str) -> Result<Option<bool>, ()> {
    match s.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "true" | "yes" | "y" | "是" | "有" | "1" => Ok(Some(true)),
        "false" | "no" | "n" | "否" | "无" | "没有" | "0" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// Input text as JSON, a BOM ignored: blank text and bad JSON (with its line and column) are
/// errors on `input`. `example` is the shape the empty-input message shows, when it shows one
/// (`{"profile": {…}}`).
pub(crate) fn parse_json(text: &str, example: Option<&str>) -> Result<Value, InputErrors> {
    let text = crate::text::without_bom(text);
    if text.trim().is_empty() {
        let message = match example {
            Some(e) => t!("输入为空：需要一个 JSON 对象，如 {e}", "the input is empty: a JSON object such as {e} is expected"),
            None => t!("输入为空：需要一个 JSON 对象", "the input is empty: a JSON object is expected"),
        };
        return Err(InputErrors::one("input", message));
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        InputErrors::one("input", t!("不是有效的 JSON（第 {line} 行第 {col} 列附近）", "not valid JSON (near line {line}, column {col})"))
    })
}

impl Walk {
    pub(crate) fn new() -> Walk {
        Walk::default()
    }

    pub(crate) fn err(&mut self, field: &str, message: Text) {
        self.errors.push(FieldError::new(field, message));
    }

    pub(crate) fn push(&mut self, e: FieldError) {
        self.errors.push(e);
    }

    /// True when some error is on `field` exactly.
    pub(crate) fn has_error_at(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// `v` is not what the field holds: `{label}应为{want}，收到 {type}`.
    pub(crate) fn wrong_type(&mut self, path: &str, label: Option<&Text>, v: &Value, want: Text) {
        let got = type_name(v);
        let message = match label {
            Some(l) => Text::new(format!("{}应为{}，收到 {got}", l.zh, want.zh), format!("{} must be {}; got {got}", l.en, want.en)),
            None => Text::new(format!("应为{}，收到 {got}", want.zh), format!("must be {}; got {got}", want.en)),
        };
        self.err(path, message);
    }

    /// A key under `path` that is none of `allowed`.
    pub(crate) fn unknown_field(&mut self, path: &str, key: &str, allowed: &[&str]) {
        let field = key_path(path, key);
        let list = allowed.join(", ");
        let shown = crate::text::shown(key, 40);
        self.err(&field, t!("未知字段“{shown}”；可用字段：{list}", "unknown field \"{shown}\"; expected one of: {list}"));
    }

    /// `v` (at `path`; the top is `input`) is not an object: `应为 JSON 对象 {…}`, or with
    /// `shape`, `应为 JSON 对象（shape）`.
    pub(crate) fn not_object(&mut self, path: &str, v: &Value, shape: Option<&Text>) {
        let field = if path.is_empty() { "input" } else { path };
        let got = type_name(v);
        let message = match shape {
            Some(s) => Text::new(format!("应为 JSON 对象（{}），收到 {got}", s.zh), format!("must be a JSON object ({}); got {got}", s.en)),
            None => t!("应为 JSON 对象 {{…}}，收到 {got}", "must be a JSON object {{…}}; got {got}"),
        };
        self.err(field, message);
    }

    /// An object whose keys are all `allowed`; each other key is an error of its own.
    pub(crate) fn object<'a>(&mut self, v: &'a Value, path: &str, allowed: &[&str]) -> Option<&'a Map<String, Value>> {
        let Value::Object(m) = v else {
            self.not_object(path, v, None);
            return None;
        };
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                self.unknown_field(path, k, allowed);
            }
        }
        Some(m)
    }

    /// [`Walk::wrong_type`] with the label built here, only now that it is said.
    pub(crate) fn wrong_type_of(&mut self, path: &str, label: Label, v: &Value, want: Text) {
        match label {
            Some(l) => self.wrong_type(path, Some(&l()), v, want),
            None => self.wrong_type(path, None, v, want),
        }
    }

    /// A text field as written (not trimmed): absent or blank is `None`; a number is its text.
    pub(crate) fn text(&mut self, m: &Map<String, Value>, key: &str, path: &str, label: Label) -> Option<String> {
        self.text_of(m.get(key)?, path, label).map(Cow::into_owned)
    }

    /// [`Walk::text`] of a value at hand, borrowed where it is a string.
    pub(crate) fn text_of<'v>(&mut self, v: &'v Value, path: &str, label: Label) -> Option<Cow<'v, str>> {
        if is_blank(v) {
            return None;
        }
        let s = scalar_text(v);
        if s.is_none() {
            self.wrong_type_of(path, label, v, Text::new("文本", "text"));
        }
        s
    }

    /// A yes/no field ([`parse_yes_no`], or JSON true/false): absent, null or blank is `None`.
    pub(crate) fn yes_no(&mut self, m: &Map<String, Value>, key: &str, path: &str, label: Label) -> Option<bool> {
        self.yes_no_of(m.get(key)?, path, label)
    }

    /// [`Walk::yes_no`] of a value at hand.
    pub(crate) fn yes_no_of(&mut self, v: &Value, path: &str, label: Label) -> Option<bool> {
        match v {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            Value::String(s) => match parse_yes_no(s) {
                Ok(b) => b,
                Err(()) => {
                    let message = match label {
                        Some(l) => {
                            let l = l();
                            let shown = crate::text::shown(s, 40);
                            Text::new(
                                format!("{}应为 是/否（true/false），收到“{shown}”", l.zh),
                                format!("{} must be yes or no (true/false); got \"{shown}\"", l.en),
                            )
                        }
                        // The provider inputs' words, which stand beside the field without naming it.
                        None => {
                            let shown = crate::text::shown(s, 40);
                            t!("应为 是/否（true/false），收到“{shown}”", "must be yes or no (true/false); got \"{shown}\"")
                        }
                    };
                    self.err(path, message);
                    None
                }
            },
            _ => {
                match label {
                    Some(_) => self.wrong_type_of(path, label, v, Text::new("是/否（true/false）", "true or false")),
                    // The provider inputs' words (a space after 应为).
                    None => self.wrong_type(path, None, v, Text::new(" 是/否（true/false）", "true or false")),
                }
                None
            }
        }
    }

    /// A date field, read as [`Walk::text`] does and then as a date; a text that is no date is
    /// said by [`DateError::about`].
    pub(crate) fn day(&mut self, m: &Map<String, Value>, key: &str, path: &str, label: Label) -> Option<Date> {
        self.day_of(m.get(key)?, path, label)
    }

    /// [`Walk::day`] of a value at hand.
    pub(crate) fn day_of(&mut self, v: &Value, path: &str, label: Label) -> Option<Date> {
        let s = self.text_of(v, path, label)?;
        match Date::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(path, e.about(&s));
                None
            }
        }
    }

    /// An array field: absent or null is `None`.
    pub(crate) fn array<'a>(&mut self, m: &'a Map<String, Value>, key: &str, path: &str) -> Option<&'a Vec<Value>> {
        match m.get(key)? {
            Value::Null => None,
            Value::Array(a) => Some(a),
            v => {
                self.wrong_type(path, None, v, Text::new("数组 […]", "an array […]"));
                None
            }
        }
    }

    /// A number value: blank is `None`; a string or number is parsed by `parse`; anything
    /// else (said to be no `want`), or a parse failure, is an error naming the field by `label`.
    pub(crate) fn scalar<T>(
        &mut self,
        v: &Value,
        path: &str,
        label: &dyn Fn() -> Text,
        want: fn() -> Text,
        parse: impl Fn(&str) -> Result<T, AmountError>,
        message: fn(&AmountError, &Text, &str) -> Text,
    ) -> Option<T> {
        if is_blank(v) {
            return None;
        }
        let Some(s) = scalar_text(v) else {
            self.wrong_type(path, Some(&label()), v, want());
            return None;
        };
        match parse(&s) {
            Ok(x) => Some(x),
            Err(e) => {
                self.err(path, message(&e, &label(), &s));
                None
            }
        }
    }

    /// An amount in yuan (`8500万`, `1,200,000`, a JSON number).
    pub(crate) fn money(&mut self, m: &Map<String, Value>, key: &str, path: &str, label: &dyn Fn() -> Text) -> Option<Decimal> {
        self.money_of(m.get(key)?, path, label)
    }

    /// [`Walk::money`] of a value at hand.
    pub(crate) fn money_of(&mut self, v: &Value, path: &str, label: &dyn Fn() -> Text) -> Option<Decimal> {
        let want = || Text::new("金额（数字或数字字符串，单位元）", "an amount in yuan (number or numeric string)");
        self.scalar(v, path, label, want, |s| parse_yuan(s, Unit::Yuan), AmountError::message)
    }

    /// `Ok` when nothing was wrong, else every error.
    pub(crate) fn finish(self) -> Result<(), InputErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(InputErrors { errors: self.errors })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_is_collected_in_both_languages() {
        let v: Value = serde_json::from_str(
            r#"{"colour": "red", "name": ["x"], "ok": "maybe", "on": 3, "day": "2025-02-30", "list": 1,
                "amount": "abc", "size": true, "fine": " 是 ", "when": "2025-06-30", "blank": "  "}"#,
        )
        .unwrap();
        let allowed = ["name", "ok", "on", "day", "list", "amount", "size", "fine", "when", "blank"];
        let mut w = Walk::new();
        let m = w.object(&v, "", &allowed).unwrap();
        let label = || Text::new("投入", "spending");
        assert_eq!(w.text(m, "name", "p.name", None), None);
        assert_eq!(w.yes_no(m, "ok", "p.ok", Some(&label)), None);
        assert_eq!(w.yes_no(m, "on", "p.on", None), None);
        assert_eq!(w.day(m, "day", "p.day", None), None);
        assert_eq!(w.array(m, "list", "p.list"), None);
        assert_eq!(w.money(m, "amount", "p.amount", &label), None);
        assert_eq!(w.money(m, "size", "p.size", &label), None);
        // The good and the blank fields read, and add no error.
        assert_eq!(w.yes_no(m, "fine", "p.fine", None), Some(true));
        assert_eq!(w.day(m, "when", "p.when", None), Date::parse("2025-06-30").ok());
        assert_eq!(w.text(m, "blank", "p.blank", None), None);
        assert_eq!(w.text(m, "absent", "p.absent", None), None);
        let fields: Vec<&str> = w.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["colour", "p.name", "p.ok", "p.on", "p.day", "p.list", "p.amount", "p.size"]);
        for e in &w.errors {
            assert!(e.message.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{e:?}");
            assert!(e.message.en.chars().any(|c| c.is_ascii_alphabetic()) && e.message.en != e.message.zh, "{e:?}");
        }
        let by = |f: &str| &w.errors.iter().find(|e| e.field == f).unwrap().message;
        assert_eq!(by("colour").en, format!("unknown field \"colour\"; expected one of: {}", allowed.join(", ")));
        assert_eq!(*by("p.name"), t!("应为文本，收到 array", "must be text; got array"));
        assert_eq!(*by("p.ok"), t!("投入应为 是/否（true/false），收到“maybe”", "spending must be yes or no (true/false); got \"maybe\""));
        assert_eq!(*by("p.on"), t!("应为 是/否（true/false），收到 number", "must be true or false; got number"));
        assert_eq!(*by("p.day"), t!("没有这一天：“2025-02-30”", "no such day: \"2025-02-30\""));
        assert_eq!(*by("p.list"), t!("应为数组 […]，收到 number", "must be an array […]; got number"));
        assert!(by("p.amount").zh.starts_with("投入") && by("p.amount").en.starts_with("spending"), "{:?}", by("p.amount"));
        assert_eq!(by("p.size").en, "spending must be an amount in yuan (number or numeric string); got true/false");
        let all = w.finish().unwrap_err();
        assert_eq!(all.errors.len(), 8);
        // What is quoted back is cut at 40 characters and shows control characters as code
        // points, in every reader's words (here the provider inputs', which name no field).
        let v: Value =
            serde_json::from_str(r#"{"ok": "\u001b[2Jyes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "day": "2025-06\u001b[2J"}"#)
                .unwrap();
        let mut w = Walk::new();
        let m = w.object(&v, "", &["ok", "day"]).unwrap();
        assert_eq!(w.yes_no(m, "ok", "ok", None), None);
        assert_eq!(w.day(m, "day", "day", None), None);
        let all = w.finish().unwrap_err();
        assert_eq!(all.errors[0].message.zh, "应为 是/否（true/false），收到“[U+001B][2Jyes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…”");
        assert_eq!(all.errors[1].message.en, "date must be YYYY-MM-DD (e.g. 2025-06-30); got \"2025-06[U+001B][2J\"");
        assert!(Walk::new().finish().is_ok());
    }

    #[test]
    fn not_an_object_is_named_by_its_place() {
        let mut w = Walk::new();
        assert!(w.object(&Value::Array(vec![]), "", &[]).is_none());
        assert!(w.object(&Value::from(3), "profile", &[]).is_none());
        w.not_object("answers", &Value::Null, Some(&Text::new("题号 → 选项", "question id → options")));
        assert_eq!(w.errors[0].field, "input");
        assert_eq!(w.errors[0].message, t!("应为 JSON 对象 {{…}}，收到 array", "must be a JSON object {{…}}; got array"));
        assert_eq!(w.errors[1].field, "profile");
        assert_eq!(
            w.errors[2].message,
            t!("应为 JSON 对象（题号 → 选项），收到 null", "must be a JSON object (question id → options); got null")
        );
        assert!(w.has_error_at("profile") && !w.has_error_at("profile.x"));
    }

    #[test]
    fn text_is_parsed_as_json_with_its_faults_on_input() {
        let bom = parse_json("\u{feff}{\"a\": 1}", None).unwrap();
        assert_eq!(bom["a"], Value::from(1));
        for example in [None, Some("{\"profile\": {…}}")] {
            let empty = parse_json(" \n", example).unwrap_err();
            assert_eq!(empty.errors.len(), 1);
            assert_eq!(empty.errors[0].field, "input");
            assert!(empty.errors[0].message.zh.starts_with("输入为空") && empty.errors[0].message.en.starts_with("the input is empty"));
            assert_eq!(empty.errors[0].message.en.contains("{\"profile\": {…}}"), example.is_some());
        }
        assert!(parse_json("\u{feff}", None).is_err());
        let broken = parse_json("{\n  \"a\": 1,\n  oops\n}", None).unwrap_err();
        assert_eq!(broken.errors[0].field, "input");
        assert_eq!(broken.errors[0].message, t!("不是有效的 JSON（第 3 行第 3 列附近）", "not valid JSON (near line 3, column 3)"));
    }
}
