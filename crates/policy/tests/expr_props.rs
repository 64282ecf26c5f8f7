//! Property tests of the condition language (`expr`) and its evaluator (`eval::cond`), through the
//! public API: random expressions over a few facts, answers and comparisons, evaluated by
//! `check` for random profiles with fields missing.
//!
//! - Kleene's laws: `not(not(e))` is `e`; De Morgan; `all` fails when a part fails, passes only
//!   when every part passes, else is unknown; `any` is the dual.
//! - Information only settles: an outcome that is pass (or fail) with some facts missing stays the
//!   same once they are given; only unknown may become pass or fail.
//! - Display round trip: `parse(e.to_string()) == e`.
//! - Amounts are monotone in their input and within their cap (Xiamen's and the worked example's
//!   ratio and capped measures, the example's `when` conditions and "higher one only" group).
//!
//! The evaluator is reached the way every shell reaches it: each expression is the `when` of a
//! criterion of a small rule pack (compiled once, its criteria replaced per case), and `check`
//! reports each criterion's outcome.
#![cfg(feature = "embedded-rules")]

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;
use shuzhuan_policy::eval::Outcome;
use shuzhuan_policy::expr::{parse, Cmp, Expr, Fact, Operand, Var};
use shuzhuan_policy::input::{CheckInput, Profile, Specialized};
use shuzhuan_policy::rules::{Criterion, Source};
use shuzhuan_policy::{check, estimate_json, Date, Lang, RuleBundle, Text};
use std::collections::BTreeMap;
use std::sync::OnceLock;

// ── The pack the expressions are evaluated in ─────────────────────────────────────────────────

/// A programme with the questions the generated expressions read; its criteria are replaced by
/// the expressions under test.
const PACK: &str = r#"
schema = 2
id = "props"
audience = "enterprise"
city = { code = "6299", zh = "示例市", en = "Example City" }
title = { zh = "t", en = "t" }
issuer = { zh = "i", en = "i" }
source_kind = "secondary"
issued = 2026-01-01
valid_from = 2026-01-01
valid_until = 2027-12-31
validity_source = { clause = "c", quote = "q" }
checked = 2026-12-03

[[questions]]
id = "q1"
kind = "yes_no"
scope = "enterprise"
label = { zh = "q1", en = "q1" }
source = { clause = "c", quote = "q" }

[[questions]]
id = "q2"
kind = "yes_no"
scope = "enterprise"
label = { zh = "q2", en = "q2" }
source = { clause = "c", quote = "q" }

[[questions]]
id = "n1"
kind = "count"
scope = "enterprise"
label = { zh = "n1", en = "n1" }
source = { clause = "c", quote = "q" }

[[questions]]
id = "d1"
kind = "date"
scope = "enterprise"
label = { zh = "d1", en = "d1" }
source = { clause = "c", quote = "q" }

[[sub_industries]]
id = "food"
name = { zh = "食品", en = "food" }
codes = ["14"]
source = { clause = "c", quote = "q" }

[[versions]]
id = "v"
from = 2026-01-01
until = 2027-12-31

[[versions.criteria]]
id = "in_force"
title = { zh = "t", en = "t" }
when = "in_force"
source = { clause = "c", quote = "q" }
"#;

fn pack() -> &'static RuleBundle {
    static PACK_BUNDLE: OnceLock<RuleBundle> = OnceLock::new();
    PACK_BUNDLE.get_or_init(|| RuleBundle::from_sources(&[("props.toml".into(), PACK.into())], "props").unwrap_or_else(|e| panic!("{e}")))
}

fn as_of() -> Date {
    Date::new(2026, 12, 3).unwrap()
}

