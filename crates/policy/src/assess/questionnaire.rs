//! The 2024 digital-level questionnaire (《中小企业数字化水平评测指标（2024年版）》,
//! 工信厅企业〔2024〕56号) as data: 3 dimensions (维度), 9 items (指标), 15 scored questions, 16
//! application scenarios (应用场景) with their 一级–四级 descriptors, and the rule that combines
//! score and scenarios into a level.
//!
//! The data is `data/digital-level-2024.json`, a copy of the project's reference file, embedded
//! with `include_str!` and parsed on first use. Its provenance and caveats are in the file's own
//! `provenance` field and in `data/README.md`. [`Questionnaire::problems`] checks it against the
//! totals it states (question maxima → items → dimensions → 100; counts of questions, options,
//! scenarios and binding scenarios); the test suite requires no problem.

use crate::text::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The questionnaire file, verbatim.
pub const JSON: &str = include_str!("../../data/digital-level-2024.json");

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// 单选: one option; the score is that option's.
    Single,
    /// 多选: any options; the score is their sum. The option "无" is exclusive and worth 0.
    Multi,
}

/// One option (选项) of a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// `A`, `B`, … as the platform prefixes them.
    pub label: String,
    /// The option's text, verbatim (Chinese).
    pub text: String,
    /// Points for choosing it (the platform's weight × the question's points).
    pub score: Decimal,
    /// The "无" option of a multi-choice question: worth 0 and excludes every other option
    /// (the reading of the independent re-implementation; the platform data does not state it).
    pub exclusive: bool,
}

/// One scored question (题目).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    /// `Q1` … `Q15`.
    pub id: String,
    /// The platform's third-level indicator (二级指标下的细项), e.g. `网络建设`.
    pub subitem: String,
    /// The question's maximum: the best option (single) or every option but "无" (multi).
    pub points: Decimal,
    pub title: String,
    /// The platform's explanation under the title (often empty).
    pub description: String,
    pub kind: QuestionKind,
    /// Options in the platform's order; for single-choice questions the scores rise with it.
    pub options: Vec<Choice>,
    /// Free-text boxes the platform shows under the question (not scored).
    pub form_fields: Vec<String>,
}

impl Question {
    /// The option with this label, if any.
    pub fn option(&self, label: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.label == label)
    }

    /// The highest score the question can give (computed from the options).
    pub fn max_score(&self) -> Decimal {
        match self.kind {
            QuestionKind::Single => self.options.iter().map(|o| o.score).max().unwrap_or_default(),
            QuestionKind::Multi => self.options.iter().filter(|o| !o.exclusive).map(|o| o.score).sum(),
        }
    }

    /// The exclusive "无" option of a multi-choice question.
    pub fn exclusive_option(&self) -> Option<&Choice> {
        self.options.iter().find(|o| o.exclusive)
    }

    /// `A–E`: the range of labels, for messages.
    pub fn label_range(&self) -> String {
        match (self.options.first(), self.options.last()) {
            (Some(a), Some(b)) => format!("{}–{}", a.label, b.label),
            _ => String::new(),
        }
    }
}

/// An item (二级指标) and its questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The item's name: Chinese verbatim, with an English gloss for the interface.
    pub name: Text,
    pub points: Decimal,
    pub questions: Vec<Question>,
}

/// A dimension (一级指标): 数字化基础, 数字化管理, 数字化成效.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dimension {
    pub name: Text,
    pub points: Decimal,
    pub items: Vec<Item>,
}

/// An application scenario (应用场景), rated 一级–四级 by its descriptors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    /// `S1` … `S16`.
    pub id: String,
    /// Its group (e.g. 生产执行数字化), Chinese verbatim with an English gloss.
    pub group: Text,
    pub name: Text,
    /// 约束性场景: counted separately by the level rule.
    pub binding: bool,
    /// The descriptors of 一级, 二级, 三级, 四级 (index 0 is 一级), verbatim.
    pub levels: [String; 4],
}

