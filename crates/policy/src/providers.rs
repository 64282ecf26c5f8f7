//! Fuzhou provider selection (福州市细分行业中小企业数字化服务商遴选, 榕工信行规〔2024〕18号): the
//! provider's self-check against the call's conditions, the expert-scoring calculator (drop one
//! highest and one lowest score, average, veto, rank per sub-industry against its quota, fill the
//! reserve), and the star-rating tracker (exit after two consecutive no-star ratings; flag a pool
//! below 27). Every number carries the clause it comes from. The measure's numbers are read from
//! the rule file `fuzhou-providers-2024.toml`: the quotas from its sub-industries, the reserve's
//! range, the pool's minimum and the no-star ratings that end membership from its
//! `[provider_pool]`; only the trimming (one highest and one lowest score, in the clause's words)
//! is a constant here.
//!
//! Readings where the measure is silent are marked as interpretations in every report:
//! - **Ties.** The measure ranks by final score ("按照最终得分从高到低排列") and leaves the final list
//!   to the bureau ("经福州市工信局研究，确定最终服务资源库名单"); it gives no tie-break. The
//!   calculator breaks no tie: equal scores share a rank (1, 2, 2, 4). When a tie straddles the
//!   last seat of a quota (or of the reserve), the seats the tied applicants compete for are left
//!   open and the tie is reported; the bureau's choice can be entered (`decisions`) and is applied.
//! - **Reserve.** "在暂未入选的服务商中选取较好的作为后备数字化服务商，选取 20-25 家" names no
//!   sub-industry: the reserve is filled across sub-industries by final score, up to the size
//!   chosen (20–25, default 25).
//! - **Consecutive.** "连续两次无星级" is read as two successive ratings the provider received (a
//!   round it was not rated in does not break or join the run).

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::{FieldError, InputErrors};
use crate::eval::{verdict_of, Outcome, Verdict};
use crate::input::type_name;
use crate::rules::{Programme, ProviderPool, Source, Status, SubIndustry};
use crate::t;
use crate::text::{Lang, Text};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::HashSet;
use std::str::FromStr;

/// The measure's programme id in the rule files.
pub const PROGRAMME: &str = "fuzhou-providers-2024";

/// A clause of the measure and its sentence, verbatim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    pub clause: &'static str,
    pub quote: &'static str,
}

/// 三、遴选方式: scoring, trimming, averaging.
pub const SCORING: Clause = Clause {
    clause: "三、遴选方式",
    quote: "出具评审分数，去掉每家申报单位的最高分和最低分后，取平均分作为该家申报单位最终得分。",
};
/// 三、遴选方式: the dishonest-list veto.
pub const VETO: Clause = Clause { clause: "三、遴选方式", quote: "列入失信名单的一票否决" };
/// 三、遴选方式: ranking by final score.
pub const RANKING: Clause = Clause {
    clause: "三、遴选方式",
    quote: "按照最终得分从高到低排列，专家评审组提出所选批次的数字化服务商推荐名单，并出具评审意见。",
};
/// 三、遴选方式: the bureau decides the final list (ties are left to it).
pub const FINAL_LIST: Clause =
    Clause { clause: "三、遴选方式", quote: "经福州市工信局研究，确定最终服务资源库名单。" };
/// 一、总体目标: 32 providers in all.
pub const TOTAL: Clause = Clause {
    clause: "一、总体目标",
    quote: "遴选“针织或钩针编织物及其制造、棉纺织或化纤纺织及印染精加工、电子器件制造及配套、汽车零部件及配件制造”数字化服务商共32家。",
};
/// 二、遴选范围: who may apply — nationwide, willing to serve Fuzhou SMEs.
pub const SCOPE: Clause = Clause {
    clause: "二、遴选范围",
    quote: "全国范围内有意愿为福州市中小企业数字化转型提供产品与服务的数字化服务商。",
};
/// 二、（一）: specialist providers.
pub const SPECIALIST: Clause = Clause {
    clause: "二、（一）专业服务商",
    quote: "面向试点细分行业制造业“研产供销”环节提供“小快轻准”（小型化、快速化、轻量化、精准化）数字化解决方案和产品。",
};
/// 二、（二）: platform providers.
pub const PLATFORM: Clause = Clause {
    clause: "二、（二）平台服务商",
    quote: "具有跨行业、跨领域数据整合能力的平台服务商，能够将多个行业共性应用服务系统进行集成，实现行业共性应用的数据集成与分析。",
};
/// 前言: providers outside the pool may still serve.
pub const OUTSIDE_POOL: Clause = Clause {
    clause: "前言",
    quote: "符合提供服务条件但未在资源库中的企业也可为中小企业数字化转型试点提供相应服务。",
};
/// 四、（三）: the four star levels.
pub const STARS: Clause = Clause {
    clause: "四、（三）",
    quote: "评级等级：分为四个等级，优秀的为3星级，良好的为2星级，一般的为1星级，较差的无星级。",
};

/// A clause of the call for providers in the action plan (榕工信行规〔2024〕17号 三、（二）1.（1）
/// 2) 征集条件), under which the providers of 18号 are selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallClause {
    pub clause: &'static str,
    pub quote: &'static str,
}

/// ① Good operation and social credit.
pub const CALL_STANDING: CallClause =
    CallClause { clause: "三、（二）1.（1）2)①", quote: "申报主体运营良好，具有良好的社会信用。" };
/// 一是: understands and applies the digital-level indicators; transformation experience in
/// several cities.
pub const CALL_STANDARDS: CallClause = CallClause {
    clause: "三、（二）1.（1）2)② 一是",
    quote: "能够准确理解并运用《中小企业数字化水平评测指标（2022年版）》（工信厅企业〔2022〕32号）等标准，并能够依据标准为中小企业开展数字化转型服务；具有全国不同地市数字化改造经验、服务基础良好、专业能力有保障、中小企业服务案例丰富；",
};
/// 二是: a stable technical team with the sub-industries' capability.
pub const CALL_TEAM: CallClause = CallClause {
    clause: "三、（二）1.（1）2)② 二是",
    quote: "技术团队健全稳定，专业能力强，拥有针织或钩针编织物及其制造、棉纺织或化纤纺织及印染精加工、电子器件制造及配套、汽车零部件及配件制造细分行业数字化转型服务能力。",
};
/// 三是: local service — a team or office in the city, or a signed 《本地化服务承诺》.
pub const CALL_LOCAL: CallClause = CallClause {
    clause: "三、（二）1.（1）2)② 三是",
    quote: "本地化服务能力强，申报机构在当地有团队或办公场地，如在本地无办公场地的，需提供《本地化服务承诺》。",
};

/// A condition as judged: outcome, reason, what would change it, the fields whose answers are missing.
type Judged = (Outcome, Text, Option<Text>, Vec<String>);

/// Adds one of the call's conditions (17号) to the self-check.
fn push_call(criteria: &mut Vec<ProviderCriterion>, lang: Lang, id: &str, title: Text, c: CallClause, judged: Judged) {
    let (outcome, reason, to_change, missing) = judged;
    criteria.push(ProviderCriterion {
        id: id.into(),
        title: title.get(lang).into(),
        outcome,
        reason: reason.get(lang).into(),
        to_change: to_change.map(|t| t.get(lang).to_string()),
        missing,
        source: format!("榕工信行规〔2024〕17号 {}", c.clause),
        quote: c.quote.to_string(),
    });
}

/// Scores trimmed: one highest and one lowest (三).
pub const TRIM_EACH_END: usize = 1;
/// So at least three scores are needed to leave one to average (三).
pub const MIN_EXPERTS: usize = 2 * TRIM_EACH_END + 1;

/// A number of the measure as applied, with its source (every report lists them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleApplied {
    pub id: String,
    pub text: String,
    pub source: String,
    pub quote: String,
}

/// A clause of the measure cited with the programme's document number (from its rule file).
fn cite(prog: &Programme, c: Clause) -> String {
    format!("{} {}", prog.citation(), c.clause)
}

/// A source as (document and clause, quote).
type Src = (String, String);

fn src(prog: &Programme, c: Clause) -> Src {
    (cite(prog, c), c.quote.to_string())
}

fn rule(prog: &Programme, id: &str, text: Text, c: Clause, lang: Lang) -> RuleApplied {
    RuleApplied { id: id.into(), text: text.get(lang).to_string(), source: cite(prog, c), quote: c.quote.into() }
}

/// A number of the rule file applied, with the source the rule file gives it.
fn rule_from(prog: &Programme, id: &str, text: Text, s: &Source, lang: Lang) -> RuleApplied {
    RuleApplied { id: id.into(), text: text.get(lang).to_string(), source: prog.cite(s), quote: s.quote.clone() }
}

/// The measure's numbers from the programme's `[provider_pool]` (a rule file without it is
/// refused when read; this covers a provider programme read some other way).
fn pool(prog: &Programme) -> Result<&ProviderPool, InputErrors> {
    prog.provider_pool.as_ref().ok_or_else(|| {
        InputErrors::one(
            "rules",
            t!(
                "规则中的 {PROGRAMME} 没有 [provider_pool]（后备资源库家数、资源库最少家数、连续无星级退出次数）",
                "{PROGRAMME} in the rules has no [provider_pool] (the reserve's size, the pool's minimum, the no-star ratings that end membership)"
            ),
        )
    })
}

/// A number as the measure writes it in a sentence: a count (`两`, `two`) and an ordinal (`二`,
/// `second`) up to ten, digits beyond.
struct Numeral {
    zh_count: String,
    zh_ordinal: String,
    en_count: String,
    en_ordinal: String,
}

fn numeral(n: usize) -> Numeral {
    const ZH: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    const EN: [&str; 11] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    const EN_ORD: [&str; 11] = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    let digits = n.to_string();
    let zh_ordinal = ZH.get(n).map_or_else(|| digits.clone(), |z| z.to_string());
    let zh_count = if n == 2 { "两".to_string() } else { zh_ordinal.clone() };
    let en_ordinal = EN_ORD.get(n).map_or_else(|| format!("{n}th"), |e| e.to_string());
    Numeral { zh_count, zh_ordinal, en_count: EN.get(n).map_or(digits, |e| e.to_string()), en_ordinal }
}

fn programme(bundle: &RuleBundle) -> Result<&Programme, InputErrors> {
    bundle.get(PROGRAMME).ok_or_else(|| {
        InputErrors::one(
            "rules",
            t!("规则中没有 {PROGRAMME}（服务商遴选办法）", "the rules hold no {PROGRAMME} (provider selection measure)"),
        )
    })
}

/// Finds a sub-industry by id (`knitting`) or by its name as the document writes it.
fn find_sub<'a>(p: &'a Programme, s: &str) -> Option<&'a SubIndustry> {
    let s = s.trim();
    p.sub_industries.iter().find(|x| x.id == s || x.name.zh == s || x.name.en.eq_ignore_ascii_case(s))
}

fn sub_list(p: &Programme) -> String {
    p.sub_industries.iter().map(|s| format!("{}（{}）", s.id, s.name.zh)).collect::<Vec<_>>().join("、")
}

// ---------------------------------------------------------------------------------------------
// JSON walking with every problem collected.

struct Walk {
    errors: Vec<FieldError>,
}

impl Walk {
    fn err(&mut self, field: &str, message: Text) {
        self.errors.push(FieldError::new(field, message));
    }