/// The outcome of each expression for `profile`, in order: one `check` with one criterion each.
fn outcomes(exprs: &[Expr], profile: &Profile) -> Vec<Outcome> {
    let mut bundle = pack().clone();
    let p = &mut bundle.programmes[0];
    p.versions[0].criteria = exprs
        .iter()
        .enumerate()
        .map(|(i, e)| Criterion {
            id: format!("e{i}"),
            title: Text::new("t", "t"),
            when: e.to_string(),
            source: Source { clause: "c".into(), quote: "q".into() },
            cond: Some(e.clone()),
        })
        .collect();
    let input = CheckInput { as_of: Some(as_of()), profile: profile.clone(), ..CheckInput::default() };
    let report = check(&input, &bundle, as_of(), Lang::En);
    report.programmes[0].criteria.iter().map(|c| c.outcome).collect()
}

fn outcome(e: &Expr, profile: &Profile) -> Outcome {
    outcomes(std::slice::from_ref(e), profile)[0]
}

// ── Expressions ──────────────────────────────────────────────────────────────────────────────

fn num(n: u64) -> Operand {
    Operand::Number(Decimal::from(n))
}

fn date(y: u16, m: u8, d: u8) -> Operand {
    Operand::Date(Date::new(y, m, d).unwrap())
}

fn cmp() -> impl Strategy<Value = Cmp> {
    prop_oneof![Just(Cmp::Ge), Just(Cmp::Gt), Just(Cmp::Le), Just(Cmp::Lt), Just(Cmp::Eq), Just(Cmp::Ne)]
}

/// A comparison that type-checks against the pack: a variable with a number or a date, on
/// either side, or two variables of the same kind.
fn comparison() -> impl Strategy<Value = Expr> {
    let side = prop_oneof![
        (0u64..600).prop_map(|n| (Operand::Var(Var::Staff), num(n))),
        (0u64..60).prop_map(|n| (Operand::Var(Var::Revenue), num(n * 1_000_000))),
        (0u64..60).prop_map(|n| (Operand::Var(Var::Assets), num(n * 1_000_000))),
        (0u8..=4).prop_map(|n| (Operand::Var(Var::LevelNow), num(u64::from(n)))),
        (0u64..20).prop_map(|n| (Operand::Var(Var::Question("n1".into())), num(n))),
        (2015u16..2027).prop_map(|y| (Operand::Var(Var::RegisteredOn), date(y, 6, 30))),
        (2015u16..2027).prop_map(|y| (Operand::Var(Var::Question("d1".into())), date(y, 1, 1))),
        Just((Operand::Var(Var::Staff), Operand::Var(Var::Question("n1".into())))),
        Just((Operand::Var(Var::RegisteredOn), Operand::Var(Var::Question("d1".into())))),
    ];
    (side, cmp(), any::<bool>()).prop_map(|((var, other), op, flip)| {
        if flip {
            Expr::Compare { left: other, op, right: var }
        } else {
            Expr::Compare { left: var, op, right: other }
        }
    })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        Just(Expr::Fact(Fact::InForce)),
        Just(Expr::Fact(Fact::Sme)),
        Just(Expr::Fact(Fact::SubIndustry)),
        Just(Expr::Fact(Fact::InCity)),
        Just(Expr::Fact(Fact::LegalPerson)),
        Just(Expr::Fact(Fact::AboveDesignatedSize)),
        Just(Expr::Fact(Fact::Specialized)),
        Just(Expr::NoBadCredit(vec![])),
        Just(Expr::NoBadCredit(vec!["安全生产".into(), "环境保护".into()])),
        Just(Expr::Section(vec!["C".into()])),
        Just(Expr::Section(vec!["14".into(), "3311".into()])),
        Just(Expr::InRegion(vec!["6299".into()])),
        Just(Expr::InRegion(vec!["35".into(), "629902".into()])),
        Just(Expr::Answer("q1".into())),
        Just(Expr::Answer("q2".into())),
        comparison(),
    ]
}

/// Expressions up to four levels deep, `all`/`any` of one to four parts.
fn expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..=4).prop_map(Expr::All),
            proptest::collection::vec(inner.clone(), 1..=4).prop_map(Expr::Any),
            inner.prop_map(|e| Expr::Not(Box::new(e))),
        ]
    })
}

