//! The JSON contract as one call, text in and text out, shared by every shell that speaks it
//! (the WASM exports; the parity tests compare it with the CLI).

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::text::{Lang, Text};
use serde::Deserialize;

/// Options beside the input: what "today" is, an `as_of` that overrides the input's, the language.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub today: Option<String>,
    pub as_of: Option<String>,
    pub lang: Option<String>,
}

fn errors_json(e: &InputErrors) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| "{\"errors\":[]}".into())
}

fn option_error(field: &str, zh: String, en: String) -> String {
    errors_json(&InputErrors { errors: vec![FieldError::new(field, Text::new(zh, en))] })
}

/// Runs `check` or `estimate` on contract JSON; returns the report or `{"errors": […]}`.
///
/// ```
/// let out = shuzhuan_policy::contract::run("check", r#"{"profile": {"industry": "3973", "employees": 5}}"#, r#"{"today": "2025-06-30"}"#);
/// assert!(out.contains("\"is_sme\":\"yes\""));
/// let bad = shuzhuan_policy::contract::run("check", r#"{"profile": {"employees": -5}}"#, "{}");
/// assert!(bad.contains("profile.employees"));
/// ```
pub fn run(command: &str, input: &str, options: &str) -> String {
    let opts: Options = if options.trim().is_empty() {
        Options::default()
    } else {
        match serde_json::from_str(options) {
            Ok(o) => o,
            Err(e) => return option_error("options", format!("选项无效：{e}"), format!("invalid options: {e}")),
        }
    };
    let parse_date = |field: &str, s: &Option<String>| -> Result<Option<Date>, String> {
        match s {
            None => Ok(None),
            Some(s) => {
                Date::parse(s).map(Some).map_err(|_| option_error(field, format!("日期无效：“{s}”"), format!("invalid date \"{s}\"")))
            }
        }
    };
    let today = match parse_date("today", &opts.today) {
        Ok(d) => d.unwrap_or(Date::Y2K),
        Err(e) => return e,
    };
    let as_of = match parse_date("as_of", &opts.as_of) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let lang = opts.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    let bundle = RuleBundle::embedded();
    let out = match command {
        "check" => crate::input::parse_check_input(input).map(|mut i| {
            if as_of.is_some() {
                i.as_of = as_of;
            }
            serde_json::to_string(&crate::eval::check(&i, bundle, today, lang))
        }),
        "estimate" => crate::estimate::parse_and_validate(input, bundle).and_then(|mut i| {
            if as_of.is_some() {
                i.as_of = as_of;
            }
            crate::estimate::estimate(&i, bundle, today, lang).map(|r| serde_json::to_string(&r))
        }),
        other => return option_error("command", format!("未知命令“{other}”"), format!("unknown command \"{other}\"")),
    };
    match out {
        Ok(Ok(json)) => json,
        Ok(Err(e)) => option_error("output", format!("无法输出：{e}"), format!("cannot serialise: {e}")),
        Err(e) => errors_json(&e),
    }
}
