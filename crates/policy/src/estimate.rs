//! Subsidy estimators: each measure of a programme → amount, cap, whether the cap bound, the
//! formula in words with the numbers filled in, and the conditions assumed. Amounts are
//! maxima the text allows ("最高"), never promises.

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::eval::{disclaimer, evaluate_programme, status_text, Facts, ProgrammeResult, RulesInfo};
use crate::input::{EstimateInput, Project, INPUT_FIELDS};
use crate::money;
use crate::rules::{Formula, InputField, Measure, Status};
use crate::text::{Lang, Text};
use rust_decimal::Decimal;
use serde::Serialize;

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

/// One measure's estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureResult {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
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
    pub total_yuan: Decimal,
    pub instalments: Vec<Instalment>,
    pub notes: Vec<String>,
    /// What the estimate does not include.
    pub leaves_out: Vec<String>,
    pub notices: Vec<String>,
    pub rules: RulesInfo,
    pub disclaimer: String,
}

struct Out {
    status: MeasureStatus,
    amount: Decimal,
    cap: Option<Decimal>,
    capped: bool,
    up_to: bool,
    user_supplied: bool,
    formula: Text,
    explanation: Text,
    missing: Vec<String>,
    by_level: Vec<LevelAmount>,
    first: Option<(Decimal, Text)>,
}

impl Out {
    fn new(status: MeasureStatus, explanation: Text) -> Out {
        Out {
            status,
            amount: Decimal::ZERO,
            cap: None,
            capped: false,
            up_to: false,
            user_supplied: false,
            formula: Text::default(),
            explanation,
            missing: vec![],
            by_level: vec![],
            first: None,
        }
    }
}

fn m(d: Decimal) -> Text {
    Text::new(money::zh(d), money::en(d))
}

fn qty(f: InputField, d: Decimal) -> Text {
    if f.is_money() {
        m(d)
    } else {
        let n = d.normalize().to_string();
        Text::new(n.clone(), n)
    }
}

fn missing_input(f: InputField) -> Out {
    let l = f.label();
    let mut o = Out::new(
        MeasureStatus::MissingInput,
        Text::new(format!("未填写{}，本项未计入", l.zh), format!("{} not given, so this measure contributes nothing", l.en)),
    );
    o.missing.push(format!("project.{}", f.name()));
    o
}

fn missing_level() -> Out {
    let mut o = Out::new(
        MeasureStatus::MissingInput,
        Text::new(
            "未填写改造后数字化水平（二级/三级/四级），本项未计入",
            "digital level after transformation not given, so this measure contributes nothing",
        ),
    );
    o.missing.push("project.digital_level_after".into());
    o
}

/// `min(ratio × value, cap)` with the sentence that shows it.
fn ratio_capped(value: Decimal, ratio: Decimal, cap: Option<Decimal>, value_label: &Text) -> (Decimal, bool, Text) {
    let raw = money::yuan(ratio * value);
    let (amount, capped) = match cap {
        Some(c) if raw > c => (c, true),
        _ => (raw, false),
    };
    let (r, v, a) = (money::pct(ratio), m(value), m(raw));
    let text = match cap {
        Some(c) => {
            let c = m(c);
            let tail = if capped {
                Text::new(format!("，超过上限 {}，按上限计", c.zh), format!(", above the cap {}, so the cap applies", c.en))
            } else {
                Text::new(format!("，未超过上限 {}", c.zh), format!(", within the cap {}", c.en))
            };
            Text::new(
                format!("{} × {}{} {} = {}{}", r, value_label.zh, v.zh, "", a.zh, tail.zh),
                format!("{} × {} {} = {}{}", r, value_label.en, v.en, a.en, tail.en),
            )
        }
        None => {
            Text::new(format!("{} × {}{} = {}", r, value_label.zh, v.zh, a.zh), format!("{} × {} {} = {}", r, value_label.en, v.en, a.en))
        }
    };
    (amount, capped, Text::new(text.zh.replace("  ", " "), text.en))
}

fn level_key(level: u8) -> String {
    level.to_string()
}

fn level_name(level: u8) -> Text {
    let zh = ["", "一级", "二级", "三级", "四级"].get(level as usize).copied().unwrap_or("");
    Text::new(zh, format!("level {level}"))
}

