// <shuzhuan-check>: a compact self-check form → each programme's verdict, criterion by criterion
// (✓ ✗ ?), with the reason, what would change it and the clause. Which size figures are asked
// follows the report (the industry's size standard); the legal-person and credit questions appear
// only when a programme in scope has those criteria. After the first "See the results" the
// answers follow every change, and each report is sent to the host as a `shuzhuan-result` event.
import {
  addStrings, ready, catalogue, rulesOf, applyRules, t, settings, options, h, shell, reveal, dress, textField, yesNo,
  lenient, fill, reportErrors, emit, unknownProgrammes,
} from './common.js';

addStrings({
  zh: {
    'check.title': '数字化转型试点 · 申报条件自查',
    'check.lead': '对照试点政策文件逐条检查申报条件，每个结论注明条款。',
    'check.submit': '查看结果',
    'field.industry': '所属行业',
    'hint.industry': '输入行业名称或代码（如“集成电路”或 3973），从结果中选择小类',
    'field.chosen': '已选择：',
    'field.region': '生产经营所在区县',
    'field.region_code': '或输入 6 位行政区划代码',
    'field.zones': '（开发区等其他）',
    'field.other_code': '其他地区代码',
    'field.employees': '从业人员',
    'field.revenue': '上年营业收入',
    'field.assets': '资产总额',
    'hint.money': '以万元计，填数字，如 8500 或 1234.5',
    'field.legal': '是否具有独立法人资格',
    'field.credit': '近三年是否有不良信用记录',
    'field.specialized': '是否为专精特新企业',
    'specialized.none': '不是',
    'specialized.sme': '专精特新中小企业',
    'specialized.little_giant': '专精特新“小巨人”企业',
    'field.registered_on': '成立（注册）日期',
    'field.level_now': '目前的数字化水平',
    'level.0': '未达一级', 'level.1': '一级', 'level.2': '二级', 'level.3': '三级', 'level.4': '四级',
    'unit.persons': '人',
    'results.title': '自查结果',
    'results.as_of': '评估日期',
    'results.sme': '企业规模',
    'results.quotes': '政策原文',
    'verdict.eligible': '符合',
    'verdict.not_eligible': '不符合',
    'verdict.unknown': '待补充信息',
    'outcome.pass': '符合',
    'outcome.fail': '不符合',
    'outcome.unknown': '待确认',
    'class.large': '大型企业',
    'class.medium': '中型企业',
    'class.small': '小型企业',
    'class.micro': '微型企业',
    'class.unknown': '规模待定',
  },
  en: {
    'check.title': 'Digital-transformation pilot · eligibility self-check',
    'check.lead': 'Checks each condition of the pilot documents, citing the clause of every answer.',
    'check.submit': 'See the results',
    'field.industry': 'Industry',
    'hint.industry': 'Type an industry name or GB/T 4754 code (e.g. 集成电路 or 3973) and pick a 4-digit class',
    'field.chosen': 'Chosen: ',
    'field.region': 'District where the enterprise operates',
    'field.region_code': 'Or type the 6-digit division code',
    'field.zones': ' (development zones and others)',
    'field.other_code': 'Other division code',
    'field.employees': 'Staff',
    'field.revenue': "Last year's revenue",
    'field.assets': 'Total assets',
    'hint.money': 'In 10k yuan (万元), a number, e.g. 8500 or 1234.5',
    'field.legal': 'An independent legal person?',
    'field.credit': 'A bad credit record in the last three years?',
    'field.specialized': 'Specialised (专精特新) status',
    'specialized.none': 'Neither',
    'specialized.sme': '专精特新 SME (provincial)',
    'specialized.little_giant': '专精特新 “little giant” (national)',
    'field.registered_on': 'Date of registration',
    'field.level_now': 'Digital level now',
    'level.0': 'No level yet', 'level.1': 'Level 1', 'level.2': 'Level 2', 'level.3': 'Level 3', 'level.4': 'Level 4',
    'unit.persons': 'persons',
    'results.title': 'Results',
    'results.as_of': 'Evaluated as of',
    'results.sme': 'Enterprise size',
    'results.quotes': 'The documents’ words',
    'verdict.eligible': 'Eligible',
    'verdict.not_eligible': 'Not eligible',
    'verdict.unknown': 'More information needed',
    'outcome.pass': 'met',
    'outcome.fail': 'not met',
    'outcome.unknown': 'to be confirmed',
    'class.large': 'large enterprise',
    'class.medium': 'medium enterprise',
    'class.small': 'small enterprise',
    'class.micro': 'micro enterprise',
    'class.unknown': 'size to be determined',
  },
});

