//! The app's state: what the user typed, kept verbatim (never cleared by validation), and the
//! core's answers derived from it. All parsing and every decision is the core's.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use shuzhuan_policy::input::{check_input_from_value_in, CheckInput};
use shuzhuan_policy::lenient::{leave_out, leniently};
use shuzhuan_policy::FieldError;
use std::collections::BTreeMap;

/// The self-check form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    pub industry: String,
    pub employees: String,
    pub revenue: String,
    pub assets: String,
    pub region: String,
    pub uscc: String,
    /// "yes" | "no" | "" (not answered)
    pub legal: String,
    pub credit: String,
    pub gs: String,
    /// "wan" (万元, the default) or "yuan".
    pub unit: String,
    /// YYYY-MM-DD or "" for today.
    pub as_of: String,
    /// True while `region` is only what the credit code's registering authority suggests: it is
    /// shown for the user to confirm, and not sent as the operating district until confirmed.
    pub region_unconfirmed: bool,
    /// 专精特新: "none" | "sme" | "little_giant" | "" (asked only when a rule reads it).
    pub specialized: String,
    /// 成立日期, YYYY-MM-DD (asked only when a rule reads it).
    pub registered_on: String,
    /// 目前的数字化水平, 0–4 (asked only when a rule reads it).
    pub level_now: String,
    /// Answers to the rule packs' own enterprise questions, as typed, by question id
    /// (yes/no as "yes" | "no").
    pub answers: BTreeMap<String, String>,
}

/// The estimator form of one programme, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectForm {
    pub level: String,
    pub year: String,
    pub amounts: BTreeMap<String, String>,
    pub ratio: String,
    pub caps: BTreeMap<String, String>,
    pub flags: BTreeMap<String, bool>,
    pub awards: Vec<String>,
    /// Roles the enterprise holds (`chain_leader`, `platform`).
    pub roles: Vec<String>,
    /// Amounts typed for awards the document names without a figure, by measure id.
    pub award_amounts: BTreeMap<String, String>,
    /// One cap for every level (programmes whose amounts are not graded by level).
    pub cap: String,
}

/// What a money field sends to the core: in yuan as typed, or in 万元 by the core's one rule
/// ([`shuzhuan_policy::amount::in_wan`], which the widgets call too).
pub fn with_unit(text: &str, unit: &str) -> String {
    if unit == "yuan" {
        text.trim().to_string()
    } else {
        shuzhuan_policy::amount::in_wan(text)
    }
}

fn tri(s: &str) -> Value {
    match s {
        "yes" => Value::Bool(true),
        "no" => Value::Bool(false),
        _ => Value::Null,
    }
}

impl Form {
    pub fn unit(&self) -> &str {
        if self.unit == "yuan" {
            "yuan"
        } else {
            "wan"
        }
    }

    /// The profile as contract JSON, every field as typed (the core leaves out those in error).
    pub fn profile_json(&self) -> Value {
        let mut m = Map::new();
        let mut put = |k: &str, v: Value| {
            if !v.is_null() && v != json!("") {
                m.insert(k.to_string(), v);
            }
        };
        put("industry", json!(self.industry.trim()));
        put("employees", json!(self.employees.trim()));
        put("revenue_yuan", json!(with_unit(&self.revenue, self.unit())));
        put("total_assets_yuan", json!(with_unit(&self.assets, self.unit())));
        // A district filled in from the credit code is a hint until the user confirms it.
        if !self.region_unconfirmed {
            put("region", json!(self.region.trim()));
        }
        put("uscc", json!(self.uscc.trim()));
        put("independent_legal_person", tri(&self.legal));
        put("bad_credit_last_3_years", tri(&self.credit));
        put("above_designated_size", tri(&self.gs));
        put("specialized", json!(self.specialized.trim()));
        put("registered_on", json!(self.registered_on.trim()));
        put("digital_level_now", json!(self.level_now.trim()));
        let asks = crate::asks();
        let answers: Map<String, Value> = self
            .answers
            .iter()
            .filter_map(|(k, v)| {
                let q = asks.questions.iter().map(|(_, q)| q).find(|q| &q.id == k)?;
                let v = match q.kind {
                    shuzhuan_policy::rules::QuestionKind::YesNo => tri(v),
                    shuzhuan_policy::rules::QuestionKind::Yuan => json!(with_unit(v, self.unit())),
                    _ => json!(v.trim()),
                };
                (!v.is_null() && v != json!("")).then(|| (k.clone(), v))
            })
            .collect();
        if !answers.is_empty() {
            m.insert("answers".into(), Value::Object(answers));
        }
        Value::Object(m)
    }

    pub fn check_json(&self) -> Value {
        let mut top = Map::new();
        if !self.as_of.trim().is_empty() {
            top.insert("as_of".into(), json!(self.as_of.trim()));
        }
        top.insert("profile".into(), self.profile_json());
        Value::Object(top)
    }

    /// Parses the form; a field in error is left out so the rest still gives a result (the
    /// core's one rule, [`leniently`]). A place's name is read by the cities of the rules in use
    /// too, as the core's `check` reads it.
    pub fn evaluate(&self) -> (CheckInput, Vec<FieldError>) {
        let (input, errors) = leniently(&self.check_json(), |v| check_input_from_value_in(v, &crate::rules().programmes));
        (input.unwrap_or_default(), errors)
    }
}

