//! The explaining evaluator: profile + date → for every programme its status, a verdict and
//! every criterion with outcome, reason (zh/en), what would change it, and its source clause.

use crate::bundle::RuleBundle;
use crate::catalogue::{catalogue, is_within};
use crate::date::Date;
use crate::error::InputErrors;
use crate::input::{parse_check_input_in, CheckInput, Profile};
use crate::region::{parse_region, Region};
use crate::rules::{Audience, Criterion, CriterionKind, Programme, Status, SubIndustry};
use crate::sme::{self, SmeAssessment, SmeFacts, Tri};
use crate::text::{Explain, Lang, Text};
use crate::uscc::parse_uscc;
use serde::Serialize;

mod cond;

/// A criterion's outcome (判定结果).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
}

/// A programme's verdict: 符合 / 不符合 / 待补充信息.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Eligible,
    NotEligible,
    Unknown,
}

impl Verdict {
    pub fn name(self) -> Text {
        match self {
            Verdict::Eligible => Text::new("符合", "eligible"),
            Verdict::NotEligible => Text::new("不符合", "not eligible"),
            Verdict::Unknown => Text::new("待补充信息", "more information needed"),
        }
    }
}

/// One criterion as evaluated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionResult {
    pub id: String,
    pub kind: CriterionKind,
    pub title: String,
    pub outcome: Outcome,
    pub reason: String,
    /// What would turn a fail or unknown into a pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_change: Option<String>,
    /// Profile fields whose absence leaves this criterion unknown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Document number (or title) and clause.
    pub source: String,
    pub clause: String,
    /// The sentence of the document, verbatim.
    pub quote: String,
}

/// A note shown with a programme.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteOut {
    pub id: String,
    pub text: String,
    pub source: String,
    pub quote: String,
}

/// One programme as evaluated on the date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeResult {
    pub id: String,
    pub city: String,
    pub title: String,
    pub document: String,
    pub draft: bool,
    pub status: Status,
    /// The status in words, e.g. `已于 2025年12月31日 到期`.
    pub status_text: String,
    pub valid_from: Date,
    pub valid_until: Date,
    /// The rule version applied.
    pub rules_version: String,
    pub verdict: Verdict,
    pub verdict_text: String,
    pub criteria: Vec<CriterionResult>,
    /// Conditions this document does not state.
    pub not_stated: Vec<String>,
    /// Every profile field that would settle an unknown criterion.
    pub missing: Vec<String>,
    pub notes: Vec<NoteOut>,
}

/// The industry as understood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndustryOut {
    pub code: String,
    pub name: String,
    pub path: String,
}

/// Rules provenance printed on every report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RulesInfo {
    pub origin: String,
    pub hash: String,
}

/// The `check` report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckReport {
    pub as_of: Date,
    pub lang: Lang,
    pub profile: Profile,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<IndustryOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub sme: SmeAssessment,
    pub programmes: Vec<ProgrammeResult>,
    pub notices: Vec<String>,
    pub rules: RulesInfo,
    pub disclaimer: String,
}

/// The disclaimer every report carries.
pub fn disclaimer() -> Text {
    Text::new(
        "本结果仅为依据公开政策文件的自查参考，是否入选以区县工信部门审核和市级主管部门认定为准。",
        "This is a self-check against the public policy documents only; the district industry office's review and the city's decision are what count.",
    )
}

/// Everything known about the profile that several criteria use.
pub(crate) struct Facts {
    pub sme: SmeFacts,
    pub region: Option<Region>,
    pub uscc_region: Option<Region>,
    pub uscc_entity: Option<String>,
    /// Whether the criteria evaluated with these facts write their sentences.
    pub explain: Explain,
}

impl Facts {
    pub(crate) fn of(p: &Profile, explain: Explain) -> Facts {
        let uscc = p.uscc.as_deref().and_then(|u| parse_uscc(u).ok());
        Facts {
            sme: sme::facts(p, explain),
            region: p.region.as_deref().and_then(|r| parse_region(r).ok()),
            uscc_region: uscc.as_ref().and_then(|u| u.region.clone()),
            uscc_entity: uscc.map(|u| u.code.chars().take(2).collect()),
            explain,
        }
    }
}

/// One criterion evaluated, language-free (the batch screener shares it with `check`). Its
/// sentences are empty when it was evaluated without explanations ([`Explain::No`]).
#[derive(Clone)]
pub(crate) struct Eval {
    pub outcome: Outcome,
    pub reason: Text,
    pub to_change: Option<Text>,
    pub missing: Vec<String>,
}