    fn object<'a>(&mut self, v: &'a Value, path: &str, allowed: &[&str]) -> Option<&'a Map<String, Value>> {
        let Value::Object(m) = v else {
            let got = type_name(v);
            let field = if path.is_empty() { "input" } else { path };
            self.err(field, t!("应为 JSON 对象 {{…}}，收到 {got}", "must be a JSON object {{…}}; got {got}"));
            return None;
        };
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                let field = crate::error::key_path(path, k);
                let list = allowed.join(", ");
                let shown = crate::text::shown(k, 40);
                self.err(&field, t!("未知字段“{shown}”；可用字段：{list}", "unknown field \"{shown}\"; expected one of: {list}"));
            }
        }
        Some(m)
    }

    fn string(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        match m.get(key)? {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            v => {
                let got = type_name(v);
                self.err(path, t!("应为文本，收到 {got}", "must be text; got {got}"));
                None
            }
        }
    }

    fn boolean(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<bool> {
        match m.get(key)? {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            Value::String(s) => match crate::input::parse_yes_no(s) {
                Ok(b) => b,
                Err(()) => {
                    let shown: String = s.chars().take(40).collect();
                    self.err(path, t!("应为 是/否（true/false），收到“{shown}”", "must be yes or no (true/false); got \"{shown}\""));
                    None
                }
            },
            v => {
                let got = type_name(v);
                self.err(path, t!("应为 是/否（true/false），收到 {got}", "must be true or false; got {got}"));
                None
            }
        }
    }

    fn date(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<Date> {
        let s = self.string(m, key, path)?;
        match Date::parse(&s) {
            Ok(d) => Some(d),
            Err(_) => {
                self.err(path, t!("日期应为 YYYY-MM-DD 且真实存在，收到“{s}”", "expected a real date YYYY-MM-DD; got \"{s}\""));
                None
            }
        }
    }

    fn array<'a>(&mut self, m: &'a Map<String, Value>, key: &str, path: &str) -> Option<&'a Vec<Value>> {
        match m.get(key)? {
            Value::Null => None,
            Value::Array(a) => Some(a),
            v => {
                let got = type_name(v);
                self.err(path, t!("应为数组 […]，收到 {got}", "must be an array […]; got {got}"));
                None
            }
        }
    }

    fn finish(self) -> Result<(), InputErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(InputErrors { errors: self.errors })
        }
    }
}

fn parse_json(text: &str) -> Result<Value, InputErrors> {
    let text = crate::text::without_bom(text);
    if text.trim().is_empty() {
        return Err(InputErrors::one("input", t!("输入为空：需要一个 JSON 对象", "the input is empty: a JSON object is expected")));
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        InputErrors::one("input", t!("不是有效的 JSON（第 {line} 行第 {col} 列附近）", "not valid JSON (near line {line}, column {col})"))
    })
}

/// A score: a non-negative decimal, as a JSON number or text (full-width digits accepted).
fn score_value(v: &Value) -> Result<Option<Decimal>, Text> {
    let s = match v {
        Value::Null => return Ok(None),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => s.chars().map(crate::amount::halfwidth).collect::<String>().trim().to_string(),
        other => {
            let got = type_name(other);
            return Err(t!("评分应为数字，收到 {got}", "a score must be a number; got {got}"));
        }
    };
    let shown: String = s.chars().take(20).collect();
    let d = Decimal::from_str(&s)
        .or_else(|_| Decimal::from_scientific(&s))
        .map_err(|_| t!("评分应为数字，收到“{shown}”", "a score must be a number; got \"{shown}\""))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(t!("评分不能为负数，收到“{shown}”", "a score cannot be negative; got \"{shown}\""));
    }
    Ok(Some(d.normalize()))
}

// ---------------------------------------------------------------------------------------------
// Self-check.

/// What a provider says about itself for the self-check (`providers_check` input's `provider`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProviderProfile {
    pub name: Option<String>,
    /// `specialist` (专业服务商) or `platform` (平台服务商).
    pub kind: Option<ProviderKind>,
    /// The sub-industry applied for (id).
    pub sub_industry: Option<String>,
    /// Offers 小快轻准 solutions for the 研产供销 links of the sub-industry (specialists).
    pub small_fast_light_precise: Option<bool>,
    /// Integrates several industries' common application systems, cross-industry data (platforms).
    pub cross_industry_integration: Option<bool>,
    /// Willing to provide products and services for Fuzhou SMEs' digital transformation.
    pub willing_to_serve_fuzhou: Option<bool>,
    /// On a dishonest-entity list (失信名单).
    pub on_dishonest_list: Option<bool>,
    /// Operating well, with good social credit (17号 ①), self-declared.
    pub good_operation_and_credit: Option<bool>,
    /// Understands and applies the digital-level indicators and serves SMEs by them (一是).
    pub applies_digital_level_indicators: Option<bool>,
    /// Has done transformation work in several cities (一是).
    pub experience_in_several_cities: Option<bool>,
    /// A sound, stable technical team able to serve the four sub-industries (二是).
    pub stable_team_with_sub_industry_capability: Option<bool>,
    /// Has a team or office in Fuzhou (三是).
    pub local_team_or_office: Option<bool>,
    /// Will sign the 《本地化服务承诺》 (三是, when there is no office in Fuzhou).
    pub local_service_commitment: Option<bool>,
}

/// 专业服务商 or 平台服务商 (二、遴选范围).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    Specialist,
    Platform,
}

/// One condition as evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProviderCriterion {
    pub id: String,
    pub title: String,
    pub outcome: Outcome,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_change: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    pub source: String,
    pub quote: String,
}

/// The `providers_check` report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProviderCheck {
    pub as_of: Date,
    pub programme: String,
    pub document: String,
    pub status: Status,
    pub verdict: Verdict,
    pub verdict_text: String,
    pub profile: ProviderProfile,
    pub criteria: Vec<ProviderCriterion>,
    /// Conditions the measure does not set (said plainly instead of invented).
    pub not_stated: Vec<RuleApplied>,
    pub notes: Vec<RuleApplied>,
}

/// `providers_check` input: `{"as_of"?, "provider": {"name", "type": "specialist"|"platform",
/// "sub_industry", "small_fast_light_precise", "cross_industry_integration",
/// "willing_to_serve_fuzhou", "on_dishonest_list"}}`.
pub fn parse_check(text: &str) -> Result<(Option<Date>, ProviderProfile), InputErrors> {
    let v = parse_json(text)?;
    let mut w = Walk { errors: vec![] };
    let Some(m) = w.object(&v, "", &["as_of", "provider"]) else { return Err(InputErrors { errors: w.errors }) };
    let as_of = w.date(m, "as_of", "as_of");
    let mut p = ProviderProfile::default();
    let fields = [
        "name",
        "type",
        "sub_industry",
        "small_fast_light_precise",
        "cross_industry_integration",
        "willing_to_serve_fuzhou",
        "on_dishonest_list",
        "good_operation_and_credit",
        "applies_digital_level_indicators",
        "experience_in_several_cities",
        "stable_team_with_sub_industry_capability",
        "local_team_or_office",
        "local_service_commitment",
    ];
    if let Some(pm) = m.get("provider").filter(|v| !v.is_null()).and_then(|v| w.object(v, "provider", &fields)) {
        p.name = w.string(pm, "name", "provider.name");
        if let Some(k) = w.string(pm, "type", "provider.type") {
            match k.to_ascii_lowercase().as_str() {
                "specialist" | "专业服务商" | "专业" => p.kind = Some(ProviderKind::Specialist),
                "platform" | "平台服务商" | "平台" => p.kind = Some(ProviderKind::Platform),
                _ => w.err(
                    "provider.type",
                    t!(
                        "服务商类型应为 specialist（专业服务商）或 platform（平台服务商），收到“{k}”",
                        "type must be specialist (专业服务商) or platform (平台服务商); got \"{k}\""
                    ),
                ),
            }
        }
        p.sub_industry = w.string(pm, "sub_industry", "provider.sub_industry");
        p.small_fast_light_precise = w.boolean(pm, "small_fast_light_precise", "provider.small_fast_light_precise");
        p.cross_industry_integration = w.boolean(pm, "cross_industry_integration", "provider.cross_industry_integration");
        p.willing_to_serve_fuzhou = w.boolean(pm, "willing_to_serve_fuzhou", "provider.willing_to_serve_fuzhou");
        p.on_dishonest_list = w.boolean(pm, "on_dishonest_list", "provider.on_dishonest_list");
        p.good_operation_and_credit = w.boolean(pm, "good_operation_and_credit", "provider.good_operation_and_credit");
        p.applies_digital_level_indicators = w.boolean(pm, "applies_digital_level_indicators", "provider.applies_digital_level_indicators");
        p.experience_in_several_cities = w.boolean(pm, "experience_in_several_cities", "provider.experience_in_several_cities");
        p.stable_team_with_sub_industry_capability =
            w.boolean(pm, "stable_team_with_sub_industry_capability", "provider.stable_team_with_sub_industry_capability");
        p.local_team_or_office = w.boolean(pm, "local_team_or_office", "provider.local_team_or_office");
        p.local_service_commitment = w.boolean(pm, "local_service_commitment", "provider.local_service_commitment");
    }
    w.finish()?;
    Ok((as_of, p))
}