const MARK = { pass: '✓', fail: '✗', unknown: '?' };

/** Form element ids by contract path (the core names every bad field by its path). */
const IDS = {
  'profile.industry': 'f-industry',
  'profile.region': 'f-region',
  'profile.employees': 'f-employees',
  'profile.revenue_yuan': 'f-revenue',
  'profile.total_assets_yuan': 'f-assets',
  'profile.independent_legal_person': 'f-legal',
  'profile.bad_credit_last_3_years': 'f-credit',
  'profile.specialized': 'f-specialized',
  'profile.registered_on': 'f-registered-on',
  'profile.digital_level_now': 'f-level-now',
};
const idOf = (field) => IDS[field] ?? (field.startsWith('profile.answers.') ? `f-q-${field.slice(16).replace(/_/g, '-')}` : undefined);

/** A typed industry is committed when it looks like a code (a 门类 letter and/or digits); words
 *  are a search, and the user picks a hit (as in the app). */
function looksLikeCode(text) {
  const v = text.normalize('NFKC').replace(/\s/g, '');
  return /^[A-Za-z0-9]+$/.test(v) && (/\d/.test(v) || v.length === 1);
}

/** A labelled select: `options` as [value, text] pairs. */
function selectField(id, label, value, options, onchange) {
  const select = h('select', { id, 'aria-describedby': `${id}-error`, onchange: (e) => onchange(e.target.value) },
    options.map(([v, text]) => h('option', { value: v }, text)));
  select.value = value;
  return h('div', { class: 'field', 'data-for': id }, h('label', { for: id }, label), select,
    h('p', { class: 'error', id: `${id}-error`, hidden: true }));
}

