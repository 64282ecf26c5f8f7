//! SME size (企业划型) by 《中小企业划型标准规定》(工信部联企业〔2011〕300号), with the GB/T 4754-2017
//! scopes of the National Bureau of Statistics' 《统计上大中小微型企业划分办法（2017）》.
//!
//! Each indicator gets its own band; the firm's class is the lowest band ("大型、中型和小型企业
//! 须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可"). With an indicator
//! missing the core reasons with what is known and names a missing figure only when it matters.

use crate::catalogue::catalogue;
use crate::input::Profile;
use crate::text::{Explain, Lang, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The standard's document number, cited by every SME reason.
pub const STANDARD: &str = "工信部联企业〔2011〕300号";

/// The 16 size categories (行业划型类别) of the standard, plus the two answers when none applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeCategory {
    Agriculture,
    Industry,
    Construction,
    Wholesale,
    Retail,
    Transport,
    Warehousing,
    Postal,
    Accommodation,
    Catering,
    InformationTransmission,
    SoftwareIt,
    RealEstateDevelopment,
    PropertyManagement,
    LeasingBusinessServices,
    Other,
    /// No industry given, or a code too broad to place (e.g. 门类 F holds wholesale and retail).
    Unknown,
    /// Outside the standard's scope (finance, railway, education, health, public administration…).
    NotCovered,
}

/// A size indicator (划型指标).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// X 从业人员 (persons).
    Employees,
    /// Y 营业收入 (万元).
    Revenue,
    /// Z 资产总额 (万元).
    TotalAssets,
}

impl Indicator {
    /// The `profile` field that holds it.
    pub fn field(self) -> &'static str {
        match self {
            Indicator::Employees => "profile.employees",
            Indicator::Revenue => "profile.revenue_yuan",
            Indicator::TotalAssets => "profile.total_assets_yuan",
        }
    }
    pub fn label(self) -> Text {
        match self {
            Indicator::Employees => Text::new("从业人员", "staff"),
            Indicator::Revenue => Text::new("营业收入", "revenue"),
            Indicator::TotalAssets => Text::new("资产总额", "total assets"),
        }
    }
    fn unit(self) -> Text {
        match self {
            Indicator::Employees => Text::new("人", " persons"),
            _ => Text::new("万元", "万元 (10k yuan)"),
        }
    }
}

/// A size class (企业规模). Ordered from smallest to largest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmeClass {
    Unknown,
    Micro,
    Small,
    Medium,
    Large,
}

impl SmeClass {
    /// The JSON name (`micro`, `small`, …), as the report serialises it.
    pub fn key(self) -> &'static str {
        match self {
            SmeClass::Unknown => "unknown",
            SmeClass::Micro => "micro",
            SmeClass::Small => "small",
            SmeClass::Medium => "medium",
            SmeClass::Large => "large",
        }
    }

    pub fn name(self) -> Text {
        match self {
            SmeClass::Large => Text::new("大型企业", "large enterprise"),
            SmeClass::Medium => Text::new("中型企业", "medium enterprise"),
            SmeClass::Small => Text::new("小型企业", "small enterprise"),
            SmeClass::Micro => Text::new("微型企业", "micro enterprise"),
            SmeClass::Unknown => Text::new("规模未定", "size not determined"),
        }
    }
}

/// A three-way answer: yes, no, or unknown until a figure is supplied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

impl Tri {
    /// The JSON name (`yes`, `no`, `unknown`), as the report serialises it.
    pub fn key(self) -> &'static str {
        match self {
            Tri::Yes => "yes",
            Tri::No => "no",
            Tri::Unknown => "unknown",
        }
    }
}

/// One row of the standard: the indicators a category uses and their lower bounds for
/// large, medium and small (persons, or 万元), and the clause of 第四条 it comes from.
pub struct SizeRule {
    pub category: SizeCategory,
    pub name: (&'static str, &'static str),
    pub clause: &'static str,
    pub bounds: &'static [(Indicator, [u32; 3])],
}