// ── Profiles ─────────────────────────────────────────────────────────────────────────────────

/// A profile with every field the expressions read given. No credit code: it overrides what the
/// form says about the city and the legal person (an official record wins over a statement), so
/// it is not "more of the same information".
fn full_profile() -> impl Strategy<Value = Profile> {
    (
        prop_oneof![Just("1441"), Just("3311"), Just("3973"), Just("5171"), Just("14"), Just("C")],
        0u32..1500,
        0u64..60,
        0u64..60,
        prop_oneof![Just("629901"), Just("629902"), Just("350203")],
        (any::<bool>(), any::<bool>()),
        prop_oneof![Just(Specialized::None), Just(Specialized::Sme), Just(Specialized::LittleGiant)],
        (2015u16..2027, 0u8..=4),
        (any::<bool>(), any::<bool>(), 0u64..20, 2015u16..2027),
    )
        .prop_map(|(industry, staff, revenue, assets, region, (legal, bad_credit), specialized, (reg, level), (q1, q2, n1, d1))| {
            let revenue = Decimal::from(revenue * 1_000_000);
            // A stated 规上 wins over the revenue estimate (docs/readings.md §1): a statement that
            // contradicted the estimate would be a correction, not more information. So the
            // statement agrees with what industry and revenue estimate (every code here but the
            // wholesale 5171 is industrial).
            let stated = industry != "5171" && revenue >= Decimal::from(20_000_000);
            let answers: BTreeMap<String, serde_json::Value> = [
                ("q1".to_string(), json!(q1)),
                ("q2".to_string(), json!(q2)),
                ("n1".to_string(), json!(n1)),
                ("d1".to_string(), json!(format!("{d1}-01-01"))),
            ]
            .into_iter()
            .collect();
            Profile {
                industry: Some(industry.to_string()),
                employees: Some(staff),
                revenue_yuan: Some(revenue),
                total_assets_yuan: Some(Decimal::from(assets * 1_000_000)),
                region: Some(region.to_string()),
                uscc: None,
                independent_legal_person: Some(legal),
                bad_credit_last_3_years: Some(bad_credit),
                above_designated_size: Some(stated),
                specialized: Some(specialized),
                registered_on: Date::new(reg, 3, 15),
                digital_level_now: Some(level),
                answers,
            }
        })
}

/// Each way of taking one profile field away; bit `i` of a mask takes away the `i`-th.
const CLEAR: [fn(&mut Profile); 11] = [
    |p| p.industry = None,
    |p| p.employees = None,
    |p| p.revenue_yuan = None,
    |p| p.total_assets_yuan = None,
    |p| p.region = None,
    |p| p.independent_legal_person = None,
    |p| p.bad_credit_last_3_years = None,
    |p| p.above_designated_size = None,
    |p| p.specialized = None,
    |p| p.registered_on = None,
    |p| p.digital_level_now = None,
];

/// The answers, taken away by bits 11 and up.
const ANSWERS: [&str; 4] = ["q1", "q2", "n1", "d1"];

/// `full` with the fields whose bit is set in `mask` taken away.
fn without(full: &Profile, mask: u32) -> Profile {
    let mut p = full.clone();
    let gone = |bit: usize| mask & (1 << bit) != 0;
    for (bit, clear) in CLEAR.iter().enumerate() {
        if gone(bit) {
            clear(&mut p);
        }
    }
    for (i, q) in ANSWERS.iter().enumerate() {
        if gone(CLEAR.len() + i) {
            p.answers.remove(*q);
        }
    }
    p
}

/// A profile with some fields missing (each field missing about a third of the time).
fn profile() -> impl Strategy<Value = Profile> {
    (full_profile(), any::<u32>(), any::<u32>()).prop_map(|(full, a, b)| without(&full, a & b))
}

