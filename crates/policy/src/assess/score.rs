//! Scoring: per question, item, dimension and total; scenario counts per level; the overall
//! level by the (unverified) combination rule; the 2022 edition's score band for comparison.

use super::answers::Answers;
use super::questionnaire::{LevelRule, QuestionKind, Questionnaire};
use crate::text::Text;
use rust_decimal::Decimal;
use serde::Serialize;

/// One question's score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionScore {
    pub id: String,
    pub subitem: String,
    pub kind: QuestionKind,
    /// Labels chosen (empty when unanswered).
    pub chosen: Vec<String>,
    pub answered: bool,
    pub score: Decimal,
    /// The question's maximum.
    pub points: Decimal,
}

/// One item's score (二级指标).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemScore {
    pub name: Text,
    pub score: Decimal,
    pub points: Decimal,
    pub questions: Vec<QuestionScore>,
}

/// One dimension's score (一级指标).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DimensionScore {
    pub name: Text,
    pub score: Decimal,
    pub points: Decimal,
    pub items: Vec<ItemScore>,
}

/// One scenario as rated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioRating {
    pub id: String,
    pub group: Text,
    pub name: Text,
    pub binding: bool,
    /// 0–4 (0: below 一级); `None` when unrated (counted as 0).
    pub rating: Option<u8>,
    /// The descriptor of the level rated, verbatim (none for 0 or unrated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<String>,
}

/// A condition of a level: what it needs and what the answers have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Need<T> {
    pub need: T,
    pub have: T,
    pub met: bool,
}

impl<T: PartialOrd> Need<T> {
    fn of(need: T, have: T) -> Need<T> {
        let met = have >= need;
        Need { need, have, met }
    }
}

/// The three conditions of one level (一级–四级) and whether they all hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LevelConditions {
    pub level: u8,
    pub met: bool,
    /// Total score ≥ the level's minimum.
    pub score: Need<Decimal>,
    /// Scenarios rated at this level or higher.
    pub scenes: Need<u32>,
    /// Binding scenarios rated at this level or higher.
    pub binding_scenes: Need<u32>,
}

/// What keeps the answers from a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// The total score is below the level's minimum.
    Score,
    /// Too few scenarios at the level.
    Scenes,
    /// Too few binding scenarios at the level.
    BindingScenes,
}

impl LevelConditions {
    /// The conditions that fail.
    pub fn limits(&self) -> Vec<Limit> {
        let mut v = Vec::new();
        if !self.score.met {
            v.push(Limit::Score);
        }
        if !self.scenes.met {
            v.push(Limit::Scenes);
        }
        if !self.binding_scenes.met {
            v.push(Limit::BindingScenes);
        }
        v
    }
}

/// The score band of the 2022 edition (《中小企业数字化水平评测指标（2022年版）》,
/// 工信厅企业〔2022〕32号), which graded by total score alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Band2022 {
    /// 1–4, `None` below 20.
    pub level: Option<u8>,
    /// The band, e.g. `40 ≤ 总分 < 60`.
    pub band: Text,
    pub source: String,
    pub note: Text,
}

/// The 2022 edition's bands (source: 工信厅企业〔2022〕32号, as recorded in the project's policy
/// notes §4: 一级 20–40, 二级 40–60, 三级 60–80, 四级 ≥ 80). Where two bands share an edge the
/// edge belongs to the higher band (40 is 二级), the reading that matches "四级 ≥ 80" and the
/// 2024 rule's inclusive thresholds.
pub const BANDS_2022: [(u8, u32, Option<u32>); 4] = [(1, 20, Some(40)), (2, 40, Some(60)), (3, 60, Some(80)), (4, 80, None)];

/// The 2022 edition's level for a total score.
///
/// ```
/// use shuzhuan_policy::assess::band_2022;
/// use rust_decimal::Decimal;
/// assert_eq!(band_2022(Decimal::from(40)).level, Some(2));
/// assert_eq!(band_2022(Decimal::new(399, 1)).level, Some(1));
/// assert_eq!(band_2022(Decimal::new(199, 1)).level, None);
/// ```
pub fn band_2022(score: Decimal) -> Band2022 {
    let hit = BANDS_2022.iter().rev().find(|(_, lo, _)| score >= Decimal::from(*lo));
    let band = match hit {
        Some((_, lo, Some(hi))) => Text::new(format!("{lo} ≤ 总分 < {hi}"), format!("{lo} ≤ score < {hi}")),
        Some((_, lo, None)) => Text::new(format!("总分 ≥ {lo}"), format!("score ≥ {lo}")),
        None => Text::new("总分 < 20，未达到一级", "score < 20, below level 1"),
    };
    Band2022 {
        level: hit.map(|h| h.0),
        band,
        source: "《中小企业数字化水平评测指标（2022年版）》（工信厅企业〔2022〕32号）".into(),
        note: Text::new(
            "2022年版仅按总分分级（一级 20–40，二级 40–60，三级 60–80，四级 ≥ 80）；此处把2024年版问卷的得分套用2022年版分数段，仅供对比，两版题目不同。",
            "The 2022 edition graded by total score alone (level 1: 20–40, 2: 40–60, 3: 60–80, 4: ≥ 80). Here the 2024 questionnaire's score is put into the 2022 bands for comparison only; the two editions ask different questions.",
        ),
    }
}