use Indicator::{Employees as X, Revenue as Y, TotalAssets as Z};

/// The standard's table (docs/readings.md §1), in the order of 第四条.
pub const SIZE_RULES: &[SizeRule] = &[
    SizeRule {
        category: SizeCategory::Agriculture,
        name: ("农、林、牧、渔业", "agriculture, forestry, animal husbandry, fishery"),
        clause: "第四条（一）",
        bounds: &[(Y, [20000, 500, 50])],
    },
    SizeRule {
        category: SizeCategory::Industry,
        name: ("工业", "industry"),
        clause: "第四条（二）",
        bounds: &[(X, [1000, 300, 20]), (Y, [40000, 2000, 300])],
    },
    SizeRule {
        category: SizeCategory::Construction,
        name: ("建筑业", "construction"),
        clause: "第四条（三）",
        bounds: &[(Y, [80000, 6000, 300]), (Z, [80000, 5000, 300])],
    },
    SizeRule {
        category: SizeCategory::Wholesale,
        name: ("批发业", "wholesale"),
        clause: "第四条（四）",
        bounds: &[(X, [200, 20, 5]), (Y, [40000, 5000, 1000])],
    },
    SizeRule {
        category: SizeCategory::Retail,
        name: ("零售业", "retail"),
        clause: "第四条（五）",
        bounds: &[(X, [300, 50, 10]), (Y, [20000, 500, 100])],
    },
    SizeRule {
        category: SizeCategory::Transport,
        name: ("交通运输业", "transport"),
        clause: "第四条（六）",
        bounds: &[(X, [1000, 300, 20]), (Y, [30000, 3000, 200])],
    },
    SizeRule {
        category: SizeCategory::Warehousing,
        name: ("仓储业", "warehousing"),
        clause: "第四条（七）",
        bounds: &[(X, [200, 100, 20]), (Y, [30000, 1000, 100])],
    },
    SizeRule {
        category: SizeCategory::Postal,
        name: ("邮政业", "postal services"),
        clause: "第四条（八）",
        bounds: &[(X, [1000, 300, 20]), (Y, [30000, 2000, 100])],
    },
    SizeRule {
        category: SizeCategory::Accommodation,
        name: ("住宿业", "accommodation"),
        clause: "第四条（九）",
        bounds: &[(X, [300, 100, 10]), (Y, [10000, 2000, 100])],
    },
    SizeRule {
        category: SizeCategory::Catering,
        name: ("餐饮业", "catering"),
        clause: "第四条（十）",
        bounds: &[(X, [300, 100, 10]), (Y, [10000, 2000, 100])],
    },
    SizeRule {
        category: SizeCategory::InformationTransmission,
        name: ("信息传输业", "information transmission"),
        clause: "第四条（十一）",
        bounds: &[(X, [2000, 100, 10]), (Y, [100000, 1000, 100])],
    },
    SizeRule {
        category: SizeCategory::SoftwareIt,
        name: ("软件和信息技术服务业", "software and IT services"),
        clause: "第四条（十二）",
        bounds: &[(X, [300, 100, 10]), (Y, [10000, 1000, 50])],
    },
    SizeRule {
        category: SizeCategory::RealEstateDevelopment,
        name: ("房地产开发经营", "real-estate development"),
        clause: "第四条（十三）",
        bounds: &[(Y, [200000, 1000, 100]), (Z, [10000, 5000, 2000])],
    },
    SizeRule {
        category: SizeCategory::PropertyManagement,
        name: ("物业管理", "property management"),
        clause: "第四条（十四）",
        bounds: &[(X, [1000, 300, 100]), (Y, [5000, 1000, 500])],
    },
    SizeRule {
        category: SizeCategory::LeasingBusinessServices,
        name: ("租赁和商务服务业", "leasing and business services"),
        clause: "第四条（十五）",
        bounds: &[(X, [300, 100, 10]), (Z, [120000, 8000, 100])],
    },
    SizeRule {
        category: SizeCategory::Other,
        name: ("其他未列明行业", "other industries not listed"),
        clause: "第四条（十六）",
        bounds: &[(X, [300, 100, 10])],
    },
];

