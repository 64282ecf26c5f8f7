//! What separates a set of answers from a higher level: points short, scenarios short (and how
//! many of them binding), and the cheapest changes that would close the gap.
//!
//! **The heuristic, for answers.** A *step* is one unit of change: moving a single-choice
//! answer one option up (B → C), or ticking one more option of a multi-choice question (which
//! drops "无"). A plan is a set of steps whose points add up to at least the points short. The
//! plan shown has the **fewest steps**, and among those the **fewest points** (the least
//! overshoot); remaining ties go to the earlier questions. It is found exactly, by dynamic
//! programming over (steps, points) in units of the questionnaire's finest score (0.025), so it
//! is optimal for this measure. It counts steps, not money or effort: the questions of 数字化成效
//! (Q12–Q15) report measured outcomes that cannot simply be chosen, and an unanswered question
//! is treated as its lowest option.
//!
//! **The heuristic, for scenarios.** A scenario rated r must rise N − r levels to count at level
//! N (unrated counts as 0). Of the scenarios below N, the cheapest binding ones are raised until
//! the binding count is met, then the cheapest of the rest (binding first on a tie, then the
//! questionnaire's order) until the total count is met. This is optimal: every raise counts once
//! toward the total, binding ones also toward the binding count.

use super::answers::Answers;
use super::questionnaire::{Question, QuestionKind, Questionnaire};
use super::score::{level_name, scenes_at, Limit, Scores};
use crate::text::Text;
use rust_decimal::Decimal;
use serde::Serialize;

/// One dimension in a gap: its headroom and how much of the plan falls in it. The level rule
/// sets no per-dimension minimum (only the total counts), so a dimension is never "short" by
/// itself; `headroom` is what it can still give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DimensionGap {
    pub name: Text,
    pub score: Decimal,
    pub points: Decimal,
    /// `points − score`.
    pub headroom: Decimal,
    /// Points the suggested answer changes add in this dimension.
    pub plan_points: Decimal,
}

/// An option newly chosen by a suggested change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OptionRef {
    pub label: String,
    /// The option's text, verbatim.
    pub text: String,
    pub score: Decimal,
}

/// One suggested answer change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerChange {
    pub question: String,
    pub title: String,
    pub kind: QuestionKind,
    /// Labels chosen now (empty when unanswered).
    pub from: Vec<String>,
    /// Labels after the change.
    pub to: Vec<String>,
    /// Options newly chosen (single: the new option; multi: the options added).
    pub new_options: Vec<OptionRef>,
    pub steps: u32,
    pub gain: Decimal,
    pub source: String,
}

/// One scenario to raise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioRaise {
    pub id: String,
    pub name: Text,
    pub binding: bool,
    /// The rating now (0 when unrated).
    pub from: u8,
    pub to: u8,
    pub steps: u8,
    /// The target level's descriptor, verbatim: what the scenario must do.
    pub descriptor: String,
}

/// The gap from a set of answers to a level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The level aimed at (1–4).
    pub target: u8,
    pub target_name: Text,
    /// Whether the answers already meet it.
    pub met: bool,
    /// The conditions that fail.
    pub limited_by: Vec<Limit>,
    /// Points below the target's minimum score (0 when the score suffices).
    pub points_short: Decimal,
    /// More scenarios needed at the target level.
    pub scenes_short: u32,
    /// More binding scenarios needed at the target level.
    pub binding_short: u32,
    pub dimensions: Vec<DimensionGap>,
    /// The cheapest answer changes (see the module's heuristic), in question order.
    pub answer_changes: Vec<AnswerChange>,
    pub plan_steps: u32,
    pub plan_points: Decimal,
    /// The cheapest scenario raises, in scenario order.
    pub scenario_raises: Vec<ScenarioRaise>,
    pub scenario_steps: u32,
    pub summary: Text,
    /// How the plan was chosen.
    pub method: Text,
}

