//! Programmes as data (试点政策规则), schema 2: a rule pack is one TOML file per programme,
//! parsed with a strict schema (unknown keys are errors), its conditions compiled from the
//! expression language ([`crate::expr`]), then checked for meaning (`bundle::validate`): dates in
//! order, rule versions that tile the validity window without gap or overlap, ratios within 0–1,
//! amounts within a ceiling, questions declared before they are used and used with their type,
//! known codes, and a source (clause and quoted sentence) on every question, criterion, measure.
//!
//! The seed files in `crates/policy/rules/` are embedded at build time
//! ([`crate::RuleBundle::embedded`]); a shell may load any other pack at run time, as TOML texts
//! ([`crate::RuleBundle::from_sources`]) or as a built pack (`RuleBundle::from_pack_json`).
//! How to write one: `docs/authoring.md`.

use crate::date::Date;
use crate::expr::{self, Expr};
use crate::text::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version this build reads.
pub const SCHEMA: u32 = 2;

/// What kind of text a programme's source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// The document as issued (正式文件).
    Official,
    /// A draft for comment (征求意见稿): never legally in force, shown as such.
    Draft,
    /// A secondary source (a news report, a summary): shown as such, to be checked.
    Secondary,
}

/// What a question asks for (问题类型).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// 是 / 否.
    YesNo,
    /// One of the question's `choices`.
    Choice,
    /// An amount in yuan (万/亿 accepted).
    Yuan,
    /// A whole number of things (家, 个, 次…).
    Count,
    /// Person-days (人天).
    PersonDays,
    /// A date, YYYY-MM-DD.
    Date,
    /// A digital level 0–4 (0: 未达一级).
    Level,
}

impl QuestionKind {
    /// The type an expression sees.
    pub fn expr_type(self) -> expr::Type {
        match self {
            QuestionKind::YesNo => expr::Type::Bool,
            QuestionKind::Choice => expr::Type::Choice,
            QuestionKind::Yuan => expr::Type::Money,
            QuestionKind::Count | QuestionKind::PersonDays => expr::Type::Count,
            QuestionKind::Date => expr::Type::Date,
            QuestionKind::Level => expr::Type::Level,
        }
    }

    /// Money or a number (what a formula's input may be).
    pub fn is_number(self) -> bool {
        matches!(self, QuestionKind::Yuan | QuestionKind::Count | QuestionKind::PersonDays)
    }
}

/// Where a question's answer sits in the JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// About the enterprise: `profile.answers.<id>` (the self-check asks it).
    Enterprise,
    /// About the project: `project.<id>` (the estimator asks it).
    Project,
}

/// One option of a `choice` question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// A question the pack asks (问题), beyond the built-in profile facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Question {
    /// The JSON name: `project.<id>` or `profile.answers.<id>`; lowercase letters, digits, `_`.
    pub id: String,
    pub kind: QuestionKind,
    pub scope: Scope,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    /// The unit word shown beside the field (家, 人天, 次…); money fields show 万元 / 元.
    #[serde(default)]
    pub unit: Option<Text>,
    #[serde(default)]
    pub choices: Vec<Choice>,
    pub source: Source,
}

impl Question {
    /// True for money (yuan).
    pub fn is_money(&self) -> bool {
        self.kind == QuestionKind::Yuan
    }
}

/// Where a rule comes from: the clause of the document and the sentence quoted verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Source {
    /// The clause as the document numbers it, e.g. `四、（五）8`.
    pub clause: String,
    /// The sentence(s) of the document this rule implements, copied verbatim.
    pub quote: String,
}

/// The city a programme belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct CityRef {
    /// The 4-digit GB/T 2260 prefix of the city, e.g. `3502`.
    pub code: String,
    pub zh: String,
    pub en: String,
    /// The city's districts and counties (区县) for the district picker, when the pack lists them:
    /// a city the product has no list for (`region::CITIES` holds the seed cities') names its
    /// own, else its firms enter their 6-digit code. Reports name a listed district so
    /// (`Region::describe_in`), and the batch reads a city's and its districts' names
    /// (`region::parse_region_in`). Optional; not used by any rule.
    #[cfg_attr(feature = "toml", serde(default))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<DistrictRef>,
}

/// One district or county of a [`CityRef`]: its 6-digit GB/T 2260 code and Chinese name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct DistrictRef {
    pub code: String,
    pub zh: String,
}

