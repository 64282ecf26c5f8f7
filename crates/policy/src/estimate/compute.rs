//! One measure's amount, by formula kind: each kind is a function of its own, language-free
//! (sentences are [`Text`]s; the report picks the language).
//!
//! Arithmetic is checked: rule numbers are at most `bundle::MAX_RULE_AMOUNT` and inputs at most
//! `amount::MAX_YUAN`, so products stay far inside `Decimal`'s range, but a product that would
//! not fit is reported as "not computed", never a panic.

use super::{LevelAmount, MeasureStatus, YearAmount};
use crate::date::Date;
use crate::input::Project;
use crate::money;
use crate::rules::{AltCap, FirstInstalment, Formula, Measure, Programme, Threshold};
use crate::text::{Explain, Text};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What one measure came to, before the report picks a language (its sentences empty when
/// computed without explanations).
pub(crate) struct Out {
    pub status: MeasureStatus,
    pub amount: Decimal,
    pub cap: Option<Decimal>,
    pub capped: bool,
    pub up_to: bool,
    pub user_supplied: bool,
    pub formula: Text,
    pub explanation: Text,
    pub missing: Vec<String>,
    pub by_level: Vec<LevelAmount>,
    pub by_year: Vec<YearAmount>,
    /// The first instalment (amount, the sentence that computes it), when the measure has one.
    pub first: Option<(Decimal, Text)>,
    /// Things the user should know about how the amount was reached (e.g. the year derived).
    pub notices: Vec<Text>,
}

impl Out {
    /// Whether the amount is divided into instalments: computed, or not applicable (the level
    /// reached pays nothing, less than the first instalment). With an input missing there is no
    /// amount to divide.
    pub(crate) fn divides(&self) -> bool {
        matches!(self.status, MeasureStatus::Computed | MeasureStatus::NotApplicable)
    }

    /// The instalments of a measure paid in two stages, when its amount is divided.
    pub(crate) fn instalments(&self) -> Option<Split> {
        let (first, _) = self.first.as_ref().filter(|_| self.divides())?;
        Some(Split { first: *first, rest: self.amount - *first })
    }

    /// A measure whose condition (`when`) failed or is unknown: nothing computed, the reason said.
    pub(super) fn condition(status: MeasureStatus, e: crate::eval::Eval) -> Out {
        let explanation = match e.to_change {
            Some(t) if !t.zh.is_empty() => e.reason.join(&t),
            _ => e.reason,
        };
        let mut o = Out::new(status, explanation);
        o.missing = e.missing;
        o
    }

    fn new(status: MeasureStatus, explanation: Text) -> Out {
        Out {
            status,
            amount: Decimal::ZERO,
            cap: None,
            capped: false,
            up_to: false,
            user_supplied: false,
            formula: Text::default(),
            explanation,
            missing: vec![],
            by_level: vec![],
            by_year: vec![],
            first: None,
            notices: vec![],
        }
    }

    /// Adds a sentence to the explanation (none without explanations).
    fn also(&mut self, x: Explain, t: impl FnOnce() -> Text) {
        if x.yes() {
            self.explanation = self.explanation.join(&t());
        }
    }

    fn computed(amount: Decimal, explanation: Text) -> Out {
        let mut o = Out::new(MeasureStatus::Computed, explanation);
        o.amount = amount;
        o
    }
}

/// A measure's amount in two stages: the first instalment and the rest after acceptance.
pub(crate) struct Split {
    pub first: Decimal,
    /// The amount less the first instalment: below zero when the level reached pays less than
    /// was advanced.
    pub rest: Decimal,
}

impl Split {
    /// What is paid after acceptance: the rest, never below zero.
    pub(crate) fn after_acceptance(&self) -> Decimal {
        self.rest.max(Decimal::ZERO)
    }
}

/// What a measure is computed from: the project, its answers typed by the programme's
/// questions, the date and the programme.
pub(super) struct Scope<'a> {
    pub project: &'a Project,
    pub as_of: Date,
    pub programme: &'a Programme,
    /// The number questions' answers (yuan, counts, person-days), by question id.
    pub amounts: BTreeMap<String, Decimal>,
    /// The yes/no questions' answers, by question id.
    pub flags: BTreeMap<String, bool>,
    /// Whether sentences are written.
    pub explain: Explain,
}

