//! The case-file runner `shuzhuan rules test` uses (`shuzhuan_policy::cases`), run in process on
//! every golden case: it must agree with the binary (`crates/cli/tests/cases.rs`), case for case.
#![cfg(all(feature = "toml", feature = "embedded-rules"))]

use shuzhuan_policy::{cases, Date, RuleBundle};
use std::path::Path;

#[test]
fn every_golden_case_passes_in_process() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases");
    let today = Date::new(2026, 11, 22).unwrap();
    let mut total = 0;
    let mut failed = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for r in cases::run_file(&text, RuleBundle::embedded(), today).unwrap() {
            total += 1;
            if !r.failures.is_empty() {
                failed.push(format!("{} :: {}\n    {}", path.display(), r.name, r.failures.join("\n    ")));
            }
        }
    }
    assert!(total >= 300, "only {total} cases");
    assert!(failed.is_empty(), "{} failed:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn a_wrong_expectation_fails_with_its_path() {
    let text = r#"
[[case]]
name = "wrong on purpose"
clause = "工信部联企业〔2011〕300号 第四条"
input = { as_of = "2025-06-30", profile = { industry = "3973", employees = 250, revenue_yuan = "500000000" } }
[case.expect]
"sme.class" = "large"
"#;
    let r = cases::run_file(text, RuleBundle::embedded(), Date::new(2026, 11, 22).unwrap()).unwrap();
    assert_eq!(r[0].failures, vec![r#"sme.class: expected "large", got "small""#.to_string()]);
}