/// The rule row for a category (none for `Unknown` / `NotCovered`).
pub fn rule_for(category: SizeCategory) -> Option<&'static SizeRule> {
    SIZE_RULES.iter().find(|r| r.category == category)
}

/// Category of one 小类 (4-digit code), by the scopes of docs/readings.md §1.
fn category_of_leaf(code: &str) -> SizeCategory {
    use SizeCategory::*;
    let section = catalogue().section_of(code).map(|s| s.code.as_str()).unwrap_or("");
    let da: u32 = code.get(0..2).and_then(|s| s.parse().ok()).unwrap_or(0);
    match section {
        "A" => Agriculture,
        "B" | "C" | "D" => Industry,
        "E" => Construction,
        "L" => LeasingBusinessServices,
        "M" | "N" | "O" | "R" => Other,
        _ => match da {
            51 => Wholesale,
            52 => Retail,
            // 大类 59 holds both: 591 装卸搬运 is transport, 592–599 are warehousing (the
            // Statistics Bureau's scopes for the 2017 catalogue; docs/readings.md §1).
            54..=58 => Transport,
            59 if code.starts_with("591") => Transport,
            59 => Warehousing,
            60 => Postal,
            61 => Accommodation,
            62 => Catering,
            63 | 64 => InformationTransmission,
            65 => SoftwareIt,
            70 => match code.get(0..3) {
                Some("701") => RealEstateDevelopment,
                Some("702") => PropertyManagement,
                Some("703") | Some("709") => Other,
                _ => NotCovered, // 704 房地产租赁经营 (自有房地产经营活动) is outside the standard
            },
            85 => Other,     // 社会工作
            _ => NotCovered, // 53 railway, J finance, P education, 84 health, S, T
        },
    }
}

/// The size category of a GB/T 4754-2017 code at any level. A code whose 小类 fall in
/// different categories (门类 F, G, K…) gives `Unknown`: the user must pick a finer code.
///
/// ```
/// use shuzhuan_policy::sme::{category_of, SizeCategory};
/// assert_eq!(category_of("3973"), SizeCategory::Industry);
/// assert_eq!(category_of("C"), SizeCategory::Industry);
/// assert_eq!(category_of("7020"), SizeCategory::PropertyManagement);
/// assert_eq!(category_of("F"), SizeCategory::Unknown);
/// assert_eq!(category_of("6621"), SizeCategory::NotCovered); // 商业银行服务: finance is outside the standard
/// ```
pub fn category_of(code: &str) -> SizeCategory {
    let cat = catalogue();
    if cat.get(code).is_none() {
        return SizeCategory::Unknown;
    }
    let mut found: Option<SizeCategory> = None;
    for leaf in cat.leaves_under(code) {
        let c = category_of_leaf(&leaf.code);
        match found {
            None => found = Some(c),
            Some(f) if f == c => {}
            Some(_) => return SizeCategory::Unknown,
        }
    }
    found.unwrap_or(SizeCategory::Unknown)
}

/// An indicator's value, band and the bounds that decided it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorBand {
    pub indicator: Indicator,
    /// Persons, or 万元 for money.
    pub value: Option<Decimal>,
    pub band: SmeClass,
    /// Lower bounds for large, medium, small.
    pub bounds: [u32; 3],
    pub explanation: String,
}

