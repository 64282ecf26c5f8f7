//! Every interface string of the self-assessment page in Chinese (the default) and English. The
//! questionnaire's own text (titles, options, descriptors) stays Chinese and is not here; the
//! sentences the core writes (summary, caveats, gap, subsidy effects) come in the chosen language.
//! A test checks that every key the code uses is here, in both languages.

use shuzhuan_policy::Lang;

/// (key, 中文, English)
pub const STRINGS: &[(&str, &str, &str)] = &[
    ("app.title", "数字化水平自评 · 数转", "Digital-level self-assessment · shuzhuan"),
    ("app.brand", "数转 自查", "shuzhuan self-check"),
    ("lang.switch", "English", "中文"),
    ("nav.skip", "跳到主要内容", "Skip to main content"),
    ("nav.label", "主导航", "Main navigation"),
    ("nav.check", "企业自查", "Self-check"),
    ("nav.results", "自查结果", "Results"),
    ("nav.library", "政策原文与规则", "Policy library"),
    ("nav.assess", "数字化水平自评", "Digital level"),
    ("nav.home", "返回首页", "Back to the start"),
    ("foot.disclaimer", "自评结果只是估算：试点企业的数字化水平由第三方机构现场评定，是否入选以主管部门认定为准。", "A self-assessment is only an estimate: pilot firms' digital level is rated on site by a third party, and the authorities decide who joins."),
    ("foot.private", "所填信息只在本机浏览器中计算，不会上传", "What you enter is computed in this browser and never uploaded"),
    ("page.title", "数字化水平自评", "Digital-level self-assessment"),
    ("page.lead", "对照《中小企业数字化水平评测指标（2024年版）》自评企业的数字化水平：{questions} 道计分题（满分 {points} 分）和 {scenarios} 个应用场景，题目和选项按原文列出。结果是估算，可带入各地补贴估算。", "Estimate your enterprise's digital level against MIIT's 2024 indicators for SMEs: {questions} scored questions ({points} points) and {scenarios} application scenarios, each in its original Chinese wording. The result is an estimate you can carry into each city's subsidy estimator."),
    ("page.private", "答案只保存在内存和本页地址中（# 之后的部分），不上传、不存储；刷新页面不会丢失。", "Your answers stay in memory and in this page's address (after the #): never uploaded or stored, and a reload keeps them."),
    ("progress", "已答 {q} / {nq} 题 · 已评 {s} / {ns} 个场景", "{q} of {nq} questions answered · {s} of {ns} scenarios rated"),
    ("steps.label", "自评步骤", "Steps"),
    ("steps.result", "结果", "Result"),
    ("step.word", "步骤", "Step"),
    ("step.scenarios", "应用场景", "Application scenarios"),
    ("step.scenarios_hint", "对照每个场景的等级描述，选择企业已经达到的最高等级；一级也未达到的选“未达到一级”。约束性场景在等级规则中另行计数。", "For each scenario, choose the highest level whose description your enterprise already meets, or \"below level 1\". Binding scenarios are counted separately by the level rule."),
    ("step.back", "上一步", "Back"),
    ("step.next", "下一步", "Continue"),
    ("step.see_result", "查看结果", "See the result"),
    ("unit.points", "分", "points"),
    ("q.single", "单选", "Choose one"),
    ("q.multi", "可多选；选“无”时不能再选其他选项", "Choose all that apply; \"无\" (none) excludes the other options"),
    ("q.max", "满分", "up to"),
    ("q.form_fields", "评测平台还要求填写（不计分，本工具不收集）：", "The MIIT platform also asks for (not scored, not collected here): "),
    ("level.0", "未达到一级", "Below level 1"),
    ("level.1", "一级", "Level 1"),
    ("level.2", "二级", "Level 2"),
    ("level.3", "三级", "Level 3"),
    ("level.4", "四级", "Level 4"),
    ("scenario.binding", "约束性", "binding"),
    ("punct.colon", "：", ": "),
    ("result.no_rules", "无法载入本站的政策规则（rules.json），因此无法列出这一等级在各试点政策中影响的补贴。等级评估本身不受影响。", "This site's policy rules (rules.json) could not be loaded, so what this level changes in each programme's subsidies cannot be listed. The level itself is unaffected."),
    ("result.title", "自评结果", "Self-assessment result"),
    ("result.estimated", "估计等级：", "Estimated level: "),
    ("result.estimate_tag", "估算", "estimate"),
    ("result.total", "总分", "Score"),
    ("result.caveats", "这是估算，请注意", "An estimate: please note"),
    ("result.incomplete", "还有题目或场景未作答：未作答的题按 0 分、未评的场景按“未达到一级”计算。", "Some questions or scenarios are unanswered: they count as 0 points and below level 1."),
    ("result.continue", "继续作答", "Continue answering"),
    ("result.scores", "得分", "Scores"),
    ("result.scores_caption", "各维度和指标的得分（得分 / 满分）", "Score per dimension and item (score / points)"),
    ("result.part", "维度 / 指标", "Dimension / item"),
    ("result.score_col", "得分", "Score"),
    ("result.share", "得分率", "Share"),
    ("result.levels", "各等级的条件", "The conditions of each level"),
    ("result.met", "满足", "met"),
    ("result.not_met", "不满足", "not met"),
    ("result.reached", "达到", "reached"),
    ("result.not_reached", "未达到", "not reached"),
    ("result.need", "（需 ≥ {n}）", " (needs ≥ {n})"),
    ("result.score", "总分", "score"),
    ("result.scenes", "达到该级的场景", "scenarios at this level"),
    ("result.binding", "其中约束性", "binding among them"),
    ("result.rule", "等级规则（未经核实）", "The level rule (unverified)"),
    ("result.band_2022", "按2022年版分数段：", "By the 2022 edition's score bands:"),
    ("result.scenarios", "应用场景", "Application scenarios"),
    ("result.grid_caption", "各场景达到的等级（方块数即等级）", "Level reached per scenario (one square per level)"),
    ("result.scenario", "场景", "Scenario"),
    ("result.rating", "等级", "Level"),
    ("result.unrated", "未评", "not rated"),
    ("result.edit", "修改答案", "Change the answers"),
    ("gap.top", "已是四级（最高等级）", "Level 4 is the top level"),
    ("gap.title", "距离{level}还差什么", "What {level} still needs"),
    ("gap.points", "总分还差 {n} 分", "{n} points short"),
    ("gap.scenes", "还需 {n} 个场景达到{level}", "{n} more scenarios at {level}"),
    ("gap.binding", "其中约束性场景还需 {n} 个", "{n} more binding scenarios among them"),
    ("gap.changes", "最省力的答题改动（共 {steps} 步，+{points} 分）", "The fewest answer changes ({steps} steps, +{points} points)"),
    ("gap.unanswered", "未作答", "unanswered"),
    ("gap.raises", "需要提升到{level}的场景", "Scenarios to raise to {level}"),
    ("gap.dimensions", "各维度还可提升的分数", "Points still available per dimension"),
    ("gap.headroom", "还可得分", "Available"),
    ("gap.plan", "上述改动所加", "Added by the changes"),
    ("gap.method", "这些建议是怎样算出的", "How these suggestions are found"),
    ("status.in_force", "有效期内", "In force"),
    ("status.expired", "已到期", "Expired"),
    ("status.not_yet", "尚未施行", "Not yet in force"),
    ("clock.broken", "本机时钟不正确，无法确定今天的日期，也就无法判断各项政策是否在有效期内。请校准本机时钟后再查看结果。", "This device's clock is wrong, so today's date is unknown and so is which programmes are in force. Set the clock, then view the result again."),
    ("status.start_unknown", "施行日期未定", "Start date unknown"),
    ("status.draft", "征求意见稿", "Draft for comment"),
    ("subsidy.title", "达到{level}对各地补贴的影响", "What {level} changes in each city's subsidies"),
    ("subsidy.title_top", "四级对应的各地补贴上限", "Each city's subsidy caps at level 4"),
    ("carry.legend", "带入补贴估算的等级", "Level to carry into the subsidy estimator"),
    ("carry.hint", "估算器按“改造后数字化水平”计算补贴：改造已完成的，带入当前估计等级；以改造目标估算的，带入下一等级。", "The estimator computes with the digital level after transformation: carry today's estimated level if the transformation is done, or the next level as a target."),
    ("carry.now", "当前估计等级：{level}", "Today's estimated level: {level}"),
    ("carry.next", "下一等级（改造目标）：{level}", "The next level (a target): {level}"),
    ("carry.button", "按{level}估算{city}补贴", "Estimate {city}'s subsidy at {level}"),
];

