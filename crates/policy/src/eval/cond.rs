//! Evaluates a condition ([`crate::expr::Expr`]) for a profile (and, for a measure's condition,
//! a project): three-valued throughout (Kleene's logic: an `all` with a failing part fails
//! whatever the unknowns, an `any` with a passing part passes), each node with its reason, what
//! would change it, and the missing answers that matter.
//!
//! A condition that is one built-in fact (`sme`, `in_city`…) gives exactly the sentences the
//! built-in criteria always gave, so the seed programmes' reports are unchanged.

use super::{
    eval_credit, eval_in_city, eval_in_force, eval_legal_person, eval_sme, eval_sub_industry, fail, pass, place, registered_there, unknown,
    Eval, Facts, Outcome,
};
use crate::catalogue::{catalogue, is_within};
use crate::date::Date;
use crate::expr::{Cmp, Expr, Fact, Operand, Var};
use crate::input::{typed_answer, Profile, Project, Specialized, Typed};
use crate::money;
use crate::rules::{Programme, QuestionKind, Scope};
use crate::sme::Tri;
use crate::text::{Explain, Text};
use rust_decimal::Decimal;

/// What a condition is evaluated against.
pub(crate) struct Ctx<'a> {
    pub programme: &'a Programme,
    /// The programmes in use, whose cities (and listed districts) name places ([`super::place`]).
    pub rules: &'a [Programme],
    pub profile: &'a Profile,
    pub facts: &'a Facts,
    pub date: Date,
    /// The project, for a measure's condition (`level_after`, project questions).
    pub project: Option<&'a Project>,
}

impl Ctx<'_> {
    /// Whether sentences are written ([`Facts::explain`]).
    fn x(&self) -> Explain {
        self.facts.explain
    }
}

/// Evaluates `e`.
pub(crate) fn eval(e: &Expr, c: &Ctx) -> Eval {
    match e {
        Expr::Fact(f) => fact(*f, c),
        Expr::NoBadCredit(areas) => credit(areas, c.profile, c.x()),
        Expr::Section(list) => section(list, c.profile, c.x()),
        Expr::InRegion(list) => in_region(list, c),
        Expr::Answer(q) => answer(q, c),
        Expr::Compare { left, op, right } => compare(left, *op, right, c),
        Expr::All(items) => all(items.iter().map(|e| eval(e, c)).collect(), c.x()),
        Expr::Any(items) => any(items.iter().map(|e| eval(e, c)).collect(), c.x()),
        Expr::Not(inner) => not(eval(inner, c), c.x()),
    }
}

fn fact(f: Fact, c: &Ctx) -> Eval {
    match f {
        Fact::InForce => eval_in_force(c.programme, c.date, c.x()),
        Fact::Sme => eval_sme(&c.facts.sme, c.x()),
        Fact::SubIndustry => eval_sub_industry(c.programme, c.profile, c.x()),
        Fact::InCity => eval_in_city(c.programme, c.facts, c.rules),
        Fact::LegalPerson => eval_legal_person(c.profile, c.facts),
        Fact::AboveDesignatedSize => above_designated_size(c),
        Fact::Specialized => specialized(c.profile, c.x()),
    }
}

fn above_designated_size(c: &Ctx) -> Eval {
    let (x, basis) = (c.x(), &c.facts.sme.gs_basis);
    match c.facts.sme.gs {
        Tri::Yes => pass(x, || Text::new(format!("属于规上工业企业：{}", basis.zh), format!("above designated size: {}", basis.en))),
        Tri::No => fail(
            x,
            || Text::new(format!("不属于规上工业企业：{}", basis.zh), format!("not above designated size: {}", basis.en)),
            || {
                Text::new(
                    "须为规上工业企业（主营业务收入2000万元及以上的工业法人企业，以统计部门认定为准）",
                    "must be an industrial firm above designated size (main-business revenue of 20 million yuan or more, as registered with the statistics office)",
                )
            },
        ),
        Tri::Unknown => unknown(
            x,
            || {
                Text::new(
                    format!("无法判断是否规上工业企业：{}", basis.zh),
                    format!("whether it is above designated size is unknown: {}", basis.en),
                )
            },
            || Text::new("请说明是否规上工业企业，或填写营业收入", "say whether it is above designated size, or enter the revenue"),
            &["profile.above_designated_size"],
        ),
    }
}

