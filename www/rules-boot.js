// The rule-pack editor (rules.html): a city bureau writes its programme as a TOML rule pack and
// sees, as it types, every problem with its line and column (each a button that puts the caret
// there), the programme as the policy library shows it, the form it generates, a verdict for a
// profile, and the rules.json the app reads, to download. Every answer comes from the page's own
// WebAssembly module (apps/rules-editor: the policy core with its TOML reader); this module only
// reads the page, hands text over and draws what comes back. Nothing is uploaded or stored.
import init, { todayInChina, template, validate, check, buildPack } from './rules-editor.js';
import { HEADER, el, fill, strings, offer } from './office.js';

const STRINGS = {
  zh: {
    ...HEADER.zh,
    'nav.rules': '规则包编辑',
    doc: '规则包编辑器 · 数转',
    title: '规则包编辑器',
    lead: '供市工信部门把本市试点政策写成规则包（TOML 文件）：边写边校验，每个问题都给出行号和列号；校验通过后预览政策库中的样子、生成的表单，用一家企业试算，并下载应用读取的 rules.json。',
    privacy: '文件只在本机浏览器中读取和校验，不上传、不保存；关闭页面即清除。',
    open: '打开 .toml 文件', template: '重新载入模板', download: '下载 rules.json', drop: '也可以把 .toml 文件拖到本页。',
    'source.label': '规则文件（TOML）', 'source.file': '文件名：',
    'check.title': '校验', loading: '正在载入校验程序…', checking: '正在校验…',
    valid: '✓ 没有问题：规则包可以使用。', invalid: '✗ 发现 {n} 个问题', 'invalid.one': '✗ 发现 1 个问题',
    'problems.hint': '点击位置，光标即移到那一行。问题说明与命令行 shuzhuan rules validate 相同（命令行另附英文）。',
    at: '第 {line} 行，第 {column} 列', 'at.none': '位置不明', caret: '光标：第 {line} 行，第 {column} 列',
    'start.failed': '校验程序无法启动：{msg}',
    'confirm.template': '用模板替换编辑框中的内容？当前内容不会保存。',
    'file.big': '文件太大（{size} KB）：规则文件通常只有几 KB。', 'file.read': '无法读取文件：{msg}', 'file.opened': '已打开 {name}。',
    'download.done': '已生成 rules.json（{size} KB），替换网站上的 rules.json 即可发布。', 'download.refused': '规则包有问题，修正后才能生成 rules.json。',
    'preview.title': '预览：政策库中的样子', 'form.title': '生成的表单', 'try.title': '试算：一家企业能否申报',
    'try.hint': '填写几项企业资料，按这个规则包逐条判断（与企业自查相同的判断）。',
    official: '正式文件', draft: '征求意见稿', secondary: '二手资料',
    enterprise: '面向企业', provider: '面向服务商',
    validity: '有效期', issued: '印发', checked: '最近核对原文', 'valid_from_note': '起始日期说明',
    version: '规则版本 {id}（{from} 至 {until}）', criteria: '申报条件', measures: '支持措施', 'not_stated': '文件没有规定的条件',
    'sub_industries': '试点细分行业', confirm: '需向主管部门确认', notes: '说明',
    when: '条件', 'measure.when': '适用条件', formula: '计算', 'paid.other': '不计入企业所得（拨付给其他单位）', 'paid.role': '拨付给角色：', recipient: '领取对象：', assumes: '估算假定',
    none: '（无）',
    'form.enterprise': '企业自查时询问', 'form.project': '补贴估算时询问',
    'form.basics': '行业、从业人员、营业收入、资产总额、所在地、统一社会信用代码、独立法人、信用记录等基本资料总是询问；此外：',
    'form.facts': '条件用到的内置资料：', 'form.none': '没有声明的问题。',
    'form.levels': '改造后数字化水平（{levels}）', 'form.year': '试点实施第几年', 'form.user': '补助比例和上限（文件未规定，由用户填写）',
    'fact.specialized': '专精特新', 'fact.registered_on': '成立日期', 'fact.digital_level_now': '目前数字化水平',
    kind: { yes_no: '是/否', choice: '单选', yuan: '金额', count: '数量', person_days: '人天', date: '日期', level: '数字化水平等级' },
    unit: '单位：', 'unit.yuan': '万元或元', id: '字段名', choices: '选项：', source: '依据',
    'try.asof': '评估日期', 'try.asof.hint': '按这一天有效的规则版本判断。',
    'try.industry': '行业代码（GB/T 4754-2017）', 'try.industry.hint': '如 3973（集成电路制造）或 C（制造业）。',
    'try.employees': '从业人员（人）', 'try.revenue': '上年营业收入', 'try.region': '所在区县代码（GB/T 2260，6 位）', 'try.region.hint': '本规则包的城市代码为 {city}，如 {city}01。',
    'wan': '万元', 'yn.blank': '未回答', yes: '是', no: '否', 'choice.blank': '请选择',
    'try.provider': '这是面向服务商的政策：企业自查不判断它。',
    'try.errors': '以下资料无法读取', verdict: '结论：', industry: '行业：', region: '所在地：', sme: '企业规模：',
    pass: '符合', fail: '不符合', unknown: '待确认', 'to_change': '如何改变：', quote: '原文',
    'foot.disclaimer': '规则包是否准确，以市工信部门对照政策原文的核对为准；本页只检查写法和一致性。',
    'foot.private': '所填内容只在本机浏览器中计算，不会上传。', 'foot.library': '查看收录的政策原文与规则',
    noscript: '本页需要启用 JavaScript 和 WebAssembly。This page needs JavaScript and WebAssembly.',
  },
  en: {
    ...HEADER.en,
    'nav.rules': 'Rule-pack editor',
    doc: 'Rule-pack editor · shuzhuan',
    title: 'Rule-pack editor',
    lead: 'For city industry bureaus writing their programme as a rule pack (a TOML file): checked as you type, every problem with its line and column; once it validates, see it as the policy library shows it and the form it generates, try it on an enterprise, and download the rules.json the app reads.',
    privacy: 'The file is read and checked in this browser only: nothing is uploaded or kept.',
    open: 'Open a .toml file', template: 'Load the template again', download: 'Download rules.json', drop: 'You can also drop a .toml file onto this page.',
    'source.label': 'Rule file (TOML)', 'source.file': 'File name: ',
    'check.title': 'Check', loading: 'Loading the checker…', checking: 'Checking…',
    valid: '✓ No problems: the rule pack can be used.', invalid: '✗ {n} problems found', 'invalid.one': '✗ 1 problem found',
    'problems.hint': 'Click a place to put the caret on that line. The messages are those of shuzhuan rules validate (which prints the Chinese first).',
    at: 'line {line}, column {column}', 'at.none': 'place unknown', caret: 'Caret: line {line}, column {column}',
    'start.failed': 'The checker could not start: {msg}',
    'confirm.template': 'Replace the text in the editor with the template? The current text is not kept.',
    'file.big': 'The file is too large ({size} KB): a rule file is usually a few KB.', 'file.read': 'The file cannot be read: {msg}', 'file.opened': 'Opened {name}.',
    'download.done': 'rules.json built ({size} KB): replace the site\'s rules.json with it to publish.', 'download.refused': 'The rule pack has problems: fix them to build rules.json.',
    'preview.title': 'Preview: as the policy library shows it', 'form.title': 'The form it generates', 'try.title': 'Try it: can an enterprise apply?',
    'try.hint': 'Enter a few facts about an enterprise: each condition of this rule pack is judged as the self-check judges it.',
    official: 'Official document', draft: 'Draft for comment', secondary: 'Secondary source',
    enterprise: 'For enterprises', provider: 'For service providers',
    validity: 'Valid', issued: 'Issued', checked: 'Last checked against the document', 'valid_from_note': 'About the start date',
    version: 'Rule version {id} ({from} to {until})', criteria: 'Conditions', measures: 'Measures', 'not_stated': 'Conditions the document does not set',
    'sub_industries': 'Pilot sub-industries', confirm: 'confirm with the office', notes: 'Notes',
    when: 'Condition', 'measure.when': 'Applies when', formula: 'Amount', 'paid.other': 'Not the enterprise\'s money (paid to another party)', 'paid.role': 'Paid to the role: ', recipient: 'Received by: ', assumes: 'The estimate assumes',
    none: '(none)',
    'form.enterprise': 'Asked by the self-check', 'form.project': 'Asked by the subsidy estimator',
    'form.basics': 'The basics (industry, staff, revenue, assets, location, credit code, legal person, credit record) are always asked; besides them:',
    'form.facts': 'Built-in facts the conditions read: ', 'form.none': 'No questions declared.',
    'form.levels': 'Digital level reached ({levels})', 'form.year': 'Year of the pilot', 'form.user': 'Subsidy ratio and caps (not set by the document; entered by the user)',
    'fact.specialized': 'specialised and sophisticated (专精特新)', 'fact.registered_on': 'date registered', 'fact.digital_level_now': 'current digital level',
    kind: { yes_no: 'yes/no', choice: 'one choice', yuan: 'amount', count: 'number', person_days: 'person-days', date: 'date', level: 'digital level' },
    unit: 'Unit: ', 'unit.yuan': '10k yuan or yuan', id: 'Field', choices: 'Choices: ', source: 'Source',
    'try.asof': 'Date evaluated', 'try.asof.hint': 'The rule version in force on this day is applied.',
    'try.industry': 'Industry code (GB/T 4754-2017)', 'try.industry.hint': 'e.g. 3973 (integrated circuits) or C (manufacturing).',
    'try.employees': 'Employees', 'try.revenue': 'Revenue last year', 'try.region': 'District code (GB/T 2260, 6 digits)', 'try.region.hint': 'This pack\'s city code is {city}, e.g. {city}01.',
    'wan': '10k yuan', 'yn.blank': 'Not answered', yes: 'Yes', no: 'No', 'choice.blank': 'Choose',
    'try.provider': 'This programme addresses service providers: the enterprise self-check does not judge it.',
    'try.errors': 'These entries cannot be read', verdict: 'Verdict: ', industry: 'Industry: ', region: 'Location: ', sme: 'Size: ',
    pass: 'Met', fail: 'Not met', unknown: 'To confirm', 'to_change': 'What would change it: ', quote: 'Source text',
    'foot.disclaimer': 'Whether a rule pack is right is for the city bureau to check against the document; this page checks how it is written and that it holds together.',
    'foot.private': 'What you enter is computed in this browser and never uploaded.', 'foot.library': 'The policies and rules included',
    noscript: '本页需要启用 JavaScript 和 WebAssembly。This page needs JavaScript and WebAssembly.',
  },
};