impl Scenario {
    /// The descriptor of `level` (1–4).
    pub fn descriptor(&self, level: u8) -> Option<&str> {
        level.checked_sub(1).and_then(|i| self.levels.get(usize::from(i))).map(String::as_str)
    }
}

/// The conditions of one overall level (总体等级).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LevelThreshold {
    /// 1–4 (一级–四级).
    pub level: u8,
    /// Total score at least this.
    pub min_score: Decimal,
    /// At least this many scenarios rated at this level or higher.
    pub min_scenes: u32,
    /// Of which at least this many binding.
    pub min_binding: u32,
}

/// The rule that combines score and scenarios into a level. It is **unverified**: the thresholds
/// come from a third-party implementation, not from the official document (see `sources`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LevelRule {
    /// `unverified` as the data file states it.
    pub status: String,
    pub sources: Vec<String>,
    /// How the file says the rule is applied.
    pub semantics: String,
    /// Levels 1–4 in order.
    pub levels: Vec<LevelThreshold>,
}

impl LevelRule {
    pub fn threshold(&self, level: u8) -> Option<&LevelThreshold> {
        self.levels.iter().find(|t| t.level == level)
    }
}

/// The totals the file states about itself (its `checks` block), checked by [`Questionnaire::problems`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatedTotals {
    pub max_total: Decimal,
    pub dimension_max: BTreeMap<String, Decimal>,
    pub item_max: BTreeMap<String, Decimal>,
    pub question_max: BTreeMap<String, Decimal>,
    pub questions: u32,
    pub options: u32,
    pub scenarios: u32,
    pub binding_scenarios: u32,
}

/// The whole questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Questionnaire {
    /// 中小企业数字化水平评测指标（2024年版）
    pub title: String,
    /// 工信厅企业〔2024〕56号
    pub document: String,
    /// Where the data comes from and every difference between the copies.
    pub provenance: String,
    /// 100.
    pub total_points: Decimal,
    pub dimensions: Vec<Dimension>,
    pub scenarios: Vec<Scenario>,
    pub rule: LevelRule,
    pub stated: StatedTotals,
}