// The sentences come as closures, called only with explanations; the generic part is kept to
// that call, so each call site does not carry a copy of `Eval::of` (module size).
fn pass(x: Explain, reason: impl FnOnce() -> Text) -> Eval {
    Eval::of(Outcome::Pass, x.text(reason), None, &[])
}
fn fail(x: Explain, reason: impl FnOnce() -> Text, to_change: impl FnOnce() -> Text) -> Eval {
    Eval::of(Outcome::Fail, x.text(reason), Some(x.text(to_change)), &[])
}
fn unknown(x: Explain, reason: impl FnOnce() -> Text, to_change: impl FnOnce() -> Text, missing: &[&str]) -> Eval {
    Eval::of(Outcome::Unknown, x.text(reason), Some(x.text(to_change)), missing)
}

impl Eval {
    #[inline(never)]
    fn of(outcome: Outcome, reason: Text, to_change: Option<Text>, missing: &[&str]) -> Eval {
        Eval { outcome, reason, to_change, missing: missing.iter().map(|s| s.to_string()).collect() }
    }
}

/// The validity window in words.
pub fn status_text(p: &Programme, date: Date) -> Text {
    let draft = if p.draft {
        Text::new("（征求意见稿，尚非正式文件）", " (a draft for comment, not a final document)")
    } else {
        Text::new("", "")
    };
    match p.status_on(date) {
        Status::InForce => Text::new(
            format!("有效期内：{} 至 {}{}", p.valid_from.to_zh(), p.valid_until.to_zh(), draft.zh),
            format!("in force: {} to {}{}", p.valid_from, p.valid_until, draft.en),
        ),
        Status::Expired => {
            Text::new(format!("已于 {} 到期{}", p.valid_until.to_zh(), draft.zh), format!("expired on {}{}", p.valid_until, draft.en))
        }
        Status::NotYetInForce => Text::new(
            format!("尚未施行，自 {} 起{}", p.valid_from.to_zh(), draft.zh),
            format!("not yet in force; from {}{}", p.valid_from, draft.en),
        ),
        Status::StartUnknown => Text::new(
            format!("征求意见稿，施行日期未定：文件写“自公布之日起施行”，未写日期；本工具假定自 {} 起，此前是否适用无法确定", p.valid_from.to_zh()),
            format!(
                "a draft with no start date: it takes effect when published, on a date it does not give; we assume {}, so before it whether it applies is unknown",
                p.valid_from
            ),
        ),
    }
}

fn eval_in_force(p: &Programme, date: Date, x: Explain) -> Eval {
    let st = || status_text(p, date);
    match p.status_on(date) {
        Status::InForce => pass(x, st),
        Status::Expired => fail(x, st, || {
            Text::new(
                "本文件已到期，请关注是否有后续政策；可选择有效期内的日期查看当时的结果",
                "the document has expired; watch for a successor policy, or evaluate as of a date inside its validity",
            )
        }),
        Status::NotYetInForce => {
            fail(x, st, || Text::new(format!("自 {} 起方可申报", p.valid_from.to_zh()), format!("applications open from {}", p.valid_from)))
        }
        Status::StartUnknown => unknown(
            x,
            st,
            || {
                Text::new(
                    "请向市工信部门确认正式文件的公布日期，或选择假定施行日期之后的日期查看",
                    "ask the city bureau when the final text was published, or evaluate as of a date after the assumed start",
                )
            },
            &[],
        ),
    }
}

fn eval_sme(f: &SmeFacts, x: Explain) -> Eval {
    let cat = || {
        sme::rule_for(f.category).map(|r| Text::new(r.name.0, r.name.1)).unwrap_or_else(|| Text::new("行业未定", "industry not determined"))
    };
    let detail = || {
        Text::new(
            f.reasons.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("；"),
            f.reasons.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join("; "),
        )
    };
    match f.is_sme {
        Tri::Yes => pass(x, || {
            let (cat, detail) = (cat(), detail());
            let class = if f.class == sme::SmeClass::Unknown { Text::new("中小企业", "an SME") } else { f.class.name() };
            Text::new(
                format!("按{}标准属于{}：{}", cat.zh, class.zh, detail.zh),
                format!("by the {} bounds it is {}: {}", cat.en, class.en, detail.en),
            )
        }),
        Tri::No => fail(
            x,
            || {
                let (cat, detail) = (cat(), detail());
                Text::new(
                    format!("按{}标准属于大型企业：{}", cat.zh, detail.zh),
                    format!("by the {} bounds it is a large enterprise: {}", cat.en, detail.en),
                )
            },
            || f.to_change.clone().unwrap_or_default(),
        ),
        Tri::Unknown => {
            unknown(x, detail, || f.to_change.clone().unwrap_or_else(|| Text::new("请补充规模数据", "enter the size figures")), &f.missing)
        }
    }
}