const $ = (id) => document.getElementById(id);
const state = {
  lang: 'zh',
  opened: '', // the name of the file opened or dropped ('' for typed text: named from its id)
  template: '', // the template as loaded, to know whether the text was edited
  result: null, // validate()'s answer for `checkedText`
  checkedText: null,
  tryValues: {}, // what was typed in the try-it panel, by field id (kept across redraws)
};
const { t, apply, problem } = strings(STRINGS, state);
const now = () => Date.now() / 1000;
const source = $('source');
const tx = (text) => (text ? text[state.lang] ?? text.zh : '');

// ---------------------------------------------------------------------------------- validation

let validateTimer = 0;

/** Checks the text now (the box's text, under the opened file's name or its id). */
function runValidate() {
  clearTimeout(validateTimer);
  const text = source.value;
  state.result = JSON.parse(validate(state.opened, text, now()));
  state.checkedText = text;
  draw();
}

/** Checks the text once typing pauses. */
function scheduleValidate() {
  clearTimeout(validateTimer);
  $('status').dataset.state = 'pending';
  validateTimer = setTimeout(runValidate, 300);
}

function draw() {
  const r = state.result;
  if (!r) return;
  $('file-name').textContent = r.file;
  const status = $('status');
  status.dataset.state = r.ok ? 'valid' : 'invalid';
  const n = r.ok ? 0 : r.problems.length;
  status.replaceChildren(el('p', { class: 'strong' }, r.ok ? t('valid') : n === 1 ? t('invalid.one') : fill(t('invalid'), { n })));
  drawProblems(r.ok ? [] : r.problems);
  for (const id of ['preview', 'form-preview', 'try']) $(id).hidden = !r.ok;
  if (r.ok) {
    drawProgramme(r.programme);
    drawForm(r.form);
    drawTry(r.programme, r.form);
  }
}

