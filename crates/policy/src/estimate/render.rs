//! The report, step by step, from an [`Estimated`]: the overlap groups, each measure's line and
//! its instalments, the inputs not used, what the estimate leaves out, in one language.

use super::compute::{Out, Split};
use super::decide::{Estimated, OverlapEval};
use super::{uses, EstimateReport, Instalment, MeasureResult, MeasureStatus, OverlapResult, Payee};
use crate::bundle::RuleBundle;
use crate::date::Date;
use crate::eval::{disclaimer, status_text, RulesInfo};
use crate::input::EstimateInput;
use crate::money;
use crate::rules::{Measure, PaidTo, Programme, RuleVersion, Status};
use crate::text::{Lang, Text};
use rust_decimal::Decimal;

impl Estimated<'_> {
    /// The report, in `lang` (made with explanations).
    pub(super) fn render(self, input: &EstimateInput, bundle: &RuleBundle, lang: Lang) -> EstimateReport {
        let Estimated { programme: p, version, as_of, eligibility, outs, payee, in_total, stacking, overlaps, total, others } = self;
        let overlaps = overlaps.into_iter().map(|o| overlap_result(o, p, lang)).collect();
        let mut measures = Vec::new();
        let mut instalments = Vec::new();
        let mut notices: Vec<String> = input.notices.iter().map(|t| t.get(lang).to_string()).collect();
        let lines = version.measures.iter().zip(outs).zip(payee).zip(in_total).zip(stacking);
        for ((((measure, o), payee), in_total), stacking) in lines {
            notices.extend(o.notices.iter().map(|t| t.get(lang).to_string()));
            instalments.extend(instalments_of(&o, lang));
            measures.push(measure_result(p, measure, o, payee, in_total, stacking, lang));
        }
        notices.extend(unused_inputs(input, version, lang));
        let leaves_out = leaves_out(p, as_of, &measures);
        EstimateReport {
            programme: p.id.clone(),
            title: p.title.get(lang).to_string(),
            document: p.citation(),
            draft: p.draft,
            as_of,
            status: p.status_on(as_of),
            status_text: status_text(p, as_of).get(lang).to_string(),
            rules_version: version.id.clone(),
            eligibility: eligibility.render(lang),
            measures,
            total_yuan: money::yuan(total),
            paid_to_others_yuan: money::yuan(others),
            overlaps,
            instalments,
            notes: p.notes.iter().map(|n| format!("{}（{}）", n.text.get(lang), p.cite(&n.source))).collect(),
            leaves_out: leaves_out.iter().map(|t| t.get(lang).to_string()).collect(),
            notices,
            rules: RulesInfo { origin: bundle.origin.clone(), hash: bundle.hash.clone() },
            disclaimer: disclaimer().get(lang).to_string(),
        }
    }
}

/// An overlap group as the report shows it.
fn overlap_result(o: OverlapEval, p: &Programme, lang: Lang) -> OverlapResult {
    OverlapResult {
        id: o.overlap.id.clone(),
        rule: o.overlap.rule,
        measures: o.overlap.measures.clone(),
        counted: o.counted,
        not_counted: o.not_counted,
        text: o.text.get(lang).to_string(),
        source: p.cite(&o.overlap.source),
        quote: o.overlap.source.quote.clone(),
    }
}

/// One measure's line of the report.
fn measure_result(
    p: &Programme,
    measure: &Measure,
    o: Out,
    paid_to: Payee,
    in_total: bool,
    stacking: Option<Text>,
    lang: Lang,
) -> MeasureResult {
    let explanation = explanation(measure, &o, paid_to);
    MeasureResult {
        id: measure.id.clone(),
        title: measure.title.get(lang).to_string(),
        recipient: measure.recipient.as_ref().map(|r| r.get(lang).to_string()),
        paid_to,
        role: measure.role.clone(),
        in_total,
        stacking: stacking.as_ref().map(|t| t.get(lang).to_string()),
        status: o.status,
        amount_yuan: money::yuan(o.amount),
        cap_yuan: o.cap.map(money::yuan),
        capped: o.capped,
        up_to: o.up_to,
        user_supplied: o.user_supplied,
        formula: o.formula.get(lang).to_string(),
        explanation: explanation.get(lang).to_string(),
        conditions: measure.conditions.iter().map(|c| c.get(lang).to_string()).collect(),
        missing: o.missing,
        by_level: o.by_level,
        by_year: o.by_year,
        source: p.cite(&measure.source),
        clause: measure.source.clause.clone(),
        quote: measure.source.quote.clone(),
    }
}

