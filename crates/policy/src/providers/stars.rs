//! Star ratings and the pool (四、五): the exit after consecutive no-star ratings, other exits,
//! and the pool against its minimum.

use super::walk::{parse_json, Walk};
use super::{interpretations, numeral, pool, programme, rule, rule_from, RuleApplied, STARS};
use crate::bundle::RuleBundle;
use crate::error::InputErrors;
use crate::input::type_name;
use crate::t;
use crate::text::{Lang, Text};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashSet;

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
    /// How many no-star ratings in a row take a provider out of the pool (五（四）: 2), so that
    /// a page's labels ("连续两次无星级退出") follow the rules in use.
    pub exit_after_no_stars: usize,
    /// The same count as a word in the report's language (两, two; digits above ten), for
    /// those labels.
    pub exit_count: String,
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
        exit_after_no_stars: exit_after,
        exit_count: {
            let n = numeral(exit_after);
            match lang {
                Lang::Zh => n.zh_count,
                Lang::En => n.en_count,
            }
        },
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
