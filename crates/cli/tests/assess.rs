//! `shuzhuan assess` through the built binary: every hand-computed case in `tests/assess/`
//! (JSON on stdin, JSON report on stdout, exit 0; bad input: exit 2 and `{"errors": […]}` on
//! stderr), the template, text output in both languages.

#[path = "../../../tests/assess/expect.rs"]
mod expect;

use serde_json::Value as Json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn shuzhuan(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shuzhuan"))
        .args(args)
        .env("SHUZHUAN_TODAY", "2025-06-30")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A refused argument can end the binary before it reads stdin: a broken pipe is not a failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/assess")
}

#[test]
fn hand_computed_cases_through_the_binary() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut n = 0;
    for f in &files {
        n += 1;
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let case: Json = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        if let Some(e) = case.get("expect_error") {
            let (code, out, err) = shuzhuan(&["assess", "-", "--format", "json"], case["input_json"].as_str().unwrap());
            let field = e["field"].as_str().unwrap();
            if code != 2 || !out.is_empty() {
                failures.push(format!("{name}: expected exit 2 and no stdout, got {code}: {out}"));
                continue;
            }
            let errs: Json = serde_json::from_str(&err).unwrap_or(Json::Null);
            let hit = errs["errors"].as_array().and_then(|a| a.iter().find(|x| x["field"] == field));
            match hit {
                Some(h)
                    if h["message"]["zh"].as_str().is_some_and(|s| !s.is_empty())
                        && h["message"]["en"].as_str().is_some_and(|s| !s.is_empty()) => {}
                _ => failures.push(format!("{name}: no zh+en error on {field}: {err}")),
            }
            continue;
        }
        let (code, out, err) = shuzhuan(&["assess", "--format", "json"], &case["input"].to_string());
        if code != 0 {
            failures.push(format!("{name}: exit {code}: {err}"));
            continue;
        }
        let report: Json = serde_json::from_str(&out).unwrap();
        let problems = expect::check(&report, &case["expect"]);
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    assert!(n >= 34, "only {n} case files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_template_is_blank_valid_input() {
    let (code, template, _) = shuzhuan(&["assess", "--template"], "");
    assert_eq!(code, 0);
    assert!(template.contains("\"Q1\": []") && template.contains("\"Q15\": null") && template.contains("\"S16\": null"), "{template}");
    let (code, out, err) = shuzhuan(&["assess"], &template);
    assert_eq!(code, 0, "{err}");
    let r: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(r["score"], "0");
    assert_eq!(r["complete"], false);
    assert_eq!(r["unanswered_questions"].as_array().unwrap().len(), 15);
    // The questionnaire itself, for reading: options with their scores, scenario descriptors.
    let (code, text, _) = shuzhuan(&["assess", "--template", "--format", "text"], "");
    assert_eq!(code, 0);
    assert!(text.contains("Q4 企业实现数据自动采集的业务环节覆盖范围") && text.contains("O. 人力资源 [0.9]"), "{text}");
    assert!(text.contains("S12* 仓储物流") && text.contains("实现仓储管理信息化系统与生产、采购、财务等信息化系统的数字化协同。"));
}

#[test]
fn text_report_in_both_languages_and_a_file_argument() {
    let file = cases_dir().join("15-mixed-with-none.json");
    let case: Json = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let input = std::env::temp_dir().join(format!("shuzhuan-assess-{}.json", std::process::id()));
    std::fs::write(&input, case["input"].to_string()).unwrap();
    let path = input.to_str().unwrap();
    let (code, zh, _) = shuzhuan(&["assess", path, "--format", "text"], "");
    assert_eq!(code, 0);
    assert!(zh.contains("估计等级：二级（总分 44.45 / 100）"), "{zh}");
    assert!(zh.contains("达到三级后，厦门市试点企业数字化改造补助上限由 25万元 提高到 35万元"), "{zh}");
    assert!(zh.contains("现场评定") && zh.contains("未经核实"), "the caveats are shown: {zh}");
    let (code, en, _) = shuzhuan(&["assess", path, "--format", "text", "--lang", "en"], "");
    assert_eq!(code, 0);
    assert!(en.contains("Estimated level: level 2 (score 44.45 of 100)"), "{en}");
    assert!(
        en.contains(
            "Level 3 raises the cap of Xiamen's subsidy for the pilot firm's digital transformation from CNY 250,000 to CNY 350,000"
        ),
        "{en}"
    );
    assert!(en.contains("rated on site by a third-party evaluator"));
    // --as-of picks the rules of another day: on 2026-11-22 Xiamen's plan has expired.
    let (_, out, _) = shuzhuan(&["assess", path, "--as-of", "2026-11-22"], "");
    let r: Json = serde_json::from_str(&out).unwrap();
    let xm = r["subsidies"].as_array().unwrap().iter().find(|p| p["programme"] == "xiamen-2024").unwrap();
    assert_eq!(xm["status"], "expired");
    assert_eq!(r["as_of"], "2026-11-22");
    std::fs::remove_file(&input).ok();
}

#[test]
fn bad_answers_in_text_mode_name_the_field_on_stderr() {
    let (code, out, err) =
        shuzhuan(&["assess", "--format", "text"], r#"{"answers": {"Q1": ["A", "C"], "Q2": ["B", "C"]}, "scenarios": {"S1": 9}}"#);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    for f in ["answers.Q1", "answers.Q2", "scenarios.S1"] {
        assert!(err.contains(&format!("error: {f}: ")), "{f} not named: {err}");
    }
    let (code, _, err) = shuzhuan(&["assess", "--format", "json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("\"field\": \"input\""), "{err}");
}

/// The contract call the WASM export uses gives the same report as the binary.
#[test]
fn contract_matches_the_binary() {
    let input = r#"{"answers": {"Q5": "E", "Q12": "C", "Q14": "C"}, "scenarios": {"S1": 1, "S3": 1, "S6": 1, "S2": 1, "S4": 1, "S5": 1}}"#;
    let (code, out, _) = shuzhuan(&["assess"], input);
    assert_eq!(code, 0);
    let native: Json = serde_json::from_str(&out).unwrap();
    let wasm: Json = serde_json::from_str(&shuzhuan_policy::contract::run("assess", input, r#"{"today": "2025-06-30"}"#)).unwrap();
    assert_eq!(native, wasm);
    assert_eq!(native["level"], 1);
}