/// Who a programme is addressed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Enterprises to be transformed (被改造企业 / 试点企业).
    Enterprise,
    /// Digital service providers (数字化服务商).
    Provider,
}

/// A pilot sub-industry (试点细分行业) and the GB/T 4754-2017 codes it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct SubIndustry {
    pub id: String,
    /// The name as the document writes it.
    pub name: Text,
    /// Codes (any level) whose every 小类 belongs to this sub-industry.
    pub codes: Vec<String>,
    /// Codes that may belong, to be confirmed with the district office (区县工信部门).
    #[serde(default)]
    pub confirm_codes: Vec<String>,
    /// Why the confirm codes are uncertain.
    #[serde(default)]
    pub confirm_reason: Option<Text>,
    /// Providers to select for this sub-industry (Fuzhou provider measure only).
    #[serde(default)]
    pub provider_quota: Option<u32>,
    pub source: Source,
}

/// The provider measure's numbers (the pool of selected providers, its reserve, and when a
/// provider leaves), each with the clause it comes from. Only a provider programme has them; the
/// provider calculators (`providers`) read them here, so no number of the measure is typed into
/// the code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct ProviderPool {
    /// How many go into the reserve (后备资源库), e.g. 一 "选取 20-25 家".
    pub reserve: CountRange,
    /// The pool's size below which the bureau may top it up, e.g. 五（五） "低于27家".
    pub minimum: Count,
    /// Consecutive no-star ratings that end membership, e.g. 五（四） "连续两次无星级".
    pub exit_after_no_stars: Count,
}

/// A whole number of the document, with its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Count {
    pub value: u32,
    pub source: Source,
}

/// A range of whole numbers of the document (both ends included), with its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct CountRange {
    pub min: u32,
    pub max: u32,
    pub source: Source,
}

/// What an eligibility criterion tests. The evaluator knows each kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// The programme is in force on the date evaluated.
    InForce,
    /// An SME by 工信部联企业〔2011〕300号.
    Sme,
    /// In one of the programme's sub-industries.
    SubIndustry,
    /// Registered and operating in the programme's city.
    InCity,
    /// An independent legal person (独立法人).
    IndependentLegalPerson,
    /// No bad credit record in the last three years (近三年无不良信用记录).
    NoBadCredit,
    /// Any other condition of the expression language (a comparison, an answer, all/any/not…).
    Expression,
}

/// One condition an enterprise must meet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Criterion {
    pub id: String,
    pub title: Text,
    /// The condition in the expression language ([`crate::expr`]), e.g. `sme` or
    /// `all(sme, section in [C])`.
    pub when: String,
    pub source: Source,
    /// `when`, compiled when the pack is read (`None` until then, or if it does not parse).
    #[serde(skip)]
    pub cond: Option<Expr>,
}

impl Criterion {
    /// The kind the report names: the built-in one when the condition is a single fact.
    pub fn kind(&self) -> CriterionKind {
        use expr::Fact;
        match &self.cond {
            Some(Expr::Fact(Fact::InForce)) => CriterionKind::InForce,
            Some(Expr::Fact(Fact::Sme)) => CriterionKind::Sme,
            Some(Expr::Fact(Fact::SubIndustry)) => CriterionKind::SubIndustry,
            Some(Expr::Fact(Fact::InCity)) => CriterionKind::InCity,
            Some(Expr::Fact(Fact::LegalPerson)) => CriterionKind::IndependentLegalPerson,
            Some(Expr::NoBadCredit(_)) => CriterionKind::NoBadCredit,
            _ => CriterionKind::Expression,
        }
    }
}

/// A condition the document does not state, said so explicitly instead of invented.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct NotStated {
    pub topic: String,
    pub text: Text,
}

/// A note that applies to the whole programme or its estimates (e.g. 就高不重复).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Note {
    pub id: String,
    pub text: Text,
    pub source: Source,
}

/// A strict numeric threshold: the input must be greater than `more_than`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Threshold {
    /// A number question's id.
    pub input: String,
    pub more_than: Decimal,
}

/// A cap that replaces the ordinary cap when a yes/no project flag is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct AltCap {
    /// A yes/no project question's id, e.g. `national_cross_industry_platform`.
    pub flag: String,
    pub cap: Decimal,
    pub label: Text,
}

/// The first instalment (首期拨付) of a level-graded subsidy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct FirstInstalment {
    /// A money question's id.
    pub input: String,
    pub ratio: Decimal,
    pub cap: Decimal,
}

