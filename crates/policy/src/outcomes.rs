//! The compact answer (`"detail": "outcomes"` in the contract's options, issue 17): what was
//! decided, with no sentence, quote or source. Every field has the name and the JSON form it has
//! in the full report, so a caller can switch between the two.
//!
//! They come from the same evaluation as the full report, made without explanations
//! ([`check_outcomes`], [`estimate_outcomes`]): `eval::evaluate` decides each criterion
//! and `estimate::estimated` each measure, and every sentence is written through
//! `Explain::text`, which with `Explain::No` formats nothing. The report renders the same
//! decisions made with explanations (`ProgrammeEval::render`, `Estimated::render`), so there is
//! one copy of every rule; the test below holds the two answers equal on every golden case.

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::InputErrors;
use crate::estimate::{estimated, MeasureStatus};
use crate::eval::{evaluate_all, Facts, Outcome, ProgrammeEval, Verdict};
use crate::input::{CheckInput, EstimateInput};
use crate::money;
use crate::rules::Status;
use crate::sme::{SmeClass, Tri};
use crate::text::Explain;
use rust_decimal::Decimal;
use serde::Serialize;

/// The compact `check` answer: the SME class and every programme's outcomes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckOutcomes {
    pub as_of: Date,
    pub sme: SmeOutcome,
    pub programmes: Vec<ProgrammeOutcome>,
}

/// `sme.class` and `sme.is_sme` of the full report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SmeOutcome {
    pub class: SmeClass,
    pub is_sme: Tri,
}

/// A programme's id, status and verdict, and each criterion's outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeOutcome {
    pub id: String,
    pub status: Status,
    pub verdict: Verdict,
    pub criteria: Vec<CriterionOutcome>,
}

/// A criterion's id and outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionOutcome {
    pub id: String,
    pub outcome: Outcome,
}

/// The compact `estimate` answer: the programme, its eligibility's outcomes, each measure's
/// status and amount, the instalments and the total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EstimateOutcomes {
    pub programme: String,
    pub as_of: Date,
    pub status: Status,
    pub eligibility: ProgrammeOutcome,
    pub measures: Vec<MeasureOutcome>,
    pub total_yuan: Decimal,
    pub instalments: Vec<InstalmentOutcome>,
}

/// A measure's id, status and amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureOutcome {
    pub id: String,
    pub status: MeasureStatus,
    pub amount_yuan: Decimal,
}

/// A payment stage and its amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InstalmentOutcome {
    pub stage: String,
    pub amount_yuan: Decimal,
}

impl ProgrammeEval<'_> {
    /// The programme's outcomes.
    fn outcomes(&self) -> ProgrammeOutcome {
        let p = self.programme;
        ProgrammeOutcome {
            id: p.id.clone(),
            status: p.status_on(self.date),
            verdict: self.verdict,
            criteria: self
                .version
                .criteria
                .iter()
                .zip(&self.criteria)
                .map(|(c, e)| CriterionOutcome { id: c.id.clone(), outcome: e.outcome })
                .collect(),
        }
    }
}

/// The compact `check` answer: [`crate::eval::check`]'s decisions, made without a sentence.
/// `today` is used when the input gives no `as_of`.
///
/// ```
/// use shuzhuan_policy::{input::parse_check_input, outcomes::check_outcomes, sme::SmeClass, Date, RuleBundle};
/// let input = parse_check_input(r#"{"profile": {"industry": "3973", "employees": 120, "revenue_yuan": "8500万", "region": "350203"}}"#).unwrap();
/// let o = check_outcomes(&input, RuleBundle::embedded(), Date::new(2025, 6, 30).unwrap());
/// assert_eq!(o.sme.class, SmeClass::Small); // 120 staff: the small band decides
/// assert!(o.programmes.iter().any(|p| p.id == "xiamen-2024"));
/// ```
pub fn check_outcomes(input: &CheckInput, bundle: &RuleBundle, today: Date) -> CheckOutcomes {
    let as_of = input.as_of.unwrap_or(today);
    let facts = Facts::of(&input.profile, Explain::No);
    CheckOutcomes {
        as_of,
        sme: SmeOutcome { class: facts.sme.class, is_sme: facts.sme.is_sme },
        programmes: evaluate_all(bundle, &input.profile, &facts, as_of).map(|e| e.outcomes()).collect(),
    }
}

