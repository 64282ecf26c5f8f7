// <shuzhuan-estimate programme="…">: the project inputs the programme's measures use (the core's
// estimatorSpec, as the app's estimator page) → one line per measure with its calculation, cap and
// amount, the total, the instalments and what the estimate leaves out. After the first "Estimate"
// the lines follow every change; each report goes to the host as a `shuzhuan-result` event.
import {
  addStrings, ready, rulesOf, applyRules, t, settings, options, h, shell, reveal, dress, textField, lenient, fill,
  reportErrors, emit, unknownProgrammes, yuan,
} from './common.js';

addStrings({
  zh: {
    'estimate.title': '补贴估算',
    'estimate.lead': '按政策文件计算本项目可获得的补贴（最高额）。本估算不核对申报条件。',
    'estimate.submit': '估算补贴',
    'unit.count': '个/人天',
    'field.level': '改造后数字化水平',
    'level.0': '未达一级',
    'level.1': '一级',
    'level.2': '二级',
    'level.3': '三级',
    'level.4': '四级',
    'field.year': '实施年度',
    'year.1': '批复后第一年',
    'year.2': '批复后第二年',
    'year.unknown': '不确定（两年都列出，合计按较低的计）',
    'estimate.roles': '本企业的身份',
    'estimate.award_amount': '奖励金额（按实施细则填写）',
    'estimate.others': '付给他方（不计入本企业合计）',
    'estimate.others_total': '付给他方小计',
    'estimate.overlaps': '可能重复的项目，请确认',
    'field.cap_one': '补贴上限',
    'estimate.user_params': '补贴比例与上限（用户自填）',
    'hint.user_params': '本文件未公布补贴标准，请按实施细则填写；结果将标注为“用户自填”。',
    'field.ratio': '补贴比例（如 0.3 或 30%）',
    'field.cap': '上限',
    'estimate.awards': '已获评或拟申报的一次性奖励',
    'estimate.measures': '各项支持措施',
    'estimate.measure': '措施',
    'estimate.formula': '计算',
    'estimate.cap': '上限',
    'estimate.amount': '金额',
    'estimate.total': '本企业合计（最高）',
    'estimate.user_supplied': '用户自填',
    'estimate.instalments': '拨付安排',
    'estimate.leaves_out': '估算未包含与说明',
    'estimate.zero_rows': '未计入的措施（金额为 0）',
  },
  en: {
    'estimate.title': 'Subsidy estimate',
    'estimate.lead': 'What this project could receive under the document (at most). Eligibility is not checked here.',
    'estimate.submit': 'Estimate',
    'unit.count': 'count',
    'field.level': 'Digital level after the project',
    'level.0': 'No level yet',
    'level.1': 'Level 1',
    'level.2': 'Level 2',
    'level.3': 'Level 3',
    'level.4': 'Level 4',
    'field.year': 'Implementation year',
    'year.1': 'First year after approval',
    'year.2': 'Second year after approval',
    'year.unknown': 'Not sure (both years shown; the total counts the lower)',
    'estimate.roles': "The enterprise's roles",
    'estimate.award_amount': 'Award amount (from the implementing rules)',
    'estimate.others': "Paid to others (not in the enterprise's total)",
    'estimate.others_total': 'Paid to others, subtotal',
    'estimate.overlaps': 'Lines that may overlap: please confirm',
    'field.cap_one': 'Cap',
    'estimate.user_params': 'Ratio and caps (you supply them)',
    'hint.user_params': 'This document publishes no amounts: enter them from the implementing rules. The result is labelled user-supplied.',
    'field.ratio': 'Ratio (e.g. 0.3 or 30%)',
    'field.cap': 'cap',
    'estimate.awards': 'One-off awards won or applied for',
    'estimate.measures': 'Measures',
    'estimate.measure': 'Measure',
    'estimate.formula': 'Calculation',
    'estimate.cap': 'Cap',
    'estimate.amount': 'Amount',
    'estimate.total': "The enterprise's total (at most)",
    'estimate.user_supplied': 'User-supplied',
    'estimate.instalments': 'Instalments',
    'estimate.leaves_out': 'What this leaves out',
    'estimate.zero_rows': 'Measures adding nothing (amount 0)',
  },
});

