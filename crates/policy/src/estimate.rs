//! Subsidy estimators: each measure of a programme → amount, cap, whether the cap bound, the
//! formula in words with the numbers filled in, and the conditions assumed. Amounts are
//! maxima the text allows ("最高"), never promises.

mod compute;
mod decide;
mod render;

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::eval::{ProgrammeResult, RulesInfo};
use crate::input::{typed_answer, EstimateInput, Typed};
use crate::rules::{Formula, OverlapRule, Programme, Question, QuestionKind, RuleVersion, Scope as QuestionScope, Status};
use crate::text::{Explain, Lang, Text};
pub(crate) use decide::estimated;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// A digital level in words (`二级`, `level 2`; 0 is 未达一级).
pub fn level_text(level: u8) -> Text {
    compute::level_name(level)
}

/// The project's answers typed by the programme's questions: (amounts, yes/no flags), and an
/// error for each answer that cannot be read or that no programme of the bundle asks.
fn typed_answers(
    input: &EstimateInput,
    p: &Programme,
    bundle: &RuleBundle,
) -> (BTreeMap<String, Decimal>, BTreeMap<String, bool>, Vec<FieldError>) {
    let (mut amounts, mut flags, mut errors) = (BTreeMap::new(), BTreeMap::new(), Vec::new());
    for (id, raw) in &input.project.answers {
        let path = format!("project.{}", crate::text::shown(id, 40));
        match p.question(id).filter(|q| q.scope == QuestionScope::Project) {
            Some(q) => match typed_answer(q, raw, &path) {
                Ok(Some(Typed::Number(n))) => {
                    amounts.insert(id.clone(), n);
                }
                Ok(Some(Typed::Bool(b))) => {
                    flags.insert(id.clone(), b);
                }
                Ok(_) => {}
                Err(e) => errors.push(e),
            },
            // Another programme's question: said in the notices, not an error (a form may carry
            // what the user typed for another programme).
            None if bundle.programmes.iter().any(|o| o.question(id).is_some_and(|q| q.scope == QuestionScope::Project)) => {}
            None => {
                let known = p
                    .questions
                    .iter()
                    .filter(|q| q.scope == QuestionScope::Project)
                    .map(|q| q.id.as_str())
                    .chain(crate::input::PROJECT_KEYS.iter().copied())
                    .collect::<Vec<_>>()
                    .join(", ");
                let shown = crate::text::shown(id, 40);
                errors.push(FieldError::new(
                    path,
                    Text::new(
                        format!("未知字段“{shown}”；本政策的项目字段：{known}"),
                        format!("unknown field \"{shown}\"; this programme's project fields: {known}"),
                    ),
                ));
            }
        }
    }
    (amounts, flags, errors)
}
/// What happened to a measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// An amount was computed.
    Computed,
    /// An input it needs is absent: it contributes nothing and says which.
    MissingInput,
    /// The inputs fall outside what the measure covers.
    NotApplicable,
    /// Another policy handles this case; not computed here.
    NotComputed,
    /// The document sets no figures: ratio and caps must come from the user.
    NeedsParameters,
    /// A one-off award the user has not opted into.
    NotClaimed,
    /// Pays nothing to the enterprise (information only).
    Info,
}

/// The amount for one digital level, for "what if level 3 instead of 2".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelAmount {
    pub level: u8,
    pub amount_yuan: Decimal,
    pub cap_yuan: Decimal,
}

/// The amount in one year of the pilot, when the year decides the ratio and is not known.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearAmount {
    pub year: u8,
    pub ratio: Decimal,
    pub amount_yuan: Decimal,
}

/// Whose money a line is, once the enterprise's roles are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Payee {
    /// The enterprise's own: counted in `total_yuan`.
    Enterprise,
    /// Paid to someone else (a training body, a provider, a role the enterprise does not hold):
    /// shown apart, in `paid_to_others_yuan`, never in the total.
    Other,
}