impl Scope<'_> {
    fn amount(&self, id: &str) -> Option<Decimal> {
        self.amounts.get(id).copied()
    }

    fn flag(&self, id: &str) -> bool {
        self.flags.get(id).copied().unwrap_or(false)
    }

    /// An input's label (empty without explanations).
    fn label(&self, id: &str) -> Text {
        self.explain.text(|| self.programme.label_of(id))
    }

    /// An input's value for a sentence: money as money, a count with its unit word.
    fn qty(&self, id: &str, d: Decimal) -> Text {
        match self.programme.question(id) {
            Some(q) if q.is_money() => m(d),
            q => {
                let n = d.normalize().to_string();
                match q.and_then(|q| q.unit.as_ref()) {
                    Some(u) => Text::new(format!("{n}{}", u.zh), format!("{n} {}", u.en)),
                    None => Text::new(n.clone(), n),
                }
            }
        }
    }

    fn missing_input(&self, id: &str) -> Out {
        let (x, l) = (self.explain, self.label(id));
        let mut o = Out::new(
            MeasureStatus::MissingInput,
            x.text(|| Text::new(format!("未填写{}，本项未计入", l.zh), format!("{} not given, so this measure contributes nothing", l.en))),
        );
        o.missing.push(format!("project.{id}"));
        o
    }
}

fn m(d: Decimal) -> Text {
    Text::new(money::zh(d), money::en(d))
}

fn up_to_text(amount: Decimal) -> Text {
    Text::new(format!("最高可获 {}", money::zh(amount)), format!("up to {}", money::en(amount)))
}

fn missing_level(x: Explain) -> Out {
    let mut o = Out::new(
        MeasureStatus::MissingInput,
        x.text(|| {
            Text::new(
                "未填写改造后数字化水平（二级/三级/四级），本项未计入",
                "digital level after transformation not given, so this measure contributes nothing",
            )
        }),
    );
    o.missing.push("project.digital_level_after".into());
    o
}

/// A product too large to hold: reported, never a panic.
fn overflow(x: Explain) -> Out {
    Out::new(
        MeasureStatus::NotComputed,
        x.text(|| {
            Text::new(
                "数值过大，无法计算；请检查所填金额和规则中的数字",
                "the numbers are too large to compute; check the amounts entered and the rule's figures",
            )
        }),
    )
}

pub(crate) fn level_name(level: u8) -> Text {
    match level {
        0 => Text::new("未达一级", "no level yet"),
        1..=4 => Text::new(["一级", "二级", "三级", "四级"][usize::from(level - 1)], format!("level {level}")),
        _ => Text::new(format!("{level}级"), format!("level {level}")),
    }
}

/// `min(ratio × value, cap)` with the sentence that shows it (empty without explanations);
/// `None` when the product overflows.
fn ratio_capped(value: Decimal, ratio: Decimal, cap: Option<Decimal>, value_label: &Text, x: Explain) -> Option<(Decimal, bool, Text)> {
    let raw = money::yuan(ratio.checked_mul(value)?);
    let (amount, capped) = match cap {
        Some(c) if raw > c => (c, true),
        _ => (raw, false),
    };
    if !x.yes() {
        return Some((amount, capped, Text::default()));
    }
    let (r, v, a) = (money::pct(ratio), m(value), m(raw));
    let tail = match cap {
        Some(c) if capped => {
            Text::new(format!("，超过上限 {}，按上限计", money::zh(c)), format!(", above the cap {}, so the cap applies", money::en(c)))
        }
        Some(c) => Text::new(format!("，未超过上限 {}", money::zh(c)), format!(", within the cap {}", money::en(c))),
        None => Text::default(),
    };
    let text = Text::new(
        format!("{} × {}{} = {}{}", r, value_label.zh, v.zh, a.zh, tail.zh),
        format!("{} × {} {} = {}{}", r, value_label.en, v.en, a.en, tail.en),
    );
    Some((amount, capped, text))
}