/** A problem's message in the language chosen: `message_zh` in Chinese, `message` in English. A
 *  TOML syntax error's message draws the line with a caret under it: kept as it is. */
function problemMessage(p) {
  const zh = state.lang !== 'en' && p.message_zh;
  const text = zh ? p.message_zh : p.message;
  const attrs = { class: 'message', lang: zh ? 'zh-CN' : 'en' };
  return text.includes('\n') ? el('pre', attrs, text) : el('span', attrs, text);
}

/** The problems, by line, each place a button that moves the caret there. */
function drawProblems(problems) {
  const box = $('problems');
  box.hidden = problems.length === 0;
  if (!problems.length) return box.replaceChildren();
  box.replaceChildren(
    el('p', { class: 'hint' }, t('problems.hint')),
    el('ol', { class: 'problem-list' }, problems.map((p) => el('li', { class: 'problem', 'data-line': p.line ?? null },
      p.line
        ? el('button', { type: 'button', class: 'problem-link', 'data-line': p.line, 'data-column': p.column ?? 1 }, fill(t('at'), p))
        : el('span', { class: 'strong' }, t('at.none')),
      ' ',
      p.path ? el('code', { class: 'path' }, p.path) : null,
      p.path ? ' ' : null,
      problemMessage(p)))),
  );
}