fn describe_code(code: &str) -> String {
    catalogue().get(code).map(|i| format!("{} {}", i.code, i.name)).unwrap_or_else(|| code.to_string())
}

fn eval_sub_industry(p: &Programme, profile: &Profile, x: Explain) -> Eval {
    let list = || {
        Text::new(
            p.sub_industries.iter().map(|s| format!("{}（{}）", s.name.zh, s.codes.join("、"))).collect::<Vec<_>>().join("；"),
            p.sub_industries.iter().map(|s| format!("{} ({})", s.name.en, s.codes.join(", "))).collect::<Vec<_>>().join("; "),
        )
    };
    let Some(code) = profile.industry.as_deref() else {
        return unknown(
            x,
            || Text::new("未填写所属行业", "industry not given"),
            || {
                let l = list();
                Text::new(
                    format!("请选择所属行业小类；本市试点细分行业为：{}", l.zh),
                    format!("choose the 4-digit industry class; the pilot sub-industries are: {}", l.en),
                )
            },
            &["profile.industry"],
        );
    };
    let me = || describe_code(code);
    // Classify every 小类 at or below the code: a 小类 gives itself, a broad code all of its own.
    #[derive(Clone, Copy, PartialEq)]
    enum Leaf<'a> {
        Match(&'a SubIndustry, &'a str),
        Confirm(&'a SubIndustry, &'a str),
        Outside,
    }
    let classify = |leaf: &str| -> Leaf {
        for s in &p.sub_industries {
            if let Some(m) = s.codes.iter().find(|c| is_within(leaf, c)) {
                return Leaf::Match(s, m);
            }
        }
        for s in &p.sub_industries {
            if let Some(m) = s.confirm_codes.iter().find(|c| is_within(leaf, c)) {
                return Leaf::Confirm(s, m);
            }
        }
        Leaf::Outside
    };
    let leaves: Vec<Leaf> = catalogue().leaves_under(code).iter().map(|l| classify(&l.code)).collect();
    let all = |f: fn(&Leaf) -> bool| !leaves.is_empty() && leaves.iter().all(f);
    if all(|l| matches!(l, Leaf::Match(..))) {
        if let Some(Leaf::Match(s, m)) = leaves.first() {
            return pass(x, || {
                let me = me();
                Text::new(
                    format!("{me} 属于试点细分行业“{}”（{}）", s.name.zh, describe_code(m)),
                    format!("{me} is in the pilot sub-industry \"{}\" ({})", s.name.en, describe_code(m)),
                )
            });
        }
    }
    if all(|l| matches!(l, Leaf::Confirm(..))) {
        if let Some(Leaf::Confirm(s, m)) = leaves.first() {
            return unknown(
                x,
                || {
                    let (me, why) = (me(), s.confirm_reason.clone().unwrap_or_default());
                    Text::new(
                        format!("{me} 可能属于试点细分行业“{}”（{}）：{}", s.name.zh, describe_code(m), why.zh),
                        format!("{me} may belong to the pilot sub-industry \"{}\" ({}): {}", s.name.en, describe_code(m), why.en),
                    )
                },
                || Text::new("请向所在区县工信部门确认是否纳入该细分行业", "confirm with the district industry office whether it counts"),
                &[],
            );
        }
    }
    // A broad code holding pilot classes and others: the 小类 decides.
    if let Some((s, m)) = leaves.iter().find_map(|l| match l {
        Leaf::Match(s, m) | Leaf::Confirm(s, m) => Some((*s, *m)),
        Leaf::Outside => None,
    }) {
        return unknown(
            x,
            || {
                let me = me();
                Text::new(
                    format!("{me} 既包含试点细分行业“{}”（{}），也包含其他行业", s.name.zh, describe_code(m)),
                    format!("{me} holds the pilot sub-industry \"{}\" ({}) and other industries too", s.name.en, describe_code(m)),
                )
            },
            || Text::new("请选择到小类（4 位代码）", "pick the 4-digit class"),
            &["profile.industry"],
        );
    }
    fail(
        x,
        || {
            let me = me();
            Text::new(format!("{me} 不属于本市试点细分行业"), format!("{me} is not one of the pilot sub-industries"))
        },
        || {
            let l = list();
            Text::new(format!("所属行业须为：{}", l.zh), format!("the industry must be one of: {}", l.en))
        },
    )
}

/// How a report names a place: by the cities (and the districts a pack lists) of the programmes
/// in use, `rules`, else as [`Region::describe`] does.
pub(crate) fn place(r: &Region, rules: &[Programme]) -> Text {
    r.describe_in(rules.iter().map(|p| &p.city))
}