/// The provider's self-check against the call's conditions: 18号 二、三、六 and the call's own
/// 征集条件 in 17号 三、（二）1.（1）2) (credit and operation, standards and experience, team, local
/// service), the latter self-declared.
///
/// ```
/// use shuzhuan_policy::{providers, Date, Lang, RuleBundle, Verdict};
/// let (_, p) = providers::parse_check(r#"{"provider": {"type": "specialist", "sub_industry": "knitting",
///     "small_fast_light_precise": true, "willing_to_serve_fuzhou": true, "on_dishonest_list": false,
///     "good_operation_and_credit": true, "applies_digital_level_indicators": true,
///     "experience_in_several_cities": true, "stable_team_with_sub_industry_capability": true,
///     "local_team_or_office": false, "local_service_commitment": true}}"#).unwrap();
/// let r = providers::check(&p, RuleBundle::embedded(), Date::new(2025, 6, 30).unwrap(), Lang::Zh).unwrap();
/// assert_eq!(r.verdict, Verdict::Eligible);
/// // Without an office in Fuzhou and without the commitment, the call's 三是 fails.
/// let (_, p) = providers::parse_check(r#"{"provider": {"local_team_or_office": false, "local_service_commitment": false}}"#).unwrap();
/// let r = providers::check(&p, RuleBundle::embedded(), Date::new(2025, 6, 30).unwrap(), Lang::Zh).unwrap();
/// assert_eq!(r.verdict, Verdict::NotEligible);
/// ```
pub fn check(p: &ProviderProfile, bundle: &RuleBundle, as_of: Date, lang: Lang) -> Result<ProviderCheck, InputErrors> {
    let prog = programme(bundle)?;
    let mut criteria = Vec::new();
    let mut push = |id: &str, title: Text, src: Src, outcome: Outcome, reason: Text, to_change: Option<Text>, missing: &[&str]| {
        criteria.push(ProviderCriterion {
            id: id.into(),
            title: title.get(lang).into(),
            outcome,
            reason: reason.get(lang).into(),
            to_change: to_change.map(|t| t.get(lang).to_string()),
            missing: missing.iter().map(|s| s.to_string()).collect(),
            source: src.0,
            quote: src.1,
        })
    };
    // 六: in force.
    let status = prog.status_on(as_of);
    let st = crate::eval::status_text(prog, as_of);
    let validity = (prog.cite(&prog.validity_source), prog.validity_source.quote.clone());
    match status {
        Status::InForce => push("in_force", t!("办法在有效期内", "The measure is in force"), validity, Outcome::Pass, st, None, &[]),
        _ => push(
            "in_force",
            t!("办法在有效期内", "The measure is in force"),
            validity,
            Outcome::Fail,
            st,
            Some(t!("本办法已不在有效期内，请关注后续征集通知", "the measure is not in force on this date; watch for a new call")),
            &[],
        ),
    }
    // 二: willing to serve Fuzhou SMEs (anywhere in China).
    let title =
        t!("有意愿为福州市中小企业数字化转型提供产品与服务", "Willing to provide products and services for Fuzhou SMEs' transformation");
    match p.willing_to_serve_fuzhou {
        Some(true) => push(
            "scope",
            title,
            src(prog, SCOPE),
            Outcome::Pass,
            t!("有意愿为福州市中小企业提供服务", "willing to serve Fuzhou SMEs"),
            None,
            &[],
        ),
        Some(false) => push(
            "scope",
            title,
            src(prog, SCOPE),
            Outcome::Fail,
            t!("无意为福州市中小企业提供服务", "not willing to serve Fuzhou SMEs"),
            Some(t!(
                "遴选对象是有意愿为福州市中小企业数字化转型提供产品与服务的服务商",
                "the call is for providers willing to serve Fuzhou SMEs"
            )),
            &[],
        ),
        None => push(
            "scope",
            title,
            src(prog, SCOPE),
            Outcome::Unknown,
            t!("未说明是否有意为福州市中小企业提供服务", "willingness to serve Fuzhou SMEs not stated"),
            Some(t!("请说明是否有意为福州市中小企业数字化转型提供产品与服务", "say whether you will serve Fuzhou SMEs")),
            &["provider.willing_to_serve_fuzhou"],
        ),
    }
    // 二（一）/（二）: capability by type.
    let title = t!("属于专业服务商或平台服务商", "Is a specialist or a platform provider");
    match p.kind {
        Some(ProviderKind::Specialist) => match p.small_fast_light_precise {
            Some(true) => push(
                "capability",
                title,
                src(prog, SPECIALIST),
                Outcome::Pass,
                t!(
                    "专业服务商：面向试点细分行业“研产供销”提供“小快轻准”解决方案和产品",
                    "specialist: 小快轻准 solutions for the sub-industry's R&D, production, supply and sales"
                ),
                None,
                &[],
            ),
            Some(false) => push(
                "capability",
                title,
                src(prog, SPECIALIST),
                Outcome::Fail,
                t!(
                    "专业服务商须提供“小快轻准”数字化解决方案和产品，所填为否",
                    "a specialist must offer 小快轻准 (small, fast, light, precise) solutions; answered no"
                ),
                Some(t!(
                    "须面向试点细分行业制造业“研产供销”环节提供“小快轻准”数字化解决方案和产品",
                    "offer small, fast, light and precise digital solutions for the pilot sub-industry's R&D, production, supply and sales"
                )),
                &[],
            ),
            None => push(
                "capability",
                title,
                src(prog, SPECIALIST),
                Outcome::Unknown,
                t!("未说明是否提供“小快轻准”解决方案和产品", "whether 小快轻准 solutions are offered is not stated"),
                Some(t!(
                    "请说明是否面向试点细分行业“研产供销”提供“小快轻准”解决方案",
                    "say whether you offer 小快轻准 solutions for the sub-industry"
                )),
                &["provider.small_fast_light_precise"],
            ),
        },
        Some(ProviderKind::Platform) => match p.cross_industry_integration {
            Some(true) => push(
                "capability",
                title,
                src(prog, PLATFORM),
                Outcome::Pass,
                t!("平台服务商：具有跨行业、跨领域数据整合能力", "platform: cross-industry, cross-field data integration"),
                None,
                &[],
            ),
            Some(false) => push(
                "capability",
                title,
                src(prog, PLATFORM),
                Outcome::Fail,
                t!(
                    "平台服务商须具有跨行业、跨领域数据整合能力，所填为否",
                    "a platform provider must integrate data across industries; answered no"
                ),
                Some(t!("须能将多个行业共性应用服务系统进行集成", "integrate several industries' common application systems")),
                &[],
            ),
            None => push(
                "capability",
                title,
                src(prog, PLATFORM),
                Outcome::Unknown,
                t!("未说明是否具有跨行业、跨领域数据整合能力", "cross-industry data integration not stated"),
                Some(t!("请说明是否具有跨行业、跨领域数据整合能力", "say whether you integrate data across industries")),
                &["provider.cross_industry_integration"],
            ),
        },
        None => push(
            "capability",
            title,
            src(prog, SCOPE),
            Outcome::Unknown,
            t!("未说明服务商类型", "provider type not stated"),
            Some(t!("请选择：专业服务商（specialist）或平台服务商（platform）", "choose specialist or platform")),
            &["provider.type"],
        ),
    }
    // 一: the sub-industry applied for, one of the four with a quota.
    let subs = numeral(prog.sub_industries.len());
    let (subs_zh, subs_en) = (&subs.zh_count, &subs.en_count);
    let title = t!("申报{subs_zh}个细分行业之一", "Applies for one of the {subs_en} sub-industries");
    let list = sub_list(prog);
    match p.sub_industry.as_deref().map(|s| (s, find_sub(prog, s))) {
        Some((_, Some(s))) => {
            let q = s.provider_quota.unwrap_or(0);
            push(
                "sub_industry",
                title,
                (prog.cite(&s.source), s.source.quote.clone()),
                Outcome::Pass,
                Text::new(
                    format!("申报“{}”，计划遴选 {q} 家", s.name.zh),
                    format!("applies for \"{}\", where {q} providers are to be selected", s.name.en),
                ),
                None,
                &[],
            )
        }
        Some((given, None)) => push(
            "sub_industry",
            title,
            src(prog, TOTAL),
            Outcome::Fail,
            t!("“{given}”不是本办法的细分行业", "\"{given}\" is not one of the measure's sub-industries"),
            Some(t!("细分行业应为：{list}", "the sub-industry must be one of: {list}")),
            &[],
        ),
        None => push(
            "sub_industry",
            title,
            src(prog, TOTAL),
            Outcome::Unknown,
            t!("未填写申报的细分行业", "sub-industry not given"),
            Some(t!("请选择细分行业：{list}", "choose the sub-industry: {list}")),
            &["provider.sub_industry"],
        ),
    }
    // 三: the veto.
    let title = t!("未列入失信名单", "Not on a dishonest-entity list");
    match p.on_dishonest_list {
        Some(false) => {
            push("credit", title, src(prog, VETO), Outcome::Pass, t!("未列入失信名单", "not on a dishonest-entity list"), None, &[])
        }
        Some(true) => push(
            "credit",
            title,
            src(prog, VETO),
            Outcome::Fail,
            t!("已列入失信名单：一票否决", "on a dishonest-entity list: a veto, whatever the score"),
            Some(t!("移出失信名单（依法完成信用修复）后方可申报", "apply once removed from the list (credit lawfully repaired)")),
            &[],
        ),
        None => push(
            "credit",
            title,
            src(prog, VETO),
            Outcome::Unknown,
            t!("未说明是否列入失信名单", "dishonest-list status not stated"),
            Some(t!("请在“信用中国”查询后说明是否列入失信名单", "check 信用中国 and say whether you are on a dishonest-entity list")),
            &["provider.on_dishonest_list"],
        ),
    }
    // The call's own conditions (17号 三、（二）1.（1）2)): self-declared, and said to be.
    let declared = t!("（自述，遴选时由专家评审核实）", " (self-declared; the expert review checks it)");
    let yes_no = |v: Option<bool>, yes: Text, no: Text, ask: Text, field: &str| -> Judged {
        match v {
            Some(true) => (Outcome::Pass, yes.join(&declared), None, vec![]),
            Some(false) => (Outcome::Fail, no, Some(ask), vec![]),
            None => (Outcome::Unknown, t!("未作答", "not answered"), Some(ask), vec![field.to_string()]),
        }
    };
    let (o, r, c, m) = yes_no(
        p.good_operation_and_credit,
        t!("运营良好，具有良好的社会信用", "operating well, with good social credit"),
        t!("所填为运营或社会信用不佳", "answered that operation or social credit is not sound"),
        t!("申报主体须运营良好，具有良好的社会信用", "the applicant must operate well and have good social credit"),
        "provider.good_operation_and_credit",
    );
    push_call(
        &mut criteria,
        lang,
        "good_standing",
        t!("运营良好，社会信用良好", "Operates well, with good social credit"),
        CALL_STANDING,
        (o, r, c, m),
    );
    let standards = match (p.applies_digital_level_indicators, p.experience_in_several_cities) {
        (Some(true), Some(true)) => (
            Outcome::Pass,
            t!("能运用数字化水平评测指标开展服务，且有全国不同地市的数字化改造经验", "applies the digital-level indicators and has transformation experience in several cities")
                .join(&declared),
            None,
            vec![],
        ),
        (Some(false), _) | (_, Some(false)) => (
            Outcome::Fail,
            t!("所填为不能运用评测指标，或没有不同地市的改造经验", "answered no to applying the indicators or to experience in several cities"),
            Some(t!(
                "须能准确理解并运用《中小企业数字化水平评测指标》等标准开展服务，并具有全国不同地市数字化改造经验",
                "must understand and apply the digital-level indicators in its services and have transformation experience in several cities"
            )),
            vec![],
        ),
        (a, b) => (
            Outcome::Unknown,
            t!("未全部作答", "not all answered"),
            Some(t!(
                "请说明能否运用数字化水平评测指标开展服务，以及是否有全国不同地市的数字化改造经验",
                "say whether you apply the digital-level indicators and have worked in several cities"
            )),
            [(a, "provider.applies_digital_level_indicators"), (b, "provider.experience_in_several_cities")]
                .iter()
                .filter(|(v, _)| v.is_none())
                .map(|(_, f)| f.to_string())
                .collect(),
        ),
    };
    push_call(
        &mut criteria,
        lang,
        "standards_and_experience",
        t!("熟悉评测标准，有多地改造经验", "Knows the indicators, has worked in several cities"),
        CALL_STANDARDS,
        standards,
    );
    let (o, r, c, m) = yes_no(
        p.stable_team_with_sub_industry_capability,
        t!("技术团队健全稳定，具备细分行业数字化转型服务能力", "a stable technical team able to serve the pilot sub-industries"),
        t!("所填为技术团队或细分行业服务能力不足", "answered that the team or the sub-industry capability is lacking"),
        t!(
            "须技术团队健全稳定，拥有试点细分行业数字化转型服务能力",
            "needs a sound, stable technical team with digital transformation capability in the pilot sub-industries"
        ),
        "provider.stable_team_with_sub_industry_capability",
    );
    push_call(&mut criteria, lang, "team", t!("技术团队健全稳定", "A stable technical team"), CALL_TEAM, (o, r, c, m));
    let local_need = t!(
        "须在福州有团队或办公场地；没有本地办公场地的，须提供《本地化服务承诺》",
        "needs a team or office in Fuzhou, or, without an office there, a signed local-service commitment (《本地化服务承诺》)"
    );
    let local = match (p.local_team_or_office, p.local_service_commitment) {
        (Some(true), _) => (Outcome::Pass, t!("在福州有团队或办公场地", "has a team or office in Fuzhou").join(&declared), None, vec![]),
        (_, Some(true)) => (
            Outcome::Pass,
            t!("在福州没有办公场地，但提供《本地化服务承诺》", "no office in Fuzhou, but signs the local-service commitment")
                .join(&declared),
            None,
            vec![],
        ),
        (Some(false), Some(false)) => (
            Outcome::Fail,
            t!("在福州没有团队或办公场地，也不提供《本地化服务承诺》", "no team or office in Fuzhou and no local-service commitment"),
            Some(local_need),
            vec![],
        ),
        (a, b) => (
            Outcome::Unknown,
            t!(
                "未说明在福州有无团队或办公场地，或是否提供《本地化服务承诺》",
                "whether there is a team or office in Fuzhou, or a commitment, is not stated"
            ),
            Some(local_need),
            [(a, "provider.local_team_or_office"), (b, "provider.local_service_commitment")]
                .iter()
                .filter(|(v, _)| v.is_none())
                .map(|(_, f)| f.to_string())
                .collect(),
        ),
    };
    push_call(&mut criteria, lang, "local_service", t!("本地化服务能力", "Local service in Fuzhou"), CALL_LOCAL, local);
    let verdict = verdict_of(criteria.iter().map(|c| c.outcome));
    let not_stated = vec![];
    let mut notes = vec![
        rule(
            prog,
            "scoring",
            t!(
                "入选靠专家评分：去掉一个最高分和一个最低分后取平均，按得分排名，每个细分行业按计划家数推荐",
                "Selection is by expert score: the highest and lowest are dropped, the rest averaged, and applicants ranked per sub-industry against its quota"
            ),
            SCORING,
            lang,
        ),
        rule(
            prog,
            "outside_pool",
            t!("未入选资源库但符合服务条件的，也可以为试点企业提供服务", "Providers that meet the service conditions but are not in the pool may still serve pilot firms"),
            OUTSIDE_POOL,
            lang,
        ),
    ];
    if p.kind == Some(ProviderKind::Platform) {
        let total: u32 = prog.sub_industries.iter().map(|s| s.provider_quota.unwrap_or(0)).sum();
        notes.push(rule(
            prog,
            "platform_quota",
            t!(
                "{total} 个名额全部分配给{subs_zh}个细分行业，平台服务商也计入所申报细分行业的名额；这是对计划表的解读",
                "All {total} places are assigned to the {subs_en} sub-industries, so a platform provider also counts against the sub-industry it applies for; this is a reading of the plan table"
            ),
            TOTAL,
            lang,
        ));
    }
    Ok(ProviderCheck {
        as_of,
        programme: prog.id.clone(),
        document: prog.citation(),
        status,
        verdict,
        verdict_text: verdict.name().get(lang).to_string(),
        profile: p.clone(),
        criteria,
        not_stated,
        notes,
    })
}