/** Form element id of a contract path: `project.eligible_input_yuan` → `f-eligible-input-yuan`. */
function idOf(field) {
  if (field === 'project.digital_level_after') return 'f-level';
  if (field === 'project.implementation_year') return 'f-year';
  if (field.startsWith('project.caps_yuan.')) return `f-cap-${field.split('.')[2]}`;
  if (field === 'project.caps_yuan') return 'f-cap';
  if (field.startsWith('project.award_amounts_yuan.')) return `f-award-amount-${field.split('.')[2]}`;
  if (field.startsWith('project.roles')) return 'f-roles';
  if (field.startsWith('project.awards')) return 'f-awards';
  if (field.startsWith('project.')) return `f-${field.slice(8).replace(/_/g, '-')}`;
  return null;
}

export async function mount(host) {
  const [box, core, pack] = await Promise.all([shell(host), ready('estimate'), rulesOf(host)]);
  // What the user typed, kept verbatim: never cleared by validation or by a re-render.
  // The year starts unknown: the core then shows both years and counts the lower, never assuming
  // the more generous one.
  const state = { level: '', year: '', amounts: {}, ratio: '', caps: {}, cap: '', flags: {}, awards: [], roles: [], awardAmounts: {} };
  let shown = false;
  let s;
  let spec;
  const els = {};

  const input = () => {
    const project = {};
    const put = (k, v) => { if (v !== '' && v != null) project[k] = v; };
    put('digital_level_after', state.level);
    if (spec.year) put('implementation_year', state.year);
    for (const f of spec.inputs) {
      const v = state.amounts[f.field] || '';
      put(f.field, f.money ? core.inWan(v) : v.trim());
    }
    if (spec.user_parameters) {
      put('ratio', state.ratio.trim());
      if (spec.user_caps_by_level) {
        const caps = Object.fromEntries(Object.entries(state.caps).filter(([, v]) => v.trim()).map(([l, v]) => [l, core.inWan(v)]));
        if (Object.keys(caps).length) project.caps_yuan = caps;
      } else {
        put('caps_yuan', state.cap.trim() ? core.inWan(state.cap) : '');
      }
    }
    for (const f of spec.flags) if (state.flags[f.id]) project[f.id] = true;
    if (state.awards.length) project.awards = [...state.awards];
    if (state.roles.length) project.roles = [...state.roles];
    const amounts = Object.fromEntries(Object.entries(state.awardAmounts)
      .filter(([id, v]) => v.trim() && state.awards.includes(id)).map(([id, v]) => [id, core.inWan(v)]));
    if (Object.keys(amounts).length) project.award_amounts_yuan = amounts;
    return { programme: spec.programme, project };
  };

  function render() {
    s = settings(host);
    dress(box, s);
    const L = s.lang;
    if (!applyRules(host, core, box, L, pack, render)) return;
    let list;
    try {
      list = core.programmes(options(s)).filter((p) => p.audience === 'enterprise');
    } catch (e) {
      fill(box, h('div', { class: 'error-summary', role: 'alert' }, (e.errors || [{ message: { zh: String(e), en: String(e) } }]).map((x) => h('p', {}, x.message[L]))));
      return;
    }
    const known = list.map((p) => p.id);
    const programme = list.find((p) => p.id === s.programmes[0]);
    if (!programme) {
      const msg = unknownProgrammes({ ...s, programmes: [s.programmes[0] || ''] }, known);
      fill(box, h('h2', { class: 'title' }, t(L, 'estimate.title')), h('p', { class: 'error', role: 'alert' }, msg));
      return;
    }
    spec = core.estimatorSpec(programme.id, options(s));
    const changed = () => update(false);
    // Typing updates the lines after a short pause (as the app's estimator), reading the field
    // when the pause ends; leaving the field updates them at once.
    let pause = 0;
    const typed = (apply) => ({
      oninput: (e) => { clearTimeout(pause); const el = e.target; pause = setTimeout(() => { apply(el.value); changed(); }, 250); },
      onchange: (e) => { clearTimeout(pause); apply(e.target.value); changed(); },
    });
    const fields = [];

    if (spec.levels.length) {
      els.level = h('select', { id: 'f-level', 'aria-describedby': 'f-level-error', onchange: (e) => { state.level = e.target.value; changed(); } },
        h('option', { value: '' }, t(L, 'field.choose')),
        [0, 1, ...spec.levels.filter((l) => l > 1)].map((l) => h('option', { value: String(l) }, t(L, `level.${l}`))));
      els.level.value = state.level;
      fields.push(h('div', { class: 'field', 'data-for': 'f-level' }, h('label', { for: 'f-level' }, t(L, 'field.level')), els.level,
        h('p', { class: 'error', id: 'f-level-error', hidden: true })));
    }
    if (spec.year) {
      const year = h('select', { id: 'f-year', 'aria-describedby': 'f-year-error', onchange: (e) => { state.year = e.target.value; changed(); } },
        ['', '1', '2'].map((y) => h('option', { value: y }, t(L, `year.${y || 'unknown'}`))));
      year.value = state.year;
      fields.push(h('div', { class: 'field', 'data-for': 'f-year' }, h('label', { for: 'f-year' }, t(L, 'field.year')), year,
        h('p', { class: 'error', id: 'f-year-error', hidden: true })));
    }
    for (const f of spec.inputs) {
      fields.push(textField({
        id: idOf(`project.${f.field}`), label: f.label, unit: f.money ? t(L, 'unit.wan') : f.unit || t(L, 'unit.count'),
        inputmode: 'decimal', value: state.amounts[f.field] || '',
        ...typed((v) => { state.amounts[f.field] = v; }),
      }).wrap);
    }
    if (spec.user_parameters) {
      fields.push(h('fieldset', { class: 'field wide user-params' }, h('legend', {}, t(L, 'estimate.user_params')),
        h('p', { class: 'hint' }, t(L, 'hint.user_params')),
        textField({ id: 'f-ratio', label: t(L, 'field.ratio'), value: state.ratio, ...typed((v) => { state.ratio = v; }) }).wrap,
        spec.user_caps_by_level
          ? [2, 3, 4].map((l) => textField({
            id: `f-cap-${l}`, label: `${t(L, `level.${l}`)} ${t(L, 'field.cap')}`, unit: t(L, 'unit.wan'), value: state.caps[l] || '',
            ...typed((v) => { state.caps[l] = v; }),
          }).wrap)
          : textField({
            id: 'f-cap', label: t(L, 'field.cap_one'), unit: t(L, 'unit.wan'), value: state.cap,
            ...typed((v) => { state.cap = v; }),
          }).wrap));
    }
    const box2 = (id, label, checked, onchange) => h('label', { class: 'choice' }, h('input', { type: 'checkbox', id, checked, onchange }), label);
    for (const f of spec.flags) {
      fields.push(h('div', { class: 'field wide' }, box2(`f-${f.id.replace(/_/g, '-')}`, f.label, !!state.flags[f.id],
        (e) => { state.flags[f.id] = e.target.checked; changed(); })));
    }
    if (spec.roles.length) {
      fields.push(h('fieldset', { class: 'field wide', id: 'f-roles' }, h('legend', {}, t(L, 'estimate.roles')),
        spec.roles.map((r) => box2(`role-${r.id.replace(/_/g, '-')}`, r.label, state.roles.includes(r.id), (e) => {
          state.roles = state.roles.filter((x) => x !== r.id);
          if (e.target.checked) state.roles.push(r.id);
          changed();
        }))));
    }
    if (spec.awards.length) {
      fields.push(h('fieldset', { class: 'field wide', id: 'f-awards', 'aria-describedby': 'f-awards-error' }, h('legend', {}, t(L, 'estimate.awards')),
        spec.awards.map((a) => [box2(`award-${a.id}`, a.label, state.awards.includes(a.id), (e) => {
          state.awards = state.awards.filter((x) => x !== a.id);
          if (e.target.checked) state.awards.push(a.id);
          render();
        }),
        // An award the document names without an amount: its amount is typed once it is claimed.
        spec.award_amounts.includes(a.id) && state.awards.includes(a.id) && textField({
          id: `f-award-amount-${a.id}`, label: t(L, 'estimate.award_amount'), unit: t(L, 'unit.wan'), value: state.awardAmounts[a.id] || '',
          ...typed((v) => { state.awardAmounts[a.id] = v; }),
        }).wrap]),
        h('p', { class: 'error', id: 'f-awards-error', hidden: true })));
    }

    els.form = h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); shown = true; update(true); } },
      h('div', { class: 'fields' }, fields),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'submit' }, t(L, 'estimate.submit'))));
    els.live = h('p', { class: 'live', role: 'status', 'aria-live': 'polite' });
    els.results = h('div', { class: 'results-body' });
    fill(box,
      h('h2', { class: 'title' }, `${t(L, 'estimate.title')} · ${programme.title}`),
      h('p', { class: 'doc' }, `${programme.document} · ${programme.status_text}`),
      h('p', { class: 'lead' }, t(L, 'estimate.lead')),
      els.form,
      h('section', { class: 'results', 'aria-label': t(L, 'estimate.title') }, els.live, els.results),
      h('p', { class: 'foot' }, t(L, 'private')));
    update(false);
  }

  function update(submitted) {
    const L = s.lang;
    // Another widget of the page may have evaluated with its own pack since.
    if (!applyRules(host, core, box, L, pack, render)) return;
    const { report, errors } = lenient(core, 'estimate', input(), options(s));
    reportErrors(box, els.form, errors, L, idOf, submitted);
    if (!shown || !report) return;
    results(report, errors);
    emit(host, report);
  }

  function results(r, errors) {
    const L = s.lang;
    const colon = L === 'en' ? ': ' : '：';
    els.live.textContent = `${t(L, 'estimate.total')}${colon}${yuan(r.total_yuan)}`;
    const row = (m) => h('tr', { 'data-measure': m.id, 'data-status': m.status, class: m.status === 'computed' && (m.in_total || m.paid_to === 'other') ? null : 'muted' },
      h('th', { scope: 'row' }, m.title, m.user_supplied && h('span', { class: 'tag' }, t(L, 'estimate.user_supplied')),
        m.recipient && h('span', { class: 'small' }, m.recipient),
        h('span', { class: 'source' }, `${t(L, 'results.source')}${colon}${m.clause}`)),
      h('td', {}, m.formula || m.explanation, m.formula && m.explanation && h('span', { class: 'small' }, m.explanation),
        m.stacking && h('span', { class: 'small stacking' }, m.stacking)),
      // The labels show when the table is stacked (a narrow widget), where the header is hidden.
      h('td', { class: 'num', 'data-label': `${t(L, 'estimate.cap')}${colon}` }, m.cap_yuan == null ? '—' : yuan(m.cap_yuan)),
      h('td', { class: 'num amount', 'data-label': `${t(L, 'estimate.amount')}${colon}` }, yuan(m.amount_yuan)));
    const head = () => h('thead', {}, h('tr', {}, ['estimate.measure', 'estimate.formula', 'estimate.cap', 'estimate.amount'].map((k, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null }, t(L, k)))));
    const others = r.measures.filter((m) => m.paid_to === 'other');
    const own = r.measures.filter((m) => m.paid_to === 'enterprise');
    const zero = (m) => Number(m.amount_yuan) === 0;
    const overlaps = r.overlaps.filter((o) => o.counted.length + o.not_counted.length > 1);
    fill(els.results,
      errors.length > 0 && h('div', { class: 'left-out' }, h('p', {}, t(L, 'errors.left_out')), h('ul', {}, errors.map((e) => h('li', {}, e.message[L])))),
      // Focusable, so a keyboard can scroll the table on a narrow screen.
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t(L, 'estimate.measures') }, h('table', { class: 'measures' },
        head(),
        h('tbody', {}, own.filter((m) => !zero(m)).map(row)),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: '3' }, t(L, 'estimate.total')), h('td', { class: 'num', id: 'total' }, yuan(r.total_yuan)))))),
      // The lines that add nothing, folded so the total stays in view; each still says why.
      own.some(zero) && h('details', { class: 'zero-rows', id: 'zero-rows' },
        h('summary', {}, `${t(L, 'estimate.zero_rows')} · ${own.filter(zero).length}`),
        h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t(L, 'estimate.zero_rows') }, h('table', { class: 'measures' },
          head(), h('tbody', {}, own.filter(zero).map(row))))),
      overlaps.length > 0 && h('div', { class: 'overlaps', id: 'overlaps', role: 'note' }, h('p', { class: 'strong' }, t(L, 'estimate.overlaps')),
        h('ul', {}, overlaps.map((o) => h('li', { 'data-overlap': o.id }, o.text)))),
      others.length > 0 && h('details', { class: 'others', id: 'others' }, h('summary', {}, `${t(L, 'estimate.others')} · ${yuan(r.paid_to_others_yuan)}`),
        h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t(L, 'estimate.others') }, h('table', { class: 'measures' },
          head(),
          h('tbody', {}, others.map(row)),
          h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: '3' }, t(L, 'estimate.others_total')), h('td', { class: 'num', id: 'others-total' }, yuan(r.paid_to_others_yuan))))))),
      r.instalments.length > 0 && h('div', { class: 'instalments' }, h('p', { class: 'strong' }, t(L, 'estimate.instalments')),
        h('ul', {}, r.instalments.map((i) => h('li', { 'data-stage': i.stage }, h('strong', {}, yuan(i.amount_yuan)), ` — ${i.explanation}`)))),
      h('details', { class: 'quotes' }, h('summary', {}, t(L, 'estimate.leaves_out')),
        h('ul', {}, [...r.leaves_out, ...r.notes, ...r.notices].map((n) => h('li', {}, n)))),
      h('p', { class: 'disclaimer' }, r.disclaimer));
  }

  render();
  reveal(host, box);
  return { update: render };
}