fn specialized(p: &Profile, x: Explain) -> Eval {
    match p.specialized {
        Some(Specialized::LittleGiant) => pass(x, || Text::new("专精特新“小巨人”企业", "a national “little giant” (专精特新“小巨人”)")),
        Some(Specialized::Sme) => pass(x, || Text::new("专精特新中小企业", "a specialised SME (专精特新中小企业)")),
        Some(Specialized::None) => fail(
            x,
            || Text::new("不是专精特新企业", "not a specialised (专精特新) firm"),
            || Text::new("须为专精特新中小企业或“小巨人”企业", "must be a specialised SME or a “little giant”"),
        ),
        None => unknown(
            x,
            || Text::new("未说明是否专精特新企业", "专精特新 status not given"),
            || Text::new("请说明是否专精特新中小企业或“小巨人”企业", "say whether the firm is a specialised SME or a “little giant”"),
            &["profile.specialized"],
        ),
    }
}

/// `no_bad_credit`: the built-in sentences; with areas named, those areas in them.
fn credit(areas: &[String], p: &Profile, x: Explain) -> Eval {
    let mut e = eval_credit(p, x);
    if areas.is_empty() || !x.yes() {
        return e;
    }
    let (zh, en) = (areas.join("、"), areas.join(", "));
    let scope = Text::new(format!("（{zh}等领域）"), format!(" (in {en})"));
    e.reason = Text::new(format!("{}{}", e.reason.zh, scope.zh), format!("{}{}", e.reason.en, scope.en));
    e.to_change = e.to_change.map(|t| Text::new(format!("{}{}", t.zh, scope.zh), format!("{}{}", t.en, scope.en)));
    e
}

/// `section in [C, …]`: every 小类 under the industry code is within one of the listed codes.
fn section(list: &[String], p: &Profile, x: Explain) -> Eval {
    let names = || {
        let parts: Vec<String> =
            list.iter().map(|c| catalogue().get(c).map(|i| format!("{} {}", i.code, i.name)).unwrap_or_else(|| c.clone())).collect();
        Text::new(parts.join("、"), parts.join(", "))
    };
    let Some(code) = p.industry.as_deref() else {
        return unknown(
            x,
            || Text::new("未填写所属行业", "industry not given"),
            || {
                let n = names();
                Text::new(format!("请选择所属行业；须属于：{}", n.zh), format!("choose the industry; it must be in: {}", n.en))
            },
            &["profile.industry"],
        );
    };
    let me = || catalogue().get(code).map(|i| format!("{} {}", i.code, i.name)).unwrap_or_else(|| code.to_string());
    let leaves = catalogue().leaves_under(code);
    let inside = |leaf: &str| list.iter().any(|c| leaf == c || is_within(leaf, c));
    let n_in = leaves.iter().filter(|l| inside(&l.code)).count();
    if !leaves.is_empty() && n_in == leaves.len() {
        pass(x, || {
            let (me, n) = (me(), names());
            Text::new(format!("{me} 属于{}", n.zh), format!("{me} is in {}", n.en))
        })
    } else if n_in == 0 {
        fail(
            x,
            || {
                let (me, n) = (me(), names());
                Text::new(format!("{me} 不属于{}", n.zh), format!("{me} is not in {}", n.en))
            },
            || {
                let n = names();
                Text::new(format!("所属行业须为：{}", n.zh), format!("the industry must be in: {}", n.en))
            },
        )
    } else {
        unknown(
            x,
            || {
                let (me, n) = (me(), names());
                Text::new(format!("{me} 既包含{}的行业，也包含其他行业", n.zh), format!("{me} holds industries in {} and others", n.en))
            },
            || Text::new("请选择到小类（4 位代码）", "pick the 4-digit class"),
            &["profile.industry"],
        )
    }
}