/// Computes one measure.
pub(super) fn compute(measure: &Measure, s: &Scope) -> Out {
    match &measure.formula {
        Formula::RatioCapped { input, ratio, cap, alt_cap, received_input } => {
            ratio_capped_measure(s, input, *ratio, *cap, alt_cap.as_ref(), received_input.as_deref())
        }
        Formula::PerUnit { input, unit_amount, cap, up_to } => per_unit(s, input, *unit_amount, *cap, *up_to),
        Formula::RatioCappedByLevel { input, ratio, ratio_by_year, caps_by_level, first_instalment } => {
            by_level(s, input, *ratio, ratio_by_year, caps_by_level, first_instalment.as_ref())
        }
        Formula::RatioInBand { input, ratio, min, max } => in_band(s, input, *ratio, *min, *max),
        Formula::ThresholdAward { thresholds, cap } => threshold_award(s, thresholds, *cap),
        Formula::Award { amount, up_to } => award(s.project, &measure.id, *amount, *up_to, s.explain),
        Formula::UserParameters { input, parameters_from, by_level, .. } => user_parameters(s, input, parameters_from, *by_level),
        Formula::UserAward { parameters_from } => user_award(s.project, &measure.id, parameters_from, s.explain),
        Formula::Info { cap } => info(*cap, s.explain),
    }
}

fn ratio_capped_measure(
    s: &Scope,
    input: &str,
    ratio: Decimal,
    cap: Decimal,
    alt_cap: Option<&AltCap>,
    received_input: Option<&str>,
) -> Out {
    let x = s.explain;
    let Some(v) = s.amount(input) else { return s.missing_input(input) };
    let (cap, cap_note) = match alt_cap {
        Some(a) if s.flag(&a.flag) => (a.cap, Some(&a.label)),
        _ => (cap, None),
    };
    // A cumulative cap (累计最高): what was received before is taken off it.
    let (remaining, received) = match received_input.and_then(|f| s.amount(f)) {
        Some(r) => ((cap - r).max(Decimal::ZERO), Some(r)),
        None => (cap, None),
    };
    let Some((amount, capped, formula)) = ratio_capped(v, ratio, Some(remaining), &s.label(input), x) else { return overflow(x) };
    let mut o = Out::computed(amount, x.text(|| up_to_text(amount)));
    if let Some(n) = cap_note {
        o.also(x, || n.clone());
    }
    match (received_input, received) {
        (_, Some(r)) => o.also(x, || {
            Text::new(
                format!("累计上限 {} 减去已获得的 {}，尚余 {}", money::zh(cap), money::zh(r), money::zh(remaining)),
                format!("the cumulative cap {} less the {} already received leaves {}", money::en(cap), money::en(r), money::en(remaining)),
            )
        }),
        (Some(f), None) => o.also(x, || {
            Text::new(
                format!("上限为累计上限；未填写{}，按尚未获得过计算", s.label(f).zh),
                format!("the cap is cumulative; {} not given, so nothing received before is assumed", s.label(f).en),
            )
        }),
        _ => {}
    }
    o.cap = Some(remaining);
    o.capped = capped;
    o.up_to = true;
    o.formula = formula;
    o
}