// ---------------------------------------------------------------------------------------------
// Expert scoring.

/// One applicant's scores (`providers_score` input's `applicants[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Applicant {
    pub id: String,
    pub name: Option<String>,
    /// Sub-industry id (`knitting`, `cotton-synthetic-textiles`, `electronic-devices`, `auto-parts`).
    pub sub_industry: String,
    /// On a dishonest-entity list: a veto (三).
    pub dishonest_list: bool,
    /// One score per expert; `None` where an expert gave none (e.g. recused).
    pub scores: Vec<Option<Decimal>>,
}

/// `providers_score` input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreInput {
    /// Experts' names, in the order of every applicant's `scores` (optional).
    pub experts: Vec<String>,
    /// Reserve places to fill, within the rule file's range (20–25 in 18号; default its maximum).
    pub reserve_size: usize,
    /// Applicant ids the bureau chose to settle a tie at a cut-off.
    pub decisions: Vec<String>,
    pub applicants: Vec<Applicant>,
}

/// Where an applicant ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantStatus {
    /// Within its sub-industry's quota: recommended for the pool (服务资源库).
    Selected,
    /// Tied with others for the quota's last seat(s): for the bureau to decide.
    TiedForPool,
    /// In the reserve (后备资源库).
    Reserve,
    /// Tied with others for the reserve's last place(s): for the bureau to decide.
    TiedForReserve,
    /// Scored, but below the quota and the reserve.
    NotSelected,
    /// On a dishonest-entity list: vetoed whatever the score.
    Vetoed,
    /// Fewer than three scores: the trimmed mean cannot be taken.
    InsufficientScores,
}

impl ApplicantStatus {
    pub fn name(self) -> Text {
        match self {
            ApplicantStatus::Selected => t!("拟入选服务资源库", "recommended for the pool"),
            ApplicantStatus::TiedForPool => t!("并列于入选线，待市工信局确定", "tied at the pool's cut-off; the bureau decides"),
            ApplicantStatus::Reserve => t!("拟入后备资源库", "recommended for the reserve"),
            ApplicantStatus::TiedForReserve => t!("并列于后备线，待市工信局确定", "tied at the reserve's cut-off; the bureau decides"),
            ApplicantStatus::NotSelected => t!("未入选", "not selected"),
            ApplicantStatus::Vetoed => t!("列入失信名单，一票否决", "on a dishonest-entity list: vetoed"),
            ApplicantStatus::InsufficientScores => {
                t!("评分不足 3 个，无法去掉最高分和最低分", "fewer than 3 scores: cannot drop the highest and lowest")
            }
        }
    }
}

/// One applicant as scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoredApplicant {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub sub_industry: String,
    pub scores_given: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped_high: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped_low: Option<Decimal>,
    /// The mean of the scores left, to 4 decimal places (ranking uses the exact value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_score: Option<Decimal>,
    /// Rank within the sub-industry (equal scores share a rank: 1, 2, 2, 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// Rank among the reserve candidates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserve_rank: Option<usize>,
    pub status: ApplicantStatus,
    pub status_text: String,
    pub explanation: String,
}

/// A sub-industry's ranking against its quota.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubIndustryResult {
    pub id: String,
    pub name: String,
    pub quota: usize,
    pub source: String,
    pub quote: String,
    /// Applicant ids ranked (vetoed and unscored ones last, in input order).
    pub ranking: Vec<String>,
    pub selected: Vec<String>,
    /// Seats left for the bureau to fill from a tie.
    pub open_seats: usize,
    /// Seats no applicant could fill.
    pub shortfall: usize,
}

/// A tie at a cut-off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tie {
    /// `pool` or `reserve`.
    pub stage: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_industry: Option<String>,
    pub final_score: Decimal,
    pub applicants: Vec<String>,
    pub seats: usize,
    pub text: String,
}

/// The reserve as filled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReserveResult {
    pub size: usize,
    pub min: usize,
    pub max: usize,
    pub members: Vec<String>,
    pub open_seats: usize,
    /// Places below the minimum (20 in 18号) that no candidate could fill.
    pub short_of_minimum: usize,
    pub source: String,
    pub quote: String,
}

/// The `providers_score` report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreReport {
    pub document: String,
    pub experts: usize,
    pub applicants: Vec<ScoredApplicant>,
    pub sub_industries: Vec<SubIndustryResult>,
    pub reserve: ReserveResult,
    /// Providers recommended for the pool.
    pub pool_size: usize,
    /// The pool planned: the sum of the sub-industries' quotas in the rules (一: 32).
    pub pool_planned: usize,
    pub ties: Vec<Tie>,
    pub warnings: Vec<String>,
    /// Readings where the measure is silent.
    pub interpretations: Vec<String>,
    /// Every number applied, with its clause.
    pub rules: Vec<RuleApplied>,
}

/// `providers_score` input: `{"experts"?: [names], "reserve_size"?: 20–25, "decisions"?: [ids],
/// "applicants": [{"id", "name"?, "sub_industry", "dishonest_list"?, "scores": [n | "n" | null…]}]}`.
pub fn parse_score(text: &str, bundle: &RuleBundle) -> Result<ScoreInput, InputErrors> {
    let prog = programme(bundle)?;
    let reserve = &pool(prog)?.reserve;
    let (min, max) = (reserve.min as usize, reserve.max as usize);
    let v = parse_json(text)?;
    let mut w = Walk { errors: vec![] };
    let Some(m) = w.object(&v, "", &["experts", "reserve_size", "decisions", "applicants"]) else {
        return Err(InputErrors { errors: w.errors });
    };
    let mut input = ScoreInput { experts: vec![], reserve_size: max, decisions: vec![], applicants: vec![] };
    if let Some(list) = w.array(m, "experts", "experts") {
        for (i, e) in list.iter().enumerate() {
            match e {
                Value::String(s) => input.experts.push(s.trim().to_string()),
                Value::Number(n) => input.experts.push(n.to_string()),
                other => {
                    let got = type_name(other);
                    w.err(&format!("experts[{i}]"), t!("专家名称应为文本，收到 {got}", "an expert's name must be text; got {got}"));
                }
            }
        }
    }
    if let Some(s) = w.string(m, "reserve_size", "reserve_size") {
        match s.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => input.reserve_size = n,
            _ => {
                let clause = &reserve.source.clause;
                w.err(
                    "reserve_size",
                    t!(
                        "后备资源库家数应为 {min} 到 {max} 之间的整数（{clause}：“选取 {min}-{max} 家”），收到“{s}”",
                        "the reserve size must be a whole number from {min} to {max} ({clause}: \"选取 {min}-{max} 家\"); got \"{s}\""
                    ),
                )
            }
        }
    }
    if let Some(list) = w.array(m, "decisions", "decisions") {
        for (i, d) in list.iter().enumerate() {
            match d {
                Value::String(s) => input.decisions.push(s.trim().to_string()),
                Value::Number(n) => input.decisions.push(n.to_string()),
                other => {
                    let got = type_name(other);
                    w.err(&format!("decisions[{i}]"), t!("应为申报单位编号，收到 {got}", "must be an applicant id; got {got}"));
                }
            }
        }
    }
    let list = sub_list(prog);
    match w.array(m, "applicants", "applicants") {
        None if !w.errors.iter().any(|e| e.field == "applicants") => {
            w.err("applicants", t!("请列出申报单位及各专家评分", "list the applicants and each expert's scores"))
        }
        None => {}
        Some(items) => {
            let fields = ["id", "name", "sub_industry", "dishonest_list", "scores"];
            // Ids seen so far: a set, so a list of 200 000 applicants is checked in linear time.
            let mut seen: HashSet<String> = HashSet::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let path = format!("applicants[{i}]");
                let Some(am) = w.object(item, &path, &fields) else { continue };
                let before = w.errors.len();
                let id = w.string(am, "id", &format!("{path}.id"));
                if id.is_none() && w.errors.len() == before {
                    w.err(&format!("{path}.id"), t!("请填写申报单位编号", "give the applicant an id"));
                }
                let id = id.unwrap_or_default();
                if !id.is_empty() && !seen.insert(id.clone()) {
                    w.err(&format!("{path}.id"), t!("申报单位编号“{id}”重复", "applicant id \"{id}\" is used twice"));
                }
                let name = w.string(am, "name", &format!("{path}.name"));
                let before = w.errors.len();
                let sub = w.string(am, "sub_industry", &format!("{path}.sub_industry"));
                let sub = match sub.as_deref().map(|s| (s, find_sub(prog, s))) {
                    Some((_, Some(s))) => s.id.clone(),
                    Some((given, None)) => {
                        w.err(
                            &format!("{path}.sub_industry"),
                            t!("“{given}”不是本办法的细分行业；应为：{list}", "\"{given}\" is not one of the sub-industries: {list}"),
                        );
                        String::new()
                    }
                    None => {
                        if w.errors.len() == before {
                            w.err(&format!("{path}.sub_industry"), t!("请填写细分行业：{list}", "give the sub-industry: {list}"));
                        }
                        String::new()
                    }
                };
                let dishonest = w.boolean(am, "dishonest_list", &format!("{path}.dishonest_list")).unwrap_or(false);
                let mut scores = Vec::new();
                if let Some(list) = w.array(am, "scores", &format!("{path}.scores")) {
                    for (j, s) in list.iter().enumerate() {
                        match score_value(s) {
                            Ok(d) => scores.push(d),
                            Err(msg) => w.err(&format!("{path}.scores[{j}]"), msg),
                        }
                    }
                    if !input.experts.is_empty() && list.len() != input.experts.len() {
                        let (n, e) = (list.len(), input.experts.len());
                        w.err(
                            &format!("{path}.scores"),
                            t!(
                                "有 {e} 位专家，但本单位有 {n} 个评分；未评分的位置请填 null",
                                "there are {e} experts but {n} scores; put null where an expert gave none"
                            ),
                        );
                    }
                }
                input.applicants.push(Applicant { id, name, sub_industry: sub, dishonest_list: dishonest, scores });
            }
        }
    }
    w.finish()?;
    Ok(input)
}

