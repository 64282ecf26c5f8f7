//! Subsidy estimators: each measure of a programme → amount, cap, whether the cap bound, the
//! formula in words with the numbers filled in, and the conditions assumed. Amounts are
//! maxima the text allows ("最高"), never promises.

mod compute;

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::eval::{disclaimer, status_text, Facts, ProgrammeEval, ProgrammeResult, RulesInfo};
use crate::input::{typed_answer, EstimateInput, Typed};
use crate::money;
use crate::rules::{Formula, OverlapRule, PaidTo, Programme, Question, QuestionKind, RuleVersion, Scope as QuestionScope, Status};
use crate::text::{Explain, Lang, Text};
pub(crate) use compute::Out;
use compute::{compute, Scope};
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
    let p = match estimable(input, bundle) {
        Ok(p) => p,
        Err(errors) => return errors,
    };
    let version = p.version_on(date);
    let (_, _, answer_errors) = typed_answers(input, p, bundle);
    let mut errors = award_errors(input, version);
    errors.extend(award_amount_errors(input, version));
    errors.extend(answer_errors);
    errors.extend(caps_error(input, version));
    errors
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
pub fn validated_value(
    v: &serde_json::Value,
    bundle: &RuleBundle,
    date_of: impl FnOnce(Option<Date>) -> Option<Date>,
) -> Result<EstimateInput, InputErrors> {
    let (input, mut errors) = crate::input::estimate_input_from_value_partial(v)?;
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

/// An overlap group as applied: which of its lines the total counts, and what it means in words.
pub(crate) struct OverlapEval<'a> {
    pub overlap: &'a crate::rules::Overlap,
    pub counted: Vec<String>,
    pub not_counted: Vec<String>,
    pub text: Text,
}

/// An estimate decided: the eligibility, each measure's result, whose money it is, what the
/// total counts and the overlap groups as applied. Both renderings come from it: the report
/// ([`Estimated::render`], behind [`estimate`]) and the compact answer
/// ([`crate::outcomes::estimate_outcomes`]). Its sentences are empty when it was made without
/// explanations.
pub(crate) struct Estimated<'a> {
    pub programme: &'a Programme,
    pub version: &'a crate::rules::RuleVersion,
    pub as_of: Date,
    pub eligibility: ProgrammeEval<'a>,
    pub outs: Vec<Out>,
    pub payee: Vec<Payee>,
    pub in_total: Vec<bool>,
    pub stacking: Vec<Option<Text>>,
    pub overlaps: Vec<OverlapEval<'a>>,
    pub total: Decimal,
    pub others: Decimal,
}