fn per_unit(s: &Scope, input: &str, unit_amount: Decimal, cap: Option<Decimal>, up_to: bool) -> Out {
    let x = s.explain;
    let Some(n) = s.amount(input) else { return s.missing_input(input) };
    let Some(raw) = unit_amount.checked_mul(n).map(money::yuan) else { return overflow(x) };
    let (amount, capped) = match cap {
        Some(c) if raw > c => (c, true),
        _ => (raw, false),
    };
    let l = s.label(input);
    let explanation = if up_to {
        x.text(|| up_to_text(amount))
    } else {
        x.text(|| Text::new(format!("可获 {}", money::zh(amount)), format!("{} in all", money::en(amount))))
    };
    let mut o = Out::computed(amount, explanation);
    o.formula = x.text(|| {
        Text::new(
            format!("{} × {} {} = {}", money::zh(unit_amount), l.zh, s.qty(input, n).zh, money::zh(raw)),
            format!("{} × {} {} = {}", money::en(unit_amount), l.en, s.qty(input, n).en, money::en(raw)),
        )
    });
    o.cap = cap;
    o.capped = capped;
    o.up_to = up_to;
    o
}

/// The pilot year (试点实施年度) the ratio depends on, and how it was settled.
enum PilotYear {
    /// From the approval date and the date evaluated.
    Derived(u8),
    /// After the pilot's last year: the measure's ratios no longer apply.
    Ended(Date),
    /// As the user entered it (the approval date is not known).
    Given(u8),
    /// Not known: every year's amount is shown, and the total counts the lowest.
    Unknown,
}

/// Year 1 runs from the approval date (批复日) for a year, year 2 the year after (金华 四、（四）17
/// "试点实施期自批复日起第一年…第二年…").
fn pilot_year(s: &Scope, last_year: u8) -> (PilotYear, Vec<Text>) {
    let x = s.explain;
    let given = s.project.implementation_year;
    let Some(approved) = s.programme.pilot_approved else {
        return (given.map_or(PilotYear::Unknown, PilotYear::Given), vec![]);
    };
    let mut year = 1;
    while year <= last_year {
        match approved.plus_years(u16::from(year)) {
            Some(end) if s.as_of < end => break,
            _ => year += 1,
        }
    }
    if year > last_year {
        let end = approved.plus_years(u16::from(last_year)).and_then(Date::pred).unwrap_or(approved);
        return (PilotYear::Ended(end), vec![]);
    }
    let mut notices = vec![];
    if let Some(g) = given.filter(|g| *g != year) {
        notices.push(x.text(|| {
            Text::new(
                format!("按批复日 {} 和评估日期 {}，应为实施第{year}年；所填第{g}年未采用", approved.to_zh(), s.as_of.to_zh()),
                format!(
                    "from the approval date {approved} and the date {}, this is year {year} of the pilot; the year {g} entered is not used",
                    s.as_of
                ),
            )
        }));
    }
    (PilotYear::Derived(year), notices)
}

/// A ratio to apply, with the pilot year it belongs to (when the ratio depends on the year).
type Candidate = (Option<u8>, Decimal);

/// The ratio to apply, or the ratios to show side by side when the year is unknown; the
/// sentence saying how the year was settled, and the notices about it.
struct Ratios {
    candidates: Vec<Candidate>,
    year_note: Option<Text>,
    notices: Vec<Text>,
}