fn eval_in_city(p: &Programme, f: &Facts, rules: &[Programme]) -> Eval {
    let x = f.explain;
    let city = || Text::new(p.city.zh.clone(), p.city.en.clone());
    let need = || {
        let city = city();
        Text::new(format!("须在{}行政区域内依法生产经营", city.zh), format!("the enterprise must be registered and operate in {}", city.en))
    };
    if let Some(r) = &f.region {
        let d = || place(r, rules);
        return if r.code.starts_with(&p.city.code) {
            pass(x, || {
                let (d, city) = (d(), city());
                Text::new(format!("所在地{}位于{}", d.zh, city.zh), format!("located in {}, inside {}", d.en, city.en))
            })
        } else {
            fail(
                x,
                || {
                    let (d, city) = (d(), city());
                    Text::new(format!("所在地{}不在{}", d.zh, city.zh), format!("located in {}, outside {}", d.en, city.en))
                },
                need,
            )
        };
    }
    if let Some(r) = &f.uscc_region {
        let d = || place(r, rules);
        // Where a firm registered is a hint, not proof of where it operates (policy text:
        // "在本市行政区域内依法生产经营"); the district it operates in settles it.
        if r.code.starts_with(&p.city.code) {
            return registered_there(x, r, rules, need);
        }
        return unknown(
            x,
            || {
                let d = d();
                Text::new(
                    format!("统一社会信用代码显示登记机关在{}，未填写经营所在区县", d.zh),
                    format!("the credit code's registering authority is in {}; the operating district is not given", d.en),
                )
            },
            || {
                let need = need();
                Text::new(format!("请填写经营所在区县；{}", need.zh), format!("enter the operating district; {}", need.en))
            },
            &["profile.region"],
        );
    }
    unknown(
        x,
        || Text::new("未填写所在区县", "district not given"),
        || {
            let need = need();
            Text::new(
                format!("请填写所在区县或统一社会信用代码；{}", need.zh),
                format!("enter the district or the credit code; {}", need.en),
            )
        },
        &["profile.region"],
    )
}

/// Registered (by the credit code) where a criterion asks, the district not given: a hint, not
/// proof of where the firm operates, so unknown until the district is entered (docs/readings.md §3).
fn registered_there(x: Explain, r: &Region, rules: &[Programme], need: impl FnOnce() -> Text) -> Eval {
    unknown(
        x,
        || {
            let d = place(r, rules);
            Text::new(
                format!("统一社会信用代码显示在{}登记；请确认在该地生产经营", d.zh),
                format!("registered in {}; confirm you operate there", d.en),
            )
        },
        || {
            let need = need();
            Text::new(
                format!("请填写（确认）经营所在区县；{}", need.zh),
                format!("enter (confirm) the district where you operate; {}", need.en),
            )
        },
        &["profile.region"],
    )
}

fn eval_legal_person(profile: &Profile, f: &Facts) -> Eval {
    let x = f.explain;
    let sole_trader = f.uscc_entity.as_deref() == Some("92");
    match profile.independent_legal_person {
        // The credit code is an official record: 92 is a sole trader whatever the form says.
        Some(true) if sole_trader => fail(
            x,
            || {
                Text::new(
                "已填“具有独立法人资格”，但统一社会信用代码前两位 92 表示个体工商户，不具有法人资格；以登记信息为准",
                "entered as a legal person, but a credit code starting 92 is a sole trader (个体工商户), which is not a legal person; the registration counts",
            )
            },
            || {
                Text::new(
                    "须为具有独立法人资格的企业；请核对统一社会信用代码",
                    "must be an enterprise with independent legal-person status; check the credit code",
                )
            },
        ),
        Some(true) => pass(x, || Text::new("具有独立法人资格", "an independent legal person")),
        Some(false) => fail(
            x,
            || Text::new("不具有独立法人资格", "not an independent legal person"),
            || {
                Text::new(
                    "须为具有独立法人资格的企业（分支机构、个体工商户不可单独申报）",
                    "must be an enterprise with independent legal-person status (branches and sole traders cannot apply)",
                )
            },
        ),
        None if sole_trader => fail(
            x,
            || {
                Text::new(
                    "统一社会信用代码前两位 92 表示个体工商户，不具有法人资格",
                    "a credit code starting 92 is a sole trader (个体工商户), which is not a legal person",
                )
            },
            || Text::new("须为具有独立法人资格的企业", "must be an enterprise with independent legal-person status"),
        ),
        None => unknown(
            x,
            || Text::new("未说明是否具有独立法人资格", "legal-person status not given"),
            || Text::new("请说明是否具有独立法人资格", "say whether the enterprise is an independent legal person"),
            &["profile.independent_legal_person"],
        ),
    }
}