/// The compact `estimate` answer: [`crate::estimate::estimate`]'s decisions and amounts, made
/// without a sentence; the same errors.
pub fn estimate_outcomes(input: &EstimateInput, bundle: &RuleBundle, today: Date) -> Result<EstimateOutcomes, InputErrors> {
    let e = estimated(input, bundle, today, Explain::No)?;
    let measures = &e.version.measures;
    Ok(EstimateOutcomes {
        programme: e.programme.id.clone(),
        as_of: e.as_of,
        status: e.programme.status_on(e.as_of),
        eligibility: e.eligibility.outcomes(),
        measures: measures
            .iter()
            .zip(&e.outs)
            .map(|(m, o)| MeasureOutcome { id: m.id.clone(), status: o.status, amount_yuan: money::yuan(o.amount) })
            .collect(),
        total_yuan: money::yuan(e.total),
        instalments: e
            .outs
            .iter()
            .filter_map(|o| o.instalments())
            .flat_map(|s| {
                [
                    InstalmentOutcome { stage: "first".into(), amount_yuan: s.first },
                    InstalmentOutcome { stage: "after_acceptance".into(), amount_yuan: s.after_acceptance() },
                ]
            })
            .collect(),
    })
}

#[cfg(all(test, feature = "toml", feature = "embedded-rules"))]
mod tests {
    use crate::bundle::RuleBundle;
    use crate::contract::{evaluate_with, Options};
    use serde_json::{json, Value};

    /// The compact shape cut out of a full report's JSON by field name, independently of the
    /// structs above.
    fn cut(full: &Value, command: &str) -> Value {
        let programme = |p: &Value| {
            let criteria: Vec<Value> =
                p["criteria"].as_array().unwrap().iter().map(|c| json!({"id": c["id"], "outcome": c["outcome"]})).collect();
            json!({"id": p["id"], "status": p["status"], "verdict": p["verdict"], "criteria": criteria})
        };
        if command == "check" {
            let programmes: Vec<Value> = full["programmes"].as_array().unwrap().iter().map(programme).collect();
            json!({"as_of": full["as_of"], "sme": {"class": full["sme"]["class"], "is_sme": full["sme"]["is_sme"]}, "programmes": programmes})
        } else {
            let measures: Vec<Value> = full["measures"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| json!({"id": m["id"], "status": m["status"], "amount_yuan": m["amount_yuan"]}))
                .collect();
            let instalments: Vec<Value> = full["instalments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| json!({"stage": i["stage"], "amount_yuan": i["amount_yuan"]}))
                .collect();
            json!({
                "programme": full["programme"], "as_of": full["as_of"], "status": full["status"],
                "eligibility": programme(&full["eligibility"]), "measures": measures,
                "total_yuan": full["total_yuan"], "instalments": instalments,
            })
        }
    }

    /// Every golden case of `check` or `estimate` (tests/cases/*.toml): (name, command, input JSON).
    fn golden_cases() -> Vec<(String, String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases");
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let mut cases = Vec::new();
        for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
            let doc: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for case in doc["case"].as_array().unwrap() {
                let command = case.get("command").and_then(toml::Value::as_str).unwrap_or("check");
                let Some(input) = case.get("input") else { continue };
                if matches!(command, "check" | "estimate") {
                    let input = crate::toml_json::toml_to_json(input.clone()).to_string();
                    cases.push((format!("{}: {:?}", path.display(), case.get("name")), command.to_string(), input));
                }
            }
        }
        cases
    }

    /// Every golden case that makes a report (tests/cases/*.toml): the compact answer is the full
    /// report's outcomes, field for field, in both languages and leniently too.
    #[test]
    fn compact_agrees_with_the_full_report_on_every_golden_case() {
        let bundle = RuleBundle::embedded();
        let mut compared = [0usize; 2];
        for (name, command, input) in golden_cases() {
            let command = command.as_str();
            for (lang, lenient) in [("zh", false), ("en", false), ("zh", true)] {
                let options = |detail: &str| Options {
                    today: Some("2025-06-30".into()),
                    lang: Some(lang.into()),
                    lenient,
                    detail: Some(detail.into()),
                    ..Options::default()
                };
                let Ok(full) = evaluate_with(bundle, command, &input, &options("full")) else { continue };
                let compact = evaluate_with(bundle, command, &input, &options("outcomes")).unwrap();
                let (full, compact): (Value, Value) = (serde_json::from_str(&full).unwrap(), serde_json::from_str(&compact).unwrap());
                if lenient {
                    assert_eq!(full["errors"], compact["errors"], "{name}");
                    if full["report"].is_null() {
                        assert!(compact["report"].is_null(), "{name}");
                    } else {
                        assert_eq!(compact["report"], cut(&full["report"], command), "{name}");
                    }
                } else {
                    assert_eq!(compact, cut(&full, command), "{name}");
                    compared[usize::from(command == "estimate")] += 1;
                }
            }
        }
        // Both commands, many cases each (the files hold well over a hundred).
        assert!(compared[0] > 50 && compared[1] > 30, "{compared:?}");
    }