/// One measure's estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureResult {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Whose money this line is.
    pub paid_to: Payee,
    /// The role it is paid for (`chain_leader`, `platform`), when it is a role's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// True when `amount_yuan` is part of `total_yuan`.
    pub in_total: bool,
    /// How this line stacks with others that may pay for the same thing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stacking: Option<String>,
    pub status: MeasureStatus,
    pub amount_yuan: Decimal,
    pub cap_yuan: Option<Decimal>,
    /// True when the cap, not the ratio, set the amount.
    pub capped: bool,
    /// True when the amount is a maximum ("最高"), not a fixed sum.
    pub up_to: bool,
    /// True when ratio or caps were entered by the user, not taken from the document.
    pub user_supplied: bool,
    /// The formula in words, numbers filled in.
    pub formula: String,
    pub explanation: String,
    pub conditions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_level: Vec<LevelAmount>,
    /// Each pilot year's amount, when the year is not known (the total counts the lowest).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_year: Vec<YearAmount>,
    pub source: String,
    pub clause: String,
    pub quote: String,
}

/// A payment stage of a level-graded subsidy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instalment {
    /// `first` or `after_acceptance`.
    pub stage: String,
    pub amount_yuan: Decimal,
    pub explanation: String,
}

/// A group of measures that may pay for the same thing, as applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverlapResult {
    pub id: String,
    pub rule: OverlapRule,
    pub measures: Vec<String>,
    /// The lines of the group counted in the total.
    pub counted: Vec<String>,
    /// The lines of the group left out of the total (就高不重复).
    pub not_counted: Vec<String>,
    /// What it means for this enterprise, e.g. which lines it must confirm are different projects.
    pub text: String,
    pub source: String,
    pub quote: String,
}

/// The `estimate` report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EstimateReport {
    pub programme: String,
    pub title: String,
    pub document: String,
    pub draft: bool,
    pub as_of: Date,
    pub status: Status,
    pub status_text: String,
    pub rules_version: String,
    pub eligibility: ProgrammeResult,
    pub measures: Vec<MeasureResult>,
    /// What this enterprise itself would receive: lines paid to it, after 就高不重复.
    pub total_yuan: Decimal,
    /// Lines paid to other parties (a training body, a provider, a role not held), apart.
    pub paid_to_others_yuan: Decimal,
    /// Groups of lines that may pay for the same thing, and how they were added up.
    pub overlaps: Vec<OverlapResult>,
    pub instalments: Vec<Instalment>,
    pub notes: Vec<String>,
    /// What the estimate does not include.
    pub leaves_out: Vec<String>,
    pub notices: Vec<String>,
    pub rules: RulesInfo,
    pub disclaimer: String,
}