fn eval_credit(profile: &Profile, x: Explain) -> Eval {
    match profile.bad_credit_last_3_years {
        Some(false) => pass(x, || Text::new("近三年无不良信用记录", "no bad credit record in the last three years")),
        Some(true) => fail(
            x,
            || Text::new("近三年有不良信用记录", "a bad credit record in the last three years"),
            || {
                Text::new(
                    "须近三年无不良信用记录（记录满三年或依法修复后方可申报）",
                    "needs three years without a bad credit record (or the record lawfully repaired)",
                )
            },
        ),
        None => unknown(
            x,
            || Text::new("未说明近三年是否有不良信用记录", "credit history not given"),
            || {
                Text::new(
                    "请说明近三年是否有不良信用记录（可在“信用中国”查询）",
                    "say whether there is a bad credit record in the last three years (see 信用中国)",
                )
            },
            &["profile.bad_credit_last_3_years"],
        ),
    }
}

/// One criterion of `p` evaluated; places are named by the cities of `rules`, the programmes in
/// use ([`place`]).
pub(crate) fn eval_criterion(c: &Criterion, p: &Programme, rules: &[Programme], profile: &Profile, f: &Facts, date: Date) -> Eval {
    let ctx = cond::Ctx { programme: p, rules, profile, facts: f, date, project: None };
    match &c.cond {
        Some(e) => cond::eval(e, &ctx),
        // Every reader compiles the conditions; a programme read some other way says so.
        None => unknown(f.explain, || Text::new("条件未编译", "the condition was not compiled"), Text::default, &[]),
    }
}

/// A measure's condition (`when`) for a profile and a project; `None` when it has none.
pub(crate) fn eval_measure_condition(
    m: &crate::rules::Measure,
    p: &Programme,
    profile: &Profile,
    f: &Facts,
    date: Date,
    project: &crate::input::Project,
) -> Option<Eval> {
    let ctx = cond::Ctx { programme: p, rules: std::slice::from_ref(p), profile, facts: f, date, project: Some(project) };
    m.cond.as_ref().map(|e| cond::eval(e, &ctx))
}

/// A programme's verdict from its criteria: any fail → not eligible; else any unknown → unknown.
pub(crate) fn verdict_of(outcomes: impl Iterator<Item = Outcome> + Clone) -> Verdict {
    if outcomes.clone().any(|o| o == Outcome::Fail) {
        Verdict::NotEligible
    } else if outcomes.into_iter().any(|o| o == Outcome::Unknown) {
        Verdict::Unknown
    } else {
        Verdict::Eligible
    }
}

/// One programme decided for a profile on a date: each criterion's evaluation and the verdict.
/// Both renderings come from it: the report's [`ProgrammeResult`] ([`ProgrammeEval::render`])
/// and the compact answer's outcomes ([`crate::outcomes`]).
pub(crate) struct ProgrammeEval<'a> {
    pub programme: &'a Programme,
    pub version: &'a crate::rules::RuleVersion,
    pub date: Date,
    pub criteria: Vec<Eval>,
    pub verdict: Verdict,
}

/// Evaluates one programme for a profile on a date, with sentences as `facts` asks; places are
/// named by the programme's own city.
pub(crate) fn evaluate<'a>(p: &'a Programme, profile: &Profile, facts: &Facts, date: Date) -> ProgrammeEval<'a> {
    evaluate_in(p, std::slice::from_ref(p), profile, facts, date)
}

/// [`evaluate`], places named by the cities of `rules`, the programmes in use.
fn evaluate_in<'a>(p: &'a Programme, rules: &[Programme], profile: &Profile, facts: &Facts, date: Date) -> ProgrammeEval<'a> {
    let version = p.version_on(date);
    let criteria: Vec<Eval> = version.criteria.iter().map(|c| eval_criterion(c, p, rules, profile, facts, date)).collect();
    let verdict = verdict_of(criteria.iter().map(|e| e.outcome));
    ProgrammeEval { programme: p, version, date, criteria, verdict }
}

/// Every enterprise programme of the bundle evaluated: what `check` reports on.
pub(crate) fn evaluate_all<'a>(
    bundle: &'a RuleBundle,
    profile: &'a Profile,
    facts: &'a Facts,
    date: Date,
) -> impl Iterator<Item = ProgrammeEval<'a>> {
    let rules = &bundle.programmes;
    rules.iter().filter(|p| p.audience == Audience::Enterprise).map(move |p| evaluate_in(p, rules, profile, facts, date))
}

