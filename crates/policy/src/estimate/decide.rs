//! The decision, step by step: the programme and the version in force, each measure's outcome,
//! whose money each line is, the overlap groups applied and the totals. Language-free: the
//! report ([`super::render`]) and the compact answer pick the language.

use super::compute::{compute, Out, Scope};
use super::{validated, MeasureStatus, Payee, TypedAnswers};
use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::error::InputErrors;
use crate::eval::{Facts, ProgrammeEval};
use crate::input::{EstimateInput, Profile, Project};
use crate::rules::{Overlap, OverlapRule, PaidTo, Programme, RuleVersion};
use crate::text::{Explain, Text};
use rust_decimal::Decimal;

/// An overlap group as applied: which of its lines the total counts, and what it means in words.
pub(crate) struct OverlapEval<'a> {
    pub overlap: &'a Overlap,
    pub counted: Vec<String>,
    pub not_counted: Vec<String>,
    pub text: Text,
}

/// An estimate decided: the eligibility, each measure's result, whose money it is, what the
/// total counts and the overlap groups as applied. Both renderings come from it: the report
/// ([`Estimated::render`], behind [`super::estimate`]) and the compact answer
/// ([`crate::outcomes::estimate_outcomes`]). Its sentences are empty when it was made without
/// explanations.
pub(crate) struct Estimated<'a> {
    pub programme: &'a Programme,
    pub version: &'a RuleVersion,
    pub as_of: Date,
    pub eligibility: ProgrammeEval<'a>,
    pub outs: Vec<Out>,
    pub payee: Vec<Payee>,
    pub in_total: Vec<bool>,
    pub stacking: Vec<Option<Text>>,
    pub overlaps: Vec<OverlapEval<'a>>,
    pub total: Decimal,
    pub others: Decimal,
}

/// Decides every measure of the programme named in the input (sentences as `explain` asks).
pub(crate) fn estimated<'a>(
    input: &EstimateInput,
    bundle: &'a RuleBundle,
    today: Date,
    explain: Explain,
) -> Result<Estimated<'a>, InputErrors> {
    let (p, (amounts, flags)) = programme_to_estimate(input, bundle, today)?;
    let x = explain;
    let as_of = input.as_of.unwrap_or(today);
    let version = p.version_on(as_of);
    let facts = Facts::of(&input.profile, x);
    let eligibility = crate::eval::evaluate(p, &input.profile, &facts, as_of);
    let scope = Scope { project: &input.project, as_of, programme: p, amounts, flags, explain: x };
    let outs = measure_outs(version, &scope, &input.profile, &facts);
    let payee = payees(version, &input.project);
    let in_total: Vec<bool> = outs.iter().zip(&payee).map(|(o, w)| *w == Payee::Enterprise && pays(o)).collect();
    let mut lines = Lines { version, outs: &outs, stacking: vec![None; outs.len()], in_total, x };
    let overlaps = version.overlaps.iter().map(|o| lines.apply(o)).collect();
    let Lines { in_total, stacking, .. } = lines;
    let (total, others) = totals(&outs, &payee, &in_total)?;
    Ok(Estimated { programme: p, version, as_of, eligibility, outs, payee, in_total, stacking, overlaps, total, others })
}

/// The programme the input names, once the input is valid against its rules, with the project's
/// answers as its questions type them.
fn programme_to_estimate<'a>(
    input: &EstimateInput,
    bundle: &'a RuleBundle,
    today: Date,
) -> Result<(&'a Programme, TypedAnswers), InputErrors> {
    let (found, errors) = validated(input, bundle, input.as_of.unwrap_or(today));
    if !errors.is_empty() {
        return Err(InputErrors { errors });
    }
    found.ok_or_else(|| {
        InputErrors::one("programme", Text::new("请指定政策编号，如 \"xiamen-2024\"", "name the programme, e.g. \"xiamen-2024\""))
    })
}

/// Each measure's outcome. A measure's condition (`when`) first: failing, the line does not
/// apply; unknown, it says what is missing; passing (or none), the formula is computed.
fn measure_outs(version: &RuleVersion, s: &Scope, profile: &Profile, facts: &Facts) -> Vec<Out> {
    version
        .measures
        .iter()
        .map(|m| match crate::eval::eval_measure_condition(m, s.programme, profile, facts, s.as_of, s.project) {
            Some(e) if e.outcome == crate::eval::Outcome::Fail => Out::condition(MeasureStatus::NotApplicable, e),
            Some(e) if e.outcome == crate::eval::Outcome::Unknown => Out::condition(MeasureStatus::MissingInput, e),
            _ => compute(m, s),
        })
        .collect()
}

/// Whose money each line is: a role's is the enterprise's own only when it holds the role.
fn payees(version: &RuleVersion, project: &Project) -> Vec<Payee> {
    version
        .measures
        .iter()
        .map(|m| match m.paid_to {
            PaidTo::Enterprise => Payee::Enterprise,
            PaidTo::Other => Payee::Other,
            PaidTo::Role if m.role.as_ref().is_some_and(|r| project.roles.contains(r)) => Payee::Enterprise,
            PaidTo::Role => Payee::Other,
        })
        .collect()
}