impl Questionnaire {
    /// Every question, in the questionnaire's order (Q1 … Q15).
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.dimensions.iter().flat_map(|d| d.items.iter()).flat_map(|i| i.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// Where a number of the questionnaire comes from, for citations: `工信厅企业〔2024〕56号 Q8`.
    pub fn cite(&self, part: &str) -> String {
        format!("《{}》（{}） {part}", self.title, self.document)
    }

    /// Everything that does not add up: question maxima vs their options and the stated
    /// `question_max`; items, dimensions and the total vs the sums below them and the stated
    /// totals; counts; the "无" option of every multi-choice question; rising single-choice
    /// scores; the level rule. Empty for a sound file.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let st = &self.stated;
        let mut total = Decimal::ZERO;
        let mut n_questions = 0;
        let mut n_options = 0;
        for d in &self.dimensions {
            let mut dim_sum = Decimal::ZERO;
            for it in &d.items {
                let mut item_sum = Decimal::ZERO;
                for q in &it.questions {
                    n_questions += 1;
                    n_options += q.options.len() as u32;
                    if q.max_score() != q.points {
                        p.push(format!("{}: options give at most {}, points say {}", q.id, q.max_score(), q.points));
                    }
                    if st.question_max.get(&q.id) != Some(&q.points) {
                        p.push(format!("{}: points {} but checks.question_max says {:?}", q.id, q.points, st.question_max.get(&q.id)));
                    }
                    let mut labels: Vec<&str> = q.options.iter().map(|o| o.label.as_str()).collect();
                    let mut texts: Vec<&str> = q.options.iter().map(|o| o.text.as_str()).collect();
                    labels.sort_unstable();
                    labels.dedup();
                    texts.sort_unstable();
                    texts.dedup();
                    if labels.len() != q.options.len() || texts.len() != q.options.len() {
                        p.push(format!("{}: option labels or texts repeat", q.id));
                    }
                    if q.options.iter().any(|o| o.score < Decimal::ZERO || o.score.scale() > 3) {
                        p.push(format!("{}: a score is negative or finer than 0.001", q.id));
                    }
                    match q.kind {
                        QuestionKind::Multi => {
                            let ex: Vec<&Choice> = q.options.iter().filter(|o| o.exclusive).collect();
                            if ex.len() != 1 || ex[0].score != Decimal::ZERO {
                                p.push(format!("{}: a multi-choice question needs exactly one \"无\" option worth 0", q.id));
                            }
                        }
                        QuestionKind::Single => {
                            if q.options.first().map(|o| o.score) != Some(Decimal::ZERO) {
                                p.push(format!("{}: the first option of a single-choice question should score 0", q.id));
                            }
                            if q.options.windows(2).any(|w| w[1].score <= w[0].score) {
                                p.push(format!("{}: single-choice scores do not rise with the options", q.id));
                            }
                        }
                    }
                    item_sum += q.points;
                }
                if item_sum != it.points || st.item_max.get(&it.name.zh) != Some(&it.points) {
                    p.push(format!(
                        "item {}: questions add up to {item_sum}, points {}, checks {:?}",
                        it.name.zh,
                        it.points,
                        st.item_max.get(&it.name.zh)
                    ));
                }
                dim_sum += it.points;
            }
            if dim_sum != d.points || st.dimension_max.get(&d.name.zh) != Some(&d.points) {
                p.push(format!(
                    "dimension {}: items add up to {dim_sum}, points {}, checks {:?}",
                    d.name.zh,
                    d.points,
                    st.dimension_max.get(&d.name.zh)
                ));
            }
            total += d.points;
        }
        if total != self.total_points || total != st.max_total {
            p.push(format!("dimensions add up to {total}; total_points {}, checks.max_total {}", self.total_points, st.max_total));
        }
        if st.item_max.len() != self.dimensions.iter().map(|d| d.items.len()).sum::<usize>()
            || st.dimension_max.len() != self.dimensions.len()
        {
            p.push("checks list a different number of items or dimensions".into());
        }
        if n_questions != st.questions || st.question_max.len() as u32 != n_questions {
            p.push(format!("{n_questions} questions, checks say {}", st.questions));
        }
        if n_options != st.options {
            p.push(format!("{n_options} options, checks say {}", st.options));
        }
        let binding = self.scenarios.iter().filter(|s| s.binding).count() as u32;
        if self.scenarios.len() as u32 != st.scenarios || binding != st.binding_scenarios {
            p.push(format!(
                "{} scenarios ({binding} binding), checks say {} ({})",
                self.scenarios.len(),
                st.scenarios,
                st.binding_scenarios
            ));
        }
        let mut ids: Vec<&str> = self.questions().map(|q| q.id.as_str()).chain(self.scenarios.iter().map(|s| s.id.as_str())).collect();
        let n_ids = ids.len();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != n_ids {
            p.push("question or scenario ids repeat".into());
        }
        if self.scenarios.iter().any(|s| s.levels.iter().any(String::is_empty)) {
            p.push("a scenario lacks a level descriptor".into());
        }
        let levels: Vec<u8> = self.rule.levels.iter().map(|t| t.level).collect();
        if levels != [1, 2, 3, 4] {
            p.push(format!("the level rule should give levels 1–4 in order, gives {levels:?}"));
        }
        // The level rule must be monotone, so that meeting level N implies meeting every lower level.
        for w in self.rule.levels.windows(2) {
            if w[1].min_score < w[0].min_score || w[1].min_scenes < w[0].min_scenes || w[1].min_binding < w[0].min_binding {
                p.push(format!("level {} asks less than level {}", w[1].level, w[0].level));
            }
        }
        for t in &self.rule.levels {
            if t.min_score > self.total_points
                || t.min_scenes as usize > self.scenarios.len()
                || t.min_binding > binding
                || t.min_binding > t.min_scenes
            {
                p.push(format!("level {} cannot be reached", t.level));
            }
        }
        if self.rule.status != "unverified" {
            p.push(format!("the level rule's status is {:?}; the caveats in this module assume \"unverified\"", self.rule.status));
        }
        p
    }
}