/// A measure's explanation, with what the report adds: the first instalment when the
/// instalments are not listed, and whose money a role's line is.
fn explanation(measure: &Measure, o: &Out, paid_to: Payee) -> Text {
    // Instalments divide an amount: with the measure's own amount unknown (an input missing)
    // there is none to divide, so the first instalment is said in the measure's explanation,
    // not listed beside a total of 0 (docs/readings.md §5, Xiamen).
    let mut explanation = o.explanation.clone();
    if let (Some((_, ftxt)), false) = (&o.first, o.divides()) {
        explanation = explanation.join(&Text::new(
            format!("首期按合同首付计为 {}；填好本项所需各项后才列出分期", ftxt.zh),
            format!("the first instalment would be {} from the down payment; the instalments are listed once this measure's inputs are all given", ftxt.en),
        ));
    }
    if measure.paid_to == PaidTo::Role && o.status == MeasureStatus::Computed {
        let role = crate::rules::role_name(measure.role.as_deref().unwrap_or_default());
        explanation = explanation.join(&if paid_to == Payee::Enterprise {
            Text::new(format!("本企业是{}，计入本企业合计", role.zh), format!("the enterprise is {}, so this counts in its total", role.en))
        } else {
            Text::new(
                format!("付给{}；未说明本企业是{}，不计入本企业合计", role.zh, role.zh),
                format!("paid to {}; the input does not say the enterprise is one, so it is not in its total", role.en),
            )
        });
    }
    explanation
}

/// A measure's instalments: the first, and the rest after acceptance (none when its amount
/// is not divided).
fn instalments_of(o: &Out, lang: Lang) -> Vec<Instalment> {
    let (Some(split), Some((_, ftxt))) = (o.instalments(), &o.first) else { return vec![] };
    let first = Instalment {
        stage: "first".into(),
        amount_yuan: split.first,
        explanation: Text::new(
            format!("首期：{}（签订改造合同后拨付）", ftxt.zh),
            format!("first instalment: {} (after the contract is signed)", ftxt.en),
        )
        .get(lang)
        .to_string(),
    };
    let rest = Instalment {
        stage: "after_acceptance".into(),
        amount_yuan: split.after_acceptance(),
        explanation: after_acceptance_text(o.amount, &split).get(lang).to_string(),
    };
    vec![first, rest]
}

/// What is paid after acceptance, or what is not paid (and may be returned) when the level
/// reached gives less than was advanced.
fn after_acceptance_text(amount: Decimal, split: &Split) -> Text {
    let (first, rest) = (split.first, split.rest);
    if rest >= Decimal::ZERO {
        Text::new(
            format!("验收后按达到的数字化水平一次性拨付剩余 {} = {} − 首期 {}", money::zh(rest), money::zh(amount), money::zh(first)),
            format!(
                "after acceptance, by the level reached: the remaining {} = {} − first {}",
                money::en(rest),
                money::en(amount),
                money::en(first)
            ),
        )
    } else {
        Text::new(
            format!(
                "验收达到的等级对应补贴 {} 少于首期已拨付 {}，差额 {} 不再拨付并可能需退回",
                money::zh(amount),
                money::zh(first),
                money::zh(-rest)
            ),
            format!(
                "the level reached gives {}, less than the {} advanced: the difference {} is not paid and may have to be returned",
                money::en(amount),
                money::en(first),
                money::en(-rest)
            ),
        )
    }
}

/// The notice naming the project answers no measure of the version reads, if any.
fn unused_inputs(input: &EstimateInput, version: &RuleVersion, lang: Lang) -> Option<String> {
    let unused: Vec<&str> = input
        .project
        .answers
        .keys()
        .filter(|id| !version.measures.iter().any(|m| uses(&m.formula, id) || m.cond.as_ref().is_some_and(|c| c.questions().contains(id))))
        .map(|id| id.as_str())
        .collect();
    if unused.is_empty() {
        return None;
    }
    let list = unused.join(", ");
    Some(Text::new(format!("本政策不使用以下输入：{list}"), format!("this programme does not use: {list}")).get(lang).to_string())
}

/// What the estimate does not include: other documents, the document out of force, and the
/// measures not computed.
fn leaves_out(p: &Programme, as_of: Date, measures: &[MeasureResult]) -> Vec<Text> {
    let mut leaves_out = vec![Text::new(
        "只估算本文件的措施（含本文件规定由区县拨付的部分）；本文件以外的区县配套政策和其他市级政策不在其中，与之重复的按文件规定处理",
        "only this document's measures are estimated (including those it has the districts pay); district top-ups and other city policies outside it are not included, and overlaps with them follow the document's rule",
    )];
    if p.status_on(as_of) != Status::InForce {
        leaves_out.push(Text::new(
            format!("本文件在 {} 不在有效期内（{}），估算仅供参考", as_of, status_text(p, as_of).zh),
            format!("the document is not in force on {as_of} ({}); the estimate is for reference only", status_text(p, as_of).en),
        ));
    }
    for mr in measures {
        if matches!(mr.status, MeasureStatus::NotComputed | MeasureStatus::NeedsParameters | MeasureStatus::MissingInput) {
            leaves_out.push(Text::new(format!("{}：{}", mr.title, mr.explanation), format!("{}: {}", mr.title, mr.explanation)));
        }
    }
    leaves_out
}