fn by_level(
    s: &Scope,
    input: &str,
    ratio: Option<Decimal>,
    ratio_by_year: &BTreeMap<String, Decimal>,
    caps_by_level: &BTreeMap<String, Decimal>,
    first_instalment: Option<&FirstInstalment>,
) -> Out {
    let x = s.explain;
    let first = first_instalment_of(s, first_instalment);
    let with_first = |mut o: Out| {
        o.first = first.clone();
        o
    };
    let Ratios { candidates, year_note, mut notices } = match ratios(s, ratio, ratio_by_year) {
        Ok(r) => r,
        Err(ended) => return with_first(*ended),
    };
    let Some(level) = s.project.digital_level_after else { return with_first(missing_level(x)) };
    let Some(v) = s.amount(input) else { return with_first(s.missing_input(input)) };
    // The lowest ratio: what the total counts when the year is unknown (never the more generous).
    let Some(&(year, r)) = candidates.iter().min_by(|a, b| a.1.cmp(&b.1)) else { return with_first(overflow(x)) };
    let Some(raw) = r.checked_mul(v).map(money::yuan) else { return with_first(overflow(x)) };
    let by_level = level_amounts(caps_by_level, raw);
    let Some(cap) = caps_by_level.get(&level.to_string()).copied() else { return with_first(below_levels(level, by_level, x)) };
    let Some((amount, capped, formula)) = ratio_capped(v, r, Some(cap), &s.label(input), x) else { return with_first(overflow(x)) };
    let mut o = Out::computed(
        amount,
        x.text(|| {
            let ln = level_name(level);
            Text::new(
                format!("改造后达到{}：最高可获 {}", ln.zh, money::zh(amount)),
                format!("reaching {}: up to {}", ln.en, money::en(amount)),
            )
        }),
    );
    if let Some(n) = year_note {
        o.also(x, || n);
    }
    if candidates.len() > 1 {
        each_year(&mut o, &candidates, year, v, cap, x);
    }
    o.cap = Some(cap);
    o.capped = capped;
    o.up_to = true;
    o.formula = formula;
    o.by_level = by_level;
    o.notices.append(&mut notices);
    with_first(o)
}

/// The first instalment (amount and the sentence that computes it), when the measure has one
/// and its input is given.
fn first_instalment_of(s: &Scope, first_instalment: Option<&FirstInstalment>) -> Option<(Decimal, Text)> {
    first_instalment.and_then(|fi| {
        s.amount(&fi.input).and_then(|dp| ratio_capped(dp, fi.ratio, Some(fi.cap), &s.label(&fi.input), s.explain)).map(|(a, _, t)| (a, t))
    })
}

/// The ratio of the year in force (one ratio, a derived or entered year, or every year when it
/// is unknown); the measure not applicable when the pilot has ended.
fn ratios(s: &Scope, ratio: Option<Decimal>, ratio_by_year: &BTreeMap<String, Decimal>) -> Result<Ratios, Box<Out>> {
    let x = s.explain;
    if let Some(r) = ratio {
        return Ok(Ratios { candidates: vec![(None, r)], year_note: None, notices: vec![] });
    }
    let years: Vec<(u8, Decimal)> = ratio_by_year.iter().filter_map(|(y, r)| Some((y.parse::<u8>().ok()?, *r))).collect();
    let last = years.iter().map(|(y, _)| *y).max().unwrap_or(1);
    let (py, notices) = pilot_year(s, last);
    let of = |y: u8| years.iter().find(|(x, _)| *x == y).map(|(_, r)| *r).unwrap_or(Decimal::ZERO);
    let (candidates, year_note) = match py {
        PilotYear::Derived(y) => (
            vec![(Some(y), of(y))],
            Some(x.text(|| Text::new(format!("按批复日推算为实施第{y}年"), format!("year {y} of the pilot, from its approval date")))),
        ),
        PilotYear::Given(y) => (
            vec![(Some(y), of(y))],
            Some(x.text(|| Text::new(format!("按所填实施第{y}年计算"), format!("computed for year {y} of the pilot, as entered")))),
        ),
        PilotYear::Unknown => (years.iter().map(|(y, r)| (Some(*y), *r)).collect(), None),
        PilotYear::Ended(end) => {
            return Err(Box::new(Out::new(
                MeasureStatus::NotApplicable,
                x.text(|| {
                    Text::new(
                        format!("试点实施期已于 {} 结束，本项比例只适用于实施期内", end.to_zh()),
                        format!("the pilot's implementation period ended on {end}; the ratios apply only within it"),
                    )
                }),
            )));
        }
    };
    Ok(Ratios { candidates, year_note, notices })
}