/// The SME part of a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SmeAssessment {
    pub category: SizeCategory,
    pub category_name: String,
    pub class: SmeClass,
    /// When the class is unknown, the largest it can be from the figures known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class_at_most: Option<SmeClass>,
    pub is_sme: Tri,
    pub above_designated_size: Tri,
    pub above_designated_size_basis: String,
    pub reasons: Vec<String>,
    /// What would change a "no" or "unknown" (e.g. `从业人员 < 1000 人 或 营业收入 < 40000 万元 即属中小企业`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_change: Option<String>,
    /// Fields whose absence leaves `is_sme` unknown.
    pub missing: Vec<String>,
    /// Fields whose absence leaves only the exact class unknown.
    pub missing_for_class: Vec<String>,
    pub indicators: Vec<IndicatorBand>,
    pub source: String,
}

/// Internal result, language-free.
pub(crate) struct SmeFacts {
    pub category: SizeCategory,
    pub class: SmeClass,
    pub class_at_most: Option<SmeClass>,
    pub is_sme: Tri,
    pub gs: Tri,
    pub gs_basis: Text,
    pub reasons: Vec<Text>,
    pub to_change: Option<Text>,
    pub missing: Vec<&'static str>,
    pub missing_for_class: Vec<&'static str>,
    pub indicators: Vec<BandFact>,
    pub clause: String,
}

/// An indicator, its value (persons or 万元), its band, the bounds and the sentence.
pub(crate) type BandFact = (Indicator, Option<Decimal>, SmeClass, [u32; 3], Text);

fn value_of(p: &Profile, ind: Indicator) -> Option<Decimal> {
    let wan = Decimal::from(10_000);
    match ind {
        Indicator::Employees => p.employees.map(Decimal::from),
        Indicator::Revenue => p.revenue_yuan.map(|y| y / wan),
        Indicator::TotalAssets => p.total_assets_yuan.map(|y| y / wan),
    }
}

fn band(v: Decimal, b: [u32; 3]) -> SmeClass {
    if v >= Decimal::from(b[0]) {
        SmeClass::Large
    } else if v >= Decimal::from(b[1]) {
        SmeClass::Medium
    } else if v >= Decimal::from(b[2]) {
        SmeClass::Small
    } else {
        SmeClass::Micro
    }
}

fn fmt_value(v: Decimal) -> String {
    v.round_dp(4).normalize().to_string()
}

/// The sentence "X < a 或 Y < b 即属中小企业" for a category's large bounds.
fn large_escape(rule: &SizeRule) -> Text {
    let zh: Vec<String> = rule.bounds.iter().map(|(ind, b)| format!("{} < {} {}", ind.label().zh, b[0], ind.unit().zh)).collect();
    let en: Vec<String> = rule.bounds.iter().map(|(ind, b)| format!("{} < {}{}", ind.label().en, b[0], ind.unit().en)).collect();
    Text::new(format!("{} 即属中小企业", zh.join(" 或 ")), format!("{} makes it an SME", en.join(" or ")))
}

/// The class, the largest class still possible, and the SME answer, from the lowest band known
/// and whether every indicator is known ("微型企业只须满足所列指标中的一项即可": one micro band
/// settles it).
fn decide(all_known: bool, min_known: Option<SmeClass>) -> (SmeClass, Option<SmeClass>, Tri) {
    let (class, class_at_most) = match (all_known, min_known) {
        (true, Some(m)) => (m, None),
        (false, Some(SmeClass::Micro)) => (SmeClass::Micro, None),
        (_, m) => (SmeClass::Unknown, m),
    };
    let is_sme = match (class, class_at_most) {
        (SmeClass::Large, _) => Tri::No,
        (SmeClass::Unknown, Some(m)) if m <= SmeClass::Medium => Tri::Yes,
        (SmeClass::Unknown, _) => Tri::Unknown,
        _ => Tri::Yes,
    };
    (class, class_at_most, is_sme)
}