export async function mount(host) {
  // The stylesheet, the core and the catalogue, all at once.
  const [box, core, codes, pack] = await Promise.all([shell(host), ready('check'), catalogue(), rulesOf(host)]);
  core.loadCodes(codes);
  // The cities of the rules in use, read again once a pack is applied (it may add a city).
  let cities = [];
  // The industry hits on show, and the highlighted one (Enter picks it).
  let found = [];
  let active = 0;
  // What the user typed, kept verbatim: never cleared by validation or by a re-render.
  const state = { query: '', industry: '', region: '', employees: '', revenue: '', assets: '', legal: '', credit: '', specialized: '', registered: '', levelNow: '', answers: {} };
  let asks = { questions: [], facts: [] };
  let shown = false;
  let s;
  let scope;
  const els = {};

  const tri = (v) => (v === 'yes' ? true : v === 'no' ? false : null);
  const input = () => {
    const p = {};
    const put = (k, v) => { if (v !== '' && v != null) p[k] = v; };
    put('industry', state.industry.trim());
    put('region', state.region.trim());
    put('employees', state.employees.trim());
    put('revenue_yuan', core.inWan(state.revenue));
    put('total_assets_yuan', core.inWan(state.assets));
    put('independent_legal_person', tri(state.legal));
    put('bad_credit_last_3_years', tri(state.credit));
    put('specialized', state.specialized);
    put('registered_on', state.registered.trim());
    put('digital_level_now', state.levelNow);
    // The packs' own questions, typed as each declares (yes/no as true/false, money in 万元).
    const answers = {};
    for (const q of asks.questions) {
      const v = state.answers[q.id] ?? '';
      const value = q.kind === 'yes_no' ? tri(v) : q.kind === 'yuan' ? core.inWan(v) : v.trim();
      if (value !== '' && value != null) answers[q.id] = value;
    }
    if (Object.keys(answers).length) p.answers = answers;
    return { profile: p };
  };
  // A report names its cities in its language (厦门市 / Xiamen).
  const cityOf = (name) => cities.find((c) => c.zh === name || c.en === name);
  const cityName = (name) => (s.lang === 'en' ? cityOf(name)?.en : cityOf(name)?.zh) ?? name;

  function render() {
    s = settings(host);
    dress(box, s);
    const L = s.lang;
    if (!applyRules(host, core, box, L, pack, render)) return;
    cities = core.regions();
    let blank;
    try {
      blank = core.check({}, options(s));
    } catch (e) {
      // A bad as-of attribute: the core names it.
      fill(box, h('div', { class: 'error-summary', role: 'alert' }, (e.errors || [{ message: { zh: String(e), en: String(e) } }]).map((x) => h('p', {}, x.message[L]))));
      return;
    }
    asks = core.checkAsks(options(s));
    const known = blank.programmes.map((p) => p.id);
    const wanted = s.programmes.filter((id) => known.includes(id));
    scope = (p) => !wanted.length || wanted.includes(p.id);
    const programmes = blank.programmes.filter(scope);
    const kinds = new Set(programmes.flatMap((p) => p.criteria.map((c) => c.kind)));
    const inScope = cities.filter((c) => programmes.some((p) => cityOf(p.city) === c));

    const changed = () => update(false);
    const field = (key, id, label, unit, hint) => textField({
      id, label: t(L, label), unit: unit && t(L, unit), hint: hint && t(L, hint), value: state[key],
      onchange: (e) => { state[key] = e.target.value; changed(); },
    });

    // Industry: search as you type (the core's catalogue search), pick a hit; a code is taken as typed.
    const industry = textField({
      id: 'f-industry', label: t(L, 'field.industry'), hint: t(L, 'hint.industry'), type: 'search', inputmode: 'text', value: state.query,
      oninput: (e) => { state.query = e.target.value; active = 0; hits(); },
      onchange: (e) => { if (looksLikeCode(e.target.value)) { state.industry = e.target.value; changed(); } },
    });
    industry.input.setAttribute('aria-controls', 'industry-hits');
    // As in the app: Enter (a phone keyboard's 搜索/前往) picks the highlighted hit (the first by
    // default) or does nothing — it never submits the form with no industry chosen; the arrow
    // keys move the highlight; Escape closes the list.
    industry.input.addEventListener('keydown', (e) => {
      const n = found.length;
      if (e.key === 'Enter') {
        e.preventDefault();
        if (n > 0) pick(found[Math.min(active, n - 1)].code);
        else if (looksLikeCode(e.target.value)) { state.industry = e.target.value; changed(); }
      } else if (e.key === 'ArrowDown' && n > 0) {
        e.preventDefault();
        active = (active + 1) % n;
        hits();
      } else if (e.key === 'ArrowUp' && n > 0) {
        e.preventDefault();
        active = (active + n - 1) % n;
        hits();
      } else if (e.key === 'Escape') {
        found = [];
        fill(els.hits);
      }
    });
    els.hits = h('ul', { class: 'hits', id: 'industry-hits' });
    els.chosen = h('p', { class: 'chosen', id: 'industry-chosen' });
    industry.wrap.append(els.hits, els.chosen);
    els.industry = industry.input;

    // District: the pilot cities in scope, each with its districts and its development zones.
    const regionOptions = () => {
      const listed = inScope.some((c) => state.region === `${c.code}00` || c.districts.some(([d]) => d === state.region));
      return [
        h('option', { value: '' }, t(L, 'field.choose')),
        inScope.map((c) => {
          const name = L === 'en' ? c.en : c.zh;
          return h('optgroup', { label: name },
            c.districts.map(([code, d]) => h('option', { value: code }, L === 'en' ? `${name} · ${d}` : `${name}${d}`)),
            h('option', { value: `${c.code}00` }, `${name}${t(L, 'field.zones')}`));
        }),
        !listed && state.region && h('option', { value: state.region }, `${t(L, 'field.other_code')} ${state.region}`),
      ];
    };
    const setRegion = (v) => {
      state.region = v.trim();
      fill(els.region, regionOptions());
      els.region.value = state.region;
      els.regionCode.value = state.region;
      changed();
    };
    els.region = h('select', { id: 'f-region', 'aria-describedby': 'f-region-error', onchange: (e) => setRegion(e.target.value) },
      regionOptions());
    els.region.value = state.region;
    els.regionCode = h('input', { id: 'f-region-code', type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'short', value: state.region,
      onchange: (e) => setRegion(e.target.value) });
    const region = h('div', { class: 'field', 'data-for': 'f-region' },
      h('label', { for: 'f-region' }, t(L, 'field.region')), els.region,
      h('label', { for: 'f-region-code', class: 'secondary' }, t(L, 'field.region_code')), els.regionCode,
      h('p', { class: 'error', id: 'f-region-error', hidden: true }));

    els.employees = field('employees', 'f-employees', 'field.employees', 'unit.persons').wrap;
    els.revenue = field('revenue', 'f-revenue', 'field.revenue', 'unit.wan', 'hint.money').wrap;
    els.assets = field('assets', 'f-assets', 'field.assets', 'unit.wan', 'hint.money').wrap;
    const answer = (key) => (e) => { state[key] = e.target.value; changed(); };
    const legal = kinds.has('independent_legal_person') && yesNo({ id: 'f-legal', label: t(L, 'field.legal'), lang: L, value: state.legal, onchange: answer('legal') });
    const credit = kinds.has('no_bad_credit') && yesNo({ id: 'f-credit', label: t(L, 'field.credit'), lang: L, value: state.credit, onchange: answer('credit') });

    // What the rules in scope ask beyond the basics: 专精特新, registration date, level now (only
    // when a rule reads them), and each pack's own questions with the clause they come from.
    const inPrograms = (q) => programmes.some((p) => p.id === q.programme);
    const extra = [
      asks.facts.includes('specialized') && selectField('f-specialized', t(L, 'field.specialized'), state.specialized,
        [['', t(L, 'answer.unsure')], ['none', t(L, 'specialized.none')], ['sme', t(L, 'specialized.sme')], ['little_giant', t(L, 'specialized.little_giant')]],
        (v) => { state.specialized = v; changed(); }),
      asks.facts.includes('registered_on') && textField({ id: 'f-registered-on', label: t(L, 'field.registered_on'), type: 'date', value: state.registered,
        onchange: (e) => { state.registered = e.target.value; changed(); } }).wrap,
      asks.facts.includes('digital_level_now') && selectField('f-level-now', t(L, 'field.level_now'), state.levelNow,
        [['', t(L, 'answer.unsure')], ...[0, 1, 2, 3, 4].map((l) => [String(l), t(L, `level.${l}`)])],
        (v) => { state.levelNow = v; changed(); }),
      ...asks.questions.filter(inPrograms).map((q) => {
        const id = `f-q-${q.id.replace(/_/g, '-')}`;
        const value = state.answers[q.id] ?? '';
        const set = (v) => { state.answers[q.id] = v; changed(); };
        const clause = h('p', { class: 'hint' }, `${t(L, 'results.source')} ${q.clause}`);
        let el;
        if (q.kind === 'yes_no') el = yesNo({ id, label: q.label, lang: L, value, onchange: (e) => set(e.target.value) });
        else if (q.kind === 'choice') el = selectField(id, q.label, value, [['', t(L, 'answer.unsure')], ...q.choices.map((c) => [c.id, c.label])], set);
        else {
          el = textField({ id, label: q.label, hint: q.help, unit: q.kind === 'yuan' ? t(L, 'unit.wan') : q.unit, value,
            type: q.kind === 'date' ? 'date' : 'text', inputmode: q.kind === 'date' ? 'text' : 'decimal',
            onchange: (e) => set(e.target.value) }).wrap;
        }
        el.dataset.question = q.id;
        el.append(clause);
        return el;
      }),
    ];

    els.form = h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); shown = true; update(true); } },
      h('div', { class: 'fields' }, industry.wrap, region, els.employees, els.revenue, els.assets, legal, credit, ...extra),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'submit' }, t(L, 'check.submit'))));
    els.live = h('p', { class: 'live', role: 'status', 'aria-live': 'polite' });
    els.results = h('div', { class: 'results-body' });
    const only = programmes.length === 1 ? programmes[0] : null;
    fill(box,
      h('h2', { class: 'title' }, t(L, 'check.title')),
      only && h('p', { class: 'doc' }, `${cityName(only.city)} · ${only.document}`),
      h('p', { class: 'lead' }, t(L, 'check.lead')),
      unknownProgrammes(s, known).map((m) => h('p', { class: 'error', role: 'alert' }, m)),
      els.form,
      h('section', { class: 'results', 'aria-label': t(L, 'results.title') }, els.live, els.results),
      h('p', { class: 'foot' }, t(L, 'private')));
    hits();
    update(false);
  }

  /** Takes a hit: the code becomes the industry, the list closes. */
  function pick(code) {
    state.industry = code;
    state.query = code;
    els.industry.value = code;
    found = [];
    fill(els.hits);
    els.industry.focus();
    update(false);
  }

  function hits() {
    const q = state.query.trim();
    found = q ? core.searchIndustry(q, { lang: s.lang }).slice(0, 8) : [];
    fill(els.hits, ...found.map((hit, i) => h('li', {},
      h('button', {
        type: 'button', class: i === active ? 'hit active' : 'hit', 'data-code': hit.code, 'aria-current': i === active ? 'true' : null,
        onmousedown: (e) => e.preventDefault(),
        onclick: () => pick(hit.code),
      }, h('span', { class: 'code' }, hit.code), ' ', hit.name, h('small', {}, hit.path)))));
  }

  function update(submitted) {
    const L = s.lang;
    // Another widget of the page may have evaluated with its own pack since.
    if (!applyRules(host, core, box, L, pack, render)) return;
    const { report, errors } = lenient(core, 'check', input(), options(s));
    // Ask for the figures the industry's size standard uses (all but assets while it is unknown).
    const used = report ? report.sme.indicators.map((i) => i.indicator) : [];
    els.employees.hidden = used.length > 0 && !used.includes('employees');
    els.revenue.hidden = used.length > 0 && !used.includes('revenue');
    els.assets.hidden = !used.includes('total_assets');
    els.chosen.textContent = report?.industry ? `${t(L, 'field.chosen')}${report.industry.path}` : '';
    reportErrors(box, els.form, errors, L, idOf, submitted);
    if (!shown || !report) return;
    results(report, errors);
    emit(host, report);
  }

  function results(report, leftOut) {
    const L = s.lang;
    const programmes = report.programmes.filter(scope);
    els.live.textContent = programmes.map((p) => `${cityName(p.city)}${L === 'en' ? ': ' : '：'}${t(L, `verdict.${p.verdict}`)}`).join(L === 'en' ? '; ' : '；');
    const sme = report.sme;
    fill(els.results,
      h('p', { class: 'meta' }, `${t(L, 'results.as_of')} ${report.as_of} · ${t(L, 'results.sme')}${L === 'en' ? ': ' : '：'}${sme.category_name} · ${t(L, `class.${sme.class}`)}`),
      leftOut.length > 0 && h('div', { class: 'left-out' }, h('p', {}, t(L, 'errors.left_out')), h('ul', {}, leftOut.map((e) => h('li', {}, e.message[L])))),
      programmes.map((p) => h('article', { class: 'programme', 'data-programme': p.id, 'data-verdict': p.verdict },
        h('h3', {}, `${cityName(p.city)} · ${p.title}`),
        h('p', { class: 'verdict' }, h('span', { class: 'badge', 'data-verdict': p.verdict }, t(L, `verdict.${p.verdict}`)), ' ', h('span', { class: 'status' }, p.status_text)),
        h('ul', { class: 'criteria' }, p.criteria.map((c) => h('li', { class: 'criterion', 'data-criterion': c.id, 'data-outcome': c.outcome },
          h('span', { class: `mark ${c.outcome}`, role: 'img', 'aria-label': t(L, `outcome.${c.outcome}`) }, MARK[c.outcome]),
          h('div', {},
            h('p', { class: 'crit-title' }, c.title),
            h('p', { class: 'reason' }, c.reason),
            c.to_change && h('p', { class: 'to-change' }, c.to_change),
            h('p', { class: 'source' }, `${t(L, 'results.source')}${L === 'en' ? ': ' : '：'}${c.source}`))))),
        h('details', { class: 'quotes' }, h('summary', {}, t(L, 'results.quotes')),
          h('ul', {},
            [...new Map(p.criteria.map((c) => [c.clause, c])).values()].map((c) => h('li', {}, h('span', { class: 'clause' }, c.clause), ' ', h('q', {}, c.quote))),
            p.notes.map((n) => h('li', {}, n.text, h('span', { class: 'clause' }, ` ${n.source}`))),
            p.not_stated.map((n) => h('li', {}, n)))))),
      h('p', { class: 'disclaimer' }, report.disclaimer));
  }

  render();
  reveal(host, box);
  return { update: render };
}