impl ProgrammeEval<'_> {
    /// The programme's part of the report, in `lang` (evaluated with explanations).
    pub(crate) fn render(self, lang: Lang) -> ProgrammeResult {
        let (p, version, date) = (self.programme, self.version, self.date);
        let mut criteria = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        for (c, e) in version.criteria.iter().zip(self.criteria) {
            for m in &e.missing {
                if !missing.contains(m) {
                    missing.push(m.clone());
                }
            }
            criteria.push(CriterionResult {
                id: c.id.clone(),
                kind: c.kind(),
                title: c.title.get(lang).to_string(),
                outcome: e.outcome,
                reason: e.reason.get(lang).to_string(),
                to_change: e.to_change.map(|t| t.get(lang).to_string()),
                missing: e.missing,
                source: p.cite(&c.source),
                clause: c.source.clause.clone(),
                quote: c.source.quote.clone(),
            });
        }
        ProgrammeResult {
            id: p.id.clone(),
            city: match lang {
                Lang::Zh => p.city.zh.clone(),
                Lang::En => p.city.en.clone(),
            },
            title: p.title.get(lang).to_string(),
            document: p.citation(),
            draft: p.draft,
            status: p.status_on(date),
            status_text: status_text(p, date).get(lang).to_string(),
            valid_from: p.valid_from,
            valid_until: p.valid_until,
            rules_version: version.id.clone(),
            verdict: self.verdict,
            verdict_text: self.verdict.name().get(lang).to_string(),
            criteria,
            not_stated: version.not_stated.iter().map(|n| n.text.get(lang).to_string()).collect(),
            missing,
            notes: p
                .notes
                .iter()
                .map(|n| NoteOut {
                    id: n.id.clone(),
                    text: n.text.get(lang).to_string(),
                    source: p.cite(&n.source),
                    quote: n.source.quote.clone(),
                })
                .collect(),
        }
    }
}

/// Evaluates every enterprise programme. `today` is used when the input gives no `as_of`.
pub fn check(input: &CheckInput, bundle: &RuleBundle, today: Date, lang: Lang) -> CheckReport {
    let as_of = input.as_of.unwrap_or(today);
    let profile = &input.profile;
    let facts = Facts::of(profile, Explain::Yes);
    let mut notices: Vec<String> = input.notices.iter().map(|t| t.get(lang).to_string()).collect();
    let rules = &bundle.programmes;
    if let (Some(r), Some(u)) = (&facts.region, &facts.uscc_region) {
        let (rc, uc) = (r.code.get(0..4), u.code.get(0..4));
        if u.city.is_some() && rc != uc {
            let (u, r) = (place(u, rules), place(r, rules));
            let n = Text::new(
                format!("统一社会信用代码的登记机关在{}，与所填所在地{}不同；以实际生产经营地为准", u.zh, r.zh),
                format!(
                    "the credit code's registering authority is in {}, not in {} as entered; the place of operation counts",
                    u.en, r.en
                ),
            );
            notices.push(n.get(lang).to_string());
        }
    }
    let programmes = evaluate_all(bundle, profile, &facts, as_of).map(|e| e.render(lang)).collect();
    CheckReport {
        as_of,
        lang,
        profile: profile.clone(),
        industry: profile.industry.as_deref().and_then(|c| catalogue().get(c)).map(|i| IndustryOut {
            code: i.code.clone(),
            name: i.name.clone(),
            path: catalogue().path_text(&i.code),
        }),
        region: facts.region.as_ref().map(|r| place(r, rules).get(lang).to_string()),
        sme: sme::render(&facts.sme, lang),
        programmes,
        notices,
        rules: RulesInfo { origin: bundle.origin.clone(), hash: bundle.hash.clone() },
        disclaimer: disclaimer().get(lang).to_string(),
    }
}

impl CheckReport {
    /// True when answering criteria of these kinds could still change some programme's verdict:
    /// a programme asks them and fails nothing else. Lets a form skip questions that cannot
    /// change any result (e.g. legal status and credit once Fuzhou already fails on location).
    ///
    /// ```
    /// use shuzhuan_policy::{check_json, rules::CriterionKind, Date, Lang, RuleBundle};
    /// let today = Date::new(2025, 6, 30).unwrap();
    /// let legal = [CriterionKind::IndependentLegalPerson, CriterionKind::NoBadCredit];
    /// let in_fuzhou = check_json(r#"{"profile": {"industry": "3670", "region": "350104"}}"#, RuleBundle::embedded(), today, Lang::Zh).unwrap();
    /// assert!(in_fuzhou.could_change(&legal));
    /// let in_xiamen = check_json(r#"{"profile": {"industry": "3670", "region": "350203"}}"#, RuleBundle::embedded(), today, Lang::Zh).unwrap();
    /// assert!(!in_xiamen.could_change(&legal)); // Fuzhou already fails on location
    /// ```
    pub fn could_change(&self, kinds: &[CriterionKind]) -> bool {
        self.programmes.iter().any(|p| {
            let asks = p.criteria.iter().any(|c| kinds.contains(&c.kind));
            let other_fail = p.criteria.iter().any(|c| c.outcome == Outcome::Fail && !kinds.contains(&c.kind));
            asks && !other_fail
        })
    }
}