/// Class, SME answer and 规上 answer without the sentences, for a category with a size rule
/// (`None` otherwise): what [`facts`] decides, at a fraction of the cost (the batch screener
/// needs the sentences only when the answer is not "SME").
pub(crate) fn quick(category: SizeCategory, p: &Profile) -> Option<(SmeClass, Tri, Tri)> {
    let rule = rule_for(category)?;
    let mut min_known: Option<SmeClass> = None;
    let mut all_known = true;
    for (ind, b) in rule.bounds {
        match value_of(p, *ind) {
            Some(v) => {
                let bd = band(v, *b);
                min_known = Some(min_known.map_or(bd, |m| m.min(bd)));
            }
            None => all_known = false,
        }
    }
    let (class, _, is_sme) = decide(all_known, min_known);
    Some((class, is_sme, above_designated(category, p, Explain::No).0))
}

fn assess_with(rule: &SizeRule, p: &Profile, x: Explain) -> SmeFacts {
    let mut indicators = Vec::new();
    let mut min_known: Option<SmeClass> = None;
    let mut missing_inds = Vec::new();
    for (ind, b) in rule.bounds {
        let v = value_of(p, *ind);
        let (l, u) = if x.yes() { (ind.label(), ind.unit()) } else { Default::default() };
        match v {
            Some(v) => {
                let bd = band(v, *b);
                min_known = Some(min_known.map_or(bd, |m| m.min(bd)));
                let expl = x.text(|| {
                    let nm = bd.name();
                    Text::new(
                        format!(
                            "{} {} {}：大型 ≥ {}、中型 ≥ {}、小型 ≥ {} → {}档",
                            l.zh,
                            fmt_value(v),
                            u.zh,
                            b[0],
                            b[1],
                            b[2],
                            nm.zh.trim_end_matches("企业")
                        ),
                        format!(
                            "{} {}{}: large ≥ {}, medium ≥ {}, small ≥ {} → {} band",
                            l.en,
                            fmt_value(v),
                            u.en,
                            b[0],
                            b[1],
                            b[2],
                            nm.en.trim_end_matches(" enterprise")
                        ),
                    )
                });
                indicators.push((*ind, Some(v), bd, *b, expl));
            }
            None => {
                missing_inds.push(*ind);
                let expl = x.text(|| Text::new(format!("{}未填写", l.zh), format!("{} not given", l.en)));
                indicators.push((*ind, None, SmeClass::Unknown, *b, expl));
            }
        }
    }
    let rule_text = || {
        Text::new(
            "按“大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可”，取各指标所在档中最低者",
            "large, medium and small must meet every listed lower bound, otherwise the firm drops a class; micro needs only one indicator: the class is the lowest band of the indicators",
        )
    };
    // Without explanations no sentence is pushed: `reasons` stays empty.
    let mut reasons: Vec<Text> = if x.yes() { indicators.iter().map(|i| i.4.clone()).collect() } else { Vec::new() };
    let mut say = |t: &dyn Fn() -> Text| {
        if x.yes() {
            reasons.push(t());
        }
    };
    let (class, class_at_most, is_sme) = decide(missing_inds.is_empty(), min_known);
    let name = |c: SmeClass| c.name();
    let missing_labels = |inds: &[Indicator]| -> Text {
        Text::new(
            inds.iter().map(|i| i.label().zh).collect::<Vec<_>>().join("、"),
            inds.iter().map(|i| i.label().en).collect::<Vec<_>>().join(" and "),
        )
    };
    let escape = || large_escape(rule);
    let mut to_change = None;
    let mut missing = Vec::new();
    let mut missing_for_class = Vec::new();
    match (class, is_sme) {
        (SmeClass::Unknown, Tri::Yes) => {
            say(&|| {
                let m = missing_labels(&missing_inds);
                let most = name(class_at_most.unwrap_or(SmeClass::Medium));
                Text::new(
                    format!("已知指标已低于大型企业标准，可确定属于中小企业（至多为{}）；确切类型还需{}", most.zh, m.zh),
                    format!("a known figure is already below the large-enterprise bound, so it is an SME (at most a {}); the exact class also needs {}", most.en, m.en),
                )
            });
            missing_for_class = missing_inds.iter().map(|i| i.field()).collect();
        }
        (SmeClass::Unknown, _) => {
            say(&|| {
                let (m, escape) = (missing_labels(&missing_inds), escape());
                Text::new(
                    format!("缺少{}，无法判定是否属于中小企业（{}）", m.zh, escape.zh),
                    format!("{} missing, so SME status cannot be decided ({})", m.en, escape.en),
                )
            });
            to_change = Some(x.text(|| {
                let (m, escape) = (missing_labels(&missing_inds), escape());
                Text::new(format!("请填写{}：{}", m.zh, escape.zh), format!("enter {}: {}", m.en, escape.en))
            }));
            missing = missing_inds.iter().map(|i| i.field()).collect();
        }
        (c, _) => {
            say(&|| {
                let r = rule_text();
                Text::new(format!("{}：{}", r.zh, name(c).zh), format!("{}: {}", r.en, name(c).en))
            });
            if c == SmeClass::Large {
                to_change = Some(x.text(escape));
            }
            if !missing_inds.is_empty() {
                say(&|| {
                    let m = missing_labels(&missing_inds);
                    Text::new(
                        format!("{}未填写，但已有指标处于微型档，不影响结论", m.zh),
                        format!("{} not given, but a known figure is in the micro band, which settles it", m.en),
                    )
                });
            }
        }
    }
    let (gs, gs_basis) = above_designated(rule.category, p, x);
    SmeFacts {
        category: rule.category,
        class,
        class_at_most: if class == SmeClass::Unknown { class_at_most } else { None },
        is_sme,
        gs,
        gs_basis,
        reasons,
        to_change,
        missing,
        missing_for_class,
        indicators,
        clause: if x.yes() { format!("{STANDARD} {}", rule.clause) } else { String::new() },
    }
}