#[cfg(feature = "toml")]
fn yes() -> bool {
    true
}

/// How a measure's amount is computed. Every number carries the measure's [`Source`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
// Internally tagged (`kind = "…"` inside the table) as the rule files write it.
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Formula {
    /// `min(ratio × input, cap)`; `alt_cap` replaces `cap` when its flag is set. With
    /// `received_input` the cap is cumulative (累计最高): what was already received under the
    /// measure is taken off it.
    RatioCapped {
        input: String,
        ratio: Decimal,
        cap: Decimal,
        #[serde(default)]
        alt_cap: Option<AltCap>,
        #[serde(default)]
        received_input: Option<String>,
    },
    /// `unit_amount × count`, optionally capped; `up_to` when the unit amount is a maximum
    /// ("最高500元"), not a fixed sum ("奖励5万元").
    PerUnit {
        input: String,
        unit_amount: Decimal,
        #[serde(default)]
        cap: Option<Decimal>,
        #[serde(default = "yes")]
        up_to: bool,
    },
    /// Graded by the digital level after transformation (改造后数字化水平):
    /// `min(r × input, caps_by_level[level])`, with `r = ratio` or `ratio_by_year[implementation_year]`.
    RatioCappedByLevel {
        input: String,
        #[serde(default)]
        ratio: Option<Decimal>,
        #[serde(default)]
        ratio_by_year: BTreeMap<String, Decimal>,
        caps_by_level: BTreeMap<String, Decimal>,
        #[serde(default)]
        first_instalment: Option<FirstInstalment>,
    },
    /// `ratio × input` when `min ≤ input < max`; below `min` not covered, from `max` up handled
    /// by another policy (not computed).
    RatioInBand { input: String, ratio: Decimal, min: Decimal, max: Decimal },
    /// Up to `cap` when every threshold is exceeded.
    ThresholdAward { thresholds: Vec<Threshold>, cap: Decimal },
    /// A one-off award the user opts into (`project.awards`); `up_to` when the amount is a maximum.
    Award { amount: Decimal, up_to: bool },
    /// The document sets no amount: ratio and cap come from the user (`project.ratio`,
    /// `project.caps_yuan`), labelled as user-supplied. `by_level` when the document ties the
    /// amount to the digital level reached (one cap per level); otherwise one cap.
    UserParameters {
        input: String,
        /// Cost categories the document names as eligible.
        eligible_costs: Vec<Text>,
        /// Where the real figures are published.
        parameters_from: Text,
        #[serde(default = "yes")]
        by_level: bool,
    },
    /// An award the document names without an amount (e.g. "给予一定奖励"): the user opts in
    /// (`project.awards`) and enters the amount from the implementing rules
    /// (`project.award_amounts_yuan`), labelled as user-supplied.
    UserAward {
        /// Where the real figures are published.
        parameters_from: Text,
    },
    /// A measure that pays no money to the enterprise (e.g. government-purchased evaluation).
    Info {
        #[serde(default)]
        cap: Option<Decimal>,
    },
}