/// Parses `check` JSON and evaluates it: the whole contract in one call. A place's name is read
/// by the bundle's cities too ([`crate::input::parse_check_input_in`]).
pub fn check_json(text: &str, bundle: &RuleBundle, today: Date, lang: Lang) -> Result<CheckReport, InputErrors> {
    let input = parse_check_input_in(text, &bundle.programmes)?;
    Ok(check(&input, bundle, today, lang))
}

/// How one programme's sub-industries treat an industry code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeFit {
    pub programme: String,
    pub outcome: Outcome,
    pub reason: String,
}

/// An industry code mapped to its SME-size category and to every programme's sub-industries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndustryFit {
    pub code: String,
    pub name: String,
    pub path: String,
    pub size_category: crate::sme::SizeCategory,
    pub programmes: Vec<ProgrammeFit>,
}

/// Maps a GB/T 4754-2017 code (any level, as users type it) to its size category and to each
/// programme's pilot sub-industries: pass (in one), unknown (confirm with the office, or pick
/// the 小类), fail (in none). `None` for a code not in the catalogue.
///
/// ```
/// use shuzhuan_policy::{eval::{industry_fit, Outcome}, Lang, RuleBundle};
/// let fit = industry_fit("3985", RuleBundle::embedded(), Lang::Zh).unwrap(); // 电子专用材料制造
/// let jinhua = fit.programmes.iter().find(|p| p.programme == "jinhua-2024").unwrap();
/// assert_eq!(jinhua.outcome, Outcome::Pass); // 磁性材料
/// let fuzhou = fit.programmes.iter().find(|p| p.programme == "fuzhou-2024").unwrap();
/// assert_eq!(fuzhou.outcome, Outcome::Unknown); // 398 is 配套: confirm with the district office
/// ```
pub fn industry_fit(code: &str, bundle: &RuleBundle, lang: Lang) -> Option<IndustryFit> {
    let ind = catalogue().lookup(code).ok()?;
    let profile = Profile { industry: Some(ind.code.clone()), ..Profile::default() };
    let programmes = bundle
        .programmes
        .iter()
        .filter(|p| p.audience == Audience::Enterprise && !p.sub_industries.is_empty())
        .map(|p| {
            let e = eval_sub_industry(p, &profile, Explain::Yes);
            ProgrammeFit { programme: p.id.clone(), outcome: e.outcome, reason: e.reason.get(lang).to_string() }
        })
        .collect();
    Some(IndustryFit {
        code: ind.code.clone(),
        name: ind.name.clone(),
        path: catalogue().path_text(&ind.code),
        size_category: crate::sme::category_of(&ind.code),
        programmes,
    })
}

/// One line of the programme list (`shuzhuan programmes`, the npm package's `programmes()`).
#[derive(Serialize)]
pub struct ProgrammeLine {
    pub id: String,
    pub city: String,
    pub title: String,
    pub document: String,
    pub audience: Audience,
    pub draft: bool,
    pub issued: Option<Date>,
    pub valid_from: Date,
    pub valid_until: Date,
    pub status: Status,
    pub status_text: String,
    pub as_of: Date,
}

/// Every programme of `b` with its status on `date`.
pub fn programme_list(b: &RuleBundle, date: Date, lang: Lang) -> Vec<ProgrammeLine> {
    b.programmes
        .iter()
        .map(|p| ProgrammeLine {
            id: p.id.clone(),
            city: p.city.zh.clone(),
            title: p.title.get(lang).to_string(),
            document: p.citation(),
            audience: p.audience,
            draft: p.draft,
            issued: p.issued,
            valid_from: p.valid_from,
            valid_until: p.valid_until,
            status: p.status_on(date),
            status_text: status_text(p, date).get(lang).to_string(),
            as_of: date,
        })
        .collect()
}

/// The enterprise programmes a batch screen of `date` starts with ticked (the reviewers' page):
/// those in force on the date; when none is, the ones whose window ended most recently before
/// it (the latest `valid_until`, so a reviewer after every seed programme has expired still starts
/// from the last one); when none has started yet, the ones that start first. In the bundle's order.
pub fn default_programmes(b: &RuleBundle, date: Date) -> Vec<String> {
    let enterprise = || b.programmes.iter().filter(|p| p.audience == Audience::Enterprise);
    let ids = |keep: &dyn Fn(&Programme) -> bool| enterprise().filter(|p| keep(p)).map(|p| p.id.clone()).collect::<Vec<_>>();
    let in_force = ids(&|p| p.status_on(date) == Status::InForce);
    if !in_force.is_empty() {
        return in_force;
    }
    if let Some(last) = enterprise().map(|p| p.valid_until).filter(|d| *d < date).max() {
        return ids(&|p| p.valid_until == last);
    }
    match enterprise().map(|p| p.valid_from).min() {
        Some(first) => ids(&|p| p.valid_from == first),
        None => Vec::new(),
    }
}

