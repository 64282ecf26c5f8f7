//! Every interface string in Chinese (the default) and English. The policy texts themselves stay
//! Chinese; sentences the core produces come already in the chosen language.
//! A test checks every key the code uses is here, with both languages non-empty.

use shuzhuan_policy::Lang;

/// Builds [`TABLE`] from `(key, 中文, English)` rows: one string (fields separated by U+001F,
/// rows by U+001E) instead of a table of pointers, which the WebAssembly module carries as
/// incompressible addresses (about 2 KB brotli for this table).
macro_rules! table {
    ($(($k:literal, $zh:literal, $en:literal)),* $(,)?) => {
        const TABLE: &str = concat!($($k, "\u{1f}", $zh, "\u{1f}", $en, "\u{1e}"),*);
    };
}

/// Every (key, 中文, English) row.
pub fn entries() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    TABLE.split('\u{1e}').filter_map(|row| {
        let mut f = row.splitn(3, '\u{1f}');
        Some((f.next()?, f.next()?, f.next()?))
    })
}

table![
    ("app.title", "数转 · 中小企业数字化转型试点自查", "shuzhuan · SME digital-transformation pilot self-check"),
    ("app.brand", "数转 自查", "shuzhuan self-check"),
    ("lang.switch", "English", "中文"),
    ("nav.skip", "跳到主要内容", "Skip to main content"),
    ("nav.label", "主导航", "Main navigation"),
    ("nav.check", "企业自查", "Self-check"),
    ("nav.results", "自查结果", "Results"),
    ("nav.library", "政策原文与规则", "Policy library"),
    ("nav.assess", "数字化水平自评", "Digital level"),
    ("nav.home", "返回首页", "Back to the start"),
    ("foot.disclaimer", "本工具依据公开政策文件提供自查参考，是否入选以区县工信部门审核和市级主管部门认定为准。", "A self-check against the public policy documents; the district industry office reviews and the city decides."),
    ("rules.trouble.title", "政策规则无法使用", "The policy rules cannot be used"),
    ("rules.trouble.invalid", "本站的规则文件（rules.json）有以下问题，因此不给出任何结论或金额：", "This site's rules file (rules.json) has the problems below, so no verdict or amount is given:"),
    ("rules.trouble.unavailable", "无法载入本站的规则文件（rules.json），因此不给出任何结论或金额。请检查网络后重试。", "This site's rules file (rules.json) could not be loaded, so no verdict or amount is given. Check the connection and try again."),
    ("rules.trouble.advice", "网站管理员：请用 shuzhuan rules validate 检查规则包，再用 shuzhuan rules build 重新生成 rules.json。", "Site administrators: check the pack with shuzhuan rules validate, then rebuild rules.json with shuzhuan rules build."),
    ("rules.trouble.retry", "重新载入", "Reload"),
    ("foot.rules", "规则版本", "Rules version"),
    ("foot.private", "所填信息只在本机浏览器中计算，不会上传", "What you enter is computed in this browser and never uploaded"),
    ("foot.editor", "城市主管部门：编写本市政策规则包", "City bureaus: write your city's rule pack"),
    ("foot.review", "区县工信部门：批量初筛申报名单", "District offices: batch-screen applicant lists"),
    ("loading.catalogue", "正在载入国民经济行业分类目录…", "Loading the industry catalogue…"),
    ("loading.failed", "行业分类目录未能载入，请检查网络后刷新页面。已填写的内容不会丢失。", "The industry catalogue could not be loaded. Check the connection and reload; what you entered is kept."),
    ("loading.retry", "重试", "Try again"),
    ("guard.all_expired", "请注意：收录的试点政策均已到期，以下结论不能作为申报依据。评估日期：", "Please note: every programme covered has expired, so these answers cannot support an application. Date evaluated: "),
    ("guard.stale", "请注意：本机的政策规则核对于 {date}，已过去 {days} 天，政策可能已有变化。", "Please note: the rules on this device were last checked against the documents on {date}, {days} days ago; the policies may have changed."),
    ("guard.advice", "请向所在区县工信部门确认最新政策，或请工作人员更新本工具。", "Ask your district industry office for the current policy, or ask staff to update this tool."),
    ("kiosk.qr", "用手机扫码，带走本次自查结果（数据只在链接中，不经过任何服务器）", "Scan with your phone to take these results with you (the data is only in the link, never on a server)"),
    ("start.title", "我的企业能参加数字化转型试点吗？", "Can my enterprise join the digital-transformation pilot?"),
    ("start.lead", "对照下列城市的试点政策，逐条检查申报条件，并估算可获得的补贴。每个结论都注明依据的政策条款。", "Check the application conditions of the cities' pilot programmes below one by one and estimate the subsidy. Every answer cites its clause."),
    ("start.cta", "开始自查", "Check my enterprise"),
    ("start.programmes", "收录的试点政策", "Programmes covered"),
    ("start.estimate", "估算补贴", "Estimate the subsidy"),
    ("start.privacy", "无需注册，不联网计算，所填数据不会离开您的设备。", "No sign-up; computed offline; your figures never leave your device."),
    ("status.in_force", "有效期内", "In force"),
    ("status.expired", "已到期", "Expired"),
    ("status.not_yet", "尚未施行", "Not yet in force"),
    ("status.start_unknown", "施行日期未定", "Start date unknown"),
    ("status.draft", "征求意见稿", "Draft for comment"),
    ("verdict.eligible", "符合", "Eligible"),
    ("verdict.not_eligible", "不符合", "Not eligible"),
    ("verdict.unknown", "待补充信息", "More information needed"),
    ("outcome.pass", "符合", "met"),
    ("outcome.fail", "不符合", "not met"),
    ("outcome.unknown", "待确认", "to be confirmed"),
    ("class.large", "大型企业", "large enterprise"),
    ("class.medium", "中型企业", "medium enterprise"),
    ("class.small", "小型企业", "small enterprise"),
    ("class.micro", "微型企业", "micro enterprise"),
    ("class.unknown", "规模待定", "size to be determined"),
    ("check.step", "第", "Step"),
    ("check.steps", "自查步骤", "Self-check steps"),
    ("check.step1", "企业基本情况", "About the enterprise"),
    ("check.step2", "企业规模", "Size figures"),
    ("check.step3", "法人资格与信用", "Legal status and credit"),
    ("check.back", "上一步", "Back"),
    ("check.next", "下一步", "Continue"),
    ("check.see_results", "查看结果", "See the results"),
    ("check.live", "当前结果", "Results so far"),
    ("live.missing", "还需填写 {n} 项", "{n} answers still needed"),
    ("live.unsure", "待确认：{what}", "To confirm: {what}"),
    ("live.not_met", "未满足：{what}", "Not met: {what}"),
    ("check.uscc_region", "登记机关所在地：", "Registering authority: "),
    ("errors.title", "请先修改以下内容", "There is a problem"),
    ("field.uscc", "统一社会信用代码（选填）", "Unified social credit code (optional)"),
    ("hint.uscc", "18 位，填写后自动校验，并可推断所在城市", "18 characters; checked as you go, and it suggests the city"),
    ("field.region", "生产经营所在区县", "District where the enterprise operates"),
    ("hint.region", "开发区、高新区企业请选所在城市的“开发区等其他”", "Firms in development zones: choose the city's \"development zones and others\""),
    ("check.region_from_uscc", "已按信用代码的登记地预填：登记地不等于经营地，请确认企业在这里生产经营。", "Filled in from where the credit code was registered: that is not proof of where you operate, so please confirm."),
    ("check.region_confirm", "确认：在该区县生产经营", "Confirm: we operate in this district"),
    ("clock.title", "请选择评估日期", "Choose the date to evaluate on"),
    ("clock.broken", "本机时钟不正确，无法确定今天的日期。请在下面选择评估日期。", "This device's clock is wrong, so today's date is unknown. Choose the date to evaluate on below."),
    ("field.region_code", "或输入 6 位行政区划代码", "Or type the 6-digit division code"),
    ("field.choose", "请选择", "Choose"),
    ("field.zones", "（开发区等其他）", " (development zones and others)"),
    ("field.other_code", "其他地区代码", "Other division code"),
    ("field.industry", "所属行业", "Industry"),
    ("hint.industry", "输入行业名称、关键词或国民经济行业代码（如“集成电路”或 3973），从结果中选择小类", "Type an industry name, keyword or GB/T 4754 code (e.g. 集成电路 or 3973) and pick a 4-digit class"),
    ("field.chosen", "已选择：", "Chosen: "),
    ("field.unit", "金额单位", "Amounts in"),
    ("unit.wan", "万元", "10k yuan (万元)"),
    ("unit.yuan", "元", "yuan"),
    ("unit.persons", "人", "persons"),
    ("unit.count", "个/人天", "count"),
    ("field.employees", "从业人员", "Staff"),
    ("hint.employees", "上年末从业人员人数", "Persons employed at the end of last year"),
    ("field.revenue", "营业收入", "Revenue"),
    ("hint.revenue", "上一年度营业收入，按右侧单位填数字，如 8500 或 1234.5", "Last year's revenue, a number in the unit beside the field, e.g. 8500 or 1234.5"),
    ("field.assets", "资产总额", "Total assets"),
    ("hint.assets", "您所在行业按资产总额划型", "Your industry's size standard uses total assets"),
    ("field.gs", "是否规上工业企业", "Above designated size (规上)?"),
    ("hint.gs", "以统计部门认定为准；不清楚时按营业收入估计", "The statistics bureau's registration decides; if unsure it is estimated from revenue"),
    ("hint.step3", "以下问题只有部分试点政策要求：{cities}。", "Only some programmes ask these questions: {cities}."),
    ("check.step3_other", "其他申报条件", "Other conditions"),
    ("field.specialized", "是否为专精特新企业", "Specialised (专精特新) status"),
    ("specialized.none", "不是", "Neither"),
    ("specialized.sme", "专精特新中小企业", "专精特新 SME (provincial)"),
    ("specialized.little_giant", "专精特新“小巨人”企业", "专精特新 “little giant” (national)"),
    ("field.registered_on", "成立（注册）日期", "Date of registration"),
    ("field.level_now", "目前的数字化水平", "Digital level now"),
    ("field.legal", "是否具有独立法人资格", "An independent legal person?"),
    ("field.credit", "近三年是否有不良信用记录", "A bad credit record in the last three years?"),
    ("hint.credit", "可在“信用中国”网站查询", "You can look it up on 信用中国 (Credit China)"),
    ("answer.yes", "是", "Yes"),
    ("answer.no", "否", "No"),
    ("answer.unsure", "不清楚", "Not sure"),
    ("answer.unknown", "待定", "unknown"),
    ("results.title", "自查结果", "Self-check results"),
    ("results.print", "打印报告", "Print the report"),
    ("results.share", "生成分享链接", "Make a share link"),
    ("results.share_label", "分享链接", "Share link"),
    ("results.size", "企业规模", "Enterprise size"),
    ("print.cover", "数字化转型试点自查报告", "Digital-transformation pilot: self-check report"),
    ("print.programme", "试点政策", "Programme"),
    ("print.status", "文件状态", "Document"),
    ("print.verdict", "自查结论", "Verdict"),
    ("print.estimate", "估算补贴（最高）", "Estimated subsidy (at most)"),
    ("print.not_estimated", "未估算", "Not estimated"),
    ("print.to_confirm", "（待确认：{what}）", " (to confirm: {what})"),
    ("results.copy", "复制链接", "Copy the link"),
    ("results.web_share", "分享到…", "Share…"),
    ("results.copied", "链接已复制，可粘贴到微信、邮件等。", "Link copied: paste it into a message or an email."),
    ("results.copy_failed", "未能自动复制：链接已选中，请长按或按 Ctrl+C 复制。", "Could not copy automatically: the link is selected, press and hold it or press Ctrl+C."),
    ("results.share_hint", "链接中包含您填写的信息，仅保存在链接本身，不会上传。", "The link holds what you entered, in the link itself; nothing is uploaded."),
    ("results.edit", "修改信息", "Change answers"),
    ("results.evaluated", "评估日期", "Evaluated as of"),
    ("results.input_errors", "以下填写有误，相关项目暂未计入", "Some answers have problems and were left out"),
    ("results.sme", "企业规模（工信部联企业〔2011〕300号）", "Enterprise size (工信部联企业〔2011〕300号)"),
    ("results.gs", "规上工业", "Above designated size"),
    ("results.source", "依据", "Source"),
    ("results.estimate", "估算补贴", "Estimate the subsidy"),
    ("results.inputs", "您填写的信息", "What you entered"),
    ("results.show_others", "查看其他城市的试点政策（{n} 项）", "Show the other cities' programmes ({n})"),
    ("results.hide_others", "收起其他城市的试点政策（{n} 项）", "Hide the other cities' programmes ({n})"),
    ("summary.counts", "按 {date} 评估：{n} 项试点政策中，{e} 项符合，{u} 项待补充信息，{f} 项不符合。", "As on {date}: of {n} programmes, {e} eligible, {u} need more information, {f} not eligible."),
    ("summary.expired", "其中 {x} 项在这一天已到期。", " {x} of them had expired by that day."),
    ("summary.all_expired", "这些政策在这一天均已到期，结论不能作为申报依据。", " All of them had expired by that day, so these answers cannot support an application."),
    ("summary.home", "您所在的{city}的政策排在最前；其他城市的已收起。", "Your city's programmes ({city}) come first; the other cities' are folded."),
    ("summary.no_home", "收录的政策中没有您所在地（{city}）的试点政策，以下为其他城市的，仅供参考。", "None of the programmes covered is for your place ({city}); those below are other cities', for reference."),
    ("view_as", "按 {date}（最后有效日）查看", "View as on {date} (the last day in force)"),
    ("as_of.not_today", "正在按 {date} 查看，不是今天（{today}）：结论只说明那一天的政策。", "Viewing as on {date}, not today ({today}): the answers describe the policy on that day."),
    ("as_of.today", "改回今天", "Back to today"),
    ("field.as_of", "评估日期", "Evaluate as of"),
    ("estimate.title", "补贴估算", "Subsidy estimate"),
    ("estimate.unknown", "没有这项政策", "No such programme"),
    ("estimate.eligibility", "申报条件：", "Eligibility:"),
    ("colon", "：", ": "),
    ("estimate.user_params", "补贴比例与上限（用户自填）", "Ratio and caps (you supply them)"),
    ("hint.user_params", "本文件未公布补贴标准。请按实施细则或资金管理办法填写，结果将标注为“用户自填”。", "This document publishes no amounts. Enter them from the implementing rules; the result is labelled as user-supplied."),
    ("estimate.user_supplied", "用户自填参数", "User-supplied"),
    ("estimate.awards", "已获评或拟申报的一次性奖励", "One-off awards won or applied for"),
    ("estimate.measures", "各项支持措施", "Measures"),
    ("estimate.measure", "措施", "Measure"),
    ("estimate.formula", "计算", "Calculation"),
    ("estimate.amount", "金额", "Amount"),
    ("estimate.total", "本企业合计（最高）", "The enterprise's total (at most)"),
    ("estimate.others", "付给他方的款项（不计入本企业合计）", "Paid to others (not in the enterprise's total)"),
    ("estimate.zero_rows", "未计入的措施（金额为 0：缺数据、不适用或未申报）", "Measures adding nothing (an input missing, not applicable, or not claimed)"),
    ("estimate.zero_count", "{n} 项", "{n}"),
    ("estimate.others_total", "付给他方小计", "Paid to others, subtotal"),
    ("estimate.overlaps", "可能重复的项目，请确认", "Lines that may overlap: please confirm"),
    ("estimate.roles", "本企业的身份", "The enterprise's roles"),
    ("hint.roles", "只有本企业是链主或平台时，相应奖补才计入本企业合计", "Chain-leader and platform awards count in the total only if the enterprise is one"),
    ("estimate.award_amount", "奖励金额（按实施细则填写）", "Award amount (from the implementing rules)"),
    ("year.unknown", "不确定（两年都列出，合计按较低的计）", "Not sure (both years shown; the total counts the lower)"),
    ("level.0", "未达一级", "No level yet"),
    ("field.cap_one", "补贴上限", "Cap"),
    ("estimate.instalments", "拨付安排", "Instalments"),
    ("estimate.compare", "不同数字化水平的对比", "By digital level"),
    ("estimate.assess", "不知道数字化水平？先做自评", "Don't know your digital level? Assess it first"),
    ("estimate.leaves_out", "估算未包含与说明", "What this leaves out"),
    ("field.level", "改造后数字化水平", "Digital level after transformation"),
    ("hint.level", "以第三方按最新《中小企业数字化水平评测指标》评定的等级为准", "The level a third party rates under the latest MIIT indicators counts"),
    ("field.year", "实施年度", "Implementation year"),
    ("year.1", "批复后第一年", "First year after approval"),
    ("year.2", "批复后第二年", "Second year after approval"),
    ("level.1", "一级", "Level 1"),
    ("level.2", "二级", "Level 2"),
    ("level.3", "三级", "Level 3"),
    ("level.4", "四级", "Level 4"),
    ("field.ratio", "补贴比例（如 0.3 或 30%）", "Ratio (e.g. 0.3 or 30%)"),
    ("field.cap", "上限", "cap"),
    ("library.title", "政策原文与规则", "Policy library"),
    ("library.lead", "本工具如何应用每份文件：每条规则旁附原文。", "How the tool applies each document: every rule beside the sentence it comes from."),
    ("library.sub_industries", "试点细分行业", "Pilot sub-industries"),
    ("library.confirm", "需向主管部门确认", "confirm with the office"),
    ("library.criteria", "申报条件", "Conditions"),
    ("library.measures", "支持措施", "Measures"),
];

