//! Golden cases: every `tests/cases/*.toml` file at the repository root is run through the
//! `shuzhuan` binary, exactly as outside tools drive it (JSON on stdin, JSON on stdout, exit
//! code), and every expectation is checked. Failures are collected and reported together.
//!
//! A case:
//! ```toml
//! [[case]]
//! name = "工业 250 人 + 5 亿元 → 小型"
//! clause = "工信部联企业〔2011〕300号 第四条（二）"
//! command = "check"                  # or "estimate"
//! args = ["--lang", "en"]            # optional extra arguments
//! input = { as_of = "2025-06-30", profile = { industry = "3973", employees = 250 } }
//! # or: input_json = '''{"profile": …}'''  (raw text, for malformed input)
//! [case.expect]                       # path = value; paths select by [key=value] or [index]
//! "sme.class" = "small"
//! "programmes[id=xiamen-2024].criteria[id=sme].reason" = { contains = "小型" }
//! [case.expect_error]                 # instead of expect: exit 2 and an error on this field
//! field = "profile.employees"
//! ```

use serde_json::Value as Json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const TODAY: &str = "2026-11-22";

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

fn toml_to_json(v: &toml::Value) -> Json {
    match v {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map(Json::Number).unwrap_or(Json::Null),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Json::Object(t.iter().map(|(k, v)| (k.clone(), toml_to_json(v))).collect()),
    }
}

/// Follows `a.b[id=x].c[0]` through a JSON value.
fn select<'a>(root: &'a Json, path: &str) -> Result<&'a Json, String> {
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

fn check_expectation(out: &Json, path: &str, want: &toml::Value) -> Result<(), String> {
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

/// Native outputs, written for the browser parity test (tests/browser/parity.spec.mjs).
struct Dump(Vec<Json>);

fn run_case(case: &toml::Table, file: &str, dump: &mut Dump) -> Result<(), String> {
    let command = case.get("command").and_then(toml::Value::as_str).unwrap_or("check");
    let input = match (case.get("input_json"), case.get("input")) {
        (Some(toml::Value::String(s)), _) => s.clone(),
        (_, Some(v)) => toml_to_json(v).to_string(),
        _ => "{}".to_string(),
    };
    let mut args: Vec<String> = vec![command.to_string(), "-".into(), "--format".into(), "json".into()];
    if let Some(toml::Value::Array(extra)) = case.get("args") {
        args.extend(extra.iter().filter_map(|v| v.as_str().map(String::from)));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_shuzhuan"))
        .args(&args)
        .env("SHUZHUAN_TODAY", TODAY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("spawn: {e}"))?;
    // The binary may refuse an argument and exit before it reads stdin: a broken pipe then is
    // not a failure (its exit code and stderr are what the case checks).
    match child.stdin.take().unwrap().write_all(input.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.to_string()),
        _ => {}
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("panicked") {
        return Err(format!("{file}: PANIC: {stderr}"));
    }
    {
        let arg = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
        let output = if code == 0 { serde_json::from_str::<Json>(&stdout).ok() } else { serde_json::from_str::<Json>(&stderr).ok() };
        dump.0.push(serde_json::json!({
            "name": case.get("name").and_then(toml::Value::as_str).unwrap_or(""),
            "command": command, "input": input, "exit": code,
            "options": {"today": TODAY, "as_of": arg("--as-of"), "lang": arg("--lang")},
            "output": output,
        }));
    }
    if let Some(toml::Value::Table(e)) = case.get("expect_error") {
        if code != 2 {
            return Err(format!("expected exit 2, got {code}; stdout {stdout}"));
        }
        let errs: Json = serde_json::from_str(&stderr).map_err(|e| format!("stderr is not JSON ({e}): {stderr}"))?;
        let list = errs.get("errors").and_then(Json::as_array).cloned().unwrap_or_default();
        if let Some(field) = e.get("field").and_then(toml::Value::as_str) {
            let hit = list.iter().find(|x| x.get("field").and_then(Json::as_str) == Some(field));
            let Some(hit) = hit else { return Err(format!("no error for field {field:?}; got {stderr}")) };
            let zh = hit.pointer("/message/zh").and_then(Json::as_str).unwrap_or("");
            let en = hit.pointer("/message/en").and_then(Json::as_str).unwrap_or("");
            if zh.is_empty() || en.is_empty() {
                return Err(format!("error for {field} lacks a zh or en message: {hit}"));
            }
            if let Some(sub) = e.get("contains").and_then(toml::Value::as_str) {
                if !zh.contains(sub) && !en.contains(sub) {
                    return Err(format!("error for {field} does not mention {sub:?}: {hit}"));
                }
            }
        }
        return Ok(());
    }
    if code != 0 {
        return Err(format!("exit {code}: {stderr}"));
    }
    let json: Json = serde_json::from_str(&stdout).map_err(|e| format!("stdout is not JSON: {e}"))?;
    let mut problems = Vec::new();
    if let Some(toml::Value::Table(expect)) = case.get("expect") {
        for (path, want) in expect {
            if let Err(e) = check_expectation(&json, path, want) {
                problems.push(e);
            }
        }
    } else {
        problems.push("a case needs [case.expect] or [case.expect_error]".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

#[test]
fn golden_cases() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let mut dump = Dump(Vec::new());
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let cases = doc.get("case").and_then(toml::Value::as_array).cloned().unwrap_or_default();
        for c in cases {
            let c = c.as_table().cloned().unwrap_or_default();
            total += 1;
            let case_name = c.get("name").and_then(toml::Value::as_str).unwrap_or("(unnamed)").to_string();
            assert!(
                c.get("clause").and_then(toml::Value::as_str).is_some_and(|s| !s.is_empty()),
                "{name}: case {case_name:?} names no clause"
            );
            assert!(names.insert(case_name.clone()), "{name}: duplicate case name {case_name:?}");
            if let Err(e) = run_case(&c, &name, &mut dump) {
                failures.push(format!("{name} :: {case_name}\n    {e}"));
            }
        }
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden-outputs.json");
    std::fs::write(&out, serde_json::to_string(&dump.0).unwrap()).unwrap();
    assert!(total >= 80, "only {total} golden cases; the suite keeps at least 80");
    assert!(failures.is_empty(), "{} of {total} golden cases failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{total} golden cases passed");
}