$('problems').addEventListener('click', (e) => {
  const b = e.target.closest('button.problem-link');
  if (b) goTo(Number(b.dataset.line), Number(b.dataset.column));
});

/** Puts the caret at `line`:`column` (from 1; the column in characters, as the core counts) and
 *  scrolls the box so that line shows. */
function goTo(line, column) {
  const text = source.value;
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
  let pos = start;
  for (let c = 1; c < column && pos < end; c++) pos += text.codePointAt(pos) > 0xffff ? 2 : 1;
  source.focus();
  source.setSelectionRange(pos, pos);
  const lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 20;
  source.scrollTop = Math.max(0, (line - 1) * lineHeight - source.clientHeight / 3);
  showCaret();
}

/** The caret's line and column under the box. */
function showCaret() {
  const before = source.value.slice(0, source.selectionStart);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  $('caret').textContent = fill(t('caret'), { line, column });
}

for (const ev of ['keyup', 'click', 'select', 'focus']) source.addEventListener(ev, showCaret);
source.addEventListener('input', () => {
  showCaret();
  scheduleValidate();
});

// -------------------------------------------------------------------------------------- preview

const code = (s) => el('code', {}, s);
/** Replaces `box`'s children with `kids`: nested lists flattened, absent parts (null) left out. */
const setChildren = (box, ...kids) => box.replaceChildren(...kids.flat(Infinity).filter((k) => k != null && k !== false));
const sourceOf = (s) => [el('p', { class: 'small source' }, `${t('source')}：${s.cite}`), el('blockquote', { class: 'small' }, s.quote)];

/** The programme as the policy library shows it (app/src/pages/library.rs), with each condition. */
function drawProgramme(p) {
  const kindTag = el('span', { class: `tag kind-${p.source_kind}`, 'data-source-kind': p.source_kind }, t(p.source_kind));
  const versions = p.versions.map((v) => el('div', { class: 'version', 'data-version': v.id },
    el('h4', {}, fill(t('version'), v)),
    v.criteria.length ? el('h5', {}, t('criteria')) : null,
    el('ul', { class: 'rule-list' }, v.criteria.map((c) => el('li', { class: 'rule', 'data-criterion': c.id },
      el('p', { class: 'strong' }, tx(c.title)),
      el('p', {}, `${t('when')}：`, code(c.when)),
      sourceOf(c.source)))),
    v.measures.length ? el('h5', {}, t('measures')) : null,
    el('ul', { class: 'rule-list' }, v.measures.map((m) => el('li', { class: 'rule', 'data-measure': m.id },
      el('p', { class: 'strong' }, tx(m.title)),
      el('p', { class: 'formula' }, `${t('formula')}：${tx(m.formula)}`),
      m.when ? el('p', {}, `${t('measure.when')}：`, code(m.when)) : null,
      m.recipient ? el('p', { class: 'small' }, t('recipient') + tx(m.recipient)) : null,
      m.paid_to === 'other' ? el('p', { class: 'small' }, t('paid.other')) : null,
      m.conditions.length ? el('p', { class: 'small' }, `${t('assumes')}：${m.conditions.map(tx).join('；')}`) : null,
      sourceOf(m.source)))),
    v.not_stated.length ? [el('h5', {}, t('not_stated')), el('ul', {}, v.not_stated.map((n) => el('li', { class: 'small' }, tx(n))))] : null));
  setChildren($('programme'),
    el('p', { class: 'city' }, `${tx(p.city)} · ${p.city.code}`),
    el('h3', { id: 'preview-name' }, tx(p.title)),
    el('p', { class: 'doc' }, el('span', { id: 'preview-document' }, p.citation), ` · ${tx(p.issuer)}`),
    el('p', {}, kindTag, ' ', el('span', { class: 'tag' }, t(p.audience)), ' ',
      el('span', { id: 'preview-validity' }, `${t('validity')} ${p.valid_from} – ${p.valid_until}`),
      p.status ? ` · ${tx(p.status)}` : null),
    el('p', { class: 'small muted' }, [p.issued ? `${t('issued')} ${p.issued} · ` : '', `${t('checked')} ${p.checked}`].join('')),
    p.valid_from_note ? el('p', { class: 'small muted' }, `${t('valid_from_note')}：${tx(p.valid_from_note)}`) : null,
    sourceOf(p.validity_source),
    p.sub_industries.length ? [el('h4', {}, t('sub_industries')), el('ul', { class: 'rule-list' }, p.sub_industries.map((s) => el('li', { class: 'rule' },
      el('p', { class: 'strong' }, tx(s.name)),
      el('p', {}, s.codes.join('、'), s.confirm_codes.length ? `（${t('confirm')}：${s.confirm_codes.join('、')}）` : ''),
      sourceOf(s.source))))] : null,
    versions,
    p.notes.length ? [el('h4', {}, t('notes')), el('ul', { class: 'rule-list' }, p.notes.map((n) => el('li', { class: 'rule' }, el('p', {}, tx(n.text)), sourceOf(n.source))))] : null,
  );
}