/// The ids of the programmes an enterprise can estimate, for messages.
fn enterprise_ids(bundle: &RuleBundle) -> String {
    bundle
        .programmes
        .iter()
        .filter(|p| p.audience == crate::rules::Audience::Enterprise)
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Problems only the rules can see: an unknown programme id, the provider measure, an award that
/// is not the programme's. `date` is the date the estimate is made on (an `--as-of` or the
/// options' `as_of`, else the input's own, else today): it picks the version whose awards and
/// inputs are checked, whatever the input's own `as_of` says.
pub fn validate(input: &EstimateInput, bundle: &RuleBundle, date: Date) -> Vec<FieldError> {
    validated(input, bundle, date).1
}

/// The project's answers as the programme's questions type them: amounts and yes/no flags.
pub(crate) type TypedAnswers = (BTreeMap<String, Decimal>, BTreeMap<String, bool>);

/// [`validate`], keeping what it read: the programme named (when an enterprise can estimate it)
/// with the project's answers typed, so the estimate does not read them again; and the errors.
pub(crate) fn validated<'a>(
    input: &EstimateInput,
    bundle: &'a RuleBundle,
    date: Date,
) -> (Option<(&'a Programme, TypedAnswers)>, Vec<FieldError>) {
    let p = match estimable(input, bundle) {
        Ok(p) => p,
        Err(errors) => return (None, errors),
    };
    let version = p.version_on(date);
    let (amounts, flags, answer_errors) = typed_answers(input, p, bundle);
    let mut errors = award_errors(input, version);
    errors.extend(award_amount_errors(input, version));
    errors.extend(answer_errors);
    errors.extend(caps_error(input, version));
    (Some((p, (amounts, flags))), errors)
}

/// The programme the input names, when an enterprise can estimate it; else the error (none
/// when no programme is named: the input's own check says so).
fn estimable<'a>(input: &EstimateInput, bundle: &'a RuleBundle) -> Result<&'a Programme, Vec<FieldError>> {
    let Some(p) = bundle.get(&input.programme) else {
        if input.programme.is_empty() {
            return Err(vec![]);
        }
        let ids = enterprise_ids(bundle);
        let shown = crate::text::shown(&input.programme, 40);
        return Err(vec![FieldError::new(
            "programme",
            Text::new(format!("没有编号为“{shown}”的政策；可用：{ids}"), format!("no programme \"{shown}\"; known: {ids}")),
        )]);
    };
    // The provider measure has no subsidy for an enterprise to estimate (its calculators are
    // providers_check / providers_score / providers_stars).
    if p.audience != crate::rules::Audience::Enterprise {
        let ids = enterprise_ids(bundle);
        let id = &p.id;
        return Err(vec![FieldError::new(
            "programme",
            Text::new(
                format!("“{id}”是服务商遴选办法，没有企业补贴可估算（请用服务商自查和评分计算）；可估算：{ids}"),
                format!("\"{id}\" selects service providers and has no enterprise subsidy to estimate (use the provider check and scoring); estimable: {ids}"),
            ),
        )]);
    }
    Ok(p)
}

/// The ids of the version's measures whose formula `kind` accepts.
fn measure_ids(version: &RuleVersion, kind: impl Fn(&Formula) -> bool) -> Vec<&str> {
    version.measures.iter().filter(|m| kind(&m.formula)).map(|m| m.id.as_str()).collect()
}

/// Each award opted into that is not one of the version's.
fn award_errors(input: &EstimateInput, version: &RuleVersion) -> Vec<FieldError> {
    let awards = measure_ids(version, |f| matches!(f, Formula::Award { .. } | Formula::UserAward { .. }));
    input
        .project
        .awards
        .iter()
        .enumerate()
        .filter(|(_, a)| !awards.contains(&a.as_str()))
        .map(|(i, a)| {
            let list = awards.join(", ");
            let shown = crate::text::shown(a, 40);
            FieldError::new(
                format!("project.awards[{i}]"),
                Text::new(
                    format!("“{shown}”不是本政策的奖励项目；可选：{list}"),
                    format!("\"{shown}\" is not an award of this programme; choose from: {list}"),
                ),
            )
        })
        .collect()
}

/// Each award amount entered for a measure that is not an award whose amount the user enters.
fn award_amount_errors(input: &EstimateInput, version: &RuleVersion) -> Vec<FieldError> {
    let to_enter = measure_ids(version, |f| matches!(f, Formula::UserAward { .. }));
    let list = if to_enter.is_empty() { "—".to_string() } else { to_enter.join(", ") };
    input
        .project
        .award_amounts_yuan
        .keys()
        .filter(|k| !to_enter.contains(&k.as_str()))
        .map(|id| {
            let shown = crate::text::shown(id, 40);
            FieldError::new(
                format!("project.award_amounts_yuan.{shown}"),
                Text::new(
                    format!("“{shown}”不是本政策中需要填写金额的奖励；可填：{list}"),
                    format!("\"{shown}\" is not an award of this programme whose amount you enter; these are: {list}"),
                ),
            )
        })
        .collect()
}

