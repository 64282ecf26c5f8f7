//! Property tests of the self-assessment: no score exceeds its points; raising any answer never
//! lowers the score or the level; the gap's plan reaches the target with the fewest steps; no
//! input panics.
#![cfg(feature = "embedded-rules")]

use proptest::prelude::*;
use rust_decimal::Decimal;
use shuzhuan_policy::assess::{self, questionnaire, Answers, QuestionKind};
use shuzhuan_policy::{Date, RuleBundle};

/// One answer per question: `None` unanswered; single: an option index; multi: `Some(0)` for
/// 无, else a bitmask over the other options.
fn answers_strategy() -> impl Strategy<Value = (Vec<Option<u32>>, Vec<Option<u8>>)> {
    let q = questionnaire();
    let per_q: Vec<BoxedStrategy<Option<u32>>> = q
        .questions()
        .map(|qq| {
            let n = qq.options.len() as u32;
            match qq.kind {
                QuestionKind::Single => proptest::option::weighted(0.9, 0..n).boxed(),
                QuestionKind::Multi => proptest::option::weighted(0.9, 0u32..(1 << (n - 1))).boxed(),
            }
        })
        .collect();
    let per_s = proptest::collection::vec(proptest::option::weighted(0.9, 0u8..=4), q.scenarios.len());
    (per_q, per_s)
}

fn build(qs: &[Option<u32>], ss: &[Option<u8>]) -> Answers {
    let q = questionnaire();
    let mut a = Answers::default();
    for (qq, v) in q.questions().zip(qs) {
        let Some(v) = v else { continue };
        let labels: Vec<&str> = match qq.kind {
            QuestionKind::Single => vec![qq.options[*v as usize].label.as_str()],
            // Bit i: option i + 1 (option 0 is 无); no bit: 无 alone.
            QuestionKind::Multi if *v == 0 => vec![qq.options[0].label.as_str()],
            QuestionKind::Multi => {
                (0..qq.options.len() - 1).filter(|i| v >> i & 1 == 1).map(|i| qq.options[i + 1].label.as_str()).collect()
            }
        };
        a.choose(&qq.id, &labels).expect("generated answers are valid");
    }
    for (s, r) in q.scenarios.iter().zip(ss) {
        if let Some(r) = r {
            a.rate(&s.id, *r).unwrap();
        }
    }
    a
}

