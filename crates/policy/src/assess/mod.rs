//! Digital-level self-assessment (数字化水平自评) against 《中小企业数字化水平评测指标（2024年版）》
//! (工信厅企业〔2024〕56号): score the 15 questions (per question, item, dimension and total),
//! rate the 16 application scenarios, estimate the overall level, compare with the 2022
//! edition's score bands, show the gap to the next level and what that level changes in each
//! programme's subsidies.
//!
//! Every result is an **estimate**: pilot firms are rated on site by a third party, and the rule
//! combining score and scenarios into a level is unverified (it comes from a third-party
//! implementation). [`Assessment::caveats`] says so in Chinese and English.
//!
//! ```
//! use shuzhuan_policy::{assess, Date, RuleBundle};
//! // Every question at its best option, every scenario at 四级: 100 points, level 4.
//! let mut a = assess::Answers::default();
//! for q in assess::questionnaire().questions() {
//!     let best: Vec<&str> = match q.kind {
//!         assess::QuestionKind::Single => vec![q.options.last().unwrap().label.as_str()],
//!         assess::QuestionKind::Multi => q.options.iter().filter(|o| !o.exclusive).map(|o| o.label.as_str()).collect(),
//!     };
//!     a.choose(&q.id, &best).unwrap();
//! }
//! for s in &assess::questionnaire().scenarios {
//!     a.rate(&s.id, 4).unwrap();
//! }
//! let input = assess::AssessInput { answers: a, ..Default::default() };
//! let r = assess::assess(&input, RuleBundle::embedded(), Date::new(2025, 6, 30).unwrap());
//! assert_eq!(r.scores.score, 100.into());
//! assert_eq!(r.scores.level, Some(4));
//! assert!(r.estimate && r.next.is_none());
//! ```

mod answers;
mod gap;
mod questionnaire;
mod score;
mod subsidy;

pub use answers::{parse_assess_input, template, Answers, AssessInput};
pub use gap::{gap, method, AnswerChange, DimensionGap, Gap, OptionRef, ScenarioRaise};
pub use questionnaire::{
    load_problems, parse as parse_questionnaire, questionnaire, Choice, Dimension, Item, LevelRule, LevelThreshold, Question, QuestionKind,
    Questionnaire, Scenario, StatedTotals, JSON as QUESTIONNAIRE_JSON,
};
pub use score::{
    band_2022, level_name, score, Band2022, DimensionScore, ItemScore, LevelConditions, Limit, Need, QuestionScore, ScenarioRating, Scores,
    BANDS_2022,
};
pub use subsidy::{level_effects, LevelCap, LevelEffect, ProgrammeEffect};

use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::InputErrors;
use crate::text::Text;
use serde::Serialize;

/// The questionnaire a report was computed with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionnaireRef {
    pub title: String,
    pub document: String,
}

/// The combination rule as applied, and its standing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// `unverified`.
    pub status: String,
    /// The thresholds in words.
    pub text: Text,
    pub sources: Vec<String>,
}

/// How much is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub questions: usize,
    pub of_questions: usize,
    pub scenarios: usize,
    pub of_scenarios: usize,
}

/// The `assess` report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub questionnaire: QuestionnaireRef,
    /// Always true: a self-assessment is an estimate (see `caveats`).
    pub estimate: bool,
    /// The date whose rules the subsidy comparison used.
    pub as_of: Date,
    /// True when every question and scenario is answered.
    pub complete: bool,
    pub progress: Progress,
    /// Score, dimensions, scenarios, level conditions and the estimated level.
    #[serde(flatten)]
    pub scores: Scores,
    pub level_name: Text,
    /// One sentence: the estimated level, the score, and what limits it.
    pub summary: Text,
    /// The 2022 edition's band of the same score, for comparison.
    pub edition_2022: Band2022,
    /// The gap to the next level (`None` at 四级).
    pub next: Option<Gap>,
    /// What the next level changes in each enterprise programme (at 四级: the current caps).
    pub subsidies: Vec<ProgrammeEffect>,
    pub rule: RuleInfo,
    /// Always shown with the result, zh and en.
    pub caveats: Vec<Text>,
}

fn rule_info(q: &Questionnaire) -> RuleInfo {
    let zh: Vec<String> = q
        .rule
        .levels
        .iter()
        .map(|t| {
            format!(
                "{}：总分 ≥ {}，且 ≥ {} 个场景达到该级（其中约束性 ≥ {} 个）",
                level_name(Some(t.level)).zh,
                t.min_score,
                t.min_scenes,
                t.min_binding
            )
        })
        .collect();
    let en: Vec<String> = q
        .rule
        .levels
        .iter()
        .map(|t| {
            format!(
                "level {}: score ≥ {} and ≥ {} scenarios at that level or above (≥ {} binding)",
                t.level, t.min_score, t.min_scenes, t.min_binding
            )
        })
        .collect();
    RuleInfo {
        status: q.rule.status.clone(),
        text: Text::new(
            format!("{}。（来源：data/digital-level-2024.json overall_level_rule，未经官方文件核实）", zh.join("；")),
            format!(
                "{}. (Source: data/digital-level-2024.json overall_level_rule; not verified against the official document.)",
                en.join("; ")
            ),
        ),
        sources: q.rule.sources.clone(),
    }
}