/// The amount at each level that carries a cap: `min(raw, cap)`.
fn level_amounts(caps_by_level: &BTreeMap<String, Decimal>, raw: Decimal) -> Vec<LevelAmount> {
    caps_by_level
        .iter()
        .filter_map(|(k, c)| k.parse::<u8>().ok().map(|l| (l, *c)))
        .map(|(l, c)| LevelAmount { level: l, amount_yuan: raw.min(c), cap_yuan: c })
        .collect()
}

/// A level below the lowest that carries a subsidy: nothing, with what each level would give.
fn below_levels(level: u8, by_level: Vec<LevelAmount>, x: Explain) -> Out {
    let lowest = by_level.iter().map(|b| b.level).min().unwrap_or(2);
    let mut o = Out::new(
        MeasureStatus::NotApplicable,
        x.text(|| {
            Text::new(
                format!("改造后数字化水平为{}，未达到{}，不予补贴", level_name(level).zh, level_name(lowest).zh),
                format!("{} after transformation is below {}, so no subsidy", level_name(level).en, level_name(lowest).en),
            )
        }),
    );
    o.by_level = by_level;
    o
}

/// The year unknown: each year's amount, and the sentence saying the total counts the lowest.
fn each_year(o: &mut Out, candidates: &[Candidate], year: Option<u8>, v: Decimal, cap: Decimal, x: Explain) {
    o.by_year = candidates
        .iter()
        .filter_map(|(y, r)| Some(YearAmount { year: (*y)?, ratio: *r, amount_yuan: money::yuan(r.checked_mul(v)?).min(cap) }))
        .collect();
    let y = year.unwrap_or(0);
    let by_year = &o.by_year;
    let each_zh = || by_year.iter().map(|b| format!("第{}年最高 {}", b.year, money::zh(b.amount_yuan))).collect::<Vec<_>>().join("，");
    let each_en = || by_year.iter().map(|b| format!("year {}: up to {}", b.year, money::en(b.amount_yuan))).collect::<Vec<_>>().join(", ");
    let sentence = x.text(|| Text::new(
        format!("试点批复日期未知，无法确定实施年度：{}；合计按较低的第{y}年计，请向区县工信部门确认", each_zh()),
        format!("the pilot's approval date is not known, so neither is the year: {}; the total counts the lower, year {y}; ask the district office", each_en()),
    ));
    o.also(x, || sentence);
}

fn in_band(s: &Scope, input: &str, ratio: Decimal, min: Decimal, max: Decimal) -> Out {
    let x = s.explain;
    let Some(v) = s.amount(input) else { return s.missing_input(input) };
    let l = s.label(input);
    if v < min {
        return Out::new(
            MeasureStatus::NotApplicable,
            x.text(|| {
                Text::new(
                    format!("{} {} 低于 {}，不在本项范围", l.zh, money::zh(v), money::zh(min)),
                    format!("{} {} is below {}, outside this measure", l.en, money::en(v), money::en(min)),
                )
            }),
        );
    }
    if v >= max {
        return Out::new(
            MeasureStatus::NotComputed,
            x.text(|| {
                Text::new(
                    format!("{} {} 达到 {} 及以上，参照现行政策执行，本工具不计算", l.zh, money::zh(v), money::zh(max)),
                    format!("{} {} is {} or more: the existing policy applies, not computed here", l.en, money::en(v), money::en(max)),
                )
            }),
        );
    }
    let Some((amount, _, formula)) = ratio_capped(v, ratio, None, &l, x) else { return overflow(x) };
    let mut o =
        Out::computed(amount, x.text(|| Text::new(format!("不超过 {}", money::zh(amount)), format!("at most {}", money::en(amount)))));
    o.up_to = true;
    o.formula = formula;
    o
}