/// The 规上工业 threshold: annual main-business revenue of 2000万元 (20 million yuan). Source: the
/// National Bureau of Statistics' scope of 规模以上工业企业 (年主营业务收入2000万元及以上的工业法人单位),
/// as recorded in docs/readings.md §1.
pub const ABOVE_DESIGNATED_REVENUE_YUAN: i64 = 20_000_000;

/// 规上工业企业: an industrial legal entity with main-business revenue ≥ 2000万元 a year. It is a
/// statistical registration, so a stated answer wins and revenue only estimates it.
fn above_designated(category: SizeCategory, p: &Profile, x: Explain) -> (Tri, Text) {
    if let Some(stated) = p.above_designated_size {
        let v = if stated { Tri::Yes } else { Tri::No };
        return (v, x.text(|| Text::new("企业自报", "stated by the enterprise")));
    }
    match category {
        SizeCategory::Industry => match p.revenue_yuan {
            Some(r) if r >= Decimal::from(ABOVE_DESIGNATED_REVENUE_YUAN) => (
                Tri::Yes,
                x.text(|| {
                    Text::new(
                        "按营业收入 ≥ 2000 万元估计（规上以统计部门认定为准）",
                        "estimated from revenue ≥ 20 million yuan (the statistics bureau's registration decides)",
                    )
                }),
            ),
            Some(_) => (
                Tri::No,
                x.text(|| {
                    Text::new(
                        "按营业收入 < 2000 万元估计（规上以统计部门认定为准）",
                        "estimated from revenue < 20 million yuan (the statistics bureau's registration decides)",
                    )
                }),
            ),
            None => (
                Tri::Unknown,
                x.text(|| Text::new("缺少营业收入，无法估计是否规上", "revenue missing, so 规上 status cannot be estimated")),
            ),
        },
        SizeCategory::Unknown => {
            (Tri::Unknown, x.text(|| Text::new("行业未定，无法判断是否规上工业企业", "industry unknown, so 规上 status cannot be judged")))
        }
        _ => (
            Tri::No,
            x.text(|| {
                Text::new(
                    "规上工业企业仅指工业（B、C、D 门类）企业",
                    "规上 (above designated size) here refers to industrial firms (sections B, C, D) only",
                )
            }),
        ),
    }
}