/// English glosses of the questionnaire's names, for the bilingual interface around it. The
/// Chinese names stay verbatim; a name without a gloss shows its Chinese on both sides (a test
/// requires a gloss for every name).
fn gloss(zh: &str) -> Option<&'static str> {
    Some(match zh {
        "数字化基础" => "Digital foundations",
        "数字化管理" => "Digital management",
        "数字化成效" => "Digital results",
        "设备系统" => "Equipment and networks",
        "数据采集" => "Data collection",
        "信息系统" => "Information systems",
        "信息安全" => "Information security",
        "规划管理" => "Planning and governance",
        "要素保障" => "People and funding",
        "绿色低碳" => "Green and low-carbon",
        "产品质量" => "Product quality",
        "市场效益" => "Market performance",
        "产品生命周期数字化" => "Product lifecycle",
        "生产执行数字化" => "Production execution",
        "供应链数字化" => "Supply chain",
        "管理决策数字化" => "Management and decisions",
        "产品设计" => "Product design",
        "工艺设计" => "Process design",
        "营销管理" => "Sales and marketing",
        "售后服务" => "After-sales service",
        "计划排程" => "Planning and scheduling",
        "生产管控" => "Production control",
        "质量管理" => "Quality management",
        "设备管理" => "Equipment management",
        "安全生产" => "Production safety",
        "能耗管理" => "Energy management",
        "采购管理" => "Procurement",
        "仓储物流" => "Warehousing and logistics",
        "财务管理" => "Finance",
        "人力资源" => "Human resources",
        "协同办公" => "Office collaboration",
        "决策支持" => "Decision support",
        _ => return None,
    })
}

fn named(zh: &str) -> Text {
    Text::new(zh, gloss(zh).unwrap_or(zh))
}

/// Every name of the questionnaire that lacks an English gloss (the test suite requires none).
pub fn names_without_gloss(q: &Questionnaire) -> Vec<String> {
    let dims = q.dimensions.iter().map(|d| &d.name);
    let items = q.dimensions.iter().flat_map(|d| d.items.iter()).map(|i| &i.name);
    let scen = q.scenarios.iter().flat_map(|s| [&s.name, &s.group]);
    dims.chain(items).chain(scen).filter(|t| gloss(&t.zh).is_none()).map(|t| t.zh.clone()).collect()
}

// ---- the file's shape (serde) ----

fn dec<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    n.to_string().parse::<Decimal>().map_err(serde::de::Error::custom)
}

fn dec_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Decimal>, D::Error> {
    let m = BTreeMap::<String, serde_json::Number>::deserialize(d)?;
    m.into_iter().map(|(k, n)| n.to_string().parse::<Decimal>().map(|v| (k, v)).map_err(serde::de::Error::custom)).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    title: String,
    document: String,
    provenance: String,
    scoring: RawScoring,
    dimensions: Vec<RawDimension>,
    scenarios: Vec<RawScenario>,
    overall_level_rule: RawRule,
    checks: RawChecks,
}

