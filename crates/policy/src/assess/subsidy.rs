//! What a different digital level changes in each programme's subsidies: the level-graded caps
//! of the rules (the data [`crate::estimate`] computes with) and, when the user gives the
//! eligible input, the amounts the estimator computes at each level.

use super::score::level_name;
use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::eval::status_text;
use crate::input::{EstimateInput, Project};
use crate::money;
use crate::rules::{Audience, Formula, Measure, Programme, Status};
use crate::text::{Lang, Text};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// A level's cap, and the amount when the eligible input is known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LevelCap {
    pub level: u8,
    pub cap_yuan: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_yuan: Option<Decimal>,
}

/// How one level-graded measure changes between two levels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LevelEffect {
    pub measure: String,
    pub title: Text,
    /// The level now (`None`: below 一级).
    pub from_level: Option<u8>,
    pub to_level: u8,
    /// The cap at each level (`None`: that level is not subsidised, or the document sets no amount).
    pub from_cap_yuan: Option<Decimal>,
    pub to_cap_yuan: Option<Decimal>,
    /// With `eligible_input_yuan`: the estimator's amounts at both levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_amount_yuan: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_amount_yuan: Option<Decimal>,
    /// Every subsidised level's cap (and amount).
    pub by_level: Vec<LevelCap>,
    /// The document publishes no amounts (Fuzhou, Jinan): graded by level, figures from the user.
    pub amounts_not_published: bool,
    /// "三级 raises the Xiamen cap from 25万 to 35万", in both languages.
    pub text: Text,
    /// Document and clause.
    pub source: String,
    pub clause: String,
    pub quote: String,
}

/// One programme: does the level matter, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProgrammeEffect {
    pub programme: String,
    pub city: Text,
    pub title: Text,
    pub document: String,
    pub draft: bool,
    pub status: Status,
    pub status_text: Text,
    /// True when some measure is graded by the digital level.
    pub depends_on_level: bool,
    pub measures: Vec<LevelEffect>,
    pub summary: Text,
}

fn m(d: Decimal) -> Text {
    Text::new(money::zh(d), money::en(d))
}

/// The estimator's amounts by level for this measure, given the eligible input.
fn amounts(
    p: &Programme,
    measure: &Measure,
    bundle: &RuleBundle,
    as_of: Date,
    to: u8,
    input: Decimal,
    year: Option<u8>,
) -> BTreeMap<u8, Decimal> {
    // The measure's own input question (the eligible input the self-assessment asks for).
    let id = match &measure.formula {
        Formula::RatioCappedByLevel { input, .. } | Formula::UserParameters { input, .. } | Formula::RatioCapped { input, .. } => {
            input.clone()
        }
        _ => return BTreeMap::new(),
    };
    let answers = BTreeMap::from([(id, serde_json::Value::String(input.to_string()))]);
    let project = Project { digital_level_after: Some(to), implementation_year: year, answers, ..Project::default() };
    let e = EstimateInput { programme: p.id.clone(), as_of: Some(as_of), project, ..EstimateInput::default() };
    match crate::estimate::estimate(&e, bundle, as_of, Lang::Zh) {
        Ok(r) => r
            .measures
            .iter()
            .find(|x| x.id == measure.id)
            .map(|x| x.by_level.iter().map(|b| (b.level, b.amount_yuan)).collect())
            .unwrap_or_default(),
        Err(_) => BTreeMap::new(),
    }
}

