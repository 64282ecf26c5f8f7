//! The compact answer (`"detail": "outcomes"` in the contract's options, issue 17): what was
//! decided, with no sentence, quote or source. Every field has the name and the JSON form it has
//! in the full report, so a caller can switch between the two.
//!
//! For now these are built *from* the full report ([`CheckReport::outcomes`],
//! [`EstimateReport::outcomes`]): the sentences are still formatted and then dropped, so the
//! compact answer saves serialising and parsing them, not making them (docs/performance.md,
//! issue 17).

use crate::date::Date;
use crate::estimate::{EstimateReport, MeasureStatus};
use crate::eval::{CheckReport, Outcome, ProgrammeResult, Verdict};
use crate::rules::Status;
use crate::sme::{SmeClass, Tri};
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

impl ProgrammeOutcome {
    fn of(p: &ProgrammeResult) -> ProgrammeOutcome {
        ProgrammeOutcome {
            id: p.id.clone(),
            status: p.status,
            verdict: p.verdict,
            criteria: p.criteria.iter().map(|c| CriterionOutcome { id: c.id.clone(), outcome: c.outcome }).collect(),
        }
    }
}

impl CheckReport {
    /// The compact answer of this report.
    pub fn outcomes(&self) -> CheckOutcomes {
        CheckOutcomes {
            as_of: self.as_of,
            sme: SmeOutcome { class: self.sme.class, is_sme: self.sme.is_sme },
            programmes: self.programmes.iter().map(ProgrammeOutcome::of).collect(),
        }
    }
}

impl EstimateReport {
    /// The compact answer of this report.
    pub fn outcomes(&self) -> EstimateOutcomes {
        EstimateOutcomes {
            programme: self.programme.clone(),
            as_of: self.as_of,
            status: self.status,
            eligibility: ProgrammeOutcome::of(&self.eligibility),
            measures: self
                .measures
                .iter()
                .map(|m| MeasureOutcome { id: m.id.clone(), status: m.status, amount_yuan: m.amount_yuan })
                .collect(),
            total_yuan: self.total_yuan,
            instalments: self
                .instalments
                .iter()
                .map(|i| InstalmentOutcome { stage: i.stage.clone(), amount_yuan: i.amount_yuan })
                .collect(),
        }
    }
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

    /// Every golden case that makes a report (tests/cases/*.toml): the compact answer is the full
    /// report's outcomes, field for field, in both languages and leniently too.
    #[test]
    fn compact_agrees_with_the_full_report_on_every_golden_case() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases");
        let bundle = RuleBundle::embedded();
        let mut compared = [0usize; 2];
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
            let doc: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for case in doc["case"].as_array().unwrap() {
                let command = case.get("command").and_then(toml::Value::as_str).unwrap_or("check");
                let Some(input) = case.get("input") else { continue };
                if !matches!(command, "check" | "estimate") {
                    continue;
                }
                let input = crate::toml_json::toml_to_json(input.clone()).to_string();
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
                    let name = format!("{}: {:?}", path.display(), case.get("name"));
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
}