fn compute(measure: &Measure, project: &Project) -> Out {
    match &measure.formula {
        Formula::RatioCapped { input, ratio, cap, alt_cap } => {
            let Some(v) = project.amount(*input) else { return missing_input(*input) };
            let (cap, cap_note) = match alt_cap {
                Some(a) if project.flags.get(&a.flag).copied().unwrap_or(false) => (a.cap, Some(a.label.clone())),
                _ => (*cap, None),
            };
            let (amount, capped, formula) = ratio_capped(v, *ratio, Some(cap), &input.label());
            let mut o = Out::new(
                MeasureStatus::Computed,
                Text::new(format!("最高可获 {}", money::zh(amount)), format!("up to {}", money::en(amount))),
            );
            if let Some(n) = cap_note {
                o.explanation = o.explanation.join(&n);
            }
            o.amount = amount;
            o.cap = Some(cap);
            o.capped = capped;
            o.up_to = true;
            o.formula = formula;
            o
        }
        Formula::PerUnit { input, unit_amount, cap } => {
            let Some(n) = project.amount(*input) else { return missing_input(*input) };
            let raw = money::yuan(*unit_amount * n);
            let (amount, capped) = match cap {
                Some(c) if raw > *c => (*c, true),
                _ => (raw, false),
            };
            let l = input.label();
            let mut o = Out::new(
                MeasureStatus::Computed,
                Text::new(format!("最高可获 {}", money::zh(amount)), format!("up to {}", money::en(amount))),
            );
            o.formula = Text::new(
                format!("{} × {} {} = {}", money::zh(*unit_amount), l.zh, qty(*input, n).zh, money::zh(raw)),
                format!("{} × {} {} = {}", money::en(*unit_amount), l.en, qty(*input, n).en, money::en(raw)),
            );
            o.amount = amount;
            o.cap = *cap;
            o.capped = capped;
            o.up_to = true;
            o
        }
        Formula::RatioCappedByLevel { input, ratio, ratio_by_year, caps_by_level, first_instalment } => {
            let mut assumed: Option<Text> = None;
            let r = match ratio {
                Some(r) => *r,
                None => {
                    let year = project.implementation_year.unwrap_or_else(|| {
                        assumed = Some(Text::new("未填写实施年度，按第一年计算", "implementation year not given; year 1 assumed"));
                        1
                    });
                    ratio_by_year.get(&year.to_string()).copied().unwrap_or(Decimal::ZERO)
                }
            };
            let first = first_instalment.as_ref().and_then(|fi| {
                project.amount(fi.input).map(|dp| {
                    let (amt, _, txt) = ratio_capped(dp, fi.ratio, Some(fi.cap), &fi.input.label());
                    (amt, txt)
                })
            });
            let Some(level) = project.digital_level_after else {
                let mut o = missing_level();
                o.first = first;
                return o;
            };
            let Some(v) = project.amount(*input) else {
                let mut o = missing_input(*input);
                o.first = first;
                return o;
            };
            let by_level: Vec<LevelAmount> = caps_by_level
                .iter()
                .filter_map(|(k, c)| k.parse::<u8>().ok().map(|l| (l, *c)))
                .map(|(l, c)| LevelAmount { level: l, amount_yuan: money::yuan(r * v).min(c), cap_yuan: c })
                .collect();
            let Some(cap) = caps_by_level.get(&level_key(level)).copied() else {
                let lowest = by_level.iter().map(|b| b.level).min().unwrap_or(2);
                let mut o = Out::new(
                    MeasureStatus::NotApplicable,
                    Text::new(
                        format!("改造后数字化水平为{}，未达到{}，不予补贴", level_name(level).zh, level_name(lowest).zh),
                        format!("{} after transformation is below {}, so no subsidy", level_name(level).en, level_name(lowest).en),
                    ),
                );
                o.by_level = by_level;
                o.first = first;
                return o;
            };
            let (amount, capped, formula) = ratio_capped(v, r, Some(cap), &input.label());
            let ln = level_name(level);
            let mut o = Out::new(
                MeasureStatus::Computed,
                Text::new(
                    format!("改造后达到{}：最高可获 {}", ln.zh, money::zh(amount)),
                    format!("reaching {}: up to {}", ln.en, money::en(amount)),
                ),
            );
            if let Some(a) = assumed {
                o.explanation = o.explanation.join(&a);
            }
            o.amount = amount;
            o.cap = Some(cap);
            o.capped = capped;
            o.up_to = true;
            o.formula = formula;
            o.by_level = by_level;
            o.first = first;
            o
        }
        Formula::RatioInBand { input, ratio, min, max } => {
            let Some(v) = project.amount(*input) else { return missing_input(*input) };
            let l = input.label();
            if v < *min {
                return Out::new(
                    MeasureStatus::NotApplicable,
                    Text::new(
                        format!("{} {} 低于 {}，不在本项范围", l.zh, money::zh(v), money::zh(*min)),
                        format!("{} {} is below {}, outside this measure", l.en, money::en(v), money::en(*min)),
                    ),
                );
            }
            if v >= *max {
                return Out::new(
                    MeasureStatus::NotComputed,
                    Text::new(
                        format!("{} {} 达到 {} 及以上，参照现行政策执行，本工具不计算", l.zh, money::zh(v), money::zh(*max)),
                        format!("{} {} is {} or more: the existing policy applies, not computed here", l.en, money::en(v), money::en(*max)),
                    ),
                );
            }
            let (amount, _, formula) = ratio_capped(v, *ratio, None, &l);
            let mut o = Out::new(
                MeasureStatus::Computed,
                Text::new(format!("不超过 {}", money::zh(amount)), format!("at most {}", money::en(amount))),
            );
            o.amount = amount;
            o.up_to = true;
            o.formula = formula;
            o
        }
        Formula::ThresholdAward { thresholds, cap } => {
            let mut failed = Vec::new();
            for t in thresholds {
                let Some(v) = project.amount(t.input) else { return missing_input(t.input) };
                if v <= t.more_than {
                    let l = t.input.label();
                    failed.push(Text::new(
                        format!("{} {} 未超过 {}", l.zh, qty(t.input, v).zh, qty(t.input, t.more_than).zh),
                        format!("{} {} does not exceed {}", l.en, qty(t.input, v).en, qty(t.input, t.more_than).en),
                    ));
                }
            }
            if let Some(first) = failed.first() {
                let all = failed.iter().skip(1).fold(first.clone(), |a, b| a.join(b));
                let mut o = Out::new(MeasureStatus::NotApplicable, all);
                o.cap = Some(*cap);
                return o;
            }
            let mut o = Out::new(
                MeasureStatus::Computed,
                Text::new(
                    format!("条件均已满足：最高可获 {}", money::zh(*cap)),
                    format!("all thresholds exceeded: up to {}", money::en(*cap)),
                ),
            );
            o.amount = *cap;
            o.cap = Some(*cap);
            o.up_to = true;
            o.formula = Text::new(format!("奖励最高 {}", money::zh(*cap)), format!("award up to {}", money::en(*cap)));
            o
        }
        Formula::Award { amount, up_to } => {
            let a = m(*amount);
            let (zh_kind, en_kind) = if *up_to { ("最高", "up to ") } else { ("", "") };
            if project.awards.iter().any(|x| x == &measure.id) {
                let mut o = Out::new(
                    MeasureStatus::Computed,
                    Text::new(format!("已选择：一次性奖励{zh_kind} {}", a.zh), format!("claimed: a one-off award of {en_kind}{}", a.en)),
                );
                o.amount = *amount;
                o.cap = Some(*amount);
                o.up_to = *up_to;
                o.formula = Text::new(format!("一次性奖励{zh_kind} {}", a.zh), format!("one-off award {en_kind}{}", a.en));
                o
            } else {
                let mut o = Out::new(
                    MeasureStatus::NotClaimed,
                    Text::new(
                        format!("未选择；如获评，可得一次性奖励{zh_kind} {}", a.zh),
                        format!("not claimed; if awarded, a one-off {en_kind}{}", a.en),
                    ),
                );
                o.cap = Some(*amount);
                o.up_to = *up_to;
                o
            }
        }
        Formula::UserParameters { input, eligible_costs: _, parameters_from } => {
            let Some(r) = project.ratio else {
                let mut o = Out::new(
                    MeasureStatus::NeedsParameters,
                    Text::new(
                        format!("本文件未规定补贴比例和金额；请按{}填写补贴比例（ratio）和各等级上限（caps_yuan）", parameters_from.zh),
                        format!(
                            "this document sets no ratio or amounts; enter the ratio and the caps by level from {}",
                            parameters_from.en
                        ),
                    ),
                );
                o.missing.push("project.ratio".into());
                o.user_supplied = true;
                return o;
            };
            let Some(v) = project.amount(*input) else {
                let mut o = missing_input(*input);
                o.user_supplied = true;
                return o;
            };
            let cap = if project.caps_yuan.is_empty() {
                None
            } else {
                match project.digital_level_after {
                    None => {
                        let mut o = missing_level();
                        o.user_supplied = true;
                        return o;
                    }
                    Some(l) => match project.caps_yuan.get(&l) {
                        Some(c) => Some(*c),
                        None => {
                            let mut o = Out::new(
                                MeasureStatus::NotApplicable,
                                Text::new(
                                    format!("所填上限中没有{}，按所填参数不予补贴", level_name(l).zh),
                                    format!("the caps entered have none for {}, so nothing under these parameters", level_name(l).en),
                                ),
                            );
                            o.user_supplied = true;
                            return o;
                        }
                    },
                }
            };
            let by_level: Vec<LevelAmount> = project
                .caps_yuan
                .iter()
                .map(|(l, c)| LevelAmount { level: *l, amount_yuan: money::yuan(r * v).min(*c), cap_yuan: *c })
                .collect();
            let (amount, capped, formula) = ratio_capped(v, r, cap, &input.label());
            let mut o = Out::new(
                MeasureStatus::Computed,
                Text::new(
                    format!("按用户填写的比例和上限估算：{}（非本文件规定）", money::zh(amount)),
                    format!("with the ratio and caps you entered: {} (not set by this document)", money::en(amount)),
                ),
            );
            o.amount = amount;
            o.cap = cap;
            o.capped = capped;
            o.up_to = true;
            o.user_supplied = true;
            o.formula = Text::new(format!("{}（用户填写的参数）", formula.zh), format!("{} (user-supplied parameters)", formula.en));
            o.by_level = by_level;
            o
        }
        Formula::Info { cap } => {
            let c = cap
                .map(|c| Text::new(format!("，每家最高 {}", money::zh(c)), format!(", up to {} per enterprise", money::en(c))))
                .unwrap_or_default();
            let mut o = Out::new(
                MeasureStatus::Info,
                Text::new(
                    format!("由政府购买服务支付{}，企业不直接获得资金", c.zh),
                    format!("paid by the government as a purchased service{}; no money goes to the enterprise", c.en),
                ),
            );
            o.cap = *cap;
            o
        }
    }
}