/// How moving from level `from` to level `to` changes each enterprise programme's subsidies,
/// on the rules in force on `as_of`. With `eligible_input`, amounts too (from the estimator).
///
/// ```
/// use shuzhuan_policy::{assess::level_effects, Date, RuleBundle};
/// let fx = level_effects(RuleBundle::embedded(), Date::new(2025, 6, 30).unwrap(), Some(2), 3, None, None);
/// let xiamen = fx.iter().find(|p| p.programme == "xiamen-2024").unwrap();
/// assert!(xiamen.measures[0].text.zh.contains("25万元") && xiamen.measures[0].text.zh.contains("35万元"));
/// assert!(!fx.iter().find(|p| p.programme == "jinan-2024").unwrap().measures.is_empty());
/// ```
pub fn level_effects(
    bundle: &RuleBundle,
    as_of: Date,
    from: Option<u8>,
    to: u8,
    eligible_input: Option<Decimal>,
    implementation_year: Option<u8>,
) -> Vec<ProgrammeEffect> {
    let (fname, tname) = (level_name(from), level_name(Some(to)));
    let mut out = Vec::new();
    for p in bundle.programmes.iter().filter(|p| p.audience == Audience::Enterprise) {
        let version = p.version_on(as_of);
        let city = Text::new(p.city.zh.clone(), p.city.en.clone());
        let mut measures = Vec::new();
        for measure in &version.measures {
            let title = &measure.title;
            let (caps, not_published, year_note) = match &measure.formula {
                Formula::RatioCappedByLevel { caps_by_level, ratio_by_year, ratio, .. } => {
                    let caps: BTreeMap<u8, Decimal> =
                        caps_by_level.iter().filter_map(|(k, c)| k.parse::<u8>().ok().map(|l| (l, *c))).collect();
                    (caps, false, ratio.is_none() && !ratio_by_year.is_empty() && implementation_year.is_none())
                }
                Formula::UserParameters { .. } => (BTreeMap::new(), true, false),
                _ => continue,
            };
            let cap_at = |l: Option<u8>| l.and_then(|l| caps.get(&l).copied());
            let (from_cap, to_cap) = (cap_at(from), cap_at(Some(to)));
            let got = match (eligible_input, not_published) {
                (Some(x), false) => amounts(p, measure, bundle, as_of, to, x, implementation_year),
                _ => BTreeMap::new(),
            };
            let amount_at = |l: Option<u8>| {
                if got.is_empty() {
                    None
                } else {
                    Some(l.and_then(|l| got.get(&l).copied()).unwrap_or(Decimal::ZERO))
                }
            };
            let (from_amount, to_amount) = (amount_at(from), amount_at(Some(to)));
            let lowest = caps.iter().next().map(|(l, c)| (*l, *c));
            let (cz, ce) = (&city.zh, &city.en);
            // The measure's English title in mid-sentence: "Xiamen's subsidy for …".
            let lower: String = title.en.chars().take(1).flat_map(char::to_lowercase).chain(title.en.chars().skip(1)).collect();
            let (tz, te) = (&title.zh, &lower);
            let mut text = if not_published {
                let from_doc = match &measure.formula {
                    Formula::UserParameters { parameters_from, .. } => parameters_from.clone(),
                    _ => Text::default(),
                };
                Text::new(
                    format!("{cz}{tz}按数字化水平分档，但本文件未公布各等级金额（见{}），无法比较{}与{}", from_doc.zh, fname.zh, tname.zh),
                    format!(
                        "{ce}'s {te} is graded by digital level, but this document publishes no amounts ({}), so {} and {} cannot be compared",
                        from_doc.en, fname.en, tname.en
                    ),
                )
            } else {
                match (from_cap, to_cap) {
                    (Some(_), Some(b)) if from == Some(to) => Text::new(
                        format!("已是最高等级{}：{cz}{tz}上限 {}", tname.zh, m(b).zh),
                        format!("{} is the top level: {ce}'s {te} is capped at {}", tname.en, m(b).en),
                    ),
                    (Some(a), Some(b)) if a == b => Text::new(
                        format!("{}与{}的{cz}{tz}上限相同（{}）", fname.zh, tname.zh, m(b).zh),
                        format!("{} and {} have the same cap for {ce}'s {te} ({})", fname.en, tname.en, m(b).en),
                    ),
                    (Some(a), Some(b)) => Text::new(
                        format!("达到{}后，{cz}{tz}上限由 {} 提高到 {}", tname.zh, m(a).zh, m(b).zh),
                        format!("{} raises the cap of {ce}'s {te} from {} to {}", tname.en, m(a).en, m(b).en),
                    ),
                    (None, Some(b)) => Text::new(
                        format!("达到{}后可申请{cz}{tz}，最高 {}（{}不予补贴）", tname.zh, m(b).zh, fname.zh),
                        format!("{} makes {ce}'s {te} available, up to {} ({} gets none)", tname.en, m(b).en, fname.en),
                    ),
                    (_, None) => match lowest {
                        Some((l, c)) => Text::new(
                            format!("{}仍不在{cz}{tz}的补贴范围内；最低补贴等级为{}（最高 {}）", tname.zh, level_name(Some(l)).zh, m(c).zh),
                            format!(
                                "{} still gets none of {ce}'s {te}; the lowest subsidised level is {} (up to {})",
                                tname.en,
                                level_name(Some(l)).en,
                                m(c).en
                            ),
                        ),
                        None => Text::new(format!("{cz}{tz}未设等级上限"), format!("{ce}'s {te} sets no caps by level")),
                    },
                }
            };
            if let (Some(a), Some(b), Some(x)) = (from_amount, to_amount, eligible_input) {
                text = text.join(&Text::new(
                    format!("按实际投入 {}：{} → {}", m(x).zh, m(a).zh, m(b).zh),
                    format!("with an eligible input of {}: {} → {}", m(x).en, m(a).en, m(b).en),
                ));
            }
            // Sentences open with a level name ("level 3 raises …"): capitalise in English.
            text.en = crate::text::upper_first(&text.en);
            if year_note && from_amount.is_some() {
                text = text.join(&Text::new("未填写实施年度，按第一年比例计算", "implementation year not given; year 1's ratio used"));
            }
            let by_level = caps.iter().map(|(l, c)| LevelCap { level: *l, cap_yuan: *c, amount_yuan: got.get(l).copied() }).collect();
            measures.push(LevelEffect {
                measure: measure.id.clone(),
                title: title.clone(),
                from_level: from,
                to_level: to,
                from_cap_yuan: from_cap,
                to_cap_yuan: to_cap,
                from_amount_yuan: from_amount,
                to_amount_yuan: to_amount,
                by_level,
                amounts_not_published: not_published,
                text,
                source: p.cite(&measure.source),
                clause: measure.source.clause.clone(),
                quote: measure.source.quote.clone(),
            });
        }
        let depends = !measures.is_empty();
        let summary = if depends {
            measures.iter().skip(1).fold(measures[0].text.clone(), |a, b| a.join(&b.text))
        } else {
            Text::new(
                format!("《{}》的补贴均不取决于数字化水平", p.title.zh),
                format!("No subsidy of the {} depends on the digital level", p.title.en),
            )
        };
        out.push(ProgrammeEffect {
            programme: p.id.clone(),
            city,
            title: p.title.clone(),
            document: p.citation(),
            draft: p.draft,
            status: p.status_on(as_of),
            status_text: status_text(p, as_of),
            depends_on_level: depends,
            measures,
            summary,
        });
    }
    out
}