fn not(e: Expr) -> Expr {
    Expr::Not(Box::new(e))
}

fn kleene_and(parts: &[Outcome]) -> Outcome {
    if parts.contains(&Outcome::Fail) {
        Outcome::Fail
    } else if parts.contains(&Outcome::Unknown) {
        Outcome::Unknown
    } else {
        Outcome::Pass
    }
}

fn kleene_or(parts: &[Outcome]) -> Outcome {
    if parts.contains(&Outcome::Pass) {
        Outcome::Pass
    } else if parts.contains(&Outcome::Unknown) {
        Outcome::Unknown
    } else {
        Outcome::Fail
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// `not(not(e))` is `e`, and `not` swaps pass and fail and keeps unknown.
    #[test]
    fn double_negation_and_negation(e in expr(), p in profile()) {
        let got = outcomes(&[e.clone(), not(e.clone()), not(not(e.clone()))], &p);
        prop_assert_eq!(got[2], got[0], "not(not({})) differs from it", e);
        let swapped = match got[0] {
            Outcome::Pass => Outcome::Fail,
            Outcome::Fail => Outcome::Pass,
            Outcome::Unknown => Outcome::Unknown,
        };
        prop_assert_eq!(got[1], swapped, "not({}) is not the negation of {:?}", e, got[0]);
    }

    /// De Morgan: `not(all(a…))` is `any(not(a)…)`, and `not(any(a…))` is `all(not(a)…)`.
    #[test]
    fn de_morgan(items in proptest::collection::vec(expr(), 1..=4), p in profile()) {
        let negated: Vec<Expr> = items.iter().cloned().map(not).collect();
        let got = outcomes(
            &[not(Expr::All(items.clone())), Expr::Any(negated.clone()), not(Expr::Any(items.clone())), Expr::All(negated)],
            &p,
        );
        prop_assert_eq!(got[0], got[1], "not(all) vs any(not) for {:?}", items.iter().map(|e| e.to_string()).collect::<Vec<_>>());
        prop_assert_eq!(got[2], got[3], "not(any) vs all(not) for {:?}", items.iter().map(|e| e.to_string()).collect::<Vec<_>>());
    }

    /// `all` fails when any part fails, passes only when every part passes, else is unknown;
    /// `any` passes when any part passes, fails only when every part fails, else is unknown.
    #[test]
    fn all_and_any_are_kleene(items in proptest::collection::vec(expr(), 1..=5), p in profile()) {
        let mut exprs = items.clone();
        exprs.push(Expr::All(items.clone()));
        exprs.push(Expr::Any(items.clone()));
        let got = outcomes(&exprs, &p);
        let (parts, all, any) = (&got[..items.len()], got[items.len()], got[items.len() + 1]);
        prop_assert_eq!(all, kleene_and(parts), "all of {:?}", parts);
        prop_assert_eq!(any, kleene_or(parts), "any of {:?}", parts);
    }

    /// Giving more facts never overturns a settled outcome: pass stays pass, fail stays fail;
    /// only unknown may become either.
    #[test]
    fn more_information_only_settles(e in expr(), full in full_profile(), mask in any::<u32>()) {
        let partial = without(&full, mask);
        let before = outcome(&e, &partial);
        let after = outcome(&e, &full);
        if before != Outcome::Unknown {
            prop_assert_eq!(after, before, "{} was {:?} with fields missing (mask {:#x}) and {:?} with them given", e, before, mask, after);
        }
        // With every field given, these expressions are settled, except where the section `C`
        // (which holds pilot classes and others) leaves the sub-industry or a section list open.
        if full.industry.as_deref() != Some("C") {
            prop_assert_ne!(after, Outcome::Unknown, "{} is unknown for a full profile", e);
        }
    }

    /// Writing an expression back and parsing it gives the same expression.
    #[test]
    fn display_round_trips(e in expr_for_display()) {
        let text = e.to_string();
        let back = parse(&text).map_err(|err| TestCaseError::fail(format!("{text:?} does not parse: {err}")))?;
        prop_assert_eq!(back, e, "{:?}", text);
    }
}

/// Expressions for the round trip: besides [`expr`]'s, every operator, fractions, numbers on the
/// left, lists of several items and answer ids of every shape the syntax allows.
fn expr_for_display() -> impl Strategy<Value = Expr> {
    let number =
        prop_oneof![(0u64..1_000_000_000).prop_map(Decimal::from), (0i64..100_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s)),];
    let id = "[a-z_][a-z0-9_]{0,8}";
    let operand = prop_oneof![
        number.prop_map(Operand::Number),
        (1990u16..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Operand::Date(Date::new(y, m, d).unwrap())),
        prop_oneof![
            Just(Var::Staff),
            Just(Var::Revenue),
            Just(Var::Assets),
            Just(Var::RegisteredOn),
            Just(Var::LevelNow),
            Just(Var::LevelAfter)
        ]
        .prop_map(Operand::Var),
        id.prop_map(|q| Operand::Var(Var::Question(q))),
    ];
    let area = prop_oneof![Just("安全生产"), Just("产品质量"), Just("环境保护"), Just("network and data")];
    let code = prop_oneof![Just("C"), Just("D"), Just("14"), Just("27"), Just("3311"), Just("C13")];
    let region = prop_oneof![Just("35"), Just("6299"), Just("350203")];
    let leaf = prop_oneof![
        expr(),
        (operand.clone(), cmp(), operand).prop_map(|(left, op, right)| Expr::Compare { left, op, right }),
        proptest::collection::vec(area, 0..3).prop_map(|a| Expr::NoBadCredit(a.into_iter().map(String::from).collect())),
        proptest::collection::vec(code, 1..4).prop_map(|c| Expr::Section(c.into_iter().map(String::from).collect())),
        proptest::collection::vec(region, 1..4).prop_map(|r| Expr::InRegion(r.into_iter().map(String::from).collect())),
        id.prop_map(Expr::Answer),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..=4).prop_map(Expr::All),
            proptest::collection::vec(inner.clone(), 1..=4).prop_map(Expr::Any),
            inner.prop_map(|e| Expr::Not(Box::new(e))),
        ]
    })
}