/// An applicant's trimmed total and count (exact), for ranking.
#[derive(Clone, Copy)]
struct Mean {
    sum: Decimal,
    n: usize,
}

impl Mean {
    fn value(self) -> Decimal {
        (self.sum / Decimal::from(self.n as u64)).round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero).normalize()
    }
    /// Exact comparison of two means by cross-multiplying (the sums are finite decimals).
    fn cmp(self, other: Mean) -> Ordering {
        let a = self.sum.checked_mul(Decimal::from(other.n as u64));
        let b = other.sum.checked_mul(Decimal::from(self.n as u64));
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.value().cmp(&other.value()),
        }
    }
}

/// The outcome of filling `seats` from applicants in descending order.
struct Fill {
    chosen: Vec<usize>,
    tied: Vec<usize>,
    open: usize,
    rest: Vec<usize>,
}

/// Fills seats in order of score; a group of equal scores that does not fit is a tie, settled
/// only by the bureau's `decisions` (the measure gives no tie-break).
fn fill(
    order: &[usize],
    means: &[Option<Mean>],
    seats: usize,
    ids: &[String],
    decisions: &HashSet<&str>,
    errors: &mut Vec<FieldError>,
) -> Fill {
    let mut f = Fill { chosen: vec![], tied: vec![], open: 0, rest: vec![] };
    let mut left = seats;
    let mut i = 0;
    while i < order.len() {
        let mean = |k: usize| means[order[k]].expect("ranked applicants have a mean");
        let mut j = i + 1;
        while j < order.len() && mean(j).cmp(mean(i)) == Ordering::Equal {
            j += 1;
        }
        let group = &order[i..j];
        if left == 0 {
            f.rest.extend_from_slice(group);
        } else if group.len() <= left {
            f.chosen.extend_from_slice(group);
            left -= group.len();
        } else {
            let picked: Vec<usize> = group.iter().copied().filter(|&a| decisions.contains(ids[a].as_str())).collect();
            if picked.len() > left {
                let names = picked.iter().map(|&a| ids[a].clone()).collect::<Vec<_>>().join(", ");
                errors.push(FieldError::new(
                    "decisions",
                    t!(
                        "并列的 {} 家只剩 {left} 个名额，却选定了 {}：{names}",
                        "{} applicants tie for {left} place(s), but {} were chosen: {names}",
                        group.len(),
                        picked.len()
                    ),
                ));
            }
            f.chosen.extend(picked.iter().copied().take(left));
            left -= picked.len().min(left);
            let others: Vec<usize> = group.iter().copied().filter(|&a| !decisions.contains(ids[a].as_str())).collect();
            if left == 0 {
                f.rest.extend(others);
            } else {
                f.tied = others;
                f.open = left;
                left = 0;
            }
        }
        i = j;
    }
    f
}

/// Scores the applicants: trimmed means, vetoes, ranking per sub-industry against the quotas,
/// the reserve, and every tie reported.
///
/// ```
/// use shuzhuan_policy::{providers, Lang, RuleBundle};
/// let input = providers::parse_score(r#"{"applicants": [
///     {"id": "A", "sub_industry": "auto-parts", "scores": [90, 80, 85, 70]},
///     {"id": "B", "sub_industry": "auto-parts", "scores": [99, 60]}]}"#, RuleBundle::embedded()).unwrap();
/// let r = providers::score(&input, RuleBundle::embedded(), Lang::En).unwrap();
/// assert_eq!(r.applicants[0].final_score.unwrap().to_string(), "82.5"); // (80 + 85) / 2
/// assert_eq!(r.applicants[1].status, providers::ApplicantStatus::InsufficientScores);
/// ```
pub fn score(input: &ScoreInput, bundle: &RuleBundle, lang: Lang) -> Result<ScoreReport, InputErrors> {
    let prog = programme(bundle)?;
    let reserve = &pool(prog)?.reserve;
    let ids: Vec<String> = input.applicants.iter().map(|a| a.id.clone()).collect();
    let decisions: HashSet<&str> = input.decisions.iter().map(String::as_str).collect();
    let mut errors = Vec::new();
    let mut warnings: Vec<Text> = Vec::new();
    // Trimmed means.
    let mut means: Vec<Option<Mean>> = Vec::new();
    let mut out: Vec<ScoredApplicant> = Vec::new();
    for a in &input.applicants {
        let mut given: Vec<Decimal> = a.scores.iter().flatten().copied().collect();
        given.sort();
        let n = given.len();
        let mut s = ScoredApplicant {
            id: a.id.clone(),
            name: a.name.clone(),
            sub_industry: a.sub_industry.clone(),
            scores_given: n,
            dropped_high: None,
            dropped_low: None,
            final_score: None,
            rank: None,
            reserve_rank: None,
            status: ApplicantStatus::NotSelected,
            status_text: String::new(),
            explanation: String::new(),
        };
        let mut mean = None;
        if n >= MIN_EXPERTS {
            let kept = &given[TRIM_EACH_END..n - TRIM_EACH_END];
            let m = Mean { sum: kept.iter().copied().sum(), n: kept.len() };
            s.dropped_low = given.first().copied();
            s.dropped_high = given.last().copied();
            s.final_score = Some(m.value());
            mean = Some(m);
        }
        if a.dishonest_list {
            s.status = ApplicantStatus::Vetoed;
            s.explanation = t!(
                "列入失信名单，一票否决，不参与排名（三、遴选方式）",
                "on a dishonest-entity list: vetoed and not ranked, whatever the score (三、遴选方式)"
            )
            .get(lang)
            .to_string();
            mean = None;
        } else if n < MIN_EXPERTS {
            s.status = ApplicantStatus::InsufficientScores;
            s.explanation = t!(
                "只有 {n} 个评分：去掉一个最高分和一个最低分后取平均，至少需要 {MIN_EXPERTS} 位专家的评分（三、遴选方式）",
                "only {n} score(s): dropping the highest and the lowest and averaging the rest needs at least {MIN_EXPERTS} experts' scores (三、遴选方式)"
            )
            .get(lang)
            .to_string();
        }
        means.push(mean);
        out.push(s);
    }
    if !input.applicants.is_empty() && out.iter().all(|a| a.status == ApplicantStatus::InsufficientScores) {
        warnings.push(t!(
            "没有一家有 {MIN_EXPERTS} 个以上评分：去掉最高分和最低分至少需要 {MIN_EXPERTS} 位专家",
            "no applicant has {MIN_EXPERTS} or more scores: dropping the highest and lowest needs at least {MIN_EXPERTS} experts"
        ));
    }
    let by_score = |a: &usize, b: &usize| {
        let (ma, mb) = (means[*a].expect("ranked"), means[*b].expect("ranked"));
        mb.cmp(ma).then(a.cmp(b))
    };
    let rank_of = |order: &[usize]| -> Vec<(usize, usize)> {
        let mut r = Vec::new();
        for (pos, &a) in order.iter().enumerate() {
            let rank = if pos > 0 && means[a].expect("ranked").cmp(means[order[pos - 1]].expect("ranked")) == Ordering::Equal {
                r.last().map(|(_, k): &(usize, usize)| *k).unwrap_or(pos + 1)
            } else {
                pos + 1
            };
            r.push((a, rank));
        }
        r
    };
    // Per sub-industry against its quota.
    let mut subs = Vec::new();
    let mut ties: Vec<Tie> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut pending_ties = 0;
    for si in &prog.sub_industries {
        let quota = si.provider_quota.unwrap_or(0) as usize;
        let mut order: Vec<usize> =
            (0..input.applicants.len()).filter(|&a| input.applicants[a].sub_industry == si.id && means[a].is_some()).collect();
        order.sort_by(by_score);
        for (a, rank) in rank_of(&order) {
            out[a].rank = Some(rank);
        }
        let f = fill(&order, &means, quota, &ids, &decisions, &mut errors);
        for &a in &f.chosen {
            out[a].status = ApplicantStatus::Selected;
        }
        for &a in &f.tied {
            out[a].status = ApplicantStatus::TiedForPool;
        }
        if !f.tied.is_empty() {
            pending_ties += f.tied.len();
            let score = out[f.tied[0]].final_score.unwrap_or_default();
            let names = f.tied.iter().map(|&a| ids[a].clone()).collect::<Vec<_>>();
            let (k, n, list) = (f.open, names.len(), names.join(", "));
            ties.push(Tie {
                stage: "pool".into(),
                sub_industry: Some(si.id.clone()),
                final_score: score,
                applicants: names,
                seats: f.open,
                text: Text::new(
                    format!(
                        "“{}”最后 {k} 个名额有 {n} 家同分（{score}）：{list}。办法未规定同分如何取舍，由市工信局研究确定（三、遴选方式）；未入选者按同一得分参加后备库排序",
                        si.name.zh
                    ),
                    format!(
                        "\"{}\": {n} applicants tie at {score} for the last {k} place(s): {list}. The measure gives no tie-break; the bureau decides (三、遴选方式). Those not chosen then compete for the reserve at that score",
                        si.name.en
                    ),
                )
                .get(lang)
                .to_string(),
            });
        }
        candidates.extend(&f.rest);
        let mut ranking: Vec<String> = order.iter().map(|&a| ids[a].clone()).collect();
        ranking.extend(
            (0..input.applicants.len())
                .filter(|&a| input.applicants[a].sub_industry == si.id && means[a].is_none())
                .map(|a| ids[a].clone()),
        );
        let shortfall = quota.saturating_sub(f.chosen.len() + f.open);
        if shortfall > 0 {
            let (have, name) = (f.chosen.len() + f.open, si.name.get(lang).to_string());
            warnings.push(t!(
                "“{name}”计划 {quota} 家，只有 {have} 家可入选，缺 {shortfall} 家；办法未规定名额可在细分行业之间调剂",
                "\"{name}\": {quota} planned, only {have} can be selected, {shortfall} short; the measure does not move places between sub-industries"
            ));
        }
        subs.push(SubIndustryResult {
            id: si.id.clone(),
            name: si.name.get(lang).to_string(),
            quota,
            source: prog.cite(&si.source),
            quote: si.source.quote.clone(),
            ranking,
            selected: f.chosen.iter().map(|&a| ids[a].clone()).collect(),
            open_seats: f.open,
            shortfall,
        });
    }
    // The reserve, across sub-industries.
    candidates.sort_by(by_score);
    for (pos, (a, rank)) in rank_of(&candidates).into_iter().enumerate() {
        let _ = pos;
        out[a].reserve_rank = Some(rank);
    }
    let f = fill(&candidates, &means, input.reserve_size, &ids, &decisions, &mut errors);
    for &a in &f.chosen {
        out[a].status = ApplicantStatus::Reserve;
    }
    for &a in &f.tied {
        out[a].status = ApplicantStatus::TiedForReserve;
    }
    if !f.tied.is_empty() {
        let score = out[f.tied[0]].final_score.unwrap_or_default();
        let names = f.tied.iter().map(|&a| ids[a].clone()).collect::<Vec<_>>();
        let (k, n, list) = (f.open, names.len(), names.join(", "));
        ties.push(Tie {
            stage: "reserve".into(),
            sub_industry: None,
            final_score: score,
            applicants: names,
            seats: f.open,
            text: t!(
                "后备资源库最后 {k} 个名额有 {n} 家同分（{score}）：{list}；由市工信局研究确定",
                "the reserve's last {k} place(s): {n} applicants tie at {score}: {list}; the bureau decides"
            )
            .get(lang)
            .to_string(),
        });
    }
    if pending_ties > 0 {
        warnings.push(t!(
            "入选线上的并列尚未确定，后备库名单是暂定的：未入选的并列单位应按其得分参加后备库排序",
            "a tie at a pool cut-off is unsettled, so the reserve is provisional: whoever is not chosen should join the reserve ranking at their score"
        ));
    }
    let filled = f.chosen.len() + f.open;
    let reserve_min = reserve.min as usize;
    let short_of_minimum = reserve_min.saturating_sub(filled);
    if short_of_minimum > 0 {
        let clause = &reserve.source.clause;
        warnings.push(t!(
            "后备资源库只能选出 {filled} 家，少于办法规定的 {reserve_min} 家（{clause}）",
            "only {filled} can go into the reserve, fewer than the {reserve_min} the measure sets ({clause})"
        ));
    }
    let known: HashSet<&str> = ties.iter().flat_map(|t| t.applicants.iter().map(String::as_str)).collect();
    let index: std::collections::HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    for d in &input.decisions {
        let Some(&at) = index.get(d.as_str()) else {
            let d = crate::text::shown(d, 40);
            errors.push(FieldError::new("decisions", t!("没有编号为“{d}”的申报单位", "no applicant \"{d}\"")));
            continue;
        };
        let used = matches!(out[at].status, ApplicantStatus::Selected | ApplicantStatus::Reserve);
        if !used && !known.contains(d.as_str()) {
            let d = crate::text::shown(d, 40);
            warnings.push(t!("选定的“{d}”不在任何并列中，未起作用", "the decision for \"{d}\" settles no tie and was not needed"));
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors { errors });
    }
    for s in out.iter_mut() {
        s.status_text = s.status.name().get(lang).to_string();
        if s.explanation.is_empty() {
            let score = s.final_score.unwrap_or_default();
            let (hi, lo) = (s.dropped_high.unwrap_or_default(), s.dropped_low.unwrap_or_default());
            let rank = s.rank.unwrap_or(0);
            s.explanation = t!(
                "去掉最高分 {hi} 和最低分 {lo} 后平均 {score} 分，细分行业内第 {rank} 名",
                "{score} after dropping the highest ({hi}) and lowest ({lo}); rank {rank} in the sub-industry"
            )
            .get(lang)
            .to_string();
        }
    }
    let pool_size = subs.iter().map(|s| s.selected.len()).sum();
    let pool_planned = subs.iter().map(|s| s.quota).sum();
    let experts = input.experts.len().max(input.applicants.iter().map(|a| a.scores.len()).max().unwrap_or(0));
    Ok(ScoreReport {
        document: prog.citation(),
        experts,
        applicants: out,
        sub_industries: subs,
        reserve: ReserveResult {
            size: input.reserve_size,
            min: reserve_min,
            max: reserve.max as usize,
            members: f.chosen.iter().map(|&a| ids[a].clone()).collect(),
            open_seats: f.open,
            short_of_minimum,
            source: prog.cite(&reserve.source),
            quote: reserve.source.quote.clone(),
        },
        pool_size,
        pool_planned,
        ties,
        warnings: warnings.iter().map(|w| w.get(lang).to_string()).collect(),
        interpretations: interpretations(pool(prog)?, lang, true),
        rules: score_rules(prog, pool(prog)?, lang),
    })
}