/// Caps by level entered for a programme whose amounts are not graded by level.
fn caps_error(input: &EstimateInput, version: &RuleVersion) -> Option<FieldError> {
    let ungraded = version.measures.iter().any(|m| matches!(m.formula, Formula::UserParameters { by_level: false, .. }));
    (ungraded && !input.project.caps_single && !input.project.caps_yuan.is_empty()).then(|| {
        FieldError::new(
            "project.caps_yuan",
            Text::new(
                "本政策的补贴金额不按数字化水平分档：请填写一个上限金额，而不是按等级的上限",
                "this programme's amounts are not graded by digital level: give one cap, not a cap per level",
            ),
        )
    })
}

/// Parses `estimate` JSON and checks it against the rules (the version in force on the input's
/// `as_of`, else the earliest), reporting every problem at once.
pub fn parse_and_validate(text: &str, bundle: &RuleBundle) -> Result<EstimateInput, InputErrors> {
    validated_value(&crate::input::json_value(text)?, bundle, |as_of| as_of)
}

/// [`parse_and_validate`] for input already read as JSON, checked against the rules in force on
/// the date `date_of` gives for the input's own `as_of` (the date the estimate will be made on:
/// an `--as-of` or today), so the awards and inputs asked are the version's that will be used.
/// A place's name is read by the bundle's cities too
/// ([`crate::input::estimate_input_from_value_partial_in`]).
pub fn validated_value(
    v: &serde_json::Value,
    bundle: &RuleBundle,
    date_of: impl FnOnce(Option<Date>) -> Option<Date>,
) -> Result<EstimateInput, InputErrors> {
    let (input, mut errors) = crate::input::estimate_input_from_value_partial_in(v, &bundle.programmes)?;
    // Awards and the programme id depend on the rules; the date only picks the version.
    let more: Vec<FieldError> = validate(&input, bundle, date_of(input.as_of).unwrap_or(Date::Y2K))
        .into_iter()
        .filter(|e| !errors.iter().any(|x| x.field == e.field))
        .collect();
    errors.extend(more);
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(InputErrors { errors })
    }
}

/// Estimates every measure of the programme named in the input.
pub fn estimate(input: &EstimateInput, bundle: &RuleBundle, today: Date, lang: Lang) -> Result<EstimateReport, InputErrors> {
    Ok(estimated(input, bundle, today, Explain::Yes)?.render(input, bundle, lang))
}

fn uses(f: &Formula, field: &str) -> bool {
    match f {
        Formula::RatioCapped { input, received_input, alt_cap, .. } => {
            input == field || received_input.as_deref() == Some(field) || alt_cap.as_ref().is_some_and(|a| a.flag == field)
        }
        Formula::PerUnit { input, .. } | Formula::RatioInBand { input, .. } | Formula::UserParameters { input, .. } => input == field,
        Formula::RatioCappedByLevel { input, first_instalment, .. } => {
            input == field || first_instalment.as_ref().is_some_and(|f| f.input == field)
        }
        Formula::ThresholdAward { thresholds, .. } => thresholds.iter().any(|t| t.input == field),
        Formula::Award { .. } | Formula::UserAward { .. } | Formula::Info { .. } => false,
    }
}

/// Parses `estimate` JSON and estimates it.
pub fn estimate_json(text: &str, bundle: &RuleBundle, today: Date, lang: Lang) -> Result<EstimateReport, InputErrors> {
    let input = parse_and_validate(text, bundle)?;
    estimate(&input, bundle, today, lang)
}