/// Decides every measure of the programme named in the input (sentences as `explain` asks).
pub(crate) fn estimated<'a>(
    input: &EstimateInput,
    bundle: &'a RuleBundle,
    today: Date,
    explain: Explain,
) -> Result<Estimated<'a>, InputErrors> {
    let errors = validate(input, bundle, input.as_of.unwrap_or(today));
    if !errors.is_empty() {
        return Err(InputErrors { errors });
    }
    let Some(p) = bundle.get(&input.programme) else {
        return Err(InputErrors::one(
            "programme",
            Text::new("请指定政策编号，如 \"xiamen-2024\"", "name the programme, e.g. \"xiamen-2024\""),
        ));
    };
    let x = explain;
    let as_of = input.as_of.unwrap_or(today);
    let version = p.version_on(as_of);
    let facts = Facts::of(&input.profile, x);
    let eligibility = crate::eval::evaluate(p, &input.profile, &facts, as_of);
    let (amounts, flags, _) = typed_answers(input, p, bundle);
    let scope = Scope { project: &input.project, as_of, programme: p, amounts, flags, explain: x };
    // A measure's condition (`when`) first: failing, the line does not apply; unknown, it says
    // what is missing; passing (or none), the formula is computed.
    let outs: Vec<Out> = version
        .measures
        .iter()
        .map(|m| match crate::eval::eval_measure_condition(m, p, &input.profile, &facts, as_of, &input.project) {
            Some(e) if e.outcome == crate::eval::Outcome::Fail => Out::condition(MeasureStatus::NotApplicable, e),
            Some(e) if e.outcome == crate::eval::Outcome::Unknown => Out::condition(MeasureStatus::MissingInput, e),
            _ => compute(m, &scope),
        })
        .collect();
    // Whose money each line is: a role's is the enterprise's own only when it holds the role.
    let payee: Vec<Payee> = version
        .measures
        .iter()
        .map(|m| match m.paid_to {
            PaidTo::Enterprise => Payee::Enterprise,
            PaidTo::Other => Payee::Other,
            PaidTo::Role if m.role.as_ref().is_some_and(|r| input.project.roles.contains(r)) => Payee::Enterprise,
            PaidTo::Role => Payee::Other,
        })
        .collect();
    let pays = |i: usize| outs[i].status == MeasureStatus::Computed && outs[i].amount > Decimal::ZERO;
    let mut in_total: Vec<bool> = (0..outs.len()).map(|i| payee[i] == Payee::Enterprise && pays(i)).collect();
    let mut stacking: Vec<Option<Text>> = vec![None; outs.len()];
    let title_of = |id: &str| version.measures.iter().find(|m| m.id == id).map(|m| m.title.clone()).unwrap_or_else(|| Text::new(id, id));
    let mut overlaps = Vec::new();
    for o in &version.overlaps {
        let idx: Vec<usize> = o.measures.iter().filter_map(|id| version.measures.iter().position(|m| &m.id == id)).collect();
        let live: Vec<usize> = idx.iter().copied().filter(|i| in_total[*i]).collect();
        let names = |ix: &[usize]| {
            let t: Vec<Text> = ix.iter().map(|i| title_of(&version.measures[*i].id)).collect();
            Text::new(
                t.iter().map(|x| format!("“{}”", x.zh)).collect::<Vec<_>>().join("、"),
                t.iter().map(|x| format!("\"{}\"", x.en)).collect::<Vec<_>>().join(", "),
            )
        };
        let mut not_counted = Vec::new();
        let text = if live.len() < 2 {
            x.text(|| o.text.clone())
        } else {
            match o.rule {
                OverlapRule::Highest => {
                    // The first of the highest counts; the others are shown, not added.
                    let best = live.iter().copied().fold(live[0], |b, i| if outs[i].amount > outs[b].amount { i } else { b });
                    let bt = || title_of(&version.measures[best].id);
                    for &i in live.iter().filter(|i| **i != best) {
                        in_total[i] = false;
                        not_counted.push(version.measures[i].id.clone());
                        stacking[i] = x.yes().then(|| {
                            let bt = bt();
                            Text::new(
                                format!("就高不重复：与“{}”不叠加，按较高的一项计入合计", bt.zh),
                                format!("higher one only: does not stack with \"{}\"; the higher line is counted", bt.en),
                            )
                        });
                    }
                    x.text(|| {
                        let bt = bt();
                        o.text.join(&Text::new(
                            format!("只计入较高的“{}”", bt.zh),
                            format!("only the higher line, \"{}\", is counted", bt.en),
                        ))
                    })
                }
                OverlapRule::ConfirmDistinct => {
                    let all = x.text(|| names(&live));
                    for &i in &live {
                        stacking[i] = x.yes().then(|| {
                            Text::new(
                                format!("与{}一并计入合计：须为不同的项目或支出，请向区县工信部门确认", all.zh),
                                format!(
                                    "counted together with {}: they must be different projects or spending; confirm with the district office",
                                    all.en
                                ),
                            )
                        });
                    }
                    x.text(|| {
                        o.text.join(&Text::new(
                            format!("合计已包含{}，请确认它们不是同一项目或同一笔支出", all.zh),
                            format!("the total includes {}; confirm they are not the same project or spending", all.en),
                        ))
                    })
                }
            }
        };
        let counted = idx.iter().filter(|i| in_total[**i]).map(|i| version.measures[*i].id.clone()).collect();
        overlaps.push(OverlapEval { overlap: o, counted, not_counted, text });
    }
    let sum = |keep: &dyn Fn(usize) -> bool| {
        (0..outs.len()).filter(|i| keep(*i)).try_fold(Decimal::ZERO, |acc, i| acc.checked_add(outs[i].amount))
    };
    let overflow = || {
        InputErrors::one(
            "project",
            Text::new("所填金额过大，合计无法计算；请检查位数", "the amounts entered are too large to add up; check the digits"),
        )
    };
    let total = sum(&|i| in_total[i]).ok_or_else(overflow)?;
    let others = sum(&|i| payee[i] == Payee::Other && pays(i)).ok_or_else(overflow)?;
    Ok(Estimated { programme: p, version, as_of, eligibility, outs, payee, in_total, stacking, overlaps, total, others })
}