/** One declared question as the form asks it. */
function questionItem(q) {
  const unit = q.kind === 'yuan' ? t('unit.yuan') : tx(q.unit);
  return el('li', { class: 'rule question', 'data-question': q.id },
    el('p', { class: 'strong' }, tx(q.label)),
    el('p', { class: 'small' }, el('span', { class: 'tag', 'data-kind': q.kind }, t('kind')[q.kind] ?? q.kind), ' ',
      unit ? `${t('unit')}${unit} · ` : '', `${t('id')} `, code(q.id)),
    q.help ? el('p', { class: 'hint' }, tx(q.help)) : null,
    q.choices.length ? el('p', { class: 'small' }, t('choices'), q.choices.map((c) => `${tx(c.label)}（${c.id}）`).join('、')) : null,
    el('p', { class: 'small source' }, `${t('source')}：${q.source.cite}`));
}

/** The form the pack generates: the self-check's questions, then the estimator's. */
function drawForm(f) {
  const list = (qs) => (qs.length ? el('ul', { class: 'rule-list' }, qs.map(questionItem)) : el('p', { class: 'muted' }, t('form.none')));
  const extra = [
    f.levels.length ? fill(t('form.levels'), { levels: f.levels.join('、') }) : null,
    f.year ? t('form.year') : null,
    f.user_parameters ? t('form.user') : null,
  ].filter(Boolean);
  setChildren($('form-body'),
    el('h3', {}, t('form.enterprise')),
    el('p', { class: 'hint' }, t('form.basics')),
    f.facts.length ? el('p', {}, t('form.facts'), f.facts.map((x) => t(`fact.${x}`)).join('、')) : null,
    el('div', { id: 'form-enterprise' }, list(f.enterprise)),
    el('h3', {}, t('form.project')),
    extra.length ? el('ul', {}, extra.map((x) => el('li', {}, x))) : null,
    el('div', { id: 'form-project' }, list(f.project)),
  );
}

// --------------------------------------------------------------------------------------- try it

/** A labelled field of the try-it panel; its value kept in `state.tryValues` across redraws. */
function field(id, label, control, hint, unit) {
  control.id = id;
  control.value = state.tryValues[id] ?? control.value;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    unit ? el('div', { class: 'with-unit' }, control, el('span', { class: 'unit' }, unit)) : control);
}

const input = (cls) => el('input', { type: 'text', class: cls, autocomplete: 'off', inputmode: cls === 'short' ? 'decimal' : null });
const select = (options) => el('select', {}, options.map(([v, label]) => el('option', { value: v }, label)));

