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
use shuzhuan_policy::cases::check_expectation;
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