/// Level names: 一级 … 四级, or "未达到一级" for none.
pub fn level_name(level: Option<u8>) -> Text {
    match level {
        Some(l @ 1..=4) => Text::new(["一级", "二级", "三级", "四级"][usize::from(l - 1)], format!("level {l}")),
        _ => Text::new("未达到一级", "below level 1"),
    }
}

/// The scores and level of a set of answers, without the gap analysis or subsidies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scores {
    pub score: Decimal,
    pub points: Decimal,
    pub dimensions: Vec<DimensionScore>,
    pub scenarios: Vec<ScenarioRating>,
    /// Levels 1–4: each level's conditions on these answers.
    pub levels: Vec<LevelConditions>,
    /// The estimated level: the highest whose conditions all hold (`None`: below 一级).
    pub level: Option<u8>,
    /// The highest level the score alone would allow (ignoring scenarios).
    pub level_by_score: Option<u8>,
    /// The highest level the scenarios alone would allow (ignoring the score).
    pub level_by_scenarios: Option<u8>,
    pub unanswered_questions: Vec<String>,
    pub unrated_scenarios: Vec<String>,
}

/// Scores the answers. Unanswered questions score 0 and unrated scenarios count as 0.
pub fn score(q: &Questionnaire, a: &Answers) -> Scores {
    let mut unanswered = Vec::new();
    let dimensions: Vec<DimensionScore> = q
        .dimensions
        .iter()
        .map(|d| {
            let items: Vec<ItemScore> = d
                .items
                .iter()
                .map(|it| {
                    let questions: Vec<QuestionScore> = it
                        .questions
                        .iter()
                        .map(|qq| {
                            let chosen = a.chosen(&qq.id).to_vec();
                            let answered = a.answered(&qq.id);
                            if !answered {
                                unanswered.push(qq.id.clone());
                            }
                            // Single: the option's score; multi: the sum ("无" is worth 0).
                            let score = chosen.iter().filter_map(|l| qq.option(l)).map(|o| o.score).sum::<Decimal>().normalize();
                            QuestionScore {
                                id: qq.id.clone(),
                                subitem: qq.subitem.clone(),
                                kind: qq.kind,
                                chosen,
                                answered,
                                score,
                                points: qq.points,
                            }
                        })
                        .collect();
                    let score = questions.iter().map(|x| x.score).sum::<Decimal>().normalize();
                    ItemScore { name: it.name.clone(), score, points: it.points, questions }
                })
                .collect();
            let score = items.iter().map(|x| x.score).sum::<Decimal>().normalize();
            DimensionScore { name: d.name.clone(), score, points: d.points, items }
        })
        .collect();
    let total = dimensions.iter().map(|d| d.score).sum::<Decimal>().normalize();
    let scenarios: Vec<ScenarioRating> = q
        .scenarios
        .iter()
        .map(|s| {
            let rating = a.rating(&s.id);
            ScenarioRating {
                id: s.id.clone(),
                group: s.group.clone(),
                name: s.name.clone(),
                binding: s.binding,
                rating,
                descriptor: rating.and_then(|r| s.descriptor(r)).map(String::from),
            }
        })
        .collect();
    let unrated = scenarios.iter().filter(|s| s.rating.is_none()).map(|s| s.id.clone()).collect();
    let levels = conditions(&q.rule, total, &scenarios);
    let top = |f: &dyn Fn(&LevelConditions) -> bool| levels.iter().filter(|c| f(c)).map(|c| c.level).max();
    Scores {
        score: total,
        points: q.total_points,
        level: top(&|c| c.met),
        level_by_score: top(&|c| c.score.met),
        level_by_scenarios: top(&|c| c.scenes.met && c.binding_scenes.met),
        levels,
        dimensions,
        scenarios,
        unanswered_questions: unanswered,
        unrated_scenarios: unrated,
    }
}

/// Scenarios at level `n` or higher: (all, binding).
pub fn scenes_at(scenarios: &[ScenarioRating], n: u8) -> (u32, u32) {
    let at: Vec<&ScenarioRating> = scenarios.iter().filter(|s| s.rating.unwrap_or(0) >= n).collect();
    (at.len() as u32, at.iter().filter(|s| s.binding).count() as u32)
}

/// Each level's conditions. The rule (its `semantics`): a scenario counts toward level N when
/// its rating is ≥ N; the level is the highest N whose three thresholds all hold (≥, inclusive).
fn conditions(rule: &LevelRule, total: Decimal, scenarios: &[ScenarioRating]) -> Vec<LevelConditions> {
    rule.levels
        .iter()
        .map(|t| {
            let (scenes, binding) = scenes_at(scenarios, t.level);
            let score = Need::of(t.min_score, total);
            let scenes = Need::of(t.min_scenes, scenes);
            let binding_scenes = Need::of(t.min_binding, binding);
            LevelConditions { level: t.level, met: score.met && scenes.met && binding_scenes.met, score, scenes, binding_scenes }
        })
        .collect()
}
