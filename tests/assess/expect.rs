//! Checks an `assess` report (as JSON) against the `expect` block of a case in `tests/assess/`.
//! Shared by `crates/policy/tests/assess_cases.rs` (through the library) and
//! `crates/cli/tests/assess.rs` (through the `shuzhuan` binary); both include this file.

use serde_json::Value as Json;

/// `"44.450"`, `44.45` and `"44.45"` are the same number.
fn num_text(v: &Json) -> Option<String> {
    let s = match v {
        Json::String(s) => s.clone(),
        Json::Number(n) => n.to_string(),
        _ => return None,
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty() || !int.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    Some(if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") })
}

fn same(actual: &Json, expected: &Json) -> bool {
    match (num_text(actual), num_text(expected)) {
        (Some(a), Some(e)) => a == e,
        _ => actual == expected,
    }
}

fn cmp(problems: &mut Vec<String>, what: &str, actual: Option<&Json>, expected: &Json) {
    let actual = actual.unwrap_or(&Json::Null);
    if !same(actual, expected) {
        problems.push(format!("{what}: expected {expected}, got {actual}"));
    }
}

fn find<'a>(list: Option<&'a Json>, key: &str, value: &str) -> Option<&'a Json> {
    list?.as_array()?.iter().find(|x| x.pointer(key).and_then(Json::as_str) == Some(value))
}

fn ids(list: Option<&Json>, key: &str) -> Json {
    Json::Array(list.and_then(Json::as_array).map(|a| a.iter().filter_map(|x| x.get(key).cloned()).collect()).unwrap_or_default())
}

/// Every difference between `report` and `expect`, and every expectation key this checker does
/// not know (so a typo in a case fails instead of passing silently).
pub fn check(report: &Json, expect: &Json) -> Vec<String> {
    let mut p = Vec::new();
    if report.get("estimate") != Some(&Json::Bool(true)) {
        p.push("the report is not labelled an estimate".into());
    }
    let caveats = report.get("caveats").and_then(Json::as_array).cloned().unwrap_or_default();
    if caveats.len() < 2 || caveats.iter().any(|c| c["zh"].as_str().unwrap_or("").is_empty() || c["en"].as_str().unwrap_or("").is_empty()) {
        p.push("the caveats (zh and en) are missing".into());
    }
    let Some(expect) = expect.as_object() else { return vec!["expect is not an object".into()] };
    for (key, want) in expect {
        match key.as_str() {
            "score" | "level" | "level_by_score" | "level_by_scenarios" | "complete" => cmp(&mut p, key, report.get(key), want),
            "edition_2022" => cmp(&mut p, key, report.pointer("/edition_2022/level"), want),
            "answered_questions" => cmp(&mut p, key, report.pointer("/progress/questions"), want),
            "answered_scenarios" => cmp(&mut p, key, report.pointer("/progress/scenarios"), want),
            "dimensions" | "items" | "questions" => {
                let dims = report["dimensions"].as_array().cloned().unwrap_or_default();
                let items: Vec<Json> = dims.iter().flat_map(|d| d["items"].as_array().cloned().unwrap_or_default()).collect();
                let questions: Vec<Json> = items.iter().flat_map(|i| i["questions"].as_array().cloned().unwrap_or_default()).collect();
                for (name, v) in want.as_object().into_iter().flatten() {
                    let found = match key.as_str() {
                        "dimensions" => dims.iter().find(|d| d.pointer("/name/zh").and_then(Json::as_str) == Some(name)),
                        "items" => items.iter().find(|i| i.pointer("/name/zh").and_then(Json::as_str) == Some(name)),
                        _ => questions.iter().find(|q| q.get("id").and_then(Json::as_str) == Some(name)),
                    };
                    match found {
                        Some(x) => cmp(&mut p, &format!("{key}.{name}"), x.get("score"), v),
                        None => p.push(format!("{key}.{name}: not in the report")),
                    }
                }
            }
            "next" => {
                let next = report.get("next").unwrap_or(&Json::Null);
                if want.is_null() || next.is_null() {
                    if want.is_null() != next.is_null() {
                        p.push(format!("next: expected {want}, got {}", if next.is_null() { "null" } else { "a gap" }));
                    }
                    continue;
                }
                for (k, v) in want.as_object().into_iter().flatten() {
                    let what = format!("next.{k}");
                    match k.as_str() {
                        "target" | "points_short" | "scenes_short" | "binding_short" | "plan_steps" | "plan_points" | "limited_by" => {
                            cmp(&mut p, &what, next.get(k), v)
                        }
                        "changed_questions" => cmp(&mut p, &what, Some(&ids(next.get("answer_changes"), "question")), v),
                        "raised_scenarios" => cmp(&mut p, &what, Some(&ids(next.get("scenario_raises"), "id")), v),
                        other => p.push(format!("unknown expectation next.{other}")),
                    }
                }
            }
            "xiamen_cap" | "xiamen_amount" => {
                let m = find(report.get("subsidies"), "/programme", "xiamen-2024").and_then(|x| x.pointer("/measures/0"));
                let (a, b) = if key == "xiamen_cap" { ("from_cap_yuan", "to_cap_yuan") } else { ("from_amount_yuan", "to_amount_yuan") };
                let got = Json::Array(vec![
                    m.and_then(|m| m.get(a)).cloned().unwrap_or(Json::Null),
                    m.and_then(|m| m.get(b)).cloned().unwrap_or(Json::Null),
                ]);
                let ok = want.as_array().is_some_and(|w| w.len() == 2 && same(&got[0], &w[0]) && same(&got[1], &w[1]));
                if !ok {
                    p.push(format!("{key}: expected {want}, got {got}"));
                }
            }
            other => p.push(format!("unknown expectation {other}")),
        }
    }
    p
}