/// The firm's size facts; with [`Explain::No`] the same decisions without a sentence (`reasons`
/// empty, every `Text` empty).
pub(crate) fn facts(p: &Profile, x: Explain) -> SmeFacts {
    let category = p.industry.as_deref().map(category_of).unwrap_or(SizeCategory::Unknown);
    if let Some(rule) = rule_for(category) {
        return assess_with(rule, p, x);
    }
    let (gs, gs_basis) = above_designated(category, p, x);
    let mut f = SmeFacts {
        category,
        class: SmeClass::Unknown,
        class_at_most: None,
        is_sme: Tri::Unknown,
        gs,
        gs_basis,
        reasons: vec![],
        to_change: None,
        missing: vec![],
        missing_for_class: vec![],
        indicators: vec![],
        clause: if x.yes() { format!("{STANDARD} 第四条") } else { String::new() },
    };
    let say = |f: &mut SmeFacts, t: &dyn Fn() -> Text| {
        if x.yes() {
            f.reasons.push(t());
        }
    };
    if category == SizeCategory::NotCovered {
        say(&mut f, &|| {
            Text::new(
            "该行业不在《中小企业划型标准规定》适用范围内（如金融业、铁路运输、教育、卫生、公共管理），请按该行业的划型规定确认",
            "this industry is outside the SME standard's scope (e.g. finance, railway, education, health, public administration); confirm size under that industry's own rules",
        )
        });
        return f;
    }
    // A broad code (门类 F holds wholesale and retail) or none: the answer is still known when
    // every category it can be in agrees. A code counts only the categories of its own 小类.
    let candidates: Vec<SizeCategory> = match p.industry.as_deref() {
        Some(code) => {
            let mut cats: Vec<SizeCategory> = Vec::new();
            for leaf in catalogue().leaves_under(code) {
                let c = category_of_leaf(&leaf.code);
                if !cats.contains(&c) {
                    cats.push(c);
                }
            }
            cats
        }
        None => SIZE_RULES.iter().map(|r| r.category).collect(),
    };
    let rules: Vec<&SizeRule> = candidates.iter().filter_map(|c| rule_for(*c)).collect();
    let decidable = !rules.is_empty() && rules.len() == candidates.len();
    let each: Vec<SmeFacts> = if decidable { rules.iter().map(|r| assess_with(r, p, x)).collect() } else { vec![] };
    let agreed = each.first().map(|a| a.is_sme).filter(|first| *first != Tri::Unknown && each.iter().all(|a| a.is_sme == *first));
    let names =
        |zh: bool| rules.iter().map(|r| if zh { r.name.0 } else { r.name.1 }).collect::<Vec<_>>().join(if zh { "、" } else { ", " });
    match (agreed, p.industry.is_some()) {
        (Some(answer), true) => {
            f.is_sme = answer;
            let class = each[0].class;
            if each.iter().all(|a| a.class == class) {
                f.class = class;
            }
            let class = f.class;
            say(&mut f, &|| {
                let (zh, en) = (names(true), names(false));
                let class_name = match (class, answer) {
                    (SmeClass::Unknown, Tri::Yes) => Text::new("中小企业", "an SME"),
                    (SmeClass::Unknown, _) => Text::new("大型企业", "a large enterprise"),
                    (class, _) => class.name(),
                };
                Text::new(
                    format!("所选行业代码包含{zh}，按其中每一类的标准都属于{}", class_name.zh),
                    format!("the code chosen spans {en}; under each of their bounds it is {}", class_name.en),
                )
            });
            for a in &each {
                f.reasons.extend(a.reasons.iter().cloned());
            }
            if f.class == SmeClass::Unknown {
                f.missing_for_class.push("profile.industry");
            }
        }
        (Some(Tri::Yes), false) => {
            f.is_sme = Tri::Yes;
            say(&mut f, &|| {
                Text::new(
                    "行业未定，但按任一行业的标准所填指标均已低于大型企业标准，属于中小企业",
                    "industry not given, but under every industry's bounds the figures given are below the large-enterprise bound: an SME",
                )
            });
            f.missing_for_class.push("profile.industry");
        }
        _ => {
            let industry_given = p.industry.is_some();
            f.to_change = Some(
                x.text(|| Text::new("请选择所属行业（国民经济行业分类小类）", "choose the industry (a GB/T 4754-2017 4-digit class)")),
            );
            say(&mut f, &|| {
                if industry_given {
                    Text::new(
                        "行业代码过粗（如门类 F 同时包含批发业和零售业），各类标准得出的结论不同或取决于未填的数据，请选择更细的行业代码",
                        "the industry code is too broad (e.g. section F holds both wholesale and retail) and its categories' bounds disagree or need figures not given; pick a finer code",
                    )
                } else {
                    Text::new("缺少行业：划型标准按行业不同而不同", "industry missing: the size bounds differ by industry")
                }
            });
            f.missing.push("profile.industry");
        }
    }
    f
}