fn interpretations(pool: &ProviderPool, lang: Lang, scoring: bool) -> Vec<String> {
    let mut v = Vec::new();
    let (min, max) = (pool.reserve.min, pool.reserve.max);
    let exit = numeral(pool.exit_after_no_stars.value as usize);
    if scoring {
        v.push(t!(
            "同分：办法只规定“按照最终得分从高到低排列”，未规定同分如何取舍。本计算器不替市工信局决定：同分同名次（1、2、2、4）；同分跨越名额线时留出名额并列明，由市工信局研究确定后可填入 decisions 重新计算。这是对办法的解读。",
            "Ties: the measure says only to rank by final score and gives no tie-break. The calculator decides none: equal scores share a rank (1, 2, 2, 4); a tie across a cut-off leaves those places open and is listed for the bureau, whose choice can be entered as decisions. This is an interpretation."
        ));
        v.push(t!(
            "后备库：办法写“在暂未入选的服务商中选取较好的作为后备数字化服务商，选取 {min}-{max} 家”，未按细分行业分配；本计算器把各细分行业未入选者按最终得分统一排序后填入。这是对办法的解读。",
            "Reserve: the measure picks \"the better ones among those not selected, {min}–{max}\" without assigning them to sub-industries; the calculator ranks all those not selected together by final score. This is an interpretation."
        ));
        v.push(t!(
            "去掉最高分和最低分：各去掉一个（多位专家同为最高分时只去掉一个）。",
            "Dropping the highest and lowest: one of each (if several experts give the top score, only one is dropped)."
        ));
    } else {
        let (zh, en) = (&exit.zh_count, &exit.en_count);
        // ASCII only: `char::to_uppercase` would pull Unicode's case tables into the modules.
        let en_capital = en.get(..1).map(|c| c.to_ascii_uppercase() + &en[1..]).unwrap_or_default();
        v.push(t!(
            "“连续{zh}次无星级”按该服务商先后{zh}次参加的评级理解：某次未参评（null）不打断也不计入。这是对办法的解读。",
            "\"{en_capital} consecutive no-star ratings\" is read as {en} successive ratings the provider received: a round it was not rated in (null) neither breaks nor counts. This is an interpretation."
        ));
    }
    v.into_iter().map(|t| t.get(lang).to_string()).collect()
}

/// The sub-industries' quotas as the rule file gives them (一、总体目标's plan table), with their
/// total: `4 个细分行业共 32 家：针织或钩针编织物及其制造 10、…`.
fn quotas_text(prog: &Programme) -> Text {
    let quota = |s: &crate::rules::SubIndustry| s.provider_quota.unwrap_or(0);
    let total: u32 = prog.sub_industries.iter().map(quota).sum();
    let n = prog.sub_industries.len();
    let zh = prog.sub_industries.iter().map(|s| format!("{} {}", s.name.zh, quota(s))).collect::<Vec<_>>().join("、");
    let en = prog.sub_industries.iter().map(|s| format!("{} {}", s.name.en, quota(s))).collect::<Vec<_>>().join(", ");
    t!("{n} 个细分行业共 {total} 家：{zh}", "{total} in all across {n} sub-industries: {en}")
}

fn score_rules(prog: &Programme, pool: &ProviderPool, lang: Lang) -> Vec<RuleApplied> {
    let (min, max) = (pool.reserve.min, pool.reserve.max);
    vec![
        rule(
            prog,
            "trim",
            t!(
                "每家去掉 1 个最高分和 1 个最低分，取其余的平均分为最终得分；至少需要 3 个评分",
                "drop 1 highest and 1 lowest score, average the rest; at least 3 scores are needed"
            ),
            SCORING,
            lang,
        ),
        rule(prog, "veto", t!("列入失信名单的一票否决", "a dishonest-list entry is a veto"), VETO, lang),
        rule(prog, "ranking", t!("按最终得分从高到低排列", "rank by final score, highest first"), RANKING, lang),
        rule(prog, "quotas", quotas_text(prog), TOTAL, lang),
        rule_from(prog, "reserve", t!("后备资源库 {min}–{max} 家", "reserve of {min}–{max}"), &pool.reserve.source, lang),
        rule(prog, "final_list", t!("最终名单由市工信局研究确定", "the bureau fixes the final list"), FINAL_LIST, lang),
    ]
}

// ---------------------------------------------------------------------------------------------
// Star ratings and the pool.

/// A provider in the pool with its ratings (`providers_stars` input's `providers[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PoolProvider {
    pub id: String,
    pub name: Option<String>,
    /// One entry per rating round: 3, 2, 1 stars or 0 for 无星级; `None` when not rated.
    pub ratings: Vec<Option<u8>>,
    /// The first round the provider is in the pool (1-based; default: its first rating, or 1).
    pub joined_round: usize,
    /// Left for another reason of 五（一）–（三） in this round (1-based), with the reason.
    pub removed: Option<(usize, String)>,
}

/// `providers_stars` input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StarsInput {
    /// Labels of the rounds (e.g. `2024-10`), optional.
    pub rounds: Vec<String>,
    pub providers: Vec<PoolProvider>,
}

/// A provider's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolStatus {
    Active,
    /// Two consecutive no-star ratings (五（四）).
    Exited,
    /// Left for another reason (五（一）–（三）), as entered.
    Removed,
}

/// One round of ratings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoundResult {
    pub round: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub joined: Vec<String>,
    pub active_before: usize,
    pub rated: usize,
    pub no_star: usize,
    /// Left after a second consecutive no-star rating.
    pub exits: Vec<String>,
    pub removed: Vec<String>,
    pub active_after: usize,
    /// Fewer than 27 after this round's changes (五（五）).
    pub below_minimum: bool,
}

/// One provider's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PoolProviderResult {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: PoolStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_round: Option<usize>,
    /// Its latest rating (0 = 无星级).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<u8>,
    /// Active, and its latest rating was no star: one more means exit.
    pub at_risk: bool,
    pub explanation: String,
}

/// The `providers_stars` report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StarsReport {
    pub document: String,
    pub rounds: Vec<RoundResult>,
    pub providers: Vec<PoolProviderResult>,
    pub pool_size: usize,
    pub pool_minimum: usize,
    pub below_minimum: bool,
    /// What 五（五） allows when the pool is below 27.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replenish: Option<String>,
    pub warnings: Vec<String>,
    pub interpretations: Vec<String>,
    pub rules: Vec<RuleApplied>,
}

