//! The hand-computed self-assessment cases in `tests/assess/*.json`, run through the library
//! (`assess_json`); `crates/cli/tests/assess.rs` runs the same files through the binary.
#![cfg(feature = "embedded-rules")]

#[path = "../../../tests/assess/expect.rs"]
mod expect;

use serde_json::Value as Json;
use shuzhuan_policy::assess::{assess_json, parse_assess_input};
use shuzhuan_policy::{Date, RuleBundle};
use std::path::{Path, PathBuf};

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/assess");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/assess exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn hand_computed_cases() {
    let today = Date::new(2025, 6, 30).unwrap();
    let (mut scoring, mut errors, mut failures) = (0, 0, Vec::new());
    for f in case_files() {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let case: Json = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(case["explanation"].as_str().is_some_and(|s| !s.trim().is_empty()), "{name}: a case explains how it was computed");
        if let Some(e) = case.get("expect_error") {
            errors += 1;
            let text = case["input_json"].as_str().expect("an error case has input_json");
            let field = e["field"].as_str().unwrap();
            match assess_json(text, RuleBundle::embedded(), today) {
                Ok(_) => failures.push(format!("{name}: accepted, expected an error on {field}")),
                Err(errs) => {
                    let Some(hit) = errs.errors.iter().find(|x| x.field == field) else {
                        failures.push(format!("{name}: no error on {field}: {errs:?}"));
                        continue;
                    };
                    if hit.message.zh.is_empty() || hit.message.en.is_empty() {
                        failures.push(format!("{name}: message lacks zh or en"));
                    }
                    if let Some(sub) = e.get("contains").and_then(Json::as_str) {
                        if !hit.message.zh.contains(sub) && !hit.message.en.contains(sub) {
                            failures.push(format!("{name}: message does not mention {sub:?}: {hit:?}"));
                        }
                    }
                }
            }
            continue;
        }
        scoring += 1;
        let input = case["input"].to_string();
        let report = match assess_json(&input, RuleBundle::embedded(), today) {
            Ok(r) => serde_json::to_value(&r).unwrap(),
            Err(e) => {
                failures.push(format!("{name}: refused: {e}"));
                continue;
            }
        };
        let problems = expect::check(&report, &case["expect"]);
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n    {}", case["name"], problems.join("\n    ")));
        }
        // The input survives a round trip through Answers::to_json.
        let parsed = parse_assess_input(&input).unwrap();
        assert_eq!(parse_assess_input(&parsed.answers.to_json()).unwrap().answers, parsed.answers, "{name}");
    }
    assert!(scoring >= 24 && errors >= 10, "only {scoring} scoring and {errors} error cases");
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{scoring} scoring cases and {errors} error cases passed");
}

/// The embedded questionnaire is the reference file it was copied from, byte for byte: its
/// SHA-256 is recorded in `crates/policy/data/SHA256SUMS` (checked in `tests/rules.rs`), so this
/// test needs nothing outside the repository and cannot be skipped.
#[test]
fn embedded_questionnaire_loads_without_problems() {
    assert_eq!(shuzhuan_policy::assess::load_problems(), Vec::<String>::new());
}