// ── Amounts ──────────────────────────────────────────────────────────────────────────────────

/// The worked example pack (`examples/rule-pack`), read as `--rules` reads it.
fn example() -> &'static RuleBundle {
    static EXAMPLE: OnceLock<RuleBundle> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/rule-pack/example-2026.toml");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        RuleBundle::from_sources(&[("example-2026.toml".into(), text)], "examples/rule-pack").unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Each measure's (amount, cap) by id, and the total, of one estimate.
type Amounts = (BTreeMap<String, (Decimal, Option<Decimal>)>, Decimal);

/// The amounts of one estimate.
fn amounts(bundle: &RuleBundle, input: serde_json::Value, today: Date) -> Amounts {
    let text = input.to_string();
    let r = estimate_json(&text, bundle, today, Lang::Zh).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    (r.measures.iter().map(|m| (m.id.clone(), (m.amount_yuan, m.cap_yuan))).collect(), r.total_yuan)
}

/// Increasing amounts in yuan (with fen), from zero to well past every cap.
fn rising() -> impl Strategy<Value = Vec<Decimal>> {
    // Fen up to 3亿元.
    proptest::collection::vec(0i64..30_000_000_000, 2..6).prop_map(|mut v| {
        v.sort_unstable();
        v.into_iter().map(|fen| Decimal::new(fen, 2)).collect()
    })
}