fn parse_stars_value(v: &Value) -> Result<Option<u8>, Text> {
    let s = match v {
        Value::Null => return Ok(None),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        other => {
            let got = type_name(other);
            return Err(t!("评级应为 3、2、1 或 0（无星级），收到 {got}", "a rating must be 3, 2, 1 or 0 (no star); got {got}"));
        }
    };
    let folded: String = s.chars().map(crate::amount::halfwidth).collect::<String>().to_lowercase();
    let t = folded.trim_end_matches("星级").trim_end_matches('星').trim_end_matches("stars").trim_end_matches("star").trim();
    match t {
        "" => Ok(None),
        "3" | "三" => Ok(Some(3)),
        "2" | "二" => Ok(Some(2)),
        "1" | "一" => Ok(Some(1)),
        "0" | "无" | "none" | "no" | "零" => Ok(Some(0)),
        _ => {
            let shown: String = s.chars().take(20).collect();
            Err(t!("评级应为 3、2、1 或 0（无星级），收到“{shown}”", "a rating must be 3, 2, 1 or 0 (no star); got \"{shown}\""))
        }
    }
}

/// `providers_stars` input: `{"rounds"?: [labels], "providers": [{"id", "name"?, "ratings": [3 | 2 | 1 |
/// 0 | "无星级" | null…], "joined_round"?, "removed"?: {"round", "reason"}}]}`.
pub fn parse_stars(text: &str) -> Result<StarsInput, InputErrors> {
    let v = parse_json(text)?;
    let mut w = Walk { errors: vec![] };
    let Some(m) = w.object(&v, "", &["rounds", "providers"]) else { return Err(InputErrors { errors: w.errors }) };
    let mut input = StarsInput { rounds: vec![], providers: vec![] };
    if let Some(list) = w.array(m, "rounds", "rounds") {
        input.rounds = list.iter().map(|r| r.as_str().map(str::to_string).unwrap_or_else(|| r.to_string())).collect();
    }
    match w.array(m, "providers", "providers") {
        None => {
            if !w.errors.iter().any(|e| e.field == "providers") {
                w.err("providers", t!("请列出资源库中的服务商及其历次评级", "list the pool's providers and their ratings"));
            }
        }
        Some(items) => {
            let mut seen: HashSet<String> = HashSet::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let path = format!("providers[{i}]");
                let Some(pm) = w.object(item, &path, &["id", "name", "ratings", "joined_round", "removed"]) else { continue };
                let id = w.string(pm, "id", &format!("{path}.id")).unwrap_or_default();
                if id.is_empty() {
                    w.err(&format!("{path}.id"), t!("请填写服务商编号", "give the provider an id"));
                } else if !seen.insert(id.clone()) {
                    w.err(&format!("{path}.id"), t!("服务商编号“{id}”重复", "provider id \"{id}\" is used twice"));
                }
                let name = w.string(pm, "name", &format!("{path}.name"));
                let mut ratings = Vec::new();
                if let Some(list) = w.array(pm, "ratings", &format!("{path}.ratings")) {
                    for (j, r) in list.iter().enumerate() {
                        match parse_stars_value(r) {
                            Ok(x) => ratings.push(x),
                            Err(msg) => {
                                w.err(&format!("{path}.ratings[{j}]"), msg);
                                ratings.push(None);
                            }
                        }
                    }
                }
                let first_rated = ratings.iter().position(Option::is_some).map(|p| p + 1).unwrap_or(1);
                let joined_round = match w.string(pm, "joined_round", &format!("{path}.joined_round")) {
                    None => first_rated,
                    Some(s) => match s.parse::<usize>() {
                        Ok(n) if n >= 1 => {
                            if n > first_rated && ratings.iter().any(Option::is_some) {
                                w.err(
                                    &format!("{path}.joined_round"),
                                    t!(
                                        "第 {first_rated} 轮已有评级，入库轮次却填为 {n}",
                                        "rated in round {first_rated} but joined_round is {n}"
                                    ),
                                );
                            }
                            n
                        }
                        _ => {
                            w.err(
                                &format!("{path}.joined_round"),
                                t!("入库轮次应为从 1 起的整数，收到“{s}”", "joined_round must be a whole number from 1; got \"{s}\""),
                            );
                            1
                        }
                    },
                };
                let mut removed = None;
                if let Some(rv) = pm.get("removed").filter(|v| !v.is_null()) {
                    if let Some(rm) = w.object(rv, &format!("{path}.removed"), &["round", "reason"]) {
                        let round = w
                            .string(rm, "round", &format!("{path}.removed.round"))
                            .and_then(|s| s.parse::<usize>().ok())
                            .filter(|n| *n >= 1);
                        let reason = w.string(rm, "reason", &format!("{path}.removed.reason")).unwrap_or_default();
                        match round {
                            Some(r) => removed = Some((r, reason)),
                            None => w.err(
                                &format!("{path}.removed.round"),
                                t!("请填写退出的轮次（从 1 起的整数）", "give the round it left in (a whole number from 1)"),
                            ),
                        }
                    }
                }
                input.providers.push(PoolProvider { id, name, ratings, joined_round, removed });
            }
        }
    }
    w.finish()?;
    Ok(input)
}

/// Applies the exit rule round by round and tracks the pool's size against 27.
///
/// ```
/// use shuzhuan_policy::{providers, Lang, RuleBundle};
/// let input = providers::parse_stars(r#"{"providers": [{"id": "P1", "ratings": [0, 0]}, {"id": "P2", "ratings": [0, 1, 0]}]}"#).unwrap();
/// let r = providers::stars(&input, RuleBundle::embedded(), Lang::En).unwrap();
/// assert_eq!(r.providers[0].status, providers::PoolStatus::Exited); // two in a row
/// assert_eq!(r.providers[1].status, providers::PoolStatus::Active);  // not consecutive
/// assert!(r.providers[1].at_risk);
/// assert!(r.below_minimum); // 1 < 27
/// ```
pub fn stars(input: &StarsInput, bundle: &RuleBundle, lang: Lang) -> Result<StarsReport, InputErrors> {
    let prog = programme(bundle)?;
    let pool = pool(prog)?;
    let exit_after = pool.exit_after_no_stars.value as usize;
    let pool_min = pool.minimum.value as usize;
    let n_rounds = input.providers.iter().map(|p| p.ratings.len()).max().unwrap_or(0).max(input.rounds.len());
    let mut warnings: Vec<Text> = Vec::new();
    let np = input.providers.len();
    let mut left: Vec<Option<(usize, PoolStatus)>> = vec![None; np];
    let mut run: Vec<usize> = vec![0; np];
    let mut rounds = Vec::new();
    for r in 1..=n_rounds {
        let active_at_start = |k: usize, left: &Vec<Option<(usize, PoolStatus)>>| input.providers[k].joined_round <= r && left[k].is_none();
        let joined: Vec<String> =
            (0..np).filter(|&k| input.providers[k].joined_round == r && r > 1).map(|k| input.providers[k].id.clone()).collect();
        let active_before = (0..np).filter(|&k| active_at_start(k, &left)).count();
        let (mut rated, mut no_star, mut exits, mut removed) = (0, 0, Vec::new(), Vec::new());
        for k in 0..np {
            let p = &input.providers[k];
            let rating = p.ratings.get(r - 1).copied().flatten();
            if !active_at_start(k, &left) {
                if rating.is_some() && left[k].is_some() {
                    let id = &p.id;
                    warnings.push(t!(
                        "“{id}”已退出资源库，第 {r} 轮的评级未计入",
                        "\"{id}\" had left the pool; its round {r} rating is ignored"
                    ));
                }
                continue;
            }
            if let Some(stars) = rating {
                rated += 1;
                if stars == 0 {
                    no_star += 1;
                    run[k] += 1;
                    if run[k] >= exit_after {
                        left[k] = Some((r, PoolStatus::Exited));
                        exits.push(p.id.clone());
                        continue;
                    }
                } else {
                    run[k] = 0;
                }
            }
            if let Some((rr, _)) = &p.removed {
                if *rr == r {
                    left[k] = Some((r, PoolStatus::Removed));
                    removed.push(p.id.clone());
                }
            }
        }
        let active_after = active_before - exits.len() - removed.len();
        rounds.push(RoundResult {
            round: r,
            label: input.rounds.get(r - 1).cloned(),
            joined,
            active_before,
            rated,
            no_star,
            exits,
            removed,
            active_after,
            below_minimum: active_after < pool_min,
        });
    }
    // Removals entered for a round after the last rating still count.
    for (l, p) in left.iter_mut().zip(&input.providers) {
        if let (None, Some((rr, _))) = (&l, &p.removed) {
            if *rr > n_rounds {
                *l = Some((*rr, PoolStatus::Removed));
            }
        }
    }
    let (nth, exit_clause) = (numeral(exit_after), &pool.exit_after_no_stars.source.clause);
    let providers: Vec<PoolProviderResult> = input
        .providers
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let (status, left_round) = match left[k] {
                Some((r, s)) => (s, Some(r)),
                None => (PoolStatus::Active, None),
            };
            let latest = p.ratings.iter().take(left_round.unwrap_or(usize::MAX)).rev().flatten().next().copied();
            let at_risk = status == PoolStatus::Active && run[k] + 1 >= exit_after && run[k] > 0;
            let explanation = match status {
                PoolStatus::Exited => {
                    let (round, zh, en) = (left_round.unwrap_or(0), &nth.zh_ordinal, &nth.en_ordinal);
                    t!(
                        "第 {round} 轮连续第{zh}次无星级，退出资源库（{exit_clause}）",
                        "a {en} consecutive no-star rating in round {round}: leaves the pool ({exit_clause})"
                    )
                }
                PoolStatus::Removed => {
                    let reason = p.removed.as_ref().map(|r| r.1.clone()).unwrap_or_default();
                    t!("第 {} 轮退出：{reason}", "left in round {}: {reason}", left_round.unwrap_or(0))
                }
                PoolStatus::Active if at_risk => t!(
                    "最近一次评级为无星级：下一次仍无星级将退出资源库（{exit_clause}）",
                    "latest rating no star: another no-star rating means leaving the pool ({exit_clause})"
                ),
                PoolStatus::Active => t!("在库", "in the pool"),
            }
            .get(lang)
            .to_string();
            PoolProviderResult { id: p.id.clone(), name: p.name.clone(), status, left_round, latest, at_risk, explanation }
        })
        .collect();
    let pool_size = providers.iter().filter(|p| p.status == PoolStatus::Active).count();
    let below_minimum = pool_size < pool_min;
    let replenish_clause = &pool.minimum.source.clause;
    let replenish = below_minimum.then(|| {
        t!(
            "资源库现有 {pool_size} 家，低于 {pool_min} 家：市工信局将视需要从后备资源库选取后备服务商或继续面向全国征集，以补充资源库（{replenish_clause}）",
            "the pool holds {pool_size}, fewer than {pool_min}: the bureau may top it up from the reserve or by a new nationwide call ({replenish_clause})"
        )
        .get(lang)
        .to_string()
    });
    Ok(StarsReport {
        document: prog.citation(),
        rounds,
        providers,
        pool_size,
        pool_minimum: pool_min,
        below_minimum,
        replenish,
        warnings: warnings.iter().map(|w| w.get(lang).to_string()).collect(),
        interpretations: interpretations(pool, lang, false),
        rules: vec![
            rule(prog, "stars", t!("评级分 3 星、2 星、1 星和无星级四等", "ratings: 3, 2, 1 stars or no star"), STARS, lang),
            rule_from(
                prog,
                "exit",
                t!("连续 {exit_after} 次无星级退出资源库", "{exit_after} consecutive no-star ratings: leave the pool"),
                &pool.exit_after_no_stars.source,
                lang,
            ),
            rule_from(
                prog,
                "replenish",
                t!("资源库低于 {pool_min} 家时可从后备库补充", "below {pool_min}, top up from the reserve"),
                &pool.minimum.source,
                lang,
            ),
        ],
    })
}