/// Scores in units of `unit` thousandths.
fn units(d: Decimal, unit: i64) -> i64 {
    let th = (d * Decimal::from(1000)).trunc();
    let th: i64 = th.try_into().unwrap_or(i64::MAX / 4);
    th / unit.max(1)
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// A way to change one part of the answers: `steps` unit steps worth `gain` units.
#[derive(Clone, Copy, Debug)]
struct Move {
    steps: usize,
    gain: usize,
    /// Single: the option index moved to; multi: the option index added.
    option: usize,
}

/// A group of mutually exclusive moves (choose one, index 0 = no change): a single-choice
/// question, or one unticked option of a multi-choice question.
struct Group {
    question: usize,
    moves: Vec<Move>,
}

type Bits = Vec<u64>;

fn get(b: &Bits, i: usize) -> bool {
    b.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// `dst |= src << shift`, truncated to dst's length.
fn or_shifted(dst: &mut Bits, src: &Bits, shift: usize) {
    let (ws, bs) = (shift / 64, shift % 64);
    for i in (ws..dst.len()).rev() {
        let j = i - ws;
        let mut v = src.get(j).copied().unwrap_or(0) << bs;
        if bs > 0 && j > 0 {
            v |= src.get(j - 1).copied().unwrap_or(0) >> (64 - bs);
        }
        dst[i] |= v;
    }
}

/// The plan of answer changes: the moves taken, each with its question's index, exact as
/// described in the module docs. `None` when no plan reaches `need` units.
fn plan(groups: &[Group], need: usize) -> Option<Vec<(usize, Move)>> {
    if need == 0 {
        return Some(vec![]);
    }
    // Fewest steps: the most units reachable with exactly k steps, group by group.
    let max_k: usize = groups.iter().map(|g| g.moves.iter().map(|m| m.steps).max().unwrap_or(0)).sum();
    let mut best: Vec<Option<usize>> = vec![None; max_k + 1];
    best[0] = Some(0);
    for g in groups {
        let mut next = vec![None; max_k + 1];
        for (k, b) in best.iter().enumerate() {
            let Some(b) = b else { continue };
            for m in &g.moves {
                if k + m.steps <= max_k {
                    let v = b + m.gain;
                    if next[k + m.steps].is_none_or(|x| x < v) {
                        next[k + m.steps] = Some(v);
                    }
                }
            }
        }
        best = next;
    }
    let k_min = best.iter().position(|b| b.is_some_and(|b| b >= need))?;
    // Fewest points with k_min steps. Any such plan stays below need + the largest single step
    // (dropping one step would otherwise still reach need), so gains are tracked up to there.
    // (A move's gain is at least the gain of its last unit step, so the largest gain bounds it.)
    let width = need + 1 + groups.iter().flat_map(|g| g.moves.iter()).map(|m| m.gain).max().unwrap_or(0);
    let words = width.div_ceil(64);
    let mut layers: Vec<Vec<Bits>> = Vec::with_capacity(groups.len() + 1);
    let mut first = vec![vec![0u64; words]; k_min + 1];
    first[0][0] = 1;
    layers.push(first);
    for g in groups {
        let prev = &layers[layers.len() - 1];
        let mut next = vec![vec![0u64; words]; k_min + 1];
        for (k, bits) in prev.iter().enumerate() {
            if bits.iter().all(|w| *w == 0) {
                continue;
            }
            for m in &g.moves {
                if k + m.steps <= k_min && m.gain < width {
                    or_shifted(&mut next[k + m.steps], bits, m.gain);
                }
            }
        }
        layers.push(next);
    }
    let last = &layers[groups.len()][k_min];
    let mut g_units = (need..width).find(|&u| get(last, u))?;
    let mut k = k_min;
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate().rev() {
        let prev = &layers[gi];
        let m = g.moves.iter().find(|m| m.steps <= k && m.gain <= g_units && get(&prev[k - m.steps], g_units - m.gain))?;
        if m.steps > 0 {
            out.push((g.question, *m));
        }
        k -= m.steps;
        g_units -= m.gain;
    }
    Some(out)
}

/// The gap from `scores` (of `answers`) to `target` (1–4). `None` when the rule has no such level.
pub fn gap(q: &Questionnaire, answers: &Answers, scores: &Scores, target: u8) -> Option<Gap> {
    let cond = scores.levels.iter().find(|c| c.level == target)?;
    let points_short = (cond.score.need - cond.score.have).max(Decimal::ZERO).normalize();
    let scenes_short = cond.scenes.need.saturating_sub(cond.scenes.have);
    let binding_short = cond.binding_scenes.need.saturating_sub(cond.binding_scenes.have);

    // ---- answers ----
    let questions: Vec<&Question> = q.questions().collect();
    let th = |d: Decimal| -> i64 { (d * Decimal::from(1000)).trunc().try_into().unwrap_or(0) };
    let unit = questions.iter().flat_map(|x| x.options.iter()).map(|o| th(o.score)).filter(|v| *v > 0).fold(0, gcd).max(1);
    let mut groups = Vec::new();
    for (qi, qq) in questions.iter().enumerate() {
        let chosen = answers.chosen(&qq.id);
        match qq.kind {
            QuestionKind::Single => {
                let at = chosen.first().and_then(|l| qq.options.iter().position(|o| &o.label == l)).unwrap_or(0);
                let base = qq.options.get(at).map(|o| o.score).unwrap_or_default();
                let moves = (at..qq.options.len())
                    .map(|j| Move { steps: j - at, gain: units(qq.options[j].score - base, unit).max(0) as usize, option: j })
                    .collect();
                groups.push(Group { question: qi, moves });
            }
            QuestionKind::Multi => {
                for (oi, o) in qq.options.iter().enumerate() {
                    if o.exclusive || chosen.contains(&o.label) {
                        continue;
                    }
                    let add = Move { steps: 1, gain: units(o.score, unit).max(0) as usize, option: oi };
                    groups.push(Group { question: qi, moves: vec![Move { steps: 0, gain: 0, option: oi }, add] });
                }
            }
        }
    }
    let need = units(points_short, unit).max(0) as usize + usize::from(th(points_short) % unit != 0);
    let moves = plan(&groups, need).unwrap_or_default();
    let mut answer_changes: Vec<AnswerChange> = Vec::new();
    for (qi, qq) in questions.iter().enumerate() {
        let mine: Vec<&Move> = moves.iter().filter(|(i, _)| *i == qi).map(|(_, m)| m).collect();
        if mine.is_empty() {
            continue;
        }
        let from: Vec<String> = answers.chosen(&qq.id).to_vec();
        let (to, new_idx, steps): (Vec<String>, Vec<usize>, u32) = match qq.kind {
            QuestionKind::Single => {
                let m = mine[0];
                (vec![qq.options[m.option].label.clone()], vec![m.option], m.steps as u32)
            }
            QuestionKind::Multi => {
                let mut added: Vec<usize> = mine.iter().map(|m| m.option).collect();
                added.sort_unstable();
                let to = qq
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, o)| !o.exclusive && (from.contains(&o.label) || added.contains(i)))
                    .map(|(_, o)| o.label.clone())
                    .collect();
                (to, added.clone(), added.len() as u32)
            }
        };
        let score_of = |labels: &[String]| labels.iter().filter_map(|l| qq.option(l)).map(|o| o.score).sum::<Decimal>();
        let gain = (score_of(&to) - score_of(&from)).normalize();
        let new_options = new_idx
            .iter()
            .map(|&i| &qq.options[i])
            .map(|o| OptionRef { label: o.label.clone(), text: o.text.clone(), score: o.score })
            .collect();
        answer_changes.push(AnswerChange {
            question: qq.id.clone(),
            title: qq.title.clone(),
            kind: qq.kind,
            from,
            to,
            new_options,
            steps,
            gain,
            source: q.cite(&qq.id),
        });
    }
    let plan_points = answer_changes.iter().map(|c| c.gain).sum::<Decimal>().normalize();
    let plan_steps = answer_changes.iter().map(|c| c.steps).sum();
    let dimensions = q
        .dimensions
        .iter()
        .zip(&scores.dimensions)
        .map(|(d, ds)| {
            let ids: Vec<&str> = d.items.iter().flat_map(|i| i.questions.iter()).map(|x| x.id.as_str()).collect();
            let in_plan = answer_changes.iter().filter(|c| ids.contains(&c.question.as_str())).map(|c| c.gain).sum::<Decimal>();
            DimensionGap {
                name: ds.name.clone(),
                score: ds.score,
                points: ds.points,
                headroom: (ds.points - ds.score).normalize(),
                plan_points: in_plan.normalize(),
            }
        })
        .collect();

    // ---- scenarios ----
    let below: Vec<(usize, u8)> = scores
        .scenarios
        .iter()
        .enumerate()
        .filter(|(_, s)| s.rating.unwrap_or(0) < target)
        .map(|(i, s)| (i, target - s.rating.unwrap_or(0)))
        .collect();
    let mut binding: Vec<(usize, u8)> = below.iter().copied().filter(|(i, _)| scores.scenarios[*i].binding).collect();
    binding.sort_by_key(|&(i, steps)| (steps, i));
    let mut picked: Vec<usize> = binding.iter().take(binding_short as usize).map(|(i, _)| *i).collect();
    let total_needed = scenes_short.max(binding_short) as usize;
    let mut rest: Vec<(usize, u8)> = below.iter().copied().filter(|(i, _)| !picked.contains(i)).collect();
    rest.sort_by_key(|&(i, steps)| (steps, !scores.scenarios[i].binding, i));
    for (i, _) in rest {
        if picked.len() >= total_needed {
            break;
        }
        picked.push(i);
    }
    picked.sort_unstable();
    let scenario_raises: Vec<ScenarioRaise> = picked
        .iter()
        .map(|&i| {
            let s = &scores.scenarios[i];
            let from = s.rating.unwrap_or(0);
            ScenarioRaise {
                id: s.id.clone(),
                name: s.name.clone(),
                binding: s.binding,
                from,
                to: target,
                steps: target - from,
                descriptor: q.scenario(&s.id).and_then(|x| x.descriptor(target)).unwrap_or_default().to_string(),
            }
        })
        .collect();
    let scenario_steps = scenario_raises.iter().map(|r| u32::from(r.steps)).sum();

    let name = level_name(Some(target));
    let summary = if cond.met {
        Text::new(format!("已满足{}的全部条件", name.zh), format!("The answers meet every condition of {}", name.en))
    } else {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        if points_short > Decimal::ZERO {
            zh.push(format!("总分还差 {points_short} 分（需 ≥ {}）", cond.score.need));
            en.push(format!("{points_short} more points (needs ≥ {})", cond.score.need));
        }
        if scenes_short > 0 || binding_short > 0 {
            let (have, have_b) = scenes_at(&scores.scenarios, target);
            zh.push(format!(
                "还需 {} 个应用场景达到{}（其中约束性场景至少还需 {binding_short} 个；现有 {have} 个，约束性 {have_b} 个）",
                total_needed, name.zh
            ));
            en.push(format!(
                "{total_needed} more scenarios at {} (of them at least {binding_short} binding; now {have}, {have_b} binding)",
                name.en
            ));
        }
        Text::new(format!("距{}：{}", name.zh, zh.join("；")), format!("To reach {}: {}", name.en, en.join("; ")))
    };
    Some(Gap {
        target,
        target_name: name,
        met: cond.met,
        limited_by: cond.limits(),
        points_short,
        scenes_short,
        binding_short,
        dimensions,
        answer_changes,
        plan_steps,
        plan_points,
        scenario_raises,
        scenario_steps,
        summary,
        method: method(),
    })
}

