//! Case files (用例文件): what a rule pack must answer for a given enterprise and date, and which
//! clause says so, in plain TOML a policy officer can read — the format of the project's golden
//! cases (`tests/cases/README.md`). `shuzhuan rules test DIR` runs `DIR/cases/*.toml` against the
//! pack in DIR with [`run_file`]; the golden-case test uses the same expectation checks.
//!
//! ```toml
//! [[case]]
//! name = "工业 250 人 + 5 亿元 → 小型"
//! clause = "工信部联企业〔2011〕300号 第四条（二）"
//! command = "check"                  # or "estimate"
//! args = ["--lang", "en"]            # optional: --lang, --as-of
//! input = { as_of = "2025-06-30", profile = { industry = "3973", employees = 250 } }
//! [case.expect]                       # path = value; paths select by [key=value] or [index]
//! "sme.class" = "small"
//! [case.expect_error]                 # instead of expect: refused, with an error on this field
//! field = "profile.employees"
//! ```

use crate::bundle::RuleBundle;
use crate::contract::{evaluate_with, Options};
use crate::date::Date;
use serde_json::Value as Json;

fn toml_to_json(v: &toml::Value) -> Json {
    crate::toml_json::toml_to_json(v.clone())
}

/// Follows `a.b[id=x].c[0]` through a JSON value.
pub fn select<'a>(root: &'a Json, path: &str) -> Result<&'a Json, String> {
    let mut cur = root;
    for part in split_path(path) {
        let (key, selectors) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part.as_str(), ""),
        };
        if !key.is_empty() {
            cur = cur.get(key).ok_or_else(|| format!("no field {key:?} (in {path})"))?;
        }
        for sel in selectors.split('[').filter(|s| !s.is_empty()) {
            let sel = sel.trim_end_matches(']');
            let arr = cur.as_array().ok_or_else(|| format!("{sel:?} applied to a non-array (in {path})"))?;
            cur = if let Some((k, v)) = sel.split_once('=') {
                arr.iter()
                    .find(|e| e.get(k).and_then(Json::as_str) == Some(v))
                    .ok_or_else(|| format!("no element with {k}={v} (in {path})"))?
            } else {
                let i: usize = sel.parse().map_err(|_| format!("bad selector {sel:?}"))?;
                arr.get(i).ok_or_else(|| format!("no element {i} (in {path})"))?
            };
        }
    }
    Ok(cur)
}

fn split_path(path: &str) -> Vec<String> {
    // Dots inside [...] belong to the selector value.
    let mut parts = vec![String::new()];
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(c);
    }
    parts
}