/// `in_region [3502, …]`: the district's code starts with one of the prefixes. A credit code's
/// registering authority is a hint only, as for `in_city` (docs/readings.md §3).
fn in_region(list: &[String], c: &Ctx) -> Eval {
    let x = c.x();
    let codes = || Text::new(list.join("、"), list.join(", "));
    let need = || {
        let l = codes();
        Text::new(
            format!("须在行政区划代码 {} 范围内生产经营", l.zh),
            format!("must be registered and operate within division code(s) {}", l.en),
        )
    };
    if let Some(r) = &c.facts.region {
        return if list.iter().any(|p| r.code.starts_with(p.as_str())) {
            pass(x, || {
                let (d, l) = (place(r, c.rules), codes());
                Text::new(format!("所在地{}在 {} 范围内", d.zh, l.zh), format!("located in {}, within {}", d.en, l.en))
            })
        } else {
            fail(
                x,
                || {
                    let (d, l) = (place(r, c.rules), codes());
                    Text::new(format!("所在地{}不在 {} 范围内", d.zh, l.zh), format!("located in {}, outside {}", d.en, l.en))
                },
                need,
            )
        };
    }
    if let Some(r) = &c.facts.uscc_region {
        return registered_there(x, r, c.rules, need);
    }
    unknown(
        x,
        || Text::new("未填写所在区县", "district not given"),
        || {
            let need = need();
            Text::new(format!("请填写所在区县；{}", need.zh), format!("enter the district; {}", need.en))
        },
        &["profile.region"],
    )
}

/// The path of a question's answer in the contract.
fn answer_path(c: &Ctx, id: &str) -> String {
    match c.programme.question(id).map(|q| q.scope) {
        Some(Scope::Project) => format!("project.{id}"),
        _ => format!("profile.answers.{id}"),
    }
}

/// A question's answer, typed by its declaration; `Err` with a sentence when it cannot be read.
fn answer_value(c: &Ctx, id: &str) -> Result<Option<Typed>, Text> {
    let Some(q) = c.programme.question(id) else {
        return Err(Text::new(format!("规则中没有问题“{id}”"), format!("the rules declare no question \"{id}\"")));
    };
    let raw = match q.scope {
        Scope::Enterprise => c.profile.answers.get(id),
        Scope::Project => c.project.and_then(|p| p.answers.get(id)),
    };
    let Some(raw) = raw else { return Ok(None) };
    typed_answer(q, raw, &answer_path(c, id)).map_err(|e| e.message)
}

/// `answer(q)`: a yes/no question answered yes.
fn answer(id: &str, c: &Ctx) -> Eval {
    let x = c.x();
    let label = || c.programme.label_of(id);
    // Each sentence is "zh{label}zh" / "en{label}en".
    let say = |zh: [&'static str; 2], en: [&'static str; 2]| {
        move || {
            let l = label();
            Text::new(format!("{}{}{}", zh[0], l.zh, zh[1]), format!("{}{}{}", en[0], l.en, en[1]))
        }
    };
    match answer_value(c, id) {
        Ok(Some(Typed::Bool(true))) => pass(x, say(["", "：是（自述）"], ["", ": yes (self-declared)"])),
        Ok(Some(Typed::Bool(false))) => fail(x, say(["", "：否"], ["", ": no"]), say(["须满足：", ""], ["needs: ", ""])),
        Ok(_) => unknown(x, say(["未回答：", ""], ["not answered: ", ""]), say(["请回答：", ""], ["answer: ", ""]), &[&answer_path(c, id)]),
        Err(why) => unknown(x, || why, say(["请检查回答：", ""], ["check the answer: ", ""]), &[&answer_path(c, id)]),
    }
}

/// A value of a comparison: a number or a date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Val {
    Num(Decimal),
    Date(Date),
}

/// How a variable's values read in a sentence.
#[derive(Clone, Copy)]
enum Shape {
    Money,
    Count,
    Date,
    Level,
}

fn shown(v: Val, shape: Shape, unit: &Option<Text>) -> Text {
    match (v, shape) {
        (Val::Date(d), _) => Text::new(d.to_zh(), d.to_string()),
        (Val::Num(n), Shape::Money) => Text::new(money::zh(n), money::en(n)),
        (Val::Num(n), Shape::Level) => {
            let l = u8::try_from(n.trunc().mantissa()).unwrap_or(0);
            crate::estimate::level_text(l)
        }
        (Val::Num(n), _) => {
            let g = money::grouped(n);
            match unit {
                Some(u) => Text::new(format!("{g}{}", u.zh), format!("{g} {}", u.en)),
                None => Text::new(g.clone(), g),
            }
        }
    }
}

