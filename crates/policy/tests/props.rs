//! Property tests: no input panics; every subsidy stays within its cap and its ratio × input;
//! amounts never fall as an input or the level rises; the SME class never grows as an
//! indicator falls.
#![cfg(feature = "embedded-rules")]

use proptest::prelude::*;
use rust_decimal::Decimal;
use shuzhuan_policy::estimate::MeasureStatus;
use shuzhuan_policy::input::{parse_check_input, parse_estimate_input, Profile};
use shuzhuan_policy::rules::Formula;
use shuzhuan_policy::sme::{assess, SmeClass, Tri};
use shuzhuan_policy::{check_json, estimate_json, Date, Lang, RuleBundle};

fn today() -> Date {
    Date::new(2025, 6, 30).unwrap()
}

/// JSON-ish values for a field: numbers, strings of every kind, booleans, nulls, arrays.
fn any_field() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|i| serde_json::json!(i)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| serde_json::json!(f)),
        ".{0,30}".prop_map(serde_json::Value::String),
        "[0-9０-９,.万亿元e+-]{0,24}".prop_map(serde_json::Value::String),
        "[A-Za-z0-9]{0,20}".prop_map(serde_json::Value::String),
        Just(serde_json::json!([1, "x"])),
        Just(serde_json::json!({"a": 1})),
    ]
}

const PROFILE_KEYS: &[&str] = &[
    "industry",
    "employees",
    "revenue_yuan",
    "total_assets_yuan",
    "region",
    "uscc",
    "independent_legal_person",
    "bad_credit_last_3_years",
    "above_designated_size",
    "unknown_key",
];
const PROJECT_KEYS: &[&str] = &[
    "digital_level_after",
    "eligible_input_yuan",
    "contract_down_payment_yuan",
    "diagnosis_fee_yuan",
    "cloud_fee_yuan",
    "equipment_input_last_year_yuan",
    "chain_enterprises_completed",
    "training_person_days",
    "implementation_year",
    "ratio",
    "caps_yuan",
    "awards",
    "identifier_registrations_per_year",
    "identifier_min_monthly_resolutions",
    "platform_service_revenue_yuan",
    "national_cross_industry_platform",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = check_json(&s, RuleBundle::embedded(), today(), Lang::Zh);
        let _ = estimate_json(&s, RuleBundle::embedded(), today(), Lang::En);
    }

    #[test]
    fn arbitrary_field_values_never_panic(
        vals in proptest::collection::vec(any_field(), PROFILE_KEYS.len()),
        pvals in proptest::collection::vec(any_field(), PROJECT_KEYS.len()),
        as_of in any_field(),
        prog in prop_oneof![Just("xiamen-2024"), Just("jinhua-2024"), Just("jinan-2024"), Just("fuzhou-2024"), Just("fuzhou-providers-2024"), Just("nope")],
    ) {
        let profile: serde_json::Map<String, serde_json::Value> = PROFILE_KEYS.iter().map(|k| k.to_string()).zip(vals).collect();
        let project: serde_json::Map<String, serde_json::Value> = PROJECT_KEYS.iter().map(|k| k.to_string()).zip(pvals).collect();
        let input = serde_json::json!({"as_of": as_of, "profile": profile}).to_string();
        let _ = check_json(&input, RuleBundle::embedded(), today(), Lang::Zh);
        let input = serde_json::json!({"programme": prog, "as_of": as_of, "profile": profile, "project": project}).to_string();
        let _ = estimate_json(&input, RuleBundle::embedded(), today(), Lang::Zh);
    }
}

/// A plausible project for the estimators.
fn project() -> impl Strategy<Value = serde_json::Value> {
    (1u8..=4, 0u64..3_000_000, 0u64..600_000, 0u64..200_000, 0u64..2_000_000, 0u64..8_000_000, 0u32..20, 0u32..500, 1u8..=2).prop_map(
        |(level, input, dp, diag, cloud, equip, chain, days, year)| {
            serde_json::json!({
                "digital_level_after": level, "eligible_input_yuan": input.to_string(),
                "contract_down_payment_yuan": dp.to_string(), "diagnosis_fee_yuan": diag.to_string(),
                "cloud_fee_yuan": cloud.to_string(), "equipment_input_last_year_yuan": equip.to_string(),
                "chain_enterprises_completed": chain, "training_person_days": days, "implementation_year": year,
                "ratio": "0.3", "caps_yuan": {"2": "200000", "3": "300000", "4": "400000"}
            })
        },
    )
}