#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::*;

    fn day() -> Date {
        Date::new(2025, 6, 30).unwrap()
    }

    fn one<'a>(fx: &'a [ProgrammeEffect], id: &str) -> &'a ProgrammeEffect {
        fx.iter().find(|p| p.programme == id).unwrap()
    }

    /// Xiamen 四、（五）8: 二级/三级/四级 caps 25万/35万/40万; Jinhua 四、（四）17: 50万/80万/100万.
    /// Programmes come in the pack's order, which is the rule files' name order.
    #[test]
    fn caps_by_level_from_the_rules() {
        let fx = level_effects(RuleBundle::embedded(), day(), Some(2), 3, None, None);
        assert_eq!(
            fx.iter().map(|p| p.programme.as_str()).collect::<Vec<_>>(),
            ["fuzhou-2024", "jinan-2024", "jinhua-2024", "xiamen-2024"]
        );
        let xm = &one(&fx, "xiamen-2024").measures[0];
        assert_eq!((xm.from_cap_yuan, xm.to_cap_yuan), (Some(Decimal::from(250_000)), Some(Decimal::from(350_000))));
        assert_eq!(xm.text.zh, "达到三级后，厦门市试点企业数字化改造补助上限由 25万元 提高到 35万元");
        assert_eq!(
            xm.text.en,
            "Level 3 raises the cap of Xiamen's subsidy for the pilot firm's digital transformation from CNY 250,000 to CNY 350,000"
        );
        assert_eq!(xm.clause, "四、（五）8");
        assert_eq!(xm.by_level.iter().map(|b| b.cap_yuan).collect::<Vec<_>>(), [250_000, 350_000, 400_000].map(Decimal::from));
        let jh = &one(&fx, "jinhua-2024").measures[0];
        assert_eq!((jh.from_cap_yuan, jh.to_cap_yuan), (Some(Decimal::from(500_000)), Some(Decimal::from(800_000))));
        let jn = one(&fx, "jinan-2024");
        assert!(jn.depends_on_level && jn.measures[0].amounts_not_published && jn.measures[0].to_cap_yuan.is_none());
        assert!(jn.measures[0].text.zh.contains("未公布"));
    }

    #[test]
    fn below_two_and_at_the_top() {
        let fx = level_effects(RuleBundle::embedded(), day(), None, 1, None, None);
        let xm = &one(&fx, "xiamen-2024").measures[0];
        assert_eq!(xm.text.zh, "一级仍不在厦门市试点企业数字化改造补助的补贴范围内；最低补贴等级为二级（最高 25万元）");
        let fx = level_effects(RuleBundle::embedded(), day(), Some(1), 2, None, None);
        assert!(one(&fx, "xiamen-2024").measures[0].text.zh.starts_with("达到二级后可申请厦门市试点企业数字化改造补助，最高 25万元"));
        let fx = level_effects(RuleBundle::embedded(), day(), Some(4), 4, None, None);
        assert_eq!(one(&fx, "jinhua-2024").measures[0].text.zh, "已是最高等级四级：金华市试点项目数字化改造补助上限 100万元");
    }

    /// With the eligible input the estimator's amounts come too: Xiamen 40 % × 100万 = 40万,
    /// capped at 25万 (二级) and 35万 (三级).
    #[test]
    fn amounts_from_the_estimator() {
        let fx = level_effects(RuleBundle::embedded(), day(), Some(2), 3, Some(Decimal::from(1_000_000)), Some(2));
        let xm = &one(&fx, "xiamen-2024").measures[0];
        assert_eq!((xm.from_amount_yuan, xm.to_amount_yuan), (Some(Decimal::from(250_000)), Some(Decimal::from(350_000))));
        // Jinhua, second year: 40 % × 100万 = 40万, under both caps.
        let jh = &one(&fx, "jinhua-2024").measures[0];
        assert_eq!((jh.from_amount_yuan, jh.to_amount_yuan), (Some(Decimal::from(400_000)), Some(Decimal::from(400_000))));
        assert!(!jh.text.zh.contains("第一年"));
    }

    #[test]
    fn a_programme_without_level_graded_measures_says_so() {
        let mut bundle = RuleBundle::embedded().clone();
        for p in &mut bundle.programmes {
            for v in &mut p.versions {
                v.measures.retain(|m| !matches!(m.formula, Formula::RatioCappedByLevel { .. } | Formula::UserParameters { .. }));
            }
        }
        let fx = level_effects(&bundle, day(), Some(2), 3, None, None);
        let xm = one(&fx, "xiamen-2024");
        assert!(!xm.depends_on_level && xm.measures.is_empty());
        assert_eq!(xm.summary.zh, "《厦门市中小企业数字化转型试点城市工作方案》的补贴均不取决于数字化水平");
    }
}