#[derive(Deserialize)]
struct RawScoring {
    #[serde(deserialize_with = "dec")]
    total_points: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    name: String,
    #[serde(deserialize_with = "dec")]
    points: Decimal,
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    name: String,
    #[serde(deserialize_with = "dec")]
    points: Decimal,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    subitem: String,
    #[serde(deserialize_with = "dec")]
    points: Decimal,
    title: String,
    description: String,
    kind: QuestionKind,
    options: Vec<RawOption>,
    form_fields: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    label: String,
    text: String,
    #[serde(deserialize_with = "dec")]
    score: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: String,
    group: String,
    name: String,
    binding: bool,
    levels: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    status: String,
    sources: Vec<String>,
    semantics: String,
    levels: BTreeMap<String, RawThreshold>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThreshold {
    #[serde(deserialize_with = "dec")]
    min_score: Decimal,
    min_scenes_at_level: u32,
    min_binding_scenes_at_level: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecks {
    result: String,
    #[serde(deserialize_with = "dec")]
    max_total: Decimal,
    #[serde(deserialize_with = "dec_map")]
    dimension_max: BTreeMap<String, Decimal>,
    #[serde(deserialize_with = "dec_map")]
    item_max: BTreeMap<String, Decimal>,
    #[serde(deserialize_with = "dec_map")]
    question_max: BTreeMap<String, Decimal>,
    counts: RawCounts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCounts {
    questions: u32,
    options: u32,
    scenarios: u32,
    binding_scenarios: u32,
}

/// Parses a questionnaire file of this shape.
pub fn parse(text: &str) -> Result<Questionnaire, String> {
    let raw: RawFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if raw.checks.result != "pass" {
        return Err(format!("the file's own checks say {:?}", raw.checks.result));
    }
    let dimensions = raw
        .dimensions
        .into_iter()
        .map(|d| Dimension {
            name: named(&d.name),
            points: d.points.normalize(),
            items: d
                .items
                .into_iter()
                .map(|i| Item {
                    name: named(&i.name),
                    points: i.points.normalize(),
                    questions: i
                        .questions
                        .into_iter()
                        .map(|q| {
                            let kind = q.kind;
                            Question {
                                id: q.id,
                                subitem: q.subitem,
                                points: q.points.normalize(),
                                title: q.title,
                                description: q.description,
                                kind,
                                options: q
                                    .options
                                    .into_iter()
                                    .map(|o| Choice {
                                        exclusive: kind == QuestionKind::Multi && o.text == "无",
                                        label: o.label,
                                        text: o.text,
                                        score: o.score.normalize(),
                                    })
                                    .collect(),
                                form_fields: q.form_fields,
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let mut scenarios = Vec::new();
    for s in raw.scenarios {
        let level = |n: &str| s.levels.get(n).cloned().ok_or_else(|| format!("{}: no level {n} descriptor", s.id));
        let levels = [level("1")?, level("2")?, level("3")?, level("4")?];
        if s.levels.len() != 4 {
            return Err(format!("{}: expected descriptors for levels 1–4 only", s.id));
        }
        scenarios.push(Scenario { id: s.id, group: named(&s.group), name: named(&s.name), binding: s.binding, levels });
    }
    let mut levels = Vec::new();
    for (k, t) in raw.overall_level_rule.levels {
        let level = k.parse::<u8>().map_err(|_| format!("level rule key {k:?} is not a level"))?;
        levels.push(LevelThreshold {
            level,
            min_score: t.min_score.normalize(),
            min_scenes: t.min_scenes_at_level,
            min_binding: t.min_binding_scenes_at_level,
        });
    }
    levels.sort_by_key(|t| t.level);
    let c = raw.checks;
    let norm = |m: BTreeMap<String, Decimal>| m.into_iter().map(|(k, v)| (k, v.normalize())).collect();
    Ok(Questionnaire {
        title: raw.title,
        document: raw.document,
        provenance: raw.provenance,
        total_points: raw.scoring.total_points.normalize(),
        dimensions,
        scenarios,
        rule: LevelRule {
            status: raw.overall_level_rule.status,
            sources: raw.overall_level_rule.sources,
            semantics: raw.overall_level_rule.semantics,
            levels,
        },
        stated: StatedTotals {
            max_total: c.max_total.normalize(),
            dimension_max: norm(c.dimension_max),
            item_max: norm(c.item_max),
            question_max: norm(c.question_max),
            questions: c.counts.questions,
            options: c.counts.options,
            scenarios: c.counts.scenarios,
            binding_scenarios: c.counts.binding_scenarios,
        },
    })
}

/// The embedded questionnaire. It is checked by the test suite ([`load_problems`]); should it
/// ever fail to parse, an empty questionnaire is returned rather than a panic, and every answer
/// is then reported as an unknown question.
pub fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(|| parse(JSON).unwrap_or_else(|e| empty(&e)))
}

fn empty(why: &str) -> Questionnaire {
    Questionnaire {
        title: "中小企业数字化水平评测指标（2024年版）".into(),
        document: "工信厅企业〔2024〕56号".into(),
        provenance: format!("failed to load: {why}"),
        total_points: Decimal::ZERO,
        dimensions: vec![],
        scenarios: vec![],
        rule: LevelRule { status: "unverified".into(), sources: vec![], semantics: String::new(), levels: vec![] },
        stated: StatedTotals {
            max_total: Decimal::ZERO,
            dimension_max: BTreeMap::new(),
            item_max: BTreeMap::new(),
            question_max: BTreeMap::new(),
            questions: 0,
            options: 0,
            scenarios: 0,
            binding_scenarios: 0,
        },
    }
}

/// The embedded file's problems: a parse error, or what [`Questionnaire::problems`] finds.
pub fn load_problems() -> Vec<String> {
    match parse(JSON) {
        Ok(q) => {
            let mut p = q.problems();
            p.extend(names_without_gloss(&q).into_iter().map(|n| format!("no English gloss for {n}")));
            p
        }
        Err(e) => vec![e],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// The embedded file adds up to its own stated totals.
    #[test]
    fn the_embedded_file_adds_up() {
        assert_eq!(load_problems(), Vec::<String>::new());
        let q = questionnaire();
        assert_eq!(q.document, "工信厅企业〔2024〕56号");
        assert_eq!(q.total_points, d("100"));
        assert_eq!(q.questions().count(), 15);
        assert_eq!(q.questions().map(|q| q.options.len()).sum::<usize>(), 79);
        assert_eq!(q.scenarios.len(), 16);
        assert_eq!(q.scenarios.iter().filter(|s| s.binding).count(), 10);
        let dims: Vec<(String, Decimal)> = q.dimensions.iter().map(|d| (d.name.zh.clone(), d.points)).collect();
        assert_eq!(dims, vec![("数字化基础".into(), d("50")), ("数字化管理".into(), d("30")), ("数字化成效".into(), d("20"))]);
        // Q4: 13 business links × 0.7 + 人力资源 0.9 = 10 (the platform's weights).
        let q4 = q.question("Q4").unwrap();
        assert_eq!(q4.max_score(), d("10"));
        assert_eq!(q4.option("O").unwrap().score, d("0.9"));
        assert!(q4.option("A").unwrap().exclusive);
        // Q5's "无" is an ordinary option of a single-choice question, not exclusive.
        assert!(!q.question("Q5").unwrap().option("A").unwrap().exclusive);
        assert_eq!(q.question("Q11").unwrap().option("B").unwrap().score, d("1.875"));
        let r = q.rule.threshold(3).unwrap();
        assert_eq!((r.min_score, r.min_scenes, r.min_binding), (d("60"), 8, 5));
        assert_eq!(q.rule.status, "unverified");
        let binding: Vec<&str> = q.scenarios.iter().filter(|s| s.binding).map(|s| s.name.zh.as_str()).collect();
        assert_eq!(
            binding,
            ["产品设计", "营销管理", "生产管控", "质量管理", "设备管理", "安全生产", "能耗管理", "采购管理", "仓储物流", "财务管理"]
        );
    }

    /// A file whose totals do not add up is caught.
    #[test]
    fn a_file_that_does_not_add_up_is_caught() {
        let bad = JSON.replacen("\"score\": 0.9", "\"score\": 0.8", 1);
        let q = parse(&bad).unwrap();
        let p = q.problems();
        assert_eq!(p, vec!["Q4: options give at most 9.9, points say 10".to_string()]);
        let item = JSON.replacen("\"points\": 10,\n          \"questions\"", "\"points\": 11,\n          \"questions\"", 1);
        assert!(parse(&item).unwrap().problems().iter().any(|m| m.starts_with("item 数据采集")));
        let unbound = JSON.replacen("\"binding\": true", "\"binding\": false", 1);
        assert!(parse(&unbound).unwrap().problems().iter().any(|m| m.contains("9 binding")));
        assert!(parse("{}").is_err());
    }
}