impl Formula {
    /// The formula in plain words, as the policy library shows it beside the source sentence.
    ///
    /// `label` names an input (a question id) in words: [`Programme::label_of`].
    ///
    /// ```
    /// use shuzhuan_policy::rules::Formula;
    /// use shuzhuan_policy::Text;
    /// use rust_decimal::Decimal;
    /// let f = Formula::RatioCapped { input: "diagnosis_fee_yuan".into(), ratio: Decimal::new(6, 1), cap: Decimal::from(60_000), alt_cap: None, received_input: None };
    /// let label = |_: &str| Text::new("诊断咨询费用", "diagnosis fee");
    /// assert_eq!(f.describe(&label).zh, "诊断咨询费用 × 60%，最高 6万元");
    /// assert_eq!(f.describe(&label).en, "60% of the diagnosis fee, at most CNY 60,000");
    /// ```
    pub fn describe(&self, label: &dyn Fn(&str) -> Text) -> Text {
        use crate::money::{en as m_en, pct, zh as m_zh};
        let level_zh = |l: &str| match l {
            "1" => "一级".to_string(),
            "2" => "二级".to_string(),
            "3" => "三级".to_string(),
            "4" => "四级".to_string(),
            other => format!("{other}级"),
        };
        let join = |parts: Vec<String>, sep: &str| parts.join(sep);
        match self {
            Formula::RatioCapped { input, ratio, cap, alt_cap, received_input } => {
                let (l, r) = (label(input), pct(*ratio));
                let (cum_zh, cum_en) = if received_input.is_some() { ("累计", "in total ") } else { ("", "") };
                let (alt_zh, alt_en) = match alt_cap {
                    Some(a) => (format!("；{}时最高 {}", a.label.zh, m_zh(a.cap)), format!("; {}: at most {}", a.label.en, m_en(a.cap))),
                    None => (String::new(), String::new()),
                };
                Text::new(
                    format!("{} × {r}，{cum_zh}最高 {}{alt_zh}", l.zh, m_zh(*cap)),
                    format!("{r} of the {}, at most {cum_en}{}{alt_en}", l.en, m_en(*cap)),
                )
            }
            Formula::PerUnit { input, unit_amount, cap, up_to } => {
                let l = label(input);
                let (cz, ce) = cap.map(|c| (format!("，最高 {}", m_zh(c)), format!(", at most {}", m_en(c)))).unwrap_or_default();
                let (uz, ue) = if *up_to { ("最高 ", "up to ") } else { ("", "") };
                Text::new(
                    format!("每项{uz} {} × {}{cz}", m_zh(*unit_amount), l.zh).replace("每项 ", "每项"),
                    format!("{ue}{} for each of the {}{ce}", m_en(*unit_amount), l.en),
                )
            }
            Formula::RatioCappedByLevel { input, ratio, ratio_by_year, caps_by_level, first_instalment } => {
                let l = label(input);
                let (rz, re) = match ratio {
                    Some(r) => (pct(*r), pct(*r)),
                    None => (
                        join(ratio_by_year.iter().map(|(y, r)| format!("第{y}年 {}", pct(*r))).collect(), "、"),
                        join(ratio_by_year.iter().map(|(y, r)| format!("{} in year {y}", pct(*r))).collect(), ", "),
                    ),
                };
                let cz = join(caps_by_level.iter().map(|(lv, c)| format!("{} {}", level_zh(lv), m_zh(*c))).collect(), "、");
                let ce = join(caps_by_level.iter().map(|(lv, c)| format!("level {lv}: {}", m_en(*c))).collect(), ", ");
                let (fz, fe) = first_instalment
                    .as_ref()
                    .map(|f| {
                        let fl = label(&f.input);
                        (
                            format!("；首期 {} × {}，最高 {}", fl.zh, pct(f.ratio), m_zh(f.cap)),
                            format!("; first instalment {} of the {}, at most {}", pct(f.ratio), fl.en, m_en(f.cap)),
                        )
                    })
                    .unwrap_or_default();
                Text::new(
                    format!("{} × {rz}，上限按改造后数字化水平：{cz}{fz}", l.zh),
                    format!("{re} of the {}, capped by the digital level reached ({ce}){fe}", l.en),
                )
            }
            Formula::RatioInBand { input, ratio, min, max } => {
                let l = label(input);
                Text::new(
                    format!("{}在 {} 至 {} 之间时 × {}", l.zh, m_zh(*min), m_zh(*max), pct(*ratio)),
                    format!("{} of the {} when it is from {} to below {}", pct(*ratio), l.en, m_en(*min), m_en(*max)),
                )
            }
            Formula::ThresholdAward { thresholds, cap } => {
                let tz = join(
                    thresholds.iter().map(|t| format!("{}超过 {}", label(&t.input).zh, crate::money::grouped(t.more_than))).collect(),
                    "且",
                );
                let te = join(
                    thresholds.iter().map(|t| format!("{} above {}", label(&t.input).en, crate::money::grouped(t.more_than))).collect(),
                    " and ",
                );
                Text::new(format!("{tz}时，最高 {}", m_zh(*cap)), format!("when {te}: at most {}", m_en(*cap)))
            }
            Formula::Award { amount, up_to } => {
                if *up_to {
                    Text::new(format!("奖励最高 {}", m_zh(*amount)), format!("an award of at most {}", m_en(*amount)))
                } else {
                    Text::new(format!("奖励 {}", m_zh(*amount)), format!("an award of {}", m_en(*amount)))
                }
            }
            Formula::UserParameters { input, by_level: true, .. } => {
                let l = label(input);
                Text::new(
                    format!("{} × 比例，上限按等级；比例和上限以实施细则公布为准，由您填写", l.zh),
                    format!("a ratio of the {}, capped by level; the ratio and caps are published in the implementation rules and entered by you", l.en),
                )
            }
            Formula::UserParameters { input, by_level: false, .. } => {
                let l = label(input);
                Text::new(
                    format!("{} × 比例，最高为上限；比例和上限以资金管理办法公布为准，由您填写", l.zh),
                    format!("a ratio of the {}, up to a cap; the ratio and cap are published in the fund rules and entered by you", l.en),
                )
            }
            Formula::UserAward { .. } => Text::new(
                "奖励金额本文件未规定，以实施细则为准，由您填写".to_string(),
                "the award's amount is not set by this document; enter it from the implementing rules".to_string(),
            ),
            Formula::Info { cap } => match cap {
                Some(c) => Text::new(
                    format!("不直接拨付给企业（每家最高 {}）", m_zh(*c)),
                    format!("not paid to the enterprise (at most {} each)", m_en(*c)),
                ),
                None => Text::new("不直接拨付给企业".to_string(), "not paid to the enterprise".to_string()),
            },
        }
    }
}