/// Along a chain of rising inputs: no measure's amount and not the total ever falls, and no
/// amount exceeds its cap.
fn check_chain(steps: &[Amounts]) -> Result<(), TestCaseError> {
    for (measures, _) in steps {
        for (id, (amount, cap)) in measures {
            prop_assert!(*amount >= Decimal::ZERO, "{} is negative: {}", id, amount);
            if let Some(cap) = cap {
                prop_assert!(amount <= cap, "{} pays {} above its cap {}", id, amount, cap);
            }
        }
    }
    for pair in steps.windows(2) {
        let ((a, ta), (b, tb)) = (&pair[0], &pair[1]);
        for (id, (amount, _)) in a {
            prop_assert!(b[id].0 >= *amount, "{} fell from {} to {} as the input rose", id, amount, b[id].0);
        }
        prop_assert!(tb >= ta, "the total fell from {} to {} as the input rose", ta, tb);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Xiamen (四、（五）3, 6, 8, 9): the transformation subsidy by level, the diagnosis and cloud
    /// subsidies and the platform award (its cumulative cap less what was received) never fall
    /// as their inputs rise together, and never pass their caps.
    #[test]
    fn xiamen_amounts_rise_with_the_input_up_to_the_cap(xs in rising(), level in 0u8..=4, received in 0u64..6_000_000) {
        let today = Date::new(2025, 6, 30).unwrap();
        let steps: Vec<_> = xs
            .iter()
            .map(|x| {
                let x = x.to_string();
                let project = json!({"digital_level_after": level, "eligible_input_yuan": x, "diagnosis_fee_yuan": x,
                    "cloud_fee_yuan": x, "platform_service_revenue_yuan": x, "platform_subsidy_received_yuan": received.to_string(),
                    "roles": ["platform"]});
                amounts(RuleBundle::embedded(), json!({"programme": "xiamen-2024", "as_of": "2025-06-30", "project": project}), today)
            })
            .collect();
        check_chain(&steps)?;
        // The level-graded subsidy reaches its level's cap (25万/35万/40万) and no further.
        let caps = [(2u8, 250_000u64), (3, 350_000), (4, 400_000)];
        if let (Some((_, cap)), Some(last), Some((top, _))) = (caps.iter().find(|(l, _)| *l == level), xs.last(), steps.last()) {
            let want = (last * Decimal::new(4, 1)).min(Decimal::from(*cap));
            prop_assert_eq!(top["xm-8-transformation"].0, want.round_dp(2));
        }
    }

    /// The worked example (四、（一）): both transformation lines (the ordinary cap and the
    /// 专精特新 cap, each with `when`), their "higher one only" total, never fall as the spending
    /// rises, never pass 30万 / 40万, and pay nothing below level 2.
    #[test]
    fn example_amounts_rise_with_the_input_up_to_the_cap(
        xs in rising(),
        level in proptest::option::of(0u8..=4),
        specialized in proptest::option::of(prop_oneof![Just("none"), Just("sme"), Just("little_giant")]),
    ) {
        let today = as_of();
        let steps: Vec<_> = xs
            .iter()
            .map(|x| {
                let mut project = json!({"eligible_input_yuan": x.to_string()});
                if let Some(l) = level {
                    project["digital_level_after"] = json!(l);
                }
                let mut profile = json!({"industry": "1441"});
                if let Some(s) = specialized {
                    profile["specialized"] = json!(s);
                }
                amounts(example(), json!({"programme": "example-2026", "as_of": "2026-12-03", "profile": profile, "project": project}), today)
            })
            .collect();
        check_chain(&steps)?;
        for (measures, total) in &steps {
            prop_assert!(measures["transformation"].0 <= Decimal::from(300_000));
            prop_assert!(measures["transformation_specialized"].0 <= Decimal::from(400_000));
            // The two lines are one subsidy (就高不重复): the total is the higher, never the sum.
            prop_assert_eq!(*total, measures["transformation"].0.max(measures["transformation_specialized"].0));
            if level.is_none_or(|l| l < 2) {
                prop_assert_eq!(*total, Decimal::ZERO, "level {:?} pays nothing", level);
            }
        }
    }
}