/// A variable: its label, its shape, its unit word, the contract path and its value (label and
/// unit empty without explanations).
fn variable(v: &Var, c: &Ctx) -> (Text, Shape, Option<Text>, String, Result<Option<Val>, Text>) {
    let (p, x) = (c.profile, c.x());
    let num = |d: Option<Decimal>| Ok(d.map(Val::Num));
    match v {
        Var::Staff => (
            x.text(|| Text::new("从业人员", "staff")),
            Shape::Count,
            x.yes().then(|| Text::new("人", "persons")),
            "profile.employees".into(),
            num(p.employees.map(Decimal::from)),
        ),
        Var::Revenue => {
            (x.text(|| Text::new("营业收入", "revenue")), Shape::Money, None, "profile.revenue_yuan".into(), num(p.revenue_yuan))
        }
        Var::Assets => (
            x.text(|| Text::new("资产总额", "total assets")),
            Shape::Money,
            None,
            "profile.total_assets_yuan".into(),
            num(p.total_assets_yuan),
        ),
        Var::RegisteredOn => (
            x.text(|| Text::new("成立日期", "date of registration")),
            Shape::Date,
            None,
            "profile.registered_on".into(),
            Ok(p.registered_on.map(Val::Date)),
        ),
        Var::LevelNow => (
            x.text(|| Text::new("目前的数字化水平", "digital level now")),
            Shape::Level,
            None,
            "profile.digital_level_now".into(),
            num(p.digital_level_now.map(Decimal::from)),
        ),
        Var::LevelAfter => (
            x.text(|| Text::new("改造后数字化水平", "digital level after transformation")),
            Shape::Level,
            None,
            "project.digital_level_after".into(),
            num(c.project.and_then(|p| p.digital_level_after).map(Decimal::from)),
        ),
        Var::Question(id) => {
            let q = c.programme.question(id);
            let shape = match q.map(|q| q.kind) {
                Some(QuestionKind::Yuan) => Shape::Money,
                Some(QuestionKind::Date) => Shape::Date,
                Some(QuestionKind::Level) => Shape::Level,
                _ => Shape::Count,
            };
            let value = answer_value(c, id).map(|t| match t {
                Some(Typed::Number(n)) => Some(Val::Num(n)),
                Some(Typed::Date(d)) => Some(Val::Date(d)),
                _ => None,
            });
            let unit = q.filter(|_| x.yes()).and_then(|q| q.unit.clone());
            (x.text(|| c.programme.label_of(id)), shape, unit, answer_path(c, id), value)
        }
    }
}

/// `left op right`, one side a variable (both may be).
fn compare(left: &Operand, op: Cmp, right: &Operand, c: &Ctx) -> Eval {
    // Put the variable on the left: `20 <= staff` reads as `staff >= 20`.
    let (var_side, op, other) = match (left, right) {
        (Operand::Var(_), _) => (left, op, right),
        _ => (right, op.flipped(), left),
    };
    let ex = c.x();
    let Operand::Var(v) = var_side else {
        return unknown(ex, || Text::new("条件无法比较", "the condition cannot be compared"), Text::default, &[]);
    };
    let (label, shape, unit, path, value) = variable(v, c);
    let (bound, bound_missing) = match other {
        Operand::Number(n) => (Some(Val::Num(*n)), None),
        Operand::Date(d) => (Some(Val::Date(*d)), None),
        Operand::Var(w) => {
            let (_, _, _, wpath, wv) = variable(w, c);
            match wv {
                Ok(Some(x)) => (Some(x), None),
                _ => (None, Some(wpath)),
            }
        }
    };
    let want = |b: Val| {
        let b = shown(b, shape, &unit);
        Text::new(format!("{}须{} {}", label.zh, op.symbol(), b.zh), format!("{} must be {} {}", label.en, op.symbol(), b.en))
    };
    let value = match value {
        Ok(v) => v,
        Err(why) => {
            return unknown(ex, || why, || Text::new(format!("请检查：{}", label.zh), format!("check: {}", label.en)), &[&path]);
        }
    };
    match (value, bound) {
        (Some(x), Some(b)) => {
            let shown_both = || (shown(x, shape, &unit), shown(b, shape, &unit));
            if op.holds(&x, &b) {
                pass(ex, || {
                    let (xs, bs) = shown_both();
                    Text::new(
                        format!("{} {} {} {}", label.zh, xs.zh, op.symbol(), bs.zh),
                        format!("{} {} {} {}", label.en, xs.en, op.symbol(), bs.en),
                    )
                })
            } else {
                fail(
                    ex,
                    || {
                        let (xs, bs) = shown_both();
                        Text::new(
                            format!("{} {}，不满足 {} {}", label.zh, xs.zh, op.symbol(), bs.zh),
                            format!("{} {} does not satisfy {} {}", label.en, xs.en, op.symbol(), bs.en),
                        )
                    },
                    || want(b),
                )
            }
        }
        (None, b) => unknown(
            ex,
            || Text::new(format!("未填写{}", label.zh), format!("{} not given", label.en)),
            || b.map(want).unwrap_or_else(|| Text::new(format!("请填写{}", label.zh), format!("enter the {}", label.en))),
            &[&path],
        ),
        (Some(_), None) => {
            let wpath = bound_missing.unwrap_or_default();
            unknown(ex, || Text::new("比较的另一项未填写", "the other side of the comparison is not given"), Text::default, &[&wpath])
        }
    }
}