fn as_text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Numbers compare as decimals ("250000" == "250000.00" == 250000).
fn same(actual: &Json, expected: &Json) -> bool {
    let (a, e) = (as_text(actual), as_text(expected));
    if a == e {
        return true;
    }
    match (a.parse::<rust_decimal_like::D>(), e.parse::<rust_decimal_like::D>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// A tiny exact decimal comparison without another dependency: normalises digit strings.
mod rust_decimal_like {
    #[derive(PartialEq, Debug)]
    pub struct D(bool, String, String);
    impl std::str::FromStr for D {
        type Err = ();
        fn from_str(s: &str) -> Result<D, ()> {
            let (neg, body) = match s.strip_prefix('-') {
                Some(b) => (true, b),
                None => (false, s),
            };
            let (i, f) = body.split_once('.').unwrap_or((body, ""));
            if i.is_empty() || !i.bytes().all(|b| b.is_ascii_digit()) || !f.bytes().all(|b| b.is_ascii_digit()) {
                return Err(());
            }
            let i = i.trim_start_matches('0').to_string();
            let f = f.trim_end_matches('0').to_string();
            Ok(D(neg && !(i.is_empty() && f.is_empty()), i, f))
        }
    }
}

pub fn check_expectation(out: &Json, path: &str, want: &toml::Value) -> Result<(), String> {
    let actual = select(out, path);
    match want {
        toml::Value::Table(t)
            if t.contains_key("contains") || t.contains_key("absent") || t.contains_key("len") || t.contains_key("not_contains") =>
        {
            if t.get("absent").and_then(toml::Value::as_bool) == Some(true) {
                return match actual {
                    Err(_) | Ok(Json::Null) => Ok(()),
                    Ok(v) => Err(format!("{path}: expected absent, got {v}")),
                };
            }
            let actual = actual?;
            let text = as_text(actual);
            if let Some(sub) = t.get("contains").and_then(toml::Value::as_str) {
                if !text.contains(sub) {
                    return Err(format!("{path}: expected to contain {sub:?}, got {text:?}"));
                }
            }
            if let Some(sub) = t.get("not_contains").and_then(toml::Value::as_str) {
                if text.contains(sub) {
                    return Err(format!("{path}: expected not to contain {sub:?}, got {text:?}"));
                }
            }
            if let Some(n) = t.get("len").and_then(toml::Value::as_integer) {
                let len = actual.as_array().map(Vec::len).unwrap_or(usize::MAX);
                if len as i64 != n {
                    return Err(format!("{path}: expected {n} elements, got {len}"));
                }
            }
            Ok(())
        }
        _ => {
            let actual = actual?;
            let want = toml_to_json(want);
            if same(actual, &want) {
                Ok(())
            } else {
                Err(format!("{path}: expected {want}, got {actual}"))
            }
        }
    }
}

/// One case's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    pub name: String,
    pub clause: String,
    /// Every expectation that did not hold (empty: the case passed).
    pub failures: Vec<String>,
}

/// Runs every case of a case file against `bundle`, "today" being `today`. `Err` when the file
/// is not a case file at all.
pub fn run_file(text: &str, bundle: &RuleBundle, today: Date) -> Result<Vec<CaseResult>, String> {
    let doc: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let cases = doc.get("case").and_then(toml::Value::as_array).ok_or("no [[case]] in the file")?;
    Ok(cases.iter().map(|c| run_case(c.as_table().cloned().unwrap_or_default(), bundle, today)).collect())
}

fn run_case(case: toml::Table, bundle: &RuleBundle, today: Date) -> CaseResult {
    let text = |k: &str| case.get(k).and_then(toml::Value::as_str).unwrap_or("").to_string();
    let mut result = CaseResult { name: text("name"), clause: text("clause"), failures: Vec::new() };
    if result.clause.is_empty() {
        result.failures.push("the case names no clause".into());
    }
    let command = case.get("command").and_then(toml::Value::as_str).unwrap_or("check");
    let input = match (case.get("input_json"), case.get("input")) {
        (Some(toml::Value::String(s)), _) => s.clone(),
        (_, Some(v)) => toml_to_json(v).to_string(),
        _ => "{}".to_string(),
    };
    let mut options = Options { today: Some(today.to_string()), ..Options::default() };
    if let Some(toml::Value::Array(args)) = case.get("args") {
        let args: Vec<&str> = args.iter().filter_map(toml::Value::as_str).collect();
        for pair in args.windows(2) {
            match pair[0] {
                "--lang" => options.lang = Some(pair[1].to_string()),
                "--as-of" => options.as_of = Some(pair[1].to_string()),
                _ => {}
            }
        }
    }
    let out = evaluate_with(bundle, command, &input, &options);
    match (case.get("expect_error"), out) {
        (Some(toml::Value::Table(e)), Err(errors)) => {
            if let Some(field) = e.get("field").and_then(toml::Value::as_str) {
                match errors.errors.iter().find(|x| x.field == field) {
                    None => result.failures.push(format!(
                        "no error for field {field:?}; got {:?}",
                        errors.errors.iter().map(|e| &e.field).collect::<Vec<_>>()
                    )),
                    Some(hit) => {
                        if let Some(sub) = e.get("contains").and_then(toml::Value::as_str) {
                            if !hit.message.zh.contains(sub) && !hit.message.en.contains(sub) {
                                result.failures.push(format!("the error for {field} does not mention {sub:?}: {}", hit.message.zh));
                            }
                        }
                    }
                }
            }
        }
        (Some(toml::Value::Table(_)), Ok(_)) => result.failures.push("expected the input to be refused, but a report was computed".into()),
        (Some(_), _) => result.failures.push("expect_error must be a table (field = …)".into()),
        (None, Err(errors)) => result.failures.push(format!(
            "the input was refused: {}",
            errors.errors.iter().map(|e| format!("{}: {}", e.field, e.message.zh)).collect::<Vec<_>>().join("; ")
        )),
        (None, Ok(json)) => match (serde_json::from_str::<Json>(&json), case.get("expect")) {
            (Ok(report), Some(toml::Value::Table(expect))) => {
                for (path, want) in expect {
                    if let Err(e) = check_expectation(&report, path, want) {
                        result.failures.push(e);
                    }
                }
            }
            (Ok(_), _) => result.failures.push("a case needs [case.expect] or [case.expect_error]".into()),
            (Err(e), _) => result.failures.push(format!("the report is not JSON: {e}")),
        },
    }
    result
}