/// The string for `key` in `lang`; `"?"` for a key not in the table (the tests forbid that).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    match STRINGS.iter().find(|(k, _, _)| *k == key) {
        Some((_, zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => "?",
    }
}

/// The page's lead with the questionnaire's own counts (questions, points, scenarios) filled in
/// from the core, never typed here.
pub fn lead(lang: Lang) -> String {
    let q = shuzhuan_policy::assess::questionnaire();
    tr(lang, "page.lead")
        .replace("{questions}", &q.questions().count().to_string())
        .replace("{points}", &q.total_points.normalize().to_string())
        .replace("{scenarios}", &q.scenarios.len().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The counts come from the questionnaire (15 questions, 100 points, 16 scenarios in the 2024
    /// edition), and the static first paint in www/assess.html says the same as the page renders.
    #[test]
    fn the_lead_counts_come_from_the_questionnaire_and_the_first_paint_agrees() {
        for lang in [Lang::Zh, Lang::En] {
            // (the edition's year is the only number the sentence itself may carry)
            assert!(!tr(lang, "page.lead").replace("2024", "").chars().any(|c| c.is_ascii_digit()), "a count typed into page.lead");
        }
        assert!(lead(Lang::Zh).contains("15 道计分题（满分 100 分）和 16 个应用场景"), "{}", lead(Lang::Zh));
        assert!(lead(Lang::En).contains("15 scored questions (100 points) and 16 application scenarios"));
        let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/assess.html")).unwrap();
        assert!(
            html.contains(&format!("<p class=\"lead\">{}</p>", lead(Lang::Zh))),
            "www/assess.html's first paint differs from the page's lead"
        );
    }

    #[test]
    fn every_key_is_unique_and_in_both_languages() {
        let mut seen = BTreeSet::new();
        for (k, zh, en) in STRINGS {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{k} lacks a translation");
            let holes =
                |s: &str| s.match_indices('{').map(|(i, _)| s[i..].split('}').next().unwrap_or("").to_string()).collect::<BTreeSet<_>>();
            assert_eq!(holes(zh), holes(en), "{k}: the two languages fill different placeholders");
        }
    }

    /// Every string literal in the source that looks like a key of the table (`"result.met"`: a
    /// known prefix, a dot, lower-case words) is in the table, and so is every level name built
    /// from a number (`level.0` … `level.4`).
    #[test]
    fn every_key_the_code_uses_exists() {
        let keys: BTreeSet<&str> = STRINGS.iter().map(|(k, _, _)| *k).collect();
        let prefixes: BTreeSet<&str> = keys.iter().map(|k| k.split('.').next().unwrap()).collect();
        let mut missing = Vec::new();
        let mut used = 0;
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).unwrap() {
            let path = entry.unwrap().path();
            if path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                let looks_like_key = literal.contains('.')
                    && literal.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '.' || ch == '_')
                    && prefixes.contains(literal.split('.').next().unwrap());
                if looks_like_key {
                    used += 1;
                    if !keys.contains(literal) {
                        missing.push(format!("{}: {literal}", path.display()));
                    }
                }
            }
        }
        assert!(used > 50, "the scan found only {used} keys");
        missing.extend((0..=4).map(|l| format!("level.{l}")).filter(|k| !keys.contains(k.as_str())));
        assert!(missing.is_empty(), "keys used but not translated: {missing:?}");
    }

    #[test]
    fn an_unknown_key_is_visible() {
        assert_eq!(tr(Lang::En, "no.such.key"), "?");
        assert_eq!(tr(Lang::Zh, "level.2"), "二级");
    }
}