/// The heuristic in a sentence, zh and en.
pub fn method() -> Text {
    Text::new(
        "建议的答案调整：每步为单选题上调一个选项或多选题增选一项（取代“无”）；在能补足分差的方案中取步数最少者，步数相同时取加分最少者（精确求解），再按题号先后。只计分值，不计投入或难度；数字化成效（Q12–Q15）反映实际结果，不能凭选择改变。场景：先提升所需的约束性场景，再提升其余场景，每次取与目标等级相差最少者。",
        "Suggested answer changes: a step moves a single-choice answer one option up or ticks one more option of a multi-choice question (replacing \"无\"); of the plans that close the points gap, the one with the fewest steps and then the fewest points is shown (found exactly), earlier questions first on a tie. It counts points, not cost or effort; the results questions (Q12–Q15) report measured outcomes and cannot simply be chosen. Scenarios: the binding ones needed are raised first, then others, each time the one closest to the target level.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_bits_across_words() {
        let mut src = vec![0u64; 3];
        src[0] = 1 | 1 << 63;
        let mut dst = vec![0u64; 3];
        or_shifted(&mut dst, &src, 65);
        assert!(get(&dst, 65) && get(&dst, 128) && !get(&dst, 64));
        let mut dst = vec![0u64; 3];
        or_shifted(&mut dst, &src, 190);
        assert!(get(&dst, 190) && !get(&dst, 191));
    }

    #[test]
    fn the_plan_has_fewest_steps_then_fewest_points() {
        let single = |q, gains: &[usize]| Group {
            question: q,
            moves: gains.iter().enumerate().map(|(j, g)| Move { steps: j, gain: *g, option: j }).collect(),
        };
        let tick = |q, g| Group { question: q, moves: vec![Move { steps: 0, gain: 0, option: 0 }, Move { steps: 1, gain: g, option: 1 }] };
        // need 5: one step of 6 beats two steps of 3 + 3; with two 6s available, either is fine.
        let p = plan(&[tick(0, 3), tick(1, 3), tick(2, 6)], 5).unwrap();
        assert_eq!(p.iter().map(|(q, _)| *q).collect::<Vec<_>>(), vec![2]);
        // need 7 in two steps: 3 + 4 (= 7) rather than 4 + 6 (= 10).
        let p = plan(&[tick(0, 3), tick(1, 4), tick(2, 6)], 7).unwrap();
        let mut qs: Vec<usize> = p.iter().map(|(q, _)| *q).collect();
        qs.sort_unstable();
        assert_eq!(qs, vec![0, 1]);
        // A single-choice ladder 0, 2, 4, 6: need 4 → two steps up that question, or one tick of 5.
        let p = plan(&[single(0, &[0, 2, 4, 6]), tick(1, 5)], 4).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, 1);
        assert!(plan(&[tick(0, 1)], 2).is_none());
    }
}
