//! The bad-input catalogue (`tests/bad-inputs/catalogue.json`, README there) run through the
//! `shuzhuan` binary: every case in JSON and in text format. A refused case exits 2 with no
//! panic, names its field, and its zh and en messages hold the expected words; a case accepted
//! on purpose exits 0 and keeps the value. HTML is echoed as text (only JSON-escaped), never
//! dropped or entity-escaped.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// The date the catalogue's expectations assume (every programme in force).
const TODAY: &str = "2025-06-30";

/// Every category a case may have; each must be covered by at least one case.
const CATEGORIES: &[&str] = &[
    "empty",
    "whitespace",
    "negative",
    "negative-zero",
    "nan-infinity",
    "1e400",
    "30-digit",
    "fractional-staff",
    "mixed-units",
    "out-of-range",
    "emoji",
    "rtl",
    "sql",
    "html",
    "huge-string",
    "wrong-type",
    "bad-date",
    "unknown-programme",
    "unknown-industry",
    "region",
    "uscc",
    "control-chars",
    "unknown-key",
    "malformed-json",
    "several-at-once",
    "separators",
    "level-zero",
];

const MIN_REFUSED: usize = 50;

fn catalogue() -> Vec<Value> {
    let path = format!("{}/../../tests/bad-inputs/catalogue.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    match serde_json::from_str(&text) {
        Ok(Value::Array(cases)) => cases,
        other => panic!("{path} is not a JSON array: {other:?}"),
    }
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

/// The exact text sent on stdin: a string input as it is (raw text), anything else as JSON, with
/// `repeat.marker` replaced by `repeat.text` × `repeat.times`.
fn input_text(case: &Value) -> String {
    let text = match &case["input"] {
        Value::String(raw) => raw.clone(),
        other => serde_json::to_string(other).unwrap(),
    };
    match case.get("repeat") {
        Some(r) => {
            let times = r["times"].as_u64().expect("repeat.times") as usize;
            text.replace(s(r, "marker"), &s(r, "text").repeat(times))
        }
        None => text,
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn shuzhuan(case: &Value, format: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shuzhuan"));
    cmd.args([s(case, "command"), "--format", format]).env("SHUZHUAN_TODAY", TODAY);
    if let Some(Value::Object(opts)) = case.get("options") {
        for (k, v) in opts {
            let v = v.as_str().unwrap_or_else(|| panic!("option {k} is not a string"));
            match k.as_str() {
                "as_of" => cmd.args(["--as-of", v]),
                "lang" => cmd.args(["--lang", v]),
                "today" => cmd.env("SHUZHUAN_TODAY", v),
                other => panic!("{}: unknown option {other} in the catalogue", s(case, "id")),
            };
        }
    }
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = input_text(case);
    // Written from a thread so a large input cannot block against a full output pipe.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

fn cut(s: &str) -> String {
    if s.chars().count() > 400 {
        format!("{}…", s.chars().take(400).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Checks one case; returns the problems found.
fn check_case(case: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let expect = &case["expect"];
    let ok = expect["ok"].as_bool() == Some(true);
    let json = shuzhuan(case, "json");
    let text = shuzhuan(case, "text");
    for (format, run) in [("json", &json), ("text", &text)] {
        if run.stderr.contains("panicked") || run.stdout.contains("panicked") {
            problems.push(format!("--format {format}: panic: {}", cut(&run.stderr)));
        }
        // What the input held is shown, never printed raw: no control character (an escape
        // sequence would redraw the terminal) and no direction override on the terminal.
        if let Some(c) =
            run.stderr.chars().find(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        {
            problems.push(format!("--format {format}: stderr prints U+{:04X} raw: {}", u32::from(c), cut(&run.stderr)));
        }
        let want = if ok { 0 } else { 2 };
        if run.code != want {
            problems.push(format!("--format {format}: exit {} (want {want}); stderr: {}", run.code, cut(&run.stderr)));
        }
    }
    if ok {
        let Ok(report) = serde_json::from_str::<Value>(&json.stdout) else {
            problems.push(format!("accepted, but the report is not JSON: {}", cut(&json.stdout)));
            return problems;
        };
        if let Some(pointer) = expect["pointer"].as_str() {
            let got = report.pointer(pointer).cloned().unwrap_or(Value::Null);
            if got != expect["equals"] {
                problems.push(format!("{pointer} is {got}, want {}", expect["equals"]));
            }
        }
        if let Some(notice) = expect["notice"].as_str() {
            let notices = report["notices"].as_array().cloned().unwrap_or_default();
            if !notices.iter().any(|n| n.as_str().is_some_and(|n| n.contains(notice))) {
                problems.push(format!("no notice containing {notice:?}: {notices:?}"));
            }
        }
        return problems;
    }
    // Refused: the JSON error list names the field, with the expected words in zh and en.
    let field = expect.get("cli_field").and_then(Value::as_str).unwrap_or_else(|| s(expect, "field"));
    let (zh, en) = (s(expect, "zh"), s(expect, "en"));
    let errors: Vec<Value> = match serde_json::from_str::<Value>(&json.stderr) {
        Ok(v) => v["errors"].as_array().cloned().unwrap_or_default(),
        Err(_) => {
            problems.push(format!("stderr is not the JSON error list: {}", cut(&json.stderr)));
            vec![]
        }
    };
    let named = |f: &str| errors.iter().find(|e| e["field"] == f);
    match named(field) {
        None => problems.push(format!(
            "no error names {field}; named: {:?}",
            errors.iter().map(|e| e["field"].as_str().unwrap_or("?").chars().take(60).collect::<String>()).collect::<Vec<_>>()
        )),
        Some(e) => {
            let (mzh, men) = (e["message"]["zh"].as_str().unwrap_or(""), e["message"]["en"].as_str().unwrap_or(""));
            if !mzh.contains(zh) {
                problems.push(format!("zh message {:?} lacks {zh:?}", cut(mzh)));
            }
            if !men.contains(en) {
                problems.push(format!("en message {:?} lacks {en:?}", cut(men)));
            }
            if let Some(echo) = expect["echo"].as_str() {
                if !mzh.contains(echo) || !men.contains(echo) {
                    problems.push(format!("the input {echo:?} is not echoed verbatim: {mzh:?} / {men:?}"));
                }
                // On the wire it is only JSON-escaped, and in text format printed as it is.
                let escaped = serde_json::to_string(echo).unwrap();
                if !json.stderr.contains(&escaped[1..escaped.len() - 1]) {
                    problems.push(format!("stderr does not carry {echo:?} JSON-escaped only"));
                }
                if !text.stderr.contains(echo) {
                    problems.push(format!("--format text does not print {echo:?} verbatim: {}", cut(&text.stderr)));
                }
                for entity in ["&lt;", "&gt;", "&amp;", "&quot;", "&#"] {
                    if json.stderr.contains(entity) || text.stderr.contains(entity) {
                        problems.push(format!("{entity} in the output: HTML-escaped instead of shown as text"));
                    }
                }
            }
        }
    }
    for also in expect["also"].as_array().into_iter().flatten() {
        let also = also.as_str().expect("also holds field names");
        if named(also).is_none() {
            problems.push(format!("{also} is not named as well (every bad field must be reported)"));
        }
    }
    // The text format names the field and says it in both languages.
    for want in [field, zh, en] {
        if !text.stderr.contains(want) {
            problems.push(format!("--format text lacks {want:?}: {}", cut(&text.stderr)));
        }
    }
    problems
}

#[test]
fn the_catalogue_is_well_formed_and_covers_every_category() {
    let cases = catalogue();
    let mut ids = std::collections::BTreeSet::new();
    let mut refused = 0;
    for case in &cases {
        let id = s(case, "id");
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        assert!(!s(case, "about").is_empty(), "{id}: about is empty");
        assert!(CATEGORIES.contains(&s(case, "category")), "{id}: unknown category {}", case["category"]);
        assert!(["check", "estimate", "assess"].contains(&s(case, "command")), "{id}: unknown command");
        let expect = &case["expect"];
        if expect["ok"].as_bool() == Some(true) {
            assert!(expect.get("field").is_none(), "{id}: an accepted case names no field");
        } else {
            refused += 1;
            for key in ["field", "zh", "en"] {
                assert!(!s(expect, key).is_empty(), "{id}: expect.{key} is empty");
            }
        }
        if case["category"] == "html" {
            assert!(expect["echo"].as_str().is_some_and(|e| e.contains('<')), "{id}: an HTML case must say what is echoed");
        }
    }
    assert!(refused >= MIN_REFUSED, "only {refused} refused cases; the catalogue needs at least {MIN_REFUSED}");
    for c in CATEGORIES {
        assert!(cases.iter().any(|case| case["category"] == *c), "no case in category {c}");
    }
    // The huge-string cases really are 1 MB.
    assert!(cases.iter().filter(|c| c["category"] == "huge-string").all(|c| input_text(c).len() >= 1 << 20));
}

#[test]
fn every_bad_input_is_refused_with_its_field_named_in_zh_and_en() {
    let cases = catalogue();
    let mut failures = Vec::new();
    for case in &cases {
        let problems = check_case(case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", s(case, "id"), problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