fn estimate_of(programme: &str, project: &serde_json::Value) -> shuzhuan_policy::EstimateReport {
    let mut project = project.clone();
    // Fuzhou's amounts are not graded by level: one cap (docs/readings.md §5).
    if programme == "fuzhou-2024" {
        project["caps_yuan"] = serde_json::json!("300000");
    }
    let text = serde_json::json!({"programme": programme, "as_of": "2025-06-30", "project": project}).to_string();
    let input = parse_estimate_input(&text).expect("generated input is valid");
    shuzhuan_policy::estimate(&input, RuleBundle::embedded(), today(), Lang::Zh).expect("estimate")
}

fn dec(v: &serde_json::Value) -> Decimal {
    v.as_str().map(|s| s.parse().unwrap()).or_else(|| v.as_u64().map(Decimal::from)).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// subsidy ≤ cap and ≤ ratio × input, for every measure of every programme.
    #[test]
    fn subsidy_within_cap_and_ratio(p in project(), prog in prop_oneof![Just("xiamen-2024"), Just("jinhua-2024"), Just("jinan-2024"), Just("fuzhou-2024")]) {
        let r = estimate_of(prog, &p);
        let programme = RuleBundle::embedded().get(prog).unwrap();
        let version = programme.version_on(today());
        let (mut own, mut others) = (Decimal::ZERO, Decimal::ZERO);
        for m in &r.measures {
            prop_assert!(m.amount_yuan >= Decimal::ZERO);
            if m.in_total {
                own += m.amount_yuan;
            } else if m.paid_to == shuzhuan_policy::estimate::Payee::Other {
                others += m.amount_yuan;
            }
            // A line of the enterprise's own that pays is in its total (no overlap here drops one).
            if m.paid_to == shuzhuan_policy::estimate::Payee::Enterprise && m.amount_yuan > Decimal::ZERO {
                prop_assert!(m.in_total, "{} pays the enterprise {} but is not in its total", m.id, m.amount_yuan);
            }
            if let Some(cap) = m.cap_yuan {
                prop_assert!(m.amount_yuan <= cap, "{} amount {} > cap {}", m.id, m.amount_yuan, cap);
            }
            let rule = version.measures.iter().find(|x| x.id == m.id).unwrap();
            let bound = match &rule.formula {
                Formula::RatioCapped { input, ratio, .. } | Formula::RatioInBand { input, ratio, .. } => Some(*ratio * dec(&p[input.as_str()])),
                Formula::RatioCappedByLevel { input, ratio, ratio_by_year, .. } => {
                    let r = ratio.unwrap_or_else(|| ratio_by_year[&p["implementation_year"].to_string()]);
                    Some(r * dec(&p[input.as_str()]))
                }
                Formula::UserParameters { input, .. } => Some(dec(&p["ratio"]) * dec(&p[input.as_str()])),
                _ => None,
            };
            if let Some(b) = bound {
                prop_assert!(m.amount_yuan <= b.round_dp(2), "{} amount {} > ratio × input {}", m.id, m.amount_yuan, b);
            }
            if m.status != MeasureStatus::Computed {
                prop_assert_eq!(m.amount_yuan, Decimal::ZERO, "{} contributes without being computed", &m.id);
            }
        }
        prop_assert_eq!(own, r.total_yuan, "the total is the enterprise's own lines");
        prop_assert_eq!(others, r.paid_to_others_yuan, "the others' subtotal is the lines paid to others");
        let paid: Decimal = r.instalments.iter().map(|i| i.amount_yuan).sum();
        if let Some(t) = r.measures.iter().find(|m| m.id == "xm-8-transformation") {
            if t.status == MeasureStatus::Computed {
                let first = r.instalments.iter().find(|i| i.stage == "first").map(|i| i.amount_yuan).unwrap_or_default();
                prop_assert_eq!(paid, t.amount_yuan.max(first), "instalments do not add up to the subsidy");
            }
        }
    }

    /// Raising the eligible input or the level never lowers a level-graded or ratio subsidy.
    #[test]
    fn amounts_never_decrease_as_input_or_level_rises(p in project(), extra in 0u64..2_000_000, prog in prop_oneof![Just("xiamen-2024"), Just("jinhua-2024"), Just("jinan-2024")]) {
        let base = estimate_of(prog, &p);
        let mut more_input = p.clone();
        more_input["eligible_input_yuan"] = serde_json::json!((dec(&p["eligible_input_yuan"]) + Decimal::from(extra)).to_string());
        let mut more_level = p.clone();
        more_level["digital_level_after"] = serde_json::json!((p["digital_level_after"].as_u64().unwrap() + 1).min(4));
        let mut more_fees = p.clone();
        for k in ["diagnosis_fee_yuan", "cloud_fee_yuan", "contract_down_payment_yuan"] {
            more_fees[k] = serde_json::json!((dec(&p[k]) + Decimal::from(extra)).to_string());
        }
        more_fees["chain_enterprises_completed"] = serde_json::json!(p["chain_enterprises_completed"].as_u64().unwrap() + 1);
        for bigger in [estimate_of(prog, &more_input), estimate_of(prog, &more_level), estimate_of(prog, &more_fees)] {
            for (a, b) in base.measures.iter().zip(&bigger.measures) {
                // Equipment input is a band (100万–500万); above it another policy applies, so it is not monotone by design.
                if a.id.contains("equipment") { continue; }
                prop_assert!(b.amount_yuan >= a.amount_yuan, "{}: {} fell to {}", a.id, a.amount_yuan, b.amount_yuan);
            }
        }
    }
}