/// The string for `key` in `lang`; `"?"` for a key not in the table (the tests forbid that).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    match entries().find(|(k, _, _)| *k == key) {
        Some((_, zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_is_unique_and_in_both_languages() {
        let mut seen = BTreeSet::new();
        assert!(entries().count() > 100);
        for (k, zh, en) in entries() {
            assert!(seen.insert(k), "duplicate key {k}");
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{k} lacks a translation");
        }
    }

    /// Every `t("…")` the app's source uses, and every key built from a core enum, is in the table.
    #[test]
    fn every_key_the_code_uses_exists() {
        let keys: BTreeSet<&str> = entries().map(|(k, _, _)| k).collect();
        let mut missing = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut files = vec![std::path::PathBuf::from(dir)];
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for (i, _) in text.match_indices(".t(\"") {
                let rest = &text[i + 4..];
                let key = &rest[..rest.find('"').unwrap()];
                if !keys.contains(key) {
                    missing.push(format!("{}: {key}", p.display()));
                }
            }
            // Literal keys passed to helpers (field labels, hints, answers).
            for prefix in ["\"field.", "\"hint.", "\"answer.", "\"unit.", "\"level.", "\"year."] {
                for (i, _) in text.match_indices(prefix) {
                    let rest = &text[i + 1..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if !key.ends_with('.') && !key.contains('{') && !keys.contains(key) {
                        missing.push(format!("{}: {key}", p.display()));
                    }
                }
            }
        }
        for k in [
            "class.large",
            "class.medium",
            "class.small",
            "class.micro",
            "class.unknown",
            "answer.yes",
            "answer.no",
            "answer.unknown",
            "level.2",
            "level.3",
            "level.4",
        ] {
            if !keys.contains(k) {
                missing.push(k.to_string());
            }
        }
        assert!(missing.is_empty(), "keys used but not translated: {missing:?}");
    }

    #[test]
    fn an_unknown_key_is_visible() {
        assert_eq!(tr(Lang::En, "no.such.key"), "?");
        assert_eq!(tr(Lang::Zh, "verdict.eligible"), "符合");
    }
}