/// Who a measure's money is paid to (资金拨付对象).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaidTo {
    /// The applicant enterprise itself: counted in its total.
    #[default]
    Enterprise,
    /// Another party (a training body, a provider, an evaluator): shown apart, never in the total.
    Other,
    /// Whoever holds a role (`role`, e.g. the chain leader): the enterprise's own money only when
    /// the input says it holds that role (`project.roles`).
    Role,
}

/// The roles a measure can be paid for, with their names: `(id, zh, en)`.
pub const ROLES: &[(&str, &str, &str)] = &[
    ("chain_leader", "产业链“链主”企业", "a chain-leader firm"),
    ("platform", "工业互联网平台（数字赋能平台）", "an industrial internet platform"),
];

/// The name of a role id, for sentences.
pub fn role_name(id: &str) -> Text {
    ROLES.iter().find(|(r, _, _)| *r == id).map(|(_, zh, en)| Text::new(*zh, *en)).unwrap_or_else(|| Text::new(id, id))
}

/// How the lines of an overlap group add up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverlapRule {
    /// 就高不重复: the document says only the highest line is paid.
    Highest,
    /// The document is silent: every line counts, and the enterprise must confirm with the
    /// office that they are different projects or spending.
    ConfirmDistinct,
}

/// Measures that may pay twice for the same thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Overlap {
    pub id: String,
    /// Ids of the measures in the group (two or more).
    pub measures: Vec<String>,
    pub rule: OverlapRule,
    /// Why they may overlap, for the user.
    pub text: Text,
    pub source: Source,
}

/// A subsidy or award measure (支持措施).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Measure {
    pub id: String,
    pub title: Text,
    /// Who receives it when that is not the applicant enterprise itself (e.g. "链主企业").
    #[serde(default)]
    pub recipient: Option<Text>,
    /// Whose money it is: the enterprise's (default), another party's, or a role's.
    #[serde(default)]
    pub paid_to: PaidTo,
    /// The role (one of [`ROLES`]) when `paid_to = "role"`.
    #[serde(default)]
    pub role: Option<String>,
    pub formula: Formula,
    /// A condition the measure pays only under, in the expression language (e.g.
    /// `level_after >= 2`); when it fails the line is "not applicable", when it is unknown the
    /// line says what is missing.
    #[serde(default)]
    pub when: Option<String>,
    /// Conditions the estimate assumes are met (the user is told them).
    #[serde(default)]
    pub conditions: Vec<Text>,
    pub source: Source,
    /// `when`, compiled when the pack is read.
    #[serde(skip)]
    pub cond: Option<Expr>,
}

/// The rules in force over one date range. Versions of a programme tile its validity window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct RuleVersion {
    pub id: String,
    pub from: Date,
    pub until: Date,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub not_stated: Vec<NotStated>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Groups of measures that may pay for the same thing.
    #[serde(default)]
    pub overlaps: Vec<Overlap>,
}

