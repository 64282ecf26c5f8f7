//! `cargo bench -p shuzhuan-policy`: evaluate every programme for one profile (the full report
//! and the compact answer), estimate one programme (both answers), the npm package's per-firm work
//! from text, and search the industry catalogue. Figures go to docs/performance.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use shuzhuan_policy::input::{parse_check_input, parse_estimate_input};
use shuzhuan_policy::outcomes::{check_outcomes, estimate_outcomes};
use shuzhuan_policy::{check, estimate, Date, Lang, RuleBundle};

fn benches(c: &mut Criterion) {
    let bundle = RuleBundle::embedded();
    let today = Date::new(2025, 6, 30).unwrap();
    let input = parse_check_input(
        r#"{"profile": {"industry": "3973", "employees": 120, "revenue_yuan": "85000000",
            "region": "350203", "independent_legal_person": true, "bad_credit_last_3_years": false}}"#,
    )
    .unwrap();
    c.bench_function("check: all programmes, one profile", |b| b.iter(|| check(black_box(&input), bundle, today, Lang::Zh)));
    // Issue 17: the compact answer's evaluation (SME class, statuses, verdicts, outcomes), no sentence.
    c.bench_function("check outcomes: all programmes, one profile", |b| b.iter(|| check_outcomes(black_box(&input), bundle, today)));
    let json =
        r#"{"as_of": "2025-06-30", "profile": {"industry": "3973", "employees": 120, "revenue_yuan": "85000000", "region": "350203"}}"#;
    c.bench_function("check_json: parse + evaluate", |b| b.iter(|| shuzhuan_policy::check_json(black_box(json), bundle, today, Lang::Zh)));
    let est = parse_estimate_input(
        r#"{"programme": "xiamen-2024", "project": {"digital_level_after": 3, "eligible_input_yuan": "800000",
            "contract_down_payment_yuan": "300000", "diagnosis_fee_yuan": "80000", "cloud_fee_yuan": "200000"}}"#,
    )
    .unwrap();
    c.bench_function("estimate: xiamen-2024", |b| b.iter(|| estimate(black_box(&est), bundle, today, Lang::Zh)));
    c.bench_function("estimate outcomes: xiamen-2024", |b| b.iter(|| estimate_outcomes(black_box(&est), bundle, today)));
    // The npm package's work per firm in bench-pkg.mjs, natively and from text as the package
    // gets it (options read, input walked, evaluated, answer serialised): check + estimate.
    let firm = r#"{"profile": {"industry": "3973", "employees": 120, "revenue_yuan": "85000000", "total_assets_yuan": "20000000", "region": "350203"}}"#;
    let firm_estimate = r#"{"programme": "xiamen-2024", "profile": {"industry": "3973", "employees": 120, "revenue_yuan": "85000000",
        "total_assets_yuan": "20000000", "region": "350203"}, "project": {"digital_level_after": 3, "eligible_input_yuan": "800000",
        "contract_down_payment_yuan": "300000"}}"#;
    for (name, options) in [
        ("contract text: check + estimate, compact answer", r#"{"as_of": "2025-06-30", "detail": "outcomes"}"#),
        ("contract text: check + estimate, full reports", r#"{"as_of": "2025-06-30"}"#),
    ] {
        use shuzhuan_policy::contract::run;
        c.bench_function(name, |b| b.iter(|| (run("check", black_box(firm), options), run("estimate", black_box(firm_estimate), options))));
    }
    let cat = shuzhuan_policy::catalogue::catalogue();
    // What the app does once at start (boot.js's `prepare`): read the embedded rules.
    c.bench_function("embedded rules: read", |b| b.iter(shuzhuan_policy::RuleBundle::read_embedded));
    c.bench_function("industry search: 电子", |b| b.iter(|| cat.search(black_box("电子"), 20)));
    // Issue 15: a pack of 50 programmes (the worked example under 50 ids), read and validated as
    // the shells read rules.json (scripts/pack-timing.mjs times the same in the browser).
    let example = include_str!("../../../examples/rule-pack/example-2026.toml");
    let sources: Vec<(String, String)> = (1..=50)
        .map(|i| {
            let id = format!("example-2026-{i:03}");
            (format!("{id}.toml"), example.replace("id = \"example-2026\"\n", &format!("id = \"{id}\"\n")))
        })
        .collect();
    let pack = shuzhuan_policy::bundle::build_pack(&sources).expect("the example validates");
    c.bench_function("pack of 50 programmes: read", |b| b.iter(|| RuleBundle::from_pack_json(black_box(&pack), "bench").unwrap()));
}

criterion_group!(all, benches);
criterion_main!(all);