/// Whether a line pays anything: computed, and more than zero.
fn pays(o: &Out) -> bool {
    o.status == MeasureStatus::Computed && o.amount > Decimal::ZERO
}

/// The enterprise's total and what is paid to others; an error when the sum does not fit.
fn totals(outs: &[Out], payee: &[Payee], in_total: &[bool]) -> Result<(Decimal, Decimal), InputErrors> {
    let sum = |keep: &dyn Fn(usize) -> bool| {
        (0..outs.len()).filter(|i| keep(*i)).try_fold(Decimal::ZERO, |acc, i| acc.checked_add(outs[i].amount))
    };
    let overflow = || {
        InputErrors::one(
            "project",
            Text::new("所填金额过大，合计无法计算；请检查位数", "the amounts entered are too large to add up; check the digits"),
        )
    };
    let total = sum(&|i| in_total[i]).ok_or_else(overflow)?;
    let others = sum(&|i| payee[i] == Payee::Other && pays(&outs[i])).ok_or_else(overflow)?;
    Ok((total, others))
}

/// The lines as the overlap groups, applied in turn, leave them: which the total counts and
/// how each stacks with the others.
struct Lines<'v> {
    version: &'v RuleVersion,
    outs: &'v [Out],
    in_total: Vec<bool>,
    stacking: Vec<Option<Text>>,
    x: Explain,
}

impl Lines<'_> {
    /// A measure's title, by id (the id itself when no measure has it).
    fn title_of(&self, id: &str) -> Text {
        self.version.measures.iter().find(|m| m.id == id).map(|m| m.title.clone()).unwrap_or_else(|| Text::new(id, id))
    }

    /// The lines' titles in quotes, as a list.
    fn names(&self, ix: &[usize]) -> Text {
        let t: Vec<Text> = ix.iter().map(|i| self.title_of(&self.version.measures[*i].id)).collect();
        Text::new(
            t.iter().map(|x| format!("“{}”", x.zh)).collect::<Vec<_>>().join("、"),
            t.iter().map(|x| format!("\"{}\"", x.en)).collect::<Vec<_>>().join(", "),
        )
    }

    /// Applies one overlap group to the lines the total counts so far.
    fn apply<'a>(&mut self, o: &'a Overlap) -> OverlapEval<'a> {
        let version = self.version;
        let measures = &version.measures;
        let idx: Vec<usize> = o.measures.iter().filter_map(|id| measures.iter().position(|m| &m.id == id)).collect();
        let live: Vec<usize> = idx.iter().copied().filter(|i| self.in_total[*i]).collect();
        let mut not_counted = Vec::new();
        let text = if live.len() < 2 {
            self.x.text(|| o.text.clone())
        } else {
            match o.rule {
                OverlapRule::Highest => self.keep_highest(o, &live, &mut not_counted),
                OverlapRule::ConfirmDistinct => self.confirm_distinct(o, &live),
            }
        };
        let counted = idx.iter().filter(|i| self.in_total[**i]).map(|i| measures[*i].id.clone()).collect();
        OverlapEval { overlap: o, counted, not_counted, text }
    }

    /// 就高不重复: the first of the highest counts; the others are shown, not added.
    fn keep_highest(&mut self, o: &Overlap, live: &[usize], not_counted: &mut Vec<String>) -> Text {
        let (x, outs) = (self.x, self.outs);
        let best = live.iter().copied().fold(live[0], |b, i| if outs[i].amount > outs[b].amount { i } else { b });
        let bt = |l: &Self| l.title_of(&l.version.measures[best].id);
        for &i in live.iter().filter(|i| **i != best) {
            self.in_total[i] = false;
            not_counted.push(self.version.measures[i].id.clone());
            self.stacking[i] = x.yes().then(|| {
                let bt = bt(self);
                Text::new(
                    format!("就高不重复：与“{}”不叠加，按较高的一项计入合计", bt.zh),
                    format!("higher one only: does not stack with \"{}\"; the higher line is counted", bt.en),
                )
            });
        }
        x.text(|| {
            let bt = bt(self);
            o.text.join(&Text::new(format!("只计入较高的“{}”", bt.zh), format!("only the higher line, \"{}\", is counted", bt.en)))
        })
    }

    /// Lines that must be different projects or spending: all count, and each says so.
    fn confirm_distinct(&mut self, o: &Overlap, live: &[usize]) -> Text {
        let x = self.x;
        let all = x.text(|| self.names(live));
        for &i in live {
            self.stacking[i] = x.yes().then(|| {
                Text::new(
                    format!("与{}一并计入合计：须为不同的项目或支出，请向区县工信部门确认", all.zh),
                    format!(
                        "counted together with {}: they must be different projects or spending; confirm with the district office",
                        all.en
                    ),
                )
            });
        }
        x.text(|| {
            o.text.join(&Text::new(
                format!("合计已包含{}，请确认它们不是同一项目或同一笔支出", all.zh),
                format!("the total includes {}; confirm they are not the same project or spending", all.en),
            ))
        })
    }
}
