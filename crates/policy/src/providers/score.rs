//! Expert scoring (三): trimmed means, the veto, ranking per sub-industry against its quota (一),
//! the reserve, and every tie reported.

use super::walk::{parse_json, Walk};
use super::{find_sub, interpretations, pool, programme, rule, rule_from, sub_list, RuleApplied};
use super::{FINAL_LIST, MIN_EXPERTS, RANKING, SCORING, TOTAL, TRIM_EACH_END, VETO};
use crate::bundle::RuleBundle;
use crate::error::{FieldError, InputErrors};
use crate::input::type_name;
use crate::rules::{Programme, ProviderPool};
use crate::t;
use crate::text::{Lang, Text};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::str::FromStr;

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

/// The sub-industries' quotas as the rule file gives them (一、总体目标's plan table), with their
/// total: `4 个细分行业共 32 家：针织或钩针编织物及其制造 10、…`.
pub(super) fn quotas_text(prog: &Programme) -> Text {
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