/// Classifies a firm: category, class, SME yes/no/unknown, 规上 estimate and the reasons.
///
/// ```
/// use shuzhuan_policy::{sme::{assess, SmeClass, Tri}, Lang, Profile};
/// use rust_decimal::Decimal;
/// let p = Profile { industry: Some("3973".into()), employees: Some(250),
///     revenue_yuan: Some(Decimal::from(500_000_000)), ..Profile::default() };
/// let a = assess(&p, Lang::Zh);
/// assert_eq!(a.class, SmeClass::Small); // 250 staff is the small band; the lowest band decides
/// assert_eq!(a.is_sme, Tri::Yes);
/// ```
pub fn assess(p: &Profile, lang: Lang) -> SmeAssessment {
    render(&facts(p, Explain::Yes), lang)
}

pub(crate) fn render(f: &SmeFacts, lang: Lang) -> SmeAssessment {
    let category_name = match rule_for(f.category) {
        Some(r) => match lang {
            Lang::Zh => r.name.0.to_string(),
            Lang::En => r.name.1.to_string(),
        },
        None => match (f.category, lang) {
            (SizeCategory::NotCovered, Lang::Zh) => "不适用划型标准的行业".into(),
            (SizeCategory::NotCovered, Lang::En) => "outside the standard's scope".into(),
            (_, Lang::Zh) => "行业未定".into(),
            (_, Lang::En) => "industry not determined".into(),
        },
    };
    SmeAssessment {
        category: f.category,
        category_name,
        class: f.class,
        class_at_most: f.class_at_most,
        is_sme: f.is_sme,
        above_designated_size: f.gs,
        above_designated_size_basis: f.gs_basis.get(lang).to_string(),
        reasons: f.reasons.iter().map(|r| r.get(lang).to_string()).collect(),
        to_change: f.to_change.as_ref().map(|t| t.get(lang).to_string()),
        missing: f.missing.iter().map(|s| s.to_string()).collect(),
        missing_for_class: f.missing_for_class.iter().map(|s| s.to_string()).collect(),
        indicators: f
            .indicators
            .iter()
            .map(|(ind, v, b, bounds, e)| IndicatorBand {
                indicator: *ind,
                value: *v,
                band: *b,
                bounds: *bounds,
                explanation: e.get(lang).to_string(),
            })
            .collect(),
        source: f.clause.clone(),
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn keys_are_the_json_names() {
        for c in [SmeClass::Unknown, SmeClass::Micro, SmeClass::Small, SmeClass::Medium, SmeClass::Large] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.key());
        }
        for t in [Tri::Yes, Tri::No, Tri::Unknown] {
            assert_eq!(serde_json::to_value(t).unwrap(), t.key());
        }
    }
}