/// One programme (试点政策文件) with its metadata and dated rule versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "toml", derive(Deserialize), serde(deny_unknown_fields))]
pub struct Programme {
    pub schema: u32,
    pub id: String,
    pub audience: Audience,
    pub city: CityRef,
    pub title: Text,
    pub issuer: Text,
    /// 文号, e.g. `榕工信行规〔2024〕17号`; absent for drafts that have none.
    #[serde(default)]
    pub document_number: Option<String>,
    /// What the source is: the official document, a draft for comment, or a secondary source.
    pub source_kind: SourceKind,
    /// A draft for comment (征求意见稿), from `source_kind`: never legally in force, shown as such.
    #[serde(skip_deserializing, default)]
    pub draft: bool,
    #[serde(default)]
    pub issued: Option<Date>,
    pub valid_from: Date,
    /// Why `valid_from` is this date when the document does not date its start.
    #[serde(default)]
    pub valid_from_note: Option<Text>,
    /// True when the document gives no start date ("自公布之日起施行" in a draft): `valid_from` is
    /// our assumption, so before it the status is "start unknown", not "not yet in force".
    #[serde(default)]
    pub valid_from_assumed: bool,
    /// The date the city's pilot plan was approved (批复日), when known: measures whose ratio
    /// depends on the year of the pilot derive the year from it.
    #[serde(default)]
    pub pilot_approved: Option<Date>,
    pub valid_until: Date,
    pub validity_source: Source,
    /// The day the pack was last checked against its document: a kiosk warns when it is older
    /// than its configured age.
    pub checked: Date,
    /// The questions the pack asks beyond the built-in profile facts.
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub sub_industries: Vec<SubIndustry>,
    /// The provider measure's numbers (a provider programme only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_pool: Option<ProviderPool>,
    #[serde(default)]
    pub notes: Vec<Note>,
    pub versions: Vec<RuleVersion>,
}

/// A programme's standing on a date (施行状态).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InForce,
    Expired,
    NotYetInForce,
    /// A draft with no start date, before the start we assume: whether it applies is unknown.
    StartUnknown,
}

impl Programme {
    /// Compiles every condition and derives `draft`; returns each expression's problem as (path
    /// inside the file, column inside the expression, message in both languages). Readers call it
    /// once.
    pub fn compile(&mut self) -> Vec<(String, usize, crate::text::Text)> {
        self.draft = self.source_kind == SourceKind::Draft;
        let mut problems = Vec::new();
        for (i, v) in self.versions.iter_mut().enumerate() {
            for (j, c) in v.criteria.iter_mut().enumerate() {
                match expr::parse(&c.when) {
                    Ok(e) => c.cond = Some(e),
                    Err(e) => problems.push((format!("versions[{i}].criteria[{j}].when"), e.column, e.text())),
                }
            }
            for (j, m) in v.measures.iter_mut().enumerate() {
                if let Some(w) = &m.when {
                    match expr::parse(w) {
                        Ok(e) => m.cond = Some(e),
                        Err(e) => problems.push((format!("versions[{i}].measures[{j}].when"), e.column, e.text())),
                    }
                }
            }
        }
        problems
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// A question's label, for sentences (the id itself for one not declared).
    pub fn label_of(&self, id: &str) -> Text {
        self.question(id).map(|q| q.label.clone()).unwrap_or_else(|| Text::new(id, id))
    }

    /// The status on `date`, from the validity window.
    pub fn status_on(&self, date: Date) -> Status {
        if date < self.valid_from && self.valid_from_assumed {
            Status::StartUnknown
        } else if date < self.valid_from {
            Status::NotYetInForce
        } else if date > self.valid_until {
            Status::Expired
        } else {
            Status::InForce
        }
    }

    /// The rule version that applies on `date`; outside the window, the nearest one (so an
    /// expired programme can still explain what its rules were).
    pub fn version_on(&self, date: Date) -> &RuleVersion {
        self.versions.iter().find(|v| v.from <= date && date <= v.until).unwrap_or_else(|| {
            if date < self.valid_from {
                &self.versions[0]
            } else {
                &self.versions[self.versions.len() - 1]
            }
        })
    }

    /// Every version whose range holds `date` (exactly one inside the window for a valid file).
    pub fn versions_on(&self, date: Date) -> impl Iterator<Item = &RuleVersion> {
        self.versions.iter().filter(move |v| v.from <= date && date <= v.until)
    }

    /// How the document is cited: its number, or its title marked as a draft or a secondary source.
    pub fn citation(&self) -> String {
        match (&self.document_number, self.source_kind) {
            (_, SourceKind::Secondary) => format!("《{}》（二手资料，以原文为准）", self.title.zh),
            (Some(n), _) if !n.is_empty() => n.clone(),
            (_, SourceKind::Draft) => format!("《{}》（征求意见稿）", self.title.zh),
            _ => format!("《{}》", self.title.zh),
        }
    }

    /// `citation clause`, the string a criterion's `source` field carries.
    pub fn cite(&self, source: &Source) -> String {
        format!("{} {}", self.citation(), source.clause)
    }
}
