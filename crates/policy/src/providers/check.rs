//! The provider's self-check against the call's conditions (18号 二、三、六; 17号's 征集条件).

use super::walk::{parse_json, Walk};
use super::{find_sub, numeral, programme, rule, src, sub_list, RuleApplied, Src};
use super::{
    CallClause, CALL_LOCAL, CALL_STANDARDS, CALL_STANDING, CALL_TEAM, OUTSIDE_POOL, PLATFORM, SCOPE, SCORING, SPECIALIST, TOTAL, VETO,
};
use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::InputErrors;
use crate::eval::{verdict_of, Outcome, Verdict};
use crate::rules::Status;
use crate::t;
use crate::text::{Lang, Text};
use serde::Serialize;

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