fn threshold_award(s: &Scope, thresholds: &[Threshold], cap: Decimal) -> Out {
    let x = s.explain;
    let mut failed = Vec::new();
    for t in thresholds {
        let Some(v) = s.amount(&t.input) else { return s.missing_input(&t.input) };
        if v <= t.more_than {
            let l = s.label(&t.input);
            failed.push(x.text(|| {
                Text::new(
                    format!("{} {} 未超过 {}", l.zh, s.qty(&t.input, v).zh, s.qty(&t.input, t.more_than).zh),
                    format!("{} {} does not exceed {}", l.en, s.qty(&t.input, v).en, s.qty(&t.input, t.more_than).en),
                )
            }));
        }
    }
    if let Some(first) = failed.first() {
        let all = x.text(|| failed.iter().skip(1).fold(first.clone(), |a, b| a.join(b)));
        let mut o = Out::new(MeasureStatus::NotApplicable, all);
        o.cap = Some(cap);
        return o;
    }
    let mut o = Out::computed(
        cap,
        x.text(|| {
            Text::new(format!("条件均已满足：最高可获 {}", money::zh(cap)), format!("all thresholds exceeded: up to {}", money::en(cap)))
        }),
    );
    o.cap = Some(cap);
    o.up_to = true;
    o.formula = x.text(|| Text::new(format!("奖励最高 {}", money::zh(cap)), format!("award up to {}", money::en(cap))));
    o
}

fn award(project: &Project, id: &str, amount: Decimal, up_to: bool, x: Explain) -> Out {
    let a = x.text(|| m(amount));
    let (zh_kind, en_kind) = if up_to { ("最高", "up to ") } else { ("", "") };
    if project.awards.iter().any(|x| x == id) {
        let mut o = Out::computed(
            amount,
            x.text(|| Text::new(format!("已选择：一次性奖励{zh_kind} {}", a.zh), format!("claimed: a one-off award of {en_kind}{}", a.en))),
        );
        o.cap = Some(amount);
        o.up_to = up_to;
        o.formula = x.text(|| Text::new(format!("一次性奖励{zh_kind} {}", a.zh), format!("one-off award {en_kind}{}", a.en)));
        o
    } else {
        let mut o = Out::new(
            MeasureStatus::NotClaimed,
            x.text(|| {
                Text::new(
                    format!("未选择；如获评，可得一次性奖励{zh_kind} {}", a.zh),
                    format!("not claimed; if awarded, a one-off {en_kind}{}", a.en),
                )
            }),
        );
        o.cap = Some(amount);
        o.up_to = up_to;
        o
    }
}

fn user_award(project: &Project, id: &str, parameters_from: &Text, x: Explain) -> Out {
    if !project.awards.iter().any(|x| x == id) {
        let mut o = Out::new(
            MeasureStatus::NotClaimed,
            x.text(|| {
                Text::new(
                    format!("未选择；本文件未规定奖励金额，以{}为准", parameters_from.zh),
                    format!("not claimed; this document sets no amount (see {})", parameters_from.en),
                )
            }),
        );
        o.user_supplied = true;
        return o;
    }
    let Some(amount) = project.award_amounts_yuan.get(id).copied() else {
        let mut o = Out::new(
            MeasureStatus::NeedsParameters,
            x.text(|| {
                Text::new(
                    format!("已选择，但本文件未规定奖励金额；请按{}填写金额", parameters_from.zh),
                    format!("claimed, but this document sets no amount; enter it from {}", parameters_from.en),
                )
            }),
        );
        o.missing.push(format!("project.award_amounts_yuan.{id}"));
        o.user_supplied = true;
        return o;
    };
    let mut o = Out::computed(
        amount,
        x.text(|| {
            Text::new(
                format!("按用户填写的金额：{}（非本文件规定）", money::zh(amount)),
                format!("as you entered: {} (not set by this document)", money::en(amount)),
            )
        }),
    );
    o.user_supplied = true;
    o.up_to = true;
    o.formula =
        x.text(|| Text::new(format!("奖励 {}（用户填写）", money::zh(amount)), format!("award {} (user-supplied)", money::en(amount))));
    o
}