/// Estimates every measure of the programme named in the input.
pub fn estimate(input: &EstimateInput, bundle: &RuleBundle, today: Date, lang: Lang) -> Result<EstimateReport, InputErrors> {
    Ok(estimated(input, bundle, today, Explain::Yes)?.render(input, bundle, lang))
}

impl Estimated<'_> {
    /// The report, in `lang` (made with explanations).
    fn render(self, input: &EstimateInput, bundle: &RuleBundle, lang: Lang) -> EstimateReport {
        let Estimated { programme: p, version, as_of, eligibility, outs, payee, in_total, stacking, overlaps, total, others } = self;
        let overlaps = overlaps
            .into_iter()
            .map(|o| OverlapResult {
                id: o.overlap.id.clone(),
                rule: o.overlap.rule,
                measures: o.overlap.measures.clone(),
                counted: o.counted,
                not_counted: o.not_counted,
                text: o.text.get(lang).to_string(),
                source: p.cite(&o.overlap.source),
                quote: o.overlap.source.quote.clone(),
            })
            .collect();
        let mut measures = Vec::new();
        let mut instalments = Vec::new();
        let mut notices: Vec<String> = input.notices.iter().map(|t| t.get(lang).to_string()).collect();
        for (i, (measure, o)) in version.measures.iter().zip(outs).enumerate() {
            notices.extend(o.notices.iter().map(|t| t.get(lang).to_string()));
            // Instalments divide an amount: with the measure's own amount unknown (an input missing)
            // there is none to divide, so the first instalment is said in the measure's explanation,
            // not listed beside a total of 0 (docs/readings.md §5, Xiamen).
            let mut explanation = o.explanation.clone();
            if let (Some((_, ftxt)), false) = (&o.first, o.divides()) {
                explanation = explanation.join(&Text::new(
                    format!("首期按合同首付计为 {}；填好本项所需各项后才列出分期", ftxt.zh),
                    format!("the first instalment would be {} from the down payment; the instalments are listed once this measure's inputs are all given", ftxt.en),
                ));
            }
            if let (Some(split), Some((_, ftxt))) = (o.instalments(), &o.first) {
                let (first, rest) = (split.first, split.rest);
                instalments.push(Instalment {
                    stage: "first".into(),
                    amount_yuan: first,
                    explanation: Text::new(
                        format!("首期：{}（签订改造合同后拨付）", ftxt.zh),
                        format!("first instalment: {} (after the contract is signed)", ftxt.en),
                    )
                    .get(lang)
                    .to_string(),
                });
                let text = if rest >= Decimal::ZERO {
                    Text::new(
                        format!(
                            "验收后按达到的数字化水平一次性拨付剩余 {} = {} − 首期 {}",
                            money::zh(rest),
                            money::zh(o.amount),
                            money::zh(first)
                        ),
                        format!(
                            "after acceptance, by the level reached: the remaining {} = {} − first {}",
                            money::en(rest),
                            money::en(o.amount),
                            money::en(first)
                        ),
                    )
                } else {
                    Text::new(
                        format!("验收达到的等级对应补贴 {} 少于首期已拨付 {}，差额 {} 不再拨付并可能需退回", money::zh(o.amount), money::zh(first), money::zh(-rest)),
                        format!("the level reached gives {}, less than the {} advanced: the difference {} is not paid and may have to be returned", money::en(o.amount), money::en(first), money::en(-rest)),
                    )
                };
                instalments.push(Instalment {
                    stage: "after_acceptance".into(),
                    amount_yuan: split.after_acceptance(),
                    explanation: text.get(lang).to_string(),
                });
            }
            if measure.paid_to == PaidTo::Role && o.status == MeasureStatus::Computed {
                let role = crate::rules::role_name(measure.role.as_deref().unwrap_or_default());
                explanation = explanation.join(&if payee[i] == Payee::Enterprise {
                    Text::new(
                        format!("本企业是{}，计入本企业合计", role.zh),
                        format!("the enterprise is {}, so this counts in its total", role.en),
                    )
                } else {
                    Text::new(
                        format!("付给{}；未说明本企业是{}，不计入本企业合计", role.zh, role.zh),
                        format!("paid to {}; the input does not say the enterprise is one, so it is not in its total", role.en),
                    )
                });
            }
            measures.push(MeasureResult {
                id: measure.id.clone(),
                title: measure.title.get(lang).to_string(),
                recipient: measure.recipient.as_ref().map(|r| r.get(lang).to_string()),
                paid_to: payee[i],
                role: measure.role.clone(),
                in_total: in_total[i],
                stacking: stacking[i].as_ref().map(|t| t.get(lang).to_string()),
                status: o.status,
                amount_yuan: money::yuan(o.amount),
                cap_yuan: o.cap.map(money::yuan),
                capped: o.capped,
                up_to: o.up_to,
                user_supplied: o.user_supplied,
                formula: o.formula.get(lang).to_string(),
                explanation: explanation.get(lang).to_string(),
                conditions: measure.conditions.iter().map(|c| c.get(lang).to_string()).collect(),
                missing: o.missing,
                by_level: o.by_level,
                by_year: o.by_year,
                source: p.cite(&measure.source),
                clause: measure.source.clause.clone(),
                quote: measure.source.quote.clone(),
            });
        }
        let unused: Vec<&str> = input
            .project
            .answers
            .keys()
            .filter(|id| {
                !version.measures.iter().any(|m| uses(&m.formula, id) || m.cond.as_ref().is_some_and(|c| c.questions().contains(id)))
            })
            .map(|id| id.as_str())
            .collect();
        if !unused.is_empty() {
            let list = unused.join(", ");
            notices.push(
                Text::new(format!("本政策不使用以下输入：{list}"), format!("this programme does not use: {list}")).get(lang).to_string(),
            );
        }
        let mut leaves_out = vec![Text::new(
            "只估算本文件的措施（含本文件规定由区县拨付的部分）；本文件以外的区县配套政策和其他市级政策不在其中，与之重复的按文件规定处理",
            "only this document's measures are estimated (including those it has the districts pay); district top-ups and other city policies outside it are not included, and overlaps with them follow the document's rule",
        )];
        if p.status_on(as_of) != Status::InForce {
            leaves_out.push(Text::new(
                format!("本文件在 {} 不在有效期内（{}），估算仅供参考", as_of, status_text(p, as_of).zh),
                format!("the document is not in force on {as_of} ({}); the estimate is for reference only", status_text(p, as_of).en),
            ));
        }
        for mr in &measures {
            if matches!(mr.status, MeasureStatus::NotComputed | MeasureStatus::NeedsParameters | MeasureStatus::MissingInput) {
                leaves_out.push(Text::new(format!("{}：{}", mr.title, mr.explanation), format!("{}: {}", mr.title, mr.explanation)));
            }
        }
        EstimateReport {
            programme: p.id.clone(),
            title: p.title.get(lang).to_string(),
            document: p.citation(),
            draft: p.draft,
            as_of,
            status: p.status_on(as_of),
            status_text: status_text(p, as_of).get(lang).to_string(),
            rules_version: version.id.clone(),
            eligibility: eligibility.render(lang),
            measures,
            total_yuan: money::yuan(total),
            paid_to_others_yuan: money::yuan(others),
            overlaps,
            instalments,
            notes: p.notes.iter().map(|n| format!("{}（{}）", n.text.get(lang), p.cite(&n.source))).collect(),
            leaves_out: leaves_out.iter().map(|t| t.get(lang).to_string()).collect(),
            notices,
            rules: RulesInfo { origin: bundle.origin.clone(), hash: bundle.hash.clone() },
            disclaimer: disclaimer().get(lang).to_string(),
        }
    }
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