/** The try-it panel: a few profile fields and the pack's enterprise questions. */
function drawTry(p, f) {
  const form = $('try-form');
  if (p.audience !== 'enterprise') {
    form.replaceChildren(el('p', { class: 'note' }, t('try.provider')));
    $('try-result').replaceChildren();
    return;
  }
  if (!state.tryValues['try-as-of']) state.tryValues['try-as-of'] = todayInChina(now()) ?? '';
  const date = el('input', { type: 'date' });
  setChildren(form,
    field('try-as-of', t('try.asof'), date, t('try.asof.hint')),
    field('try-industry', t('try.industry'), input('short'), t('try.industry.hint')),
    field('try-employees', t('try.employees'), input('short')),
    field('try-revenue', t('try.revenue'), input('short'), null, t('wan')),
    field('try-region', t('try.region'), input('short'), fill(t('try.region.hint'), { city: p.city.code })),
    f.enterprise.map((q) => {
      const id = `try-q-${q.id}`;
      if (q.kind === 'yes_no') return field(id, tx(q.label), select([['', t('yn.blank')], ['yes', t('yes')], ['no', t('no')]]), tx(q.help));
      if (q.kind === 'choice') return field(id, tx(q.label), select([['', t('choice.blank')], ...q.choices.map((c) => [c.id, tx(c.label)])]), tx(q.help));
      return field(id, tx(q.label), input('short'), tx(q.help), q.kind === 'yuan' ? t('wan') : tx(q.unit));
    }),
  );
  runCheck();
}

/** `8500` → `8500万` (the field is in 万元); anything else as typed (the core reads 万/亿/元). */
const wan = (s) => (/[0-9０-９.．]$/.test(s) ? `${s}万` : s);

/** The check input (the JSON contract) from the try-it fields. */
function tryInput() {
  const v = (id) => (state.tryValues[id] ?? '').trim();
  const profile = {};
  const put = (k, x) => { if (x !== '' && x != null) profile[k] = x; };
  put('industry', v('try-industry'));
  put('employees', v('try-employees'));
  put('revenue_yuan', v('try-revenue') && wan(v('try-revenue')));
  put('region', v('try-region'));
  const answers = {};
  for (const q of state.result?.form?.enterprise ?? []) {
    const x = v(`try-q-${q.id}`);
    if (x === '') continue;
    answers[q.id] = q.kind === 'yes_no' ? x === 'yes' : q.kind === 'yuan' ? wan(x) : x;
  }
  if (Object.keys(answers).length) profile.answers = answers;
  const input = { profile };
  if (v('try-as-of')) input.as_of = v('try-as-of');
  return input;
}

/** The field of the try-it panel a contract path names. */
const FIELD_OF = { as_of: 'try-as-of', 'profile.industry': 'try-industry', 'profile.employees': 'try-employees', 'profile.revenue_yuan': 'try-revenue', 'profile.region': 'try-region' };
const fieldOf = (path) => FIELD_OF[path] ?? (path.startsWith('profile.answers.') ? `try-q-${path.slice(16)}` : null);