/// What a programme's estimator asks for: the form an app shows is derived from the rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EstimatorSpec {
    /// The number questions the measures read (money, counts, person-days), in the order the
    /// rule pack declares them (the one that matters most first).
    pub inputs: Vec<Question>,
    /// Digital levels that carry a subsidy (asks for `digital_level_after`).
    pub levels: Vec<u8>,
    /// Asks for `implementation_year` (a ratio that depends on it).
    pub year: bool,
    /// The document publishes no amounts: asks for `ratio` and `caps_yuan`.
    pub user_parameters: bool,
    /// With `user_parameters`: the caps are by digital level (Jinan); otherwise one cap (Fuzhou).
    pub user_caps_by_level: bool,
    /// Awards named without an amount: the user enters it (`award_amounts_yuan`) once opted in.
    pub award_amounts: Vec<String>,
    /// Roles a measure is paid for (`roles`): (role id, its name).
    pub roles: Vec<(String, Text)>,
    /// One-off awards to opt into: (measure id, title).
    pub awards: Vec<(String, Text)>,
    /// Yes/no project questions a cap or a condition reads (e.g. `national_cross_industry_platform`).
    pub flags: Vec<(String, Text)>,
}

/// The estimator form for a programme on a date.
///
/// ```
/// use shuzhuan_policy::{estimate::spec, Date, RuleBundle};
/// let p = RuleBundle::embedded().get("xiamen-2024").unwrap();
/// let s = spec(p, Date::new(2025, 6, 30).unwrap());
/// assert_eq!(s.levels, vec![2, 3, 4]);
/// assert_eq!(s.inputs[0].id, "eligible_input_yuan"); // declared first: it matters most
/// assert!(s.inputs.iter().any(|q| q.id == "contract_down_payment_yuan"));
/// assert!(!s.user_parameters);
/// ```
pub fn spec(p: &Programme, date: Date) -> EstimatorSpec {
    let v = p.version_on(date);
    let mut s = EstimatorSpec {
        inputs: vec![],
        levels: vec![],
        year: false,
        user_parameters: false,
        user_caps_by_level: false,
        award_amounts: vec![],
        roles: vec![],
        awards: vec![],
        flags: vec![],
    };
    let read = |id: &str| {
        v.measures.iter().any(|m| uses(&m.formula, id) || m.cond.as_ref().is_some_and(|c| c.questions().iter().any(|q| q == id)))
    };
    for q in p.questions.iter().filter(|q| q.scope == QuestionScope::Project && read(&q.id)) {
        match q.kind {
            k if k.is_number() => s.inputs.push(Question { label: q.label.as_label(), ..q.clone() }),
            QuestionKind::YesNo => s.flags.push((q.id.clone(), q.label.as_label())),
            _ => {}
        }
    }
    for m in &v.measures {
        s.add_measure(m);
    }
    s.levels.sort_unstable();
    s
}

impl EstimatorSpec {
    /// What one measure asks for: its role, the levels its condition or caps read, the year,
    /// the user's parameters, an award to opt into.
    fn add_measure(&mut self, m: &crate::rules::Measure) {
        if let Some(r) = m.role.as_ref().filter(|_| m.paid_to == crate::rules::PaidTo::Role) {
            if !self.roles.iter().any(|(x, _)| x == r) {
                self.roles.push((r.clone(), crate::rules::role_name(r).as_label()));
            }
        }
        if m.cond.as_ref().is_some_and(|c| c.reads_level_after()) {
            self.add_levels(1..=4);
        }
        match &m.formula {
            Formula::RatioCappedByLevel { ratio_by_year, caps_by_level, .. } => {
                self.year |= !ratio_by_year.is_empty();
                self.add_levels(caps_by_level.keys().filter_map(|k| k.parse::<u8>().ok()));
            }
            Formula::Award { .. } => self.awards.push((m.id.clone(), m.title.as_label())),
            Formula::UserParameters { by_level, .. } => {
                self.user_parameters = true;
                self.user_caps_by_level |= *by_level;
                if *by_level {
                    self.add_levels([2, 3, 4].into_iter());
                }
            }
            Formula::UserAward { .. } => {
                self.awards.push((m.id.clone(), m.title.as_label()));
                self.award_amounts.push(m.id.clone());
            }
            _ => {}
        }
    }

    /// Adds the levels not listed yet.
    fn add_levels(&mut self, ls: impl Iterator<Item = u8>) {
        for l in ls {
            if !self.levels.contains(&l) {
                self.levels.push(l);
            }
        }
    }
}