/// How many programmes of a report have each verdict, and how many had expired on its date: the
/// line the results open with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub programmes: usize,
    pub eligible: usize,
    pub unknown: usize,
    pub not_eligible: usize,
    pub expired: usize,
}

/// The report's programmes split for showing: those of the enterprise's own city first, the
/// others after. `own` holds every programme (and `others` none) when the place is not known or
/// no programme is its city's.
#[derive(Clone, Debug, PartialEq)]
pub struct ByCity<'a> {
    pub own: Vec<&'a ProgrammeResult>,
    pub others: Vec<&'a ProgrammeResult>,
    /// How the place is named, when it is known: the programme's city name, else the division.
    pub place: Option<Text>,
    /// Whether the place is known and some programme is its city's.
    pub has_own: bool,
}

impl CheckReport {
    /// Counts of the verdicts and of the programmes expired on the date.
    ///
    /// ```
    /// use shuzhuan_policy::{check, input::parse_check_input, Date, Lang, RuleBundle};
    /// let b = RuleBundle::embedded();
    /// let i = parse_check_input(r#"{"profile": {}}"#).unwrap();
    /// let t = check(&i, &b, Date::new(2026, 12, 3).unwrap(), Lang::Zh).tally();
    /// assert_eq!((t.programmes, t.expired, t.eligible), (4, 4, 0));
    /// ```
    pub fn tally(&self) -> Tally {
        let count = |f: &dyn Fn(&ProgrammeResult) -> bool| self.programmes.iter().filter(|p| f(p)).count();
        Tally {
            programmes: self.programmes.len(),
            eligible: count(&|p| p.verdict == Verdict::Eligible),
            unknown: count(&|p| p.verdict == Verdict::Unknown),
            not_eligible: count(&|p| p.verdict == Verdict::NotEligible),
            expired: count(&|p| p.status == Status::Expired),
        }
    }

    /// The programmes of the city the enterprise is in first. The place is the district typed
    /// (a 6-digit code or a name), else the registering authority's division of a valid credit
    /// code (a hint, as in the `in_city` criterion; only for ordering here).
    ///
    /// ```
    /// use shuzhuan_policy::{check, input::parse_check_input, Date, Lang, RuleBundle};
    /// let b = RuleBundle::embedded();
    /// let r = check(&parse_check_input(r#"{"profile": {}}"#).unwrap(), &b, Date::new(2025, 6, 30).unwrap(), Lang::Zh);
    /// let xm = r.by_city(&b, "思明区", "");
    /// assert_eq!(xm.own.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["xiamen-2024"]);
    /// assert_eq!((xm.others.len(), xm.has_own, xm.place.unwrap().zh), (3, true, "厦门市".to_string()));
    /// // From the credit code's registering authority (福州市) when no district is typed.
    /// assert_eq!(r.by_city(&b, "", "91350100M000100Y43").own[0].id, "fuzhou-2024");
    /// // Beijing: no programme of its own, all shown, the place named.
    /// let bj = r.by_city(&b, "110101", "");
    /// assert_eq!((bj.own.len(), bj.has_own, bj.place.unwrap().en), (4, false, "Beijing (110101)".to_string()));
    /// assert_eq!(r.by_city(&b, "", "").place, None);
    /// ```
    pub fn by_city<'a>(&'a self, bundle: &RuleBundle, region: &str, uscc: &str) -> ByCity<'a> {
        let all = || ByCity { own: self.programmes.iter().collect(), others: Vec::new(), place: None, has_own: false };
        let Some(place) = parse_region(region).ok().or_else(|| parse_uscc(uscc).ok()?.region) else { return all() };
        let Some(code4) = place.code.get(..4) else { return all() };
        let city_of = |p: &ProgrammeResult| bundle.get(&p.id).map(|x| x.city.clone()).filter(|c| c.code == code4);
        let name = self
            .programmes
            .iter()
            .find_map(city_of)
            .map(|c| Text::new(c.zh, c.en))
            .unwrap_or_else(|| self::place(&place, &bundle.programmes));
        let (own, others): (Vec<_>, Vec<_>) = self.programmes.iter().partition(|p| city_of(p).is_some());
        if own.is_empty() {
            return ByCity { place: Some(name), ..all() };
        }
        ByCity { own, others, place: Some(name), has_own: true }
    }
}
