//! Estimator rules that no seed programme uses yet, on small rule files written here: 就高不重复
//! (`rule = "highest"`), and a pilot year derived from a known approval date (docs/readings.md
//! §5, §6). The seed programmes' own cases are in tests/cases.
#![cfg(feature = "toml")]

use serde_json::{json, Value};
use shuzhuan_policy::{estimate_json, Date, Lang, RuleBundle};

const HEAD: &str = r#"
schema = 2
id = "demo"
audience = "enterprise"
city = { code = "3502", zh = "厦门市", en = "Xiamen" }
title = { zh = "示例", en = "Example" }
issuer = { zh = "示例", en = "Example" }
source_kind = "official"
issued = 2024-01-01
valid_from = 2024-01-01
valid_until = 2027-12-31
validity_source = { clause = "附则", quote = "有效期至2027年12月31日。" }
checked = 2024-01-01
PILOT
[[questions]]
id = "eligible_input_yuan"
kind = "yuan"
scope = "project"
label = { zh = "eligible_input_yuan", en = "eligible_input_yuan" }
source = { clause = "一", quote = "上云费用30%。" }
[[questions]]
id = "cloud_fee_yuan"
kind = "yuan"
scope = "project"
label = { zh = "cloud_fee_yuan", en = "cloud_fee_yuan" }
source = { clause = "一", quote = "上云费用30%。" }
[[questions]]
id = "diagnosis_fee_yuan"
kind = "yuan"
scope = "project"
label = { zh = "diagnosis_fee_yuan", en = "diagnosis_fee_yuan" }
source = { clause = "一", quote = "上云费用30%。" }

[[versions]]
id = "v1"
from = 2024-01-01
until = 2027-12-31
[[versions.criteria]]
id = "in_force"
when = "in_force"
title = { zh = "有效", en = "In force" }
source = { clause = "附则", quote = "有效期至2027年12月31日。" }
[[versions.measures]]
id = "cloud"
title = { zh = "上云", en = "Cloud" }
source = { clause = "一", quote = "上云费用30%。" }
formula = { kind = "ratio_capped", input = "cloud_fee_yuan", ratio = "0.3", cap = "300000" }
[[versions.measures]]
id = "diagnosis"
title = { zh = "诊断", en = "Diagnosis" }
source = { clause = "二", quote = "诊断费用60%。" }
formula = { kind = "ratio_capped", input = "diagnosis_fee_yuan", ratio = "0.6", cap = "60000" }
[[versions.measures]]
id = "transformation"
title = { zh = "改造", en = "Transformation" }
source = { clause = "三", quote = "第一年50%，第二年40%。" }
formula = { kind = "ratio_capped_by_level", input = "eligible_input_yuan", ratio_by_year = { "1" = "0.5", "2" = "0.4" }, caps_by_level = { "2" = "500000" } }
[[versions.overlaps]]
id = "same-spending"
measures = ["cloud", "diagnosis"]
rule = "highest"
text = { zh = "同一笔支出就高不重复。", en = "The same spending: the higher only." }
source = { clause = "四", quote = "就高不重复。" }
"#;

fn bundle(pilot: &str) -> RuleBundle {
    RuleBundle::from_sources(&[("demo.toml".into(), HEAD.replace("PILOT", pilot))], "test").unwrap_or_else(|e| panic!("{e}"))
}

fn estimate(b: &RuleBundle, as_of: &str, project: Value) -> Value {
    let input = json!({"programme": "demo", "as_of": as_of, "profile": {}, "project": project});
    let r = estimate_json(&input.to_string(), b, Date::new(2025, 1, 1).unwrap(), Lang::Zh).unwrap_or_else(|e| panic!("{e:?}"));
    serde_json::to_value(r).unwrap()
}

fn measure<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["measures"].as_array().unwrap().iter().find(|m| m["id"] == id).unwrap()
}

/// 就高不重复: cloud 30 % × 20万 = 6万, diagnosis 60 % × 8万 = 4.8万 → only the 6万 counts.
#[test]
fn highest_only_counts_the_higher_line() {
    let b = bundle("");
    let r = estimate(&b, "2025-06-30", json!({"cloud_fee_yuan": "200000", "diagnosis_fee_yuan": "80000"}));
    assert_eq!(r["total_yuan"], "60000");
    assert_eq!(measure(&r, "cloud")["in_total"], true);
    assert_eq!(measure(&r, "diagnosis")["in_total"], false);
    assert_eq!(measure(&r, "diagnosis")["amount_yuan"], "48000", "the line not counted is still shown with its amount");
    assert!(measure(&r, "diagnosis")["stacking"].as_str().unwrap().contains("就高不重复"));
    assert_eq!(r["overlaps"][0]["counted"], json!(["cloud"]));
    assert_eq!(r["overlaps"][0]["not_counted"], json!(["diagnosis"]));
    // With one line only, nothing is dropped.
    let r = estimate(&b, "2025-06-30", json!({"diagnosis_fee_yuan": "80000"}));
    assert_eq!(r["total_yuan"], "48000");
    assert_eq!(r["overlaps"][0]["not_counted"], json!([]));
}