/// The ids of the programmes an enterprise can estimate, for messages.
fn enterprise_ids(bundle: &RuleBundle) -> String {
    bundle.programmes.iter().filter(|p| p.audience == crate::rules::Audience::Enterprise).map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
}

/// Problems only the rules can see: an unknown programme id, the provider measure, an award that
/// is not the programme's.
pub fn validate(input: &EstimateInput, bundle: &RuleBundle, today: Date) -> Vec<FieldError> {
    let Some(p) = bundle.get(&input.programme) else {
        if input.programme.is_empty() {
            return vec![];
        }
        let ids = enterprise_ids(bundle);
        let shown = crate::text::shown(&input.programme, 40);
        return vec![FieldError::new(
            "programme",
            Text::new(format!("没有编号为“{shown}”的政策；可用：{ids}"), format!("no programme \"{shown}\"; known: {ids}")),
        )];
    };
    // The provider measure has no subsidy for an enterprise to estimate (its calculators are
    // providers_check / providers_score / providers_stars).
    if p.audience != crate::rules::Audience::Enterprise {
        let ids = enterprise_ids(bundle);
        let id = &p.id;
        return vec![FieldError::new(
            "programme",
            Text::new(
                format!("“{id}”是服务商遴选办法，没有企业补贴可估算（请用服务商自查和评分计算）；可估算：{ids}"),
                format!("\"{id}\" selects service providers and has no enterprise subsidy to estimate (use the provider check and scoring); estimable: {ids}"),
            ),
        )];
    }
    let version = p.version_on(input.as_of.unwrap_or(today));
    let awards: Vec<&str> = version.measures.iter().filter(|m| matches!(m.formula, Formula::Award { .. })).map(|m| m.id.as_str()).collect();
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

/// Parses `estimate` JSON and checks it against the rules, reporting every problem at once.
pub fn parse_and_validate(text: &str, bundle: &RuleBundle) -> Result<EstimateInput, InputErrors> {
    let (input, mut errors) = crate::input::parse_estimate_input_partial(text)?;
    // Awards and the programme id depend on the rules; the date only picks the version.
    let more: Vec<FieldError> = validate(&input, bundle, input.as_of.unwrap_or(Date::Y2K))
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
    let errors = validate(input, bundle, today);
    if !errors.is_empty() {
        return Err(InputErrors { errors });
    }
    let Some(p) = bundle.get(&input.programme) else {
        return Err(InputErrors::one(
            "programme",
            Text::new("请指定政策编号，如 \"xiamen-2024\"", "name the programme, e.g. \"xiamen-2024\""),
        ));
    };
    let as_of = input.as_of.unwrap_or(today);
    let version = p.version_on(as_of);
    let facts = Facts::of(&input.profile);
    let eligibility = evaluate_programme(p, &input.profile, &facts, as_of, lang);
    let mut measures = Vec::new();
    let mut instalments = Vec::new();
    let mut total = Decimal::ZERO;
    for measure in &version.measures {
        let o = compute(measure, &input.project);
        total += o.amount;
        if let Some((first, ftxt)) = &o.first {
            instalments.push(Instalment {
                stage: "first".into(),
                amount_yuan: *first,
                explanation: Text::new(
                    format!("首期：{}（签订改造合同后拨付）", ftxt.zh),
                    format!("first instalment: {} (after the contract is signed)", ftxt.en),
                )
                .get(lang)
                .to_string(),
            });
            if o.status == MeasureStatus::Computed || o.status == MeasureStatus::NotApplicable {
                let rest = o.amount - *first;
                let text = if rest >= Decimal::ZERO {
                    Text::new(
                        format!(
                            "验收后按达到的数字化水平一次性拨付剩余 {} = {} − 首期 {}",
                            money::zh(rest),
                            money::zh(o.amount),
                            money::zh(*first)
                        ),
                        format!(
                            "after acceptance, by the level reached: the remaining {} = {} − first {}",
                            money::en(rest),
                            money::en(o.amount),
                            money::en(*first)
                        ),
                    )
                } else {
                    Text::new(
                        format!("验收达到的等级对应补贴 {} 少于首期已拨付 {}，差额 {} 不再拨付并可能需退回", money::zh(o.amount), money::zh(*first), money::zh(-rest)),
                        format!("the level reached gives {}, less than the {} advanced: the difference {} is not paid and may have to be returned", money::en(o.amount), money::en(*first), money::en(-rest)),
                    )
                };
                instalments.push(Instalment {
                    stage: "after_acceptance".into(),
                    amount_yuan: rest.max(Decimal::ZERO),
                    explanation: text.get(lang).to_string(),
                });
            }
        }
        measures.push(MeasureResult {
            id: measure.id.clone(),
            title: measure.title.get(lang).to_string(),
            recipient: measure.recipient.as_ref().map(|r| r.get(lang).to_string()),
            status: o.status,
            amount_yuan: money::yuan(o.amount),
            cap_yuan: o.cap.map(money::yuan),
            capped: o.capped,
            up_to: o.up_to,
            user_supplied: o.user_supplied,
            formula: o.formula.get(lang).to_string(),
            explanation: o.explanation.get(lang).to_string(),
            conditions: measure.conditions.iter().map(|c| c.get(lang).to_string()).collect(),
            missing: o.missing,
            by_level: o.by_level,
            source: p.cite(&measure.source),
            clause: measure.source.clause.clone(),
            quote: measure.source.quote.clone(),
        });
    }
    let mut notices: Vec<String> = input.notices.iter().map(|t| t.get(lang).to_string()).collect();
    let unused: Vec<&str> = INPUT_FIELDS
        .iter()
        .filter(|f| input.project.amounts.contains_key(f))
        .filter(|f| !version.measures.iter().any(|m| uses(&m.formula, **f)))
        .map(|f| f.name())
        .collect();
    if !unused.is_empty() {
        let list = unused.join(", ");
        notices
            .push(Text::new(format!("本政策不使用以下输入：{list}"), format!("this programme does not use: {list}")).get(lang).to_string());
    }
    let mut leaves_out = vec![Text::new(
        "不含区县配套政策及其他市级政策；与其他政策重复的按文件规定处理",
        "district top-ups and other city policies are not included; overlaps follow the document's rule",
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
    Ok(EstimateReport {
        programme: p.id.clone(),
        title: p.title.get(lang).to_string(),
        document: p.citation(),
        draft: p.draft,
        as_of,
        status: p.status_on(as_of),
        status_text: status_text(p, as_of).get(lang).to_string(),
        rules_version: version.id.clone(),
        eligibility,
        measures,
        total_yuan: money::yuan(total),
        instalments,
        notes: p.notes.iter().map(|n| format!("{}（{}）", n.text.get(lang), p.cite(&n.source))).collect(),
        leaves_out: leaves_out.iter().map(|t| t.get(lang).to_string()).collect(),
        notices,
        rules: RulesInfo { origin: bundle.origin.clone(), hash: bundle.hash.clone() },
        disclaimer: disclaimer().get(lang).to_string(),
    })
}

fn uses(f: &Formula, field: InputField) -> bool {
    match f {
        Formula::RatioCapped { input, .. }
        | Formula::PerUnit { input, .. }
        | Formula::RatioInBand { input, .. }
        | Formula::UserParameters { input, .. } => *input == field,
        Formula::RatioCappedByLevel { input, first_instalment, .. } => {
            *input == field || first_instalment.as_ref().is_some_and(|f| f.input == field)
        }
        Formula::ThresholdAward { thresholds, .. } => thresholds.iter().any(|t| t.input == field),
        Formula::Award { .. } | Formula::Info { .. } => false,
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
    /// Money and count inputs, in the order the measures use them.
    pub inputs: Vec<InputField>,
    /// Digital levels that carry a subsidy (asks for `digital_level_after`).
    pub levels: Vec<u8>,
    /// Asks for `implementation_year` (a ratio that depends on it).
    pub year: bool,
    /// The document publishes no amounts: asks for `ratio` and `caps_yuan`.
    pub user_parameters: bool,
    /// One-off awards to opt into: (measure id, title).
    pub awards: Vec<(String, Text)>,
    /// Yes/no project flags used by some cap (e.g. `national_cross_industry_platform`).
    pub flags: Vec<(String, Text)>,
}

/// The estimator form for a programme on a date.
///
/// ```
/// use shuzhuan_policy::{estimate::spec, rules::InputField, Date, RuleBundle};
/// let p = RuleBundle::embedded().get("xiamen-2024").unwrap();
/// let s = spec(p, Date::new(2025, 6, 30).unwrap());
/// assert_eq!(s.levels, vec![2, 3, 4]);
/// assert!(s.inputs.contains(&InputField::ContractDownPaymentYuan));
/// assert!(!s.user_parameters);
/// ```
pub fn spec(p: &crate::rules::Programme, date: Date) -> EstimatorSpec {
    let v = p.version_on(date);
    let mut s = EstimatorSpec { inputs: vec![], levels: vec![], year: false, user_parameters: false, awards: vec![], flags: vec![] };
    let push = |f: InputField, s: &mut EstimatorSpec| {
        if !s.inputs.contains(&f) {
            s.inputs.push(f);
        }
    };
    for m in &v.measures {
        match &m.formula {
            Formula::RatioCapped { input, alt_cap, .. } => {
                push(*input, &mut s);
                if let Some(a) = alt_cap {
                    s.flags.push((a.flag.clone(), a.label.clone()));
                }
            }
            Formula::PerUnit { input, .. } | Formula::RatioInBand { input, .. } => push(*input, &mut s),
            Formula::RatioCappedByLevel { input, ratio_by_year, caps_by_level, first_instalment, .. } => {
                push(*input, &mut s);
                if let Some(fi) = first_instalment {
                    push(fi.input, &mut s);
                }
                s.year |= !ratio_by_year.is_empty();
                for l in caps_by_level.keys().filter_map(|k| k.parse::<u8>().ok()) {
                    if !s.levels.contains(&l) {
                        s.levels.push(l);
                    }
                }
            }
            Formula::ThresholdAward { thresholds, .. } => thresholds.iter().for_each(|t| push(t.input, &mut s)),
            Formula::Award { .. } => s.awards.push((m.id.clone(), m.title.clone())),
            Formula::UserParameters { input, .. } => {
                push(*input, &mut s);
                s.user_parameters = true;
                for l in [2, 3, 4] {
                    if !s.levels.contains(&l) {
                        s.levels.push(l);
                    }
                }
            }
            Formula::Info { .. } => {}
        }
    }
    s.levels.sort_unstable();
    s
}