fn user_parameters(s: &Scope, input: &str, parameters_from: &Text, graded: bool) -> Out {
    let x = s.explain;
    let project = s.project;
    let user = |mut o: Out| {
        o.user_supplied = true;
        o
    };
    let Some(r) = project.ratio else {
        let (cz, ce) = if graded { ("各等级上限", "the caps by level") } else { ("上限", "the cap") };
        let mut o = Out::new(
            MeasureStatus::NeedsParameters,
            x.text(|| {
                Text::new(
                    format!("本文件未规定补贴比例和金额；请按{}填写补贴比例（ratio）和{cz}（caps_yuan）", parameters_from.zh),
                    format!("this document sets no ratio or amounts; enter the ratio and {ce} from {}", parameters_from.en),
                )
            }),
        );
        o.missing.push("project.ratio".into());
        return user(o);
    };
    let Some(v) = s.amount(input) else { return user(s.missing_input(input)) };
    let cap = match user_cap(s, graded) {
        Ok(cap) => cap,
        Err(o) => return user(*o),
    };
    let Some(raw) = r.checked_mul(v).map(money::yuan) else { return user(overflow(x)) };
    let by_level: Vec<LevelAmount> = if graded && !project.caps_single {
        project.caps_yuan.iter().map(|(l, c)| LevelAmount { level: *l, amount_yuan: raw.min(*c), cap_yuan: *c }).collect()
    } else {
        vec![]
    };
    let Some((amount, capped, formula)) = ratio_capped(v, r, cap, &s.label(input), x) else { return user(overflow(x)) };
    let (pz, pe) = if graded { ("比例和上限", "the ratio and caps") } else { ("比例和上限", "the ratio and cap") };
    let mut o = Out::computed(
        amount,
        x.text(|| {
            Text::new(
                format!("按用户填写的{pz}估算：{}（非本文件规定）", money::zh(amount)),
                format!("with {pe} you entered: {} (not set by this document)", money::en(amount)),
            )
        }),
    );
    o.cap = cap;
    o.capped = capped;
    o.up_to = true;
    o.formula = x.text(|| Text::new(format!("{}（用户填写的参数）", formula.zh), format!("{} (user-supplied parameters)", formula.en)));
    o.by_level = by_level;
    user(o)
}

/// The cap the user entered for the level reached, or the one cap when the amounts are not
/// graded (none entered: no cap); the measure's outcome instead when the level reached is
/// missing or has no cap.
fn user_cap(s: &Scope, graded: bool) -> Result<Option<Decimal>, Box<Out>> {
    let (x, caps) = (s.explain, &s.project.caps_yuan);
    if caps.is_empty() {
        return Ok(None);
    }
    if !graded {
        // One cap for every level (the caps_yuan table by level is refused for such measures).
        return Ok(caps.values().next().copied());
    }
    let Some(l) = s.project.digital_level_after else { return Err(Box::new(missing_level(x))) };
    match caps.get(&l) {
        Some(c) => Ok(Some(*c)),
        None => Err(Box::new(Out::new(
            MeasureStatus::NotApplicable,
            x.text(|| {
                Text::new(
                    format!("所填上限中没有{}，按所填参数不予补贴", level_name(l).zh),
                    format!("the caps entered have none for {}, so nothing under these parameters", level_name(l).en),
                )
            }),
        ))),
    }
}

fn info(cap: Option<Decimal>, x: Explain) -> Out {
    let c = cap
        .map(|c| x.text(|| Text::new(format!("，每家最高 {}", money::zh(c)), format!(", up to {} per enterprise", money::en(c)))))
        .unwrap_or_default();
    let mut o = Out::new(
        MeasureStatus::Info,
        x.text(|| {
            Text::new(
                format!("由政府购买服务支付{}，企业不直接获得资金", c.zh),
                format!("paid by the government as a purchased service{}; no money goes to the enterprise", c.en),
            )
        }),
    );
    o.cap = cap;
    o
}