    /// The default is the full report, byte for byte; `"full"` asked for is the same.
    #[test]
    fn full_is_the_default() {
        let bundle = RuleBundle::embedded();
        let input = r#"{"profile": {"industry": "3973", "employees": 100, "revenue_yuan": "5000万", "region": "350203"}}"#;
        let today = Options { today: Some("2025-06-30".into()), ..Options::default() };
        let full = Options { today: Some("2025-06-30".into()), detail: Some("full".into()), ..Options::default() };
        assert_eq!(evaluate_with(bundle, "check", input, &today).unwrap(), evaluate_with(bundle, "check", input, &full).unwrap());
    }

    /// An unknown `detail` is refused on `detail`, in both languages; a key of the wrong type on
    /// `options`.
    #[test]
    fn an_unknown_detail_is_refused() {
        let bundle = RuleBundle::embedded();
        let input = r#"{"profile": {"industry": "3973", "employees": 5}}"#;
        let e = evaluate_with(bundle, "check", input, &Options { detail: Some("summary".into()), ..Options::default() }).unwrap_err();
        assert_eq!(e.errors[0].field, "detail");
        assert!(e.errors[0].message.zh.contains("detail 应为 full 或 outcomes") && e.errors[0].message.zh.contains("summary"), "{e:?}");
        assert!(e.errors[0].message.en.contains("detail must be full or outcomes, got \"summary\""), "{e:?}");
        let e = Options::from_json(r#"{"detail": 1}"#).unwrap_err();
        assert_eq!(e.errors[0].field, "options");
        assert!(e.errors[0].message.zh.starts_with("选项无效") && e.errors[0].message.en.starts_with("invalid options"));
    }

    /// The compact answer's evaluation writes no sentence: on every golden case, every criterion's
    /// reason and what would change it, the SME reasons, each measure's explanation and formula,
    /// and the overlap groups' words are empty.
    #[test]
    fn the_compact_evaluation_writes_no_sentence() {
        use crate::text::{Explain, Text};
        let bundle = RuleBundle::embedded();
        let today = crate::Date::new(2025, 6, 30).unwrap();
        let blank = |t: &Text| t.zh.is_empty() && t.en.is_empty();
        let mut seen = 0;
        for (name, command, input) in golden_cases() {
            let v: Value = serde_json::from_str(&input).unwrap();
            let (profile, estimate) = if command == "check" {
                let Ok(i) = crate::input::check_input_from_value(&v) else { continue };
                (i.profile, None)
            } else {
                let Ok(i) = crate::estimate::validated_value(&v, bundle, |d| d.or(Some(today))) else { continue };
                (i.profile.clone(), Some(i))
            };
            let facts = crate::eval::Facts::of(&profile, Explain::No);
            assert!(facts.sme.reasons.is_empty() && facts.sme.to_change.as_ref().is_none_or(blank) && blank(&facts.sme.gs_basis), "{name}");
            assert!(facts.sme.indicators.iter().all(|i| blank(&i.4)) && facts.sme.clause.is_empty(), "{name}");
            for p in crate::eval::evaluate_all(bundle, &profile, &facts, today) {
                for e in &p.criteria {
                    assert!(blank(&e.reason) && e.to_change.as_ref().is_none_or(blank), "{name}: {}", p.programme.id);
                }
            }
            if let Some(i) = estimate {
                let Ok(e) = crate::estimate::estimated(&i, bundle, today, Explain::No) else { continue };
                for o in &e.outs {
                    assert!(blank(&o.explanation) && blank(&o.formula) && o.first.as_ref().is_none_or(|f| blank(&f.1)), "{name}");
                    assert!(o.notices.iter().all(blank), "{name}");
                }
                assert!(e.stacking.iter().all(Option::is_none) && e.overlaps.iter().all(|o| blank(&o.text)), "{name}");
            }
            seen += 1;
        }
        assert!(seen > 100, "{seen}");
    }
}