fn profile_strategy() -> impl Strategy<Value = Profile> {
    (
        prop_oneof![
            Just("3973"),
            Just("5212"),
            Just("5110"),
            Just("0111"),
            Just("4710"),
            Just("6513"),
            Just("7010"),
            Just("7020"),
            Just("7211"),
            Just("7310"),
            Just("6110"),
            Just("5411")
        ],
        proptest::option::of(0u32..5000),
        proptest::option::of(0u64..3_000_000_000_000),
        proptest::option::of(0u64..3_000_000_000_000),
    )
        .prop_map(|(ind, x, y, z)| Profile {
            industry: Some(ind.to_string()),
            employees: x,
            revenue_yuan: y.map(|v| Decimal::from(v) / Decimal::from(1000)),
            total_assets_yuan: z.map(|v| Decimal::from(v) / Decimal::from(1000)),
            ..Profile::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Lowering any indicator never raises the class, and an SME stays an SME.
    #[test]
    fn sme_class_never_grows_as_an_indicator_falls(p in profile_strategy(), which in 0usize..3, cut in 0u32..=100) {
        let before = assess(&p, Lang::Zh);
        let mut q = p.clone();
        let pct = Decimal::from(cut) / Decimal::from(100);
        match which {
            0 => q.employees = q.employees.map(|x| (Decimal::from(x) * pct).trunc().try_into().unwrap()),
            1 => q.revenue_yuan = q.revenue_yuan.map(|y| y * pct),
            _ => q.total_assets_yuan = q.total_assets_yuan.map(|z| z * pct),
        }
        let after = assess(&q, Lang::Zh);
        if before.class != SmeClass::Unknown && after.class != SmeClass::Unknown {
            prop_assert!(after.class <= before.class, "{:?} grew to {:?}", before.class, after.class);
        }
        if before.is_sme == Tri::Yes {
            prop_assert_eq!(after.is_sme, Tri::Yes);
        }
        // With a figure missing, the bound on the class never grows either.
        if let (Some(b), Some(a)) = (before.class_at_most, after.class_at_most) {
            prop_assert!(a <= b, "class_at_most {:?} grew to {:?}", b, a);
        }
    }
}

/// An empty profile is valid input and leaves every programme unknown, never eligible.
#[test]
fn an_empty_profile_is_unknown_everywhere() {
    let input = parse_check_input("{}").unwrap();
    let r = shuzhuan_policy::check(&input, RuleBundle::embedded(), today(), Lang::Zh);
    assert_eq!(r.sme.is_sme, Tri::Unknown);
    assert!(
        r.programmes.iter().all(|p| p.verdict == shuzhuan_policy::Verdict::Unknown),
        "{:?}",
        r.programmes.iter().map(|p| p.verdict).collect::<Vec<_>>()
    );
}