/// Every unit step still open (a single-choice answer one option up, one more multi option),
/// by gain. The questionnaire's single-choice steps are even within a question, so any k of
/// these steps can be taken together.
fn open_steps(a: &Answers) -> Vec<Decimal> {
    let mut out = Vec::new();
    for qq in questionnaire().questions() {
        let chosen = a.chosen(&qq.id);
        match qq.kind {
            QuestionKind::Single => {
                let at = chosen.first().and_then(|l| qq.options.iter().position(|o| &o.label == l)).unwrap_or(0);
                out.extend(qq.options.windows(2).skip(at).map(|w| w[1].score - w[0].score));
            }
            QuestionKind::Multi => out.extend(qq.options.iter().filter(|o| !o.exclusive && !chosen.contains(&o.label)).map(|o| o.score)),
        }
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Scores never exceed their points, and add up.
    #[test]
    fn scores_stay_within_points((qs, ss) in answers_strategy()) {
        let s = assess::score_answers(&build(&qs, &ss));
        prop_assert!(s.score >= Decimal::ZERO && s.score <= Decimal::from(100), "total {}", s.score);
        let mut sum = Decimal::ZERO;
        for d in &s.dimensions {
            prop_assert!(d.score <= d.points, "{} {} > {}", d.name.zh, d.score, d.points);
            sum += d.score;
            for it in &d.items {
                prop_assert!(it.score <= it.points, "{} {} > {}", it.name.zh, it.score, it.points);
                for q in &it.questions {
                    prop_assert!(q.score >= Decimal::ZERO && q.score <= q.points, "{} {} > {}", q.id, q.score, q.points);
                }
            }
        }
        prop_assert_eq!(sum, s.score);
        // The level is the highest whose three conditions hold, and every lower level holds too.
        for c in &s.levels {
            if Some(c.level) <= s.level {
                prop_assert!(c.met, "level {:?} but level {} fails", s.level, c.level);
            } else {
                prop_assert!(!c.met);
            }
        }
    }

    /// Raising any one answer (a higher single option, one more multi option, a higher scenario
    /// rating, answering an unanswered question) never lowers the score or the level.
    #[test]
    fn raising_an_answer_never_lowers_score_or_level((qs, ss) in answers_strategy(), pick in 0usize..31, up in 1u32..5, bit in 0u32..15) {
        let q = questionnaire();
        let before = assess::score_answers(&build(&qs, &ss));
        let (mut qs2, mut ss2) = (qs.clone(), ss.clone());
        if pick < 15 {
            let qq = q.questions().nth(pick).unwrap();
            let n = qq.options.len() as u32;
            qs2[pick] = Some(match (qq.kind, qs[pick]) {
                (QuestionKind::Single, v) => (v.unwrap_or(0) + up).min(n - 1),
                (QuestionKind::Multi, v) => v.unwrap_or(0) | 1 << (bit % (n - 1)),
            });
        } else {
            let i = pick - 15;
            ss2[i] = Some((ss[i].unwrap_or(0) + up as u8).min(4));
        }
        let after = assess::score_answers(&build(&qs2, &ss2));
        prop_assert!(after.score >= before.score, "score fell {} → {}", before.score, after.score);
        prop_assert!(after.level >= before.level, "level fell {:?} → {:?}", before.level, after.level);
    }

    /// The gap's plan, applied, reaches the target level; no plan with one step fewer closes
    /// the points gap; the plan's points cover the gap.
    #[test]
    fn the_gap_plan_reaches_the_target_with_fewest_steps((qs, ss) in answers_strategy()) {
        let a = build(&qs, &ss);
        let s = assess::score_answers(&a);
        let target = s.level.map_or(1, |l| l + 1);
        if target > 4 {
            prop_assert!(assess::gap_to(&a, 5).is_none());
            return Ok(());
        }
        let g = assess::gap_to(&a, target).unwrap();
        prop_assert_eq!(g.met, false);
        prop_assert!(g.plan_points >= g.points_short);
        let steps = open_steps(&a);
        let k = g.plan_steps as usize;
        if k > 0 {
            let fewer: Decimal = steps.iter().take(k - 1).sum();
            prop_assert!(fewer < g.points_short, "{} steps would do: {} ≥ {}", k - 1, fewer, g.points_short);
        }
        let mut b = a.clone();
        for c in &g.answer_changes {
            b.choose(&c.question, &c.to).unwrap();
        }
        for r in &g.scenario_raises {
            b.rate(&r.id, r.to).unwrap();
        }
        let after = assess::score_answers(&b);
        prop_assert!(after.level >= Some(target), "plan leads to {:?}, not {}: {:?}", after.level, target, g.summary);
        prop_assert_eq!(after.score - s.score, g.plan_points);
    }
}

/// JSON-ish values: every type, option-like strings, nested arrays and objects.
fn any_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|i| serde_json::json!(i)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| serde_json::json!(f)),
        "[A-Oa-o无一二三四级 ]{0,4}".prop_map(serde_json::Value::String),
        ".{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[QSqs]?[0-9]{0,2}", inner, 0..3)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = assess::assess_json(&s, RuleBundle::embedded(), Date::Y2K);
        let out = shuzhuan_policy::contract::run("assess", &s, "{}");
        prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    }

    #[test]
    fn arbitrary_json_never_panics(
        answers in proptest::collection::btree_map("[Qq]?[0-9]{1,2}", any_value(), 0..8),
        scenarios in proptest::collection::btree_map("[Ss]?[0-9]{1,2}", any_value(), 0..8),
        project in any_value(),
        as_of in any_value(),
        whole in any_value(),
    ) {
        let input = serde_json::json!({"answers": answers, "scenarios": scenarios, "project": project, "as_of": as_of}).to_string();
        match assess::assess_json(&input, RuleBundle::embedded(), Date::new(2025, 6, 30).unwrap()) {
            Ok(r) => prop_assert!(r.estimate && r.scores.score <= Decimal::from(100)),
            Err(e) => prop_assert!(!e.errors.is_empty() && e.errors.iter().all(|x| !x.field.is_empty() && !x.message.zh.is_empty() && !x.message.en.is_empty())),
        }
        let _ = assess::assess_json(&whole.to_string(), RuleBundle::embedded(), Date::Y2K);
    }
}

/// Every question's best answers and every scenario at 四级 give 100 and level 4; the lowest
/// give 0 and no level (the same as answering nothing).
#[test]
fn extremes() {
    let q = questionnaire();
    let n_q = q.questions().count();
    let best: Vec<Option<u32>> = q
        .questions()
        .map(|qq| Some(if qq.kind == QuestionKind::Single { qq.options.len() as u32 - 1 } else { (1 << (qq.options.len() - 1)) - 1 }))
        .collect();
    let s = assess::score_answers(&build(&best, &[Some(4); 16]));
    assert_eq!((s.score, s.level), (Decimal::from(100), Some(4)));
    let worst = assess::score_answers(&build(&vec![Some(0); n_q], &[Some(0); 16]));
    assert_eq!((worst.score, worst.level), (Decimal::ZERO, None));
    assert_eq!(assess::score_answers(&Answers::default()).score, Decimal::ZERO);
}