/// Reads a scoring sheet as offices keep it in Excel (CSV or tab-separated text, already decoded):
/// a header with `编号`/`id`, `名称`/`name`, `细分行业`/`sub_industry` and optionally
/// `失信名单`/`dishonest_list` columns; every other column is one expert's scores (its header is the
/// expert's name; an empty cell is no score).
///
/// ```
/// use shuzhuan_policy::{providers, RuleBundle};
/// let csv = "编号,名称,细分行业,失信名单,专家1,专家2,专家3\nA,甲公司,auto-parts,否,90,80,85\n";
/// let input = providers::score_input_from_csv(csv, RuleBundle::embedded()).unwrap();
/// assert_eq!(input.experts, ["专家1", "专家2", "专家3"]);
/// assert_eq!(input.applicants[0].scores.len(), 3);
/// ```
pub fn score_input_from_csv(text: &str, bundle: &RuleBundle) -> Result<ScoreInput, InputErrors> {
    let (header, rows) = sheet(text)?;
    let norm: Vec<String> = header.iter().map(|h| crate::batch::normalise_header(h)).collect();
    let find = |names: &[&str]| norm.iter().position(|h| names.contains(&h.as_str()));
    let id_col = find(&["编号", "序号", "申报编号", "id", "no"]);
    let name_col = find(&["名称", "申报单位", "申报单位名称", "企业名称", "服务商", "服务商名称", "name"]);
    let sub_col = find(&["细分行业", "申报细分行业", "行业", "subindustry"]);
    let veto_col = find(&["失信名单", "是否列入失信名单", "列入失信名单", "失信", "dishonestlist", "dishonest"]);
    let mut errors = Vec::new();
    if sub_col.is_none() {
        errors.push(FieldError::new("header", t!("表头缺少“细分行业”列", "the header has no sub_industry (细分行业) column")));
    }
    if id_col.is_none() && name_col.is_none() {
        errors.push(FieldError::new("header", t!("表头缺少“编号”或“名称”列", "the header has no id (编号) or name (名称) column")));
    }
    let fixed = [id_col, name_col, sub_col, veto_col];
    let expert_cols: Vec<usize> = (0..header.len()).filter(|i| !fixed.contains(&Some(*i))).collect();
    if !errors.is_empty() {
        return Err(InputErrors { errors });
    }
    let mut applicants = Vec::new();
    for (line, fields) in rows {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| fields.get(c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let id = cell(id_col).or_else(|| cell(name_col)).unwrap_or_else(|| format!("line {line}"));
        let veto = match cell(veto_col) {
            None => Value::Null,
            Some(v) => Value::String(v),
        };
        let scores: Vec<Value> = expert_cols
            .iter()
            .map(|&c| fields.get(c).map(|s| s.trim()).filter(|s| !s.is_empty()).map_or(Value::Null, |s| Value::String(s.to_string())))
            .collect();
        applicants.push(json_applicant(&id, cell(name_col), cell(sub_col), veto, scores));
    }
    let experts: Vec<Value> = expert_cols.iter().map(|&c| Value::String(header[c].trim().to_string())).collect();
    let mut doc = Map::new();
    doc.insert("experts".into(), Value::Array(experts));
    doc.insert("applicants".into(), Value::Array(applicants));
    parse_score(&Value::Object(doc).to_string(), bundle)
}

/// Reads a star-rating sheet (CSV or tab-separated, as pasted from Excel) into [`StarsInput`]:
/// columns 编号/id and 名称/name, optionally 入库轮次/joined_round, 退出轮次/removed_round and
/// 退出原因/removed_reason (a removal for another reason, 五（一）–（三）); every other column is a
/// round, its header the round's label, its cells 3, 2, 1, 0 / 无星级, or empty (not rated).
///
/// ```
/// use shuzhuan_policy::{providers, Lang, RuleBundle};
/// let sheet = "编号,名称,2024-10,2025-04\nP1,甲,0,无星级\nP2,乙,2,\n";
/// let input = providers::stars_input_from_csv(sheet).unwrap();
/// assert_eq!(input.rounds, ["2024-10", "2025-04"]);
/// let r = providers::stars(&input, RuleBundle::embedded(), Lang::Zh).unwrap();
/// assert_eq!(r.providers[0].status, providers::PoolStatus::Exited);
/// assert_eq!(r.providers[1].status, providers::PoolStatus::Active);
/// ```
pub fn stars_input_from_csv(text: &str) -> Result<StarsInput, InputErrors> {
    let (header, rows) = sheet(text)?;
    let norm: Vec<String> = header.iter().map(|h| crate::batch::normalise_header(h)).collect();
    let find = |names: &[&str]| norm.iter().position(|h| names.contains(&h.as_str()));
    let id_col = find(&["编号", "序号", "服务商编号", "id", "no"]);
    let name_col = find(&["名称", "服务商", "服务商名称", "企业名称", "name"]);
    let joined_col = find(&["入库轮次", "加入轮次", "joinedround", "joined"]);
    let removed_col = find(&["退出轮次", "移出轮次", "removedround", "removed"]);
    let reason_col = find(&["退出原因", "移出原因", "removedreason", "reason"]);
    if id_col.is_none() && name_col.is_none() {
        return Err(InputErrors::one("header", t!("表头缺少“编号”或“名称”列", "the header has no id (编号) or name (名称) column")));
    }
    let fixed = [id_col, name_col, joined_col, removed_col, reason_col];
    let round_cols: Vec<usize> = (0..header.len()).filter(|i| !fixed.contains(&Some(*i))).collect();
    let mut providers = Vec::new();
    for (line, fields) in rows {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| fields.get(c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let mut m = Map::new();
        m.insert("id".into(), Value::String(cell(id_col).or_else(|| cell(name_col)).unwrap_or_else(|| format!("line {line}"))));
        if let Some(n) = cell(name_col) {
            m.insert("name".into(), Value::String(n));
        }
        let ratings = round_cols.iter().map(|&c| cell(Some(c)).map_or(Value::Null, Value::String)).collect();
        m.insert("ratings".into(), Value::Array(ratings));
        if let Some(j) = cell(joined_col) {
            m.insert("joined_round".into(), Value::String(j));
        }
        if let Some(r) = cell(removed_col) {
            let mut rm = Map::new();
            rm.insert("round".into(), Value::String(r));
            rm.insert("reason".into(), Value::String(cell(reason_col).unwrap_or_default()));
            m.insert("removed".into(), Value::Object(rm));
        }
        providers.push(Value::Object(m));
    }
    let rounds: Vec<Value> = round_cols.iter().map(|&c| Value::String(header[c].trim().to_string())).collect();
    let mut doc = Map::new();
    doc.insert("rounds".into(), Value::Array(rounds));
    doc.insert("providers".into(), Value::Array(providers));
    parse_stars(&Value::Object(doc).to_string())
}

/// A sheet's header row and its data rows (line, values), or the error for an empty sheet.
type SheetRows = (Vec<String>, std::vec::IntoIter<(u64, Vec<String>)>);
fn sheet(text: &str) -> Result<SheetRows, InputErrors> {
    let mut rows = crate::batch::records(text).into_iter();
    match rows.next() {
        Some((_, header)) => Ok((header, rows)),
        None => Err(InputErrors::one("input", t!("文件为空：第一行应为表头", "the file is empty: the first line must be the header"))),
    }
}

fn json_applicant(id: &str, name: Option<String>, sub: Option<String>, veto: Value, scores: Vec<Value>) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    if let Some(n) = name {
        m.insert("name".into(), Value::String(n));
    }
    m.insert("sub_industry".into(), sub.map_or(Value::Null, Value::String));
    m.insert("dishonest_list".into(), veto);
    m.insert("scores".into(), Value::Array(scores));
    Value::Object(m)
}

#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::*;

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Every quote here is verbatim (ignoring whitespace) in the measure, and each number is in its quote.
    #[test]
    fn quotes_are_verbatim_and_hold_their_numbers() {
        let doc = squash(include_str!("../sources/002_645b33252d65f1b7.txt"));
        for c in [SCORING, VETO, RANKING, FINAL_LIST, TOTAL, SCOPE, SPECIALIST, PLATFORM, OUTSIDE_POOL, STARS] {
            assert!(doc.contains(&squash(c.quote)), "not verbatim: {}", c.quote);
        }
        let plan = squash(include_str!("../sources/000_25b80de7de14508b.txt"));
        for c in [CALL_STANDING, CALL_STANDARDS, CALL_TEAM, CALL_LOCAL] {
            assert!(plan.contains(&squash(c.quote)), "not verbatim in 17号: {}", c.quote);
        }
        assert!(SCORING.quote.contains("去掉每家申报单位的最高分和最低分"));
        let prog = RuleBundle::embedded().get(PROGRAMME).unwrap();
        // The pool's numbers live in the rule file, each in its own quote (tests/rules.rs holds
        // the quotes to the document).
        let pool = prog.provider_pool.as_ref().unwrap();
        let (r, min, exit) = (&pool.reserve, &pool.minimum, &pool.exit_after_no_stars);
        assert_eq!((r.min, r.max, min.value, exit.value), (20, 25, 27, 2));
        assert!(r.source.quote.contains(&format!("{}-{} 家", r.min, r.max)), "{}", r.source.quote);
        assert!(min.source.quote.contains(&format!("低于{}家", min.value)), "{}", min.source.quote);
        assert!(exit.source.quote.contains(&format!("连续{}次无星级", numeral(exit.value as usize).zh_count)), "{}", exit.source.quote);
        assert_eq!(
            (r.source.clause.as_str(), min.source.clause.as_str(), exit.source.clause.as_str()),
            ("一、总体目标", "五、（五）", "五、（四）")
        );
        let quotas: Vec<(String, u32)> = prog.sub_industries.iter().map(|s| (s.id.clone(), s.provider_quota.unwrap())).collect();
        assert_eq!(
            quotas,
            [("knitting".into(), 10), ("cotton-synthetic-textiles".into(), 6), ("electronic-devices".into(), 10), ("auto-parts".into(), 6)]
        );
        // The document number is the rule file's, not the code's.
        let mut renumbered = prog.clone();
        renumbered.document_number = Some("榕工信行规〔2026〕1号".into());
        assert_eq!(cite(&renumbered, VETO), "榕工信行规〔2026〕1号 三、遴选方式");
        assert_eq!(cite(prog, VETO), "榕工信行规〔2024〕18号 三、遴选方式");
        // The quotas live in the rule file only; their sum is the total 一 states.
        let total = quotas.iter().map(|q| q.1).sum::<u32>();
        assert!(TOTAL.quote.contains(&format!("共{total}家")), "{total}");
        assert_eq!(
            quotas_text(prog).zh,
            "4 个细分行业共 32 家：针织或钩针编织物及其制造 10、棉纺织或化纤纺织及印染精加工 6、电子器件制造及配套 10、汽车零部件及配件制造 6"
        );
        for s in &prog.sub_industries {
            assert!(s.source.quote.ends_with(&format!("{} 家", s.provider_quota.unwrap())), "{}", s.source.quote);
        }
    }
}