impl ProjectForm {
    /// The estimate input as typed; the profile without the self-check's fields in error (those
    /// are the self-check page's to show).
    pub fn estimate_json(&self, programme: &str, form: &Form) -> Value {
        let mut p = Map::new();
        let mut put = |k: &str, v: Value| {
            if v != json!("") && !v.is_null() {
                p.insert(k.to_string(), v);
            }
        };
        put("digital_level_after", json!(self.level.trim()));
        put("implementation_year", json!(self.year.trim()));
        for (k, v) in &self.amounts {
            // Money as the rule pack declares it: a bare number in a 万元 field gets 万.
            let money = crate::rules().get(programme).and_then(|p| p.question(k)).map_or(k.ends_with("_yuan"), |q| q.is_money());
            put(k, json!(if money { with_unit(v, form.unit()) } else { v.trim().to_string() }));
        }
        put("ratio", json!(self.ratio.trim()));
        let caps: Map<String, Value> =
            self.caps.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(l, v)| (l.clone(), json!(with_unit(v, form.unit())))).collect();
        if !caps.is_empty() {
            put("caps_yuan", Value::Object(caps));
        } else if !self.cap.trim().is_empty() {
            put("caps_yuan", json!(with_unit(&self.cap, form.unit())));
        }
        if !self.roles.is_empty() {
            put("roles", json!(self.roles));
        }
        let amounts: Map<String, Value> = self
            .award_amounts
            .iter()
            .filter(|(k, v)| !v.trim().is_empty() && self.awards.contains(k))
            .map(|(k, v)| (k.clone(), json!(with_unit(v, form.unit()))))
            .collect();
        if !amounts.is_empty() {
            put("award_amounts_yuan", Value::Object(amounts));
        }
        for (k, v) in &self.flags {
            put(k, json!(v));
        }
        if !self.awards.is_empty() {
            put("awards", json!(self.awards));
        }
        let mut top = Map::new();
        top.insert("programme".into(), json!(programme));
        if !form.as_of.trim().is_empty() {
            top.insert("as_of".into(), json!(form.as_of.trim()));
        }
        let mut profile = form.profile_json();
        for e in form.evaluate().1.iter().filter(|e| e.field.starts_with("profile.")) {
            leave_out(&mut profile, e.field.trim_start_matches("profile."));
        }
        top.insert("profile".into(), profile);
        top.insert("project".into(), Value::Object(p));
        Value::Object(top)
    }

    /// The estimate of this project on the form's date (else `date`), with the fields left out
    /// for their errors: what the estimator page shows and the printed summary totals.
    pub fn estimate(
        &self,
        programme: &str,
        form: &Form,
        date: shuzhuan_policy::Date,
        lang: shuzhuan_policy::Lang,
    ) -> (Option<shuzhuan_policy::EstimateReport>, Vec<FieldError>) {
        // The core's one rule for what is valid (as the widgets' `lenient` option): each field
        // in error left out, the rest estimated on the form's date, else `date`.
        let settings = shuzhuan_policy::contract::Settings { today: Some(date), as_of: None, lang, detail: Default::default() };
        leniently(&self.estimate_json(programme, form), |v| shuzhuan_policy::contract::estimate_value(crate::rules(), v, &settings))
    }
}

/// The DOM id of the input for a contract field path (`profile.employees` → `f-employees`).
pub fn field_id(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let base = match path {
        "profile.revenue_yuan" => "revenue",
        "profile.total_assets_yuan" => "assets",
        "profile.independent_legal_person" => "legal",
        "profile.bad_credit_last_3_years" => "credit",
        "profile.above_designated_size" => "gs",
        "project.digital_level_after" => "level",
        "project.implementation_year" => "year",
        _ if path.starts_with("project.caps_yuan.") => return format!("f-cap-{last}"),
        "project.caps_yuan" => "cap",
        _ if path.starts_with("project.award_amounts_yuan.") => return format!("f-award-amount-{last}"),
        // A rule pack's own enterprise question.
        _ if path.starts_with("profile.answers.") => return format!("f-q-{}", last.replace('_', "-")),
        _ => last,
    };
    format!("f-{}", base.replace('_', "-"))
}

/// The input id for an estimator question (`eligible_input_yuan` → `f-eligible-input-yuan`).
pub fn input_id(id: &str) -> String {
    field_id(&format!("project.{id}"))
}

/// Everything a shared link carries: the form, and the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Shared {
    pub form: Form,
    pub projects: BTreeMap<String, ProjectForm>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app's core has no embedded catalogue (the browser fetches it): load it as the page does.
    fn catalogue() {
        shuzhuan_policy::catalogue::load_codes(include_str!("../../crates/policy/data/gbt4754-2017.csv"));
        assert!(shuzhuan_policy::catalogue::catalogue_available());
    }

    #[test]
    fn a_bad_field_leaves_the_rest_evaluated_and_the_text_kept() {
        catalogue();
        let f = Form { industry: "3973".into(), employees: "12.5".into(), revenue: "8500".into(), ..Form::default() };
        let (input, errors) = f.evaluate();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "profile.employees");
        assert_eq!(input.profile.industry.as_deref(), Some("3973"));
        assert_eq!(input.profile.revenue_yuan, Some(rust_decimal::Decimal::from(85_000_000)));
        assert_eq!(f.employees, "12.5");
    }

    #[test]
    fn units() {
        assert_eq!(with_unit("8500", "wan"), "8500万");
        assert_eq!(with_unit("1.2亿", "wan"), "1.2亿");
        assert_eq!(with_unit("8500", "yuan"), "8500");
        assert_eq!(with_unit("８５００", "wan"), "８５００万");
        assert_eq!(with_unit("abc", "wan"), "abc");
        assert_eq!(with_unit("5.", "wan"), "5.万");
        assert_eq!(with_unit("<b>100</b>", "wan"), "<b>100</b>");
        assert_eq!(field_id("profile.revenue_yuan"), "f-revenue");
        assert_eq!(field_id("project.eligible_input_yuan"), "f-eligible-input-yuan");
        assert_eq!(field_id("project.caps_yuan.3"), "f-cap-3");
    }
}