fn join(items: &[&Eval], f: impl Fn(&Eval) -> Option<Text>) -> Text {
    let parts: Vec<Text> = items.iter().filter_map(|e| f(e)).collect();
    Text::new(
        parts.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("；"),
        parts.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join("; "),
    )
}

fn missing_of(items: &[&Eval]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in items.iter().flat_map(|e| &e.missing) {
        if !out.contains(m) {
            out.push(m.clone());
        }
    }
    out
}

/// Kleene's `and`: a failing part decides (the unknowns then do not matter), else an unknown part.
pub(crate) fn all(items: Vec<Eval>, x: Explain) -> Eval {
    let of = |o: Outcome| items.iter().filter(|e| e.outcome == o).collect::<Vec<_>>();
    let (fails, unknowns) = (of(Outcome::Fail), of(Outcome::Unknown));
    let reasons = |v: &[&Eval]| x.text(|| join(v, |e| Some(e.reason.clone())));
    let to_change = |v: &[&Eval]| Some(x.text(|| join(v, |e| e.to_change.clone())));
    if !fails.is_empty() {
        Eval { outcome: Outcome::Fail, reason: reasons(&fails), to_change: to_change(&fails), missing: vec![] }
    } else if !unknowns.is_empty() {
        Eval { outcome: Outcome::Unknown, reason: reasons(&unknowns), to_change: to_change(&unknowns), missing: missing_of(&unknowns) }
    } else {
        let every: Vec<&Eval> = items.iter().collect();
        Eval { outcome: Outcome::Pass, reason: reasons(&every), to_change: None, missing: vec![] }
    }
}

/// Kleene's `or`: a passing part decides, else an unknown part; all failing is a fail.
pub(crate) fn any(items: Vec<Eval>, x: Explain) -> Eval {
    let of = |o: Outcome| items.iter().filter(|e| e.outcome == o).collect::<Vec<_>>();
    let (passes, unknowns, fails) = (of(Outcome::Pass), of(Outcome::Unknown), of(Outcome::Fail));
    let reasons = |v: &[&Eval]| x.text(|| join(v, |e| Some(e.reason.clone())));
    let either = |v: &[&Eval]| {
        Some(x.text(|| {
            let t = join(v, |e| e.to_change.clone());
            Text::new(format!("满足以下任一即可：{}", t.zh), format!("any one of these will do: {}", t.en))
        }))
    };
    if let Some(first) = passes.first() {
        pass(x, || first.reason.clone())
    } else if !unknowns.is_empty() {
        let all_open: Vec<&Eval> = unknowns.iter().chain(&fails).copied().collect();
        Eval { outcome: Outcome::Unknown, reason: reasons(&all_open), to_change: either(&all_open), missing: missing_of(&unknowns) }
    } else {
        Eval { outcome: Outcome::Fail, reason: reasons(&fails), to_change: either(&fails), missing: vec![] }
    }
}

/// Kleene's `not`.
pub(crate) fn not(e: Eval, x: Explain) -> Eval {
    match e.outcome {
        Outcome::Pass => fail(
            x,
            || Text::new(format!("不应满足：{}", e.reason.zh), format!("must not hold: {}", e.reason.en)),
            || Text::new(format!("须不满足：{}", e.reason.zh), format!("this must not hold: {}", e.reason.en)),
        ),
        Outcome::Fail => pass(x, || e.reason),
        Outcome::Unknown => e,
    }
}