/// The caveats every result carries.
pub fn caveats(q: &Questionnaire) -> Vec<Text> {
    vec![
        Text::new(
            "这只是自评估算，不是评定结果。试点城市的试点企业由第三方机构按2024年版评测指标现场评定数字化水平，改造验收以现场评定为准，而不是线上或自报的得分。",
            "This is a self-assessment estimate, not a rating. Pilot-city firms are rated on site by a third-party evaluator against the 2024 indicators, and acceptance uses that on-site rating, not an online or self-reported score.",
        ),
        Text::new(
            format!("把分数和场景合成总体等级的规则未经核实：{}的官方文件未能查阅，所用门槛仅见于第三方实现。", q.document),
            format!("The rule combining score and scenarios into a level is unverified: the official document of {} could not be read, and the thresholds used come only from a third-party implementation.", q.document),
        ),
        Text::new(
            "题目、选项和分值取自工信部评测平台问卷数据的公开副本，未与官方PDF核对；多选题中的“无”按排他处理、计0分（平台数据未写明）。",
            "The questions, options and scores are from a public copy of the MIIT platform's questionnaire data, not checked against the official PDF; \"无\" (none) in a multi-choice question is treated as exclusive and worth 0 (the platform data does not say).",
        ),
    ]
}

/// Scores `input`'s answers with the embedded questionnaire, estimates the level, the gap to
/// the next one, and what it changes in each programme of `bundle` on `input.as_of` (default
/// `today`).
pub fn assess(input: &AssessInput, bundle: &RuleBundle, today: Date) -> Assessment {
    let q = questionnaire();
    let a = &input.answers;
    let s = score(q, a);
    let as_of = input.as_of.unwrap_or(today);
    let top = q.rule.levels.iter().map(|t| t.level).max().unwrap_or(4);
    let next_level = match s.level {
        Some(l) if l >= top => None,
        Some(l) => Some(l + 1),
        None => q.rule.levels.first().map(|t| t.level),
    };
    let next = next_level.and_then(|t| gap(q, a, &s, t));
    let compare_to = next_level.or(s.level).unwrap_or(top);
    let subsidies = level_effects(bundle, as_of, s.level, compare_to, input.eligible_input_yuan, input.implementation_year);
    let name = level_name(s.level);
    let mut summary = Text::new(
        format!("估计等级：{}（总分 {} / {}）", name.zh, s.score, s.points),
        format!("Estimated level: {} (score {} of {})", name.en, s.score, s.points),
    );
    if s.level_by_score > s.level {
        let by = level_name(s.level_by_score);
        summary = summary.join(&Text::new(
            format!("按分数可达{}，受应用场景限制", by.zh),
            format!("the score alone would allow {}, the scenarios hold it back", by.en),
        ));
    } else if s.level_by_scenarios > s.level {
        let by = level_name(s.level_by_scenarios);
        summary = summary.join(&Text::new(
            format!("按应用场景可达{}，受总分限制", by.zh),
            format!("the scenarios alone would allow {}, the score holds it back", by.en),
        ));
    }
    let (nq, ns) = a.progress();
    let progress = Progress { questions: nq, of_questions: q.questions().count(), scenarios: ns, of_scenarios: q.scenarios.len() };
    let complete = nq == progress.of_questions && ns == progress.of_scenarios;
    if !complete {
        let (uq, us) = (progress.of_questions - nq, progress.of_scenarios - ns);
        summary = summary.join(&Text::new(
            format!("尚有 {uq} 道题、{us} 个场景未作答，按 0 分和未达一级计算"),
            format!("{uq} questions and {us} scenarios are unanswered and count as 0 and below level 1"),
        ));
    }
    Assessment {
        questionnaire: QuestionnaireRef { title: q.title.clone(), document: q.document.clone() },
        estimate: true,
        as_of,
        complete,
        progress,
        level_name: name,
        summary,
        edition_2022: band_2022(s.score),
        scores: s,
        next,
        subsidies,
        rule: rule_info(q),
        caveats: caveats(q),
    }
}

/// Parses `assess` JSON and assesses it.
///
/// ```
/// use shuzhuan_policy::{assess::assess_json, Date, RuleBundle};
/// let r = assess_json(r#"{"answers": {"Q5": "E", "Q1": ["B", "C"]}}"#, RuleBundle::embedded(), Date::new(2025, 6, 30).unwrap()).unwrap();
/// assert_eq!(r.scores.score, 14.into()); // Q5 E 10 + Q1 B 2 + C 2
/// assert_eq!(r.scores.level, None);      // no scenario rated
/// assert!(assess_json(r#"{"answers": {"Q1": ["A", "B"]}}"#, RuleBundle::embedded(), Date::Y2K).unwrap_err().mentions("answers.Q1"));
/// ```
pub fn assess_json(text: &str, bundle: &RuleBundle, today: Date) -> Result<Assessment, InputErrors> {
    let input = parse_assess_input(text)?;
    Ok(assess(&input, bundle, today))
}

/// The scores of some answers with the embedded questionnaire (no gap, no subsidies): the cheap
/// call for a form that updates as the user answers.
pub fn score_answers(answers: &Answers) -> Scores {
    score(questionnaire(), answers)
}

/// The gap from some answers to `target` (1–4) with the embedded questionnaire.
pub fn gap_to(answers: &Answers, target: u8) -> Option<Gap> {
    let q = questionnaire();
    gap(q, answers, &score(q, answers), target)
}