/// Approved 2024-06-01: year 1 until 2025-05-31, year 2 until 2026-05-31, then the ratios end.
/// 80万 at level 2: year 1 → 40万, year 2 → 32万.
#[test]
fn the_pilot_year_comes_from_the_approval_date() {
    let b = bundle("pilot_approved = 2024-06-01");
    let p = json!({"digital_level_after": 2, "eligible_input_yuan": "800000"});
    let at = |d: &str| estimate(&b, d, p.clone());
    assert_eq!(measure(&at("2025-05-31"), "transformation")["amount_yuan"], "400000");
    assert_eq!(measure(&at("2025-06-01"), "transformation")["amount_yuan"], "320000");
    assert_eq!(measure(&at("2026-05-31"), "transformation")["amount_yuan"], "320000");
    let ended = at("2026-06-01");
    assert_eq!(measure(&ended, "transformation")["status"], "not_applicable");
    assert!(measure(&ended, "transformation")["explanation"].as_str().unwrap().contains("2026年5月31日"));
    // A year the user enters does not override the derived one; the report says so.
    let given = estimate(&b, "2025-06-30", json!({"digital_level_after": 2, "eligible_input_yuan": "800000", "implementation_year": 1}));
    assert_eq!(measure(&given, "transformation")["amount_yuan"], "320000");
    assert!(given["notices"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("第1年未采用")), "{}", given["notices"]);
}

/// Without an approval date the year is unknown: both years shown, the lower counted; a year the
/// user enters is used (and said to be).
#[test]
fn without_an_approval_date_the_lower_year_counts() {
    let b = bundle("");
    let r = estimate(&b, "2025-06-30", json!({"digital_level_after": 2, "eligible_input_yuan": "800000"}));
    assert_eq!(measure(&r, "transformation")["amount_yuan"], "320000");
    assert_eq!(measure(&r, "transformation")["by_year"].as_array().unwrap().len(), 2);
    let r = estimate(&b, "2025-06-30", json!({"digital_level_after": 2, "eligible_input_yuan": "800000", "implementation_year": 1}));
    assert_eq!(measure(&r, "transformation")["amount_yuan"], "400000");
    assert!(measure(&r, "transformation")["explanation"].as_str().unwrap().contains("所填实施第1年"));
}

/// Two versions with different awards: the version checked is the one in force on the date the
/// estimate is made on. Options' `as_of` (the CLI's `--as-of`) overrides the input's own `as_of`,
/// so an award of the later version is accepted, and one of the earlier version refused, even
/// when the input names a date in the earlier version.
#[test]
fn the_version_checked_is_the_one_of_the_date_evaluated() {
    // The seed head's one version becomes v2 (from 2025), with v1 (2024) before it.
    let v1 = r#"[[versions]]
id = "v1"
from = 2024-01-01
until = 2024-12-31
[[versions.criteria]]
id = "in_force"
when = "in_force"
title = { zh = "有效", en = "In force" }
source = { clause = "附则", quote = "有效期至2027年12月31日。" }
[[versions.measures]]
id = "early-award"
title = { zh = "早期奖", en = "Early award" }
source = { clause = "五", quote = "奖励5万元。" }
formula = { kind = "award", amount = "50000", up_to = false }

[[versions]]
id = "v2"
from = 2025-01-01
until = 2027-12-31"#;
    let late = "[[versions.measures]]\nid = \"late-award\"\ntitle = { zh = \"奖\", en = \"Award\" }\nsource = { clause = \"五\", quote = \"奖励10万元。\" }\nformula = { kind = \"award\", amount = \"100000\", up_to = false }\n\n[[versions.measures]]\nid = \"cloud\"";
    let two = HEAD
        .replace("PILOT", "")
        .replace("[[versions]]\nid = \"v1\"\nfrom = 2024-01-01\nuntil = 2027-12-31", v1)
        .replace("[[versions.measures]]\nid = \"cloud\"", late);
    let b = RuleBundle::from_sources(&[("demo.toml".into(), two)], "test").unwrap_or_else(|e| panic!("{e}"));
    let run = |award: &str, options: &str| {
        let input = json!({"programme": "demo", "as_of": "2024-06-30", "profile": {}, "project": {"awards": [award]}});
        let options = shuzhuan_policy::contract::Options::from_json(options).unwrap();
        shuzhuan_policy::contract::evaluate_with(&b, "estimate", &input.to_string(), &options)
    };
    // On the input's own date (v1), the early award is known and the late one is not.
    assert!(run("early-award", "{}").is_ok());
    let e = run("late-award", "{}").unwrap_err();
    assert_eq!(e.errors[0].field, "project.awards[0]", "{e:?}");
    // On the options' as_of (v2), the other way round.
    let out: Value = serde_json::from_str(&run("late-award", r#"{"as_of": "2025-06-30"}"#).unwrap()).unwrap();
    assert_eq!(out["total_yuan"], "100000", "{out}");
    let e = run("early-award", r#"{"as_of": "2025-06-30"}"#).unwrap_err();
    assert_eq!(e.errors[0].field, "project.awards[0]", "{e:?}");
}