function runCheck() {
  if (!state.result?.ok || state.result.programme.audience !== 'enterprise') return;
  const r = JSON.parse(check(state.opened, state.checkedText, JSON.stringify(tryInput()), state.lang, now()));
  for (const e of $('try-form').querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  const out = $('try-result');
  if (!r.ok) {
    // The pack itself no longer validates (it was edited since): the problems list says why.
    if (!r.errors) return out.replaceChildren();
    for (const e of r.errors) fieldOf(e.field) && $(fieldOf(e.field))?.setAttribute('aria-invalid', 'true');
    return out.replaceChildren(el('div', { class: 'error-summary', id: 'try-errors' },
      el('p', { class: 'strong' }, t('try.errors')),
      el('ul', {}, r.errors.map((e) => el('li', {}, fieldOf(e.field)
        ? el('a', { href: `#${fieldOf(e.field)}` }, e.message[state.lang] ?? e.message.zh)
        : e.message[state.lang] ?? e.message.zh)))));
  }
  const rep = r.report;
  const p = rep.programmes[0];
  if (!p) return out.replaceChildren();
  const badge = { eligible: 'ok', not_eligible: 'no', unknown: 'maybe' }[p.verdict];
  out.replaceChildren(el('div', { class: 'card', 'data-programme': p.id },
    el('p', { class: 'big-answer' }, t('verdict'), el('span', { class: `badge ${badge}`, id: 'try-verdict', 'data-verdict': p.verdict }, p.verdict_text)),
    el('p', { class: 'small muted' }, `${p.status_text} · ${t('try.asof')} ${rep.as_of}`),
    rep.industry ? el('p', { class: 'small' }, `${t('industry')}${rep.industry.code} ${rep.industry.name}（${rep.industry.path}）`) : null,
    rep.region ? el('p', { class: 'small' }, `${t('region')}${rep.region}`) : null,
    el('p', { class: 'small' }, `${t('sme')}${rep.sme.reasons.join(' ')}`),
    rep.notices.length ? el('ul', { class: 'small' }, rep.notices.map((n) => el('li', {}, n))) : null,
    el('ul', { class: 'criteria' }, p.criteria.map((c) => el('li', { class: `criterion ${c.outcome}`, 'data-criterion': c.id, 'data-outcome': c.outcome },
      el('span', { class: `mark ${c.outcome}`, 'aria-hidden': 'true' }, { pass: '✓', fail: '✗', unknown: '?' }[c.outcome]),
      el('div', {},
        el('p', { class: 'criterion-title' }, `${c.title}：${t(c.outcome)}`),
        el('p', {}, c.reason),
        c.to_change ? el('p', { class: 'to-change' }, t('to_change') + c.to_change) : null,
        el('p', { class: 'small source' }, `${t('source')}：${c.source}`),
        el('blockquote', { class: 'small' }, c.quote))))),
  ));
}

let checkTimer = 0;
$('try-form').addEventListener('input', (e) => {
  if (!e.target.id) return;
  state.tryValues[e.target.id] = e.target.value;
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, 150);
});
$('try-form').addEventListener('submit', (e) => e.preventDefault());

// ------------------------------------------------------------------------------ files and pack

/** Shows a file's text in the box under its name and checks it. */
async function openFile(file) {
  const say = (text) => $('status').replaceChildren(el('p', { class: 'strong' }, text));
  if (file.size > 2_000_000) return say(fill(t('file.big'), { size: Math.round(file.size / 1000) }));
  let text;
  try {
    text = await file.text();
  } catch (e) {
    return say(fill(t('file.read'), { msg: e?.message ?? e }));
  }
  state.opened = file.name;
  source.value = text.replace(/^\uFEFF/, '');
  source.setSelectionRange(0, 0);
  source.scrollTop = 0;
  runValidate();
}

$('file').addEventListener('change', () => {
  const f = $('file').files[0];
  if (f) openFile(f);
  $('file').value = ''; // the same file can be opened again after edits
});

// A file dropped anywhere on the page is opened (not navigated to).
const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
document.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  document.body.classList.add('dropping');
});
document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) document.body.classList.remove('dropping'); });
document.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  document.body.classList.remove('dropping');
  const f = e.dataTransfer.files[0];
  if (f) openFile(f);
});

function loadTemplate() {
  state.opened = '';
  state.template = template(now());
  source.value = state.template;
  source.setSelectionRange(0, 0);
  runValidate();
}

$('load-template').addEventListener('click', () => {
  if (source.value !== state.template && source.value.trim() && !window.confirm(t('confirm.template'))) return;
  loadTemplate();
});

$('download').addEventListener('click', () => {
  // Building checks the text as it is now: a check still pending from the typing would redraw
  // the status after this and wipe what the click says (it did, in a run under load).
  clearTimeout(validateTimer);
  const r = JSON.parse(buildPack(state.opened, source.value));
  if (!r.ok) {
    state.result = r;
    state.checkedText = source.value;
    draw();
    $('status').append(el('p', {}, t('download.refused')));
    return $('problems').focus();
  }
  offer(new Blob([r.pack], { type: 'application/json' }), 'rules.json');
  $('status').append(el('p', { id: 'download-note' }, fill(t('download.done'), { size: (new Blob([r.pack]).size / 1000).toFixed(1) })));
});

$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  apply();
  draw();
  showCaret();
});

// ------------------------------------------------------------------------------------- start

apply();
try {
  await init({ module_or_path: new URL('rules-editor_bg.wasm', import.meta.url) });
} catch (e) {
  $('status').dataset.state = 'failed';
  problem($('status'), fill(t('start.failed'), { msg: e?.message ?? e }), []);
  throw e;
}
loadTemplate();
showCaret();
