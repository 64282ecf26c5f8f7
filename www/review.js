// The reviewers' batch pre-screening page (review.html). The file is read and screened in a
// Web Worker (review-worker.js, the core's streaming screener compiled to WebAssembly), so the
// page stays responsive on a list of any length; this module only draws the form, the progress
// and the results. Nothing is uploaded or stored: the file, the results and the CSV to download
// live in this tab's memory only.
// The chosen file is copied into memory once, and screened again whenever the programmes ticked,
// the date or the language change (a screen running then is stopped first), so the reviewer never
// has to choose it again.
import { HEADER, el, fill, strings, offer } from './office.js';

const STRINGS = {
  zh: {
    ...HEADER.zh,
    doc: '批量初筛 · 数转',
    title: '批量初筛申报企业名单',
    lead: '供区县工信部门初审使用：读入申报企业名单（Excel 导出的 CSV，UTF-8 或 GBK 编码，逗号或制表符分隔），按与企业自查相同的规则逐行判断是否为中小企业、是否属于试点细分行业、是否在本市、是否独立法人、近三年有无不良信用记录，并给出原因。',
    privacy: '文件只在本机浏览器中读取和计算，不上传、不保存；关闭页面即清除。',
    'programmes.legend': '初筛的试点政策', loading: '正在载入规则…',
    'programmes.hint': '先勾选评估日期当天有效的政策；都已失效时，勾选最近失效的一项。改动勾选、日期或语言后，已选的文件会自动重新初筛。',
    'asof.label': '评估日期', 'asof.hint': '按这一天有效的政策版本判断。',
    'drop.title': '把 CSV 文件拖到这里，或', 'drop.pick': '选择文件',
    'drop.hint': '表头可以用中文或英文（企业名称、统一社会信用代码、行业代码、从业人员、营业收入(万元)、资产总额(万元)、所在区县、独立法人、近三年不良信用记录）；金额按表头写明的单位（万元或元）读取。',
    template: '下载名单模板', 'template.file': '批量初筛模板.csv',
    'status.title': '初筛进度', cancel: '停止',
    'results.title': '初筛结果', download: '下载初筛结果（CSV）', 'download.file': '初筛结果',
    'download.hint': '结果文件保留原有各列，在后面加上行号、初筛状态、数据问题、企业规模、是否中小企业、规上工业企业（估计），以及每项政策的结论和原因；UTF-8 编码，Excel 可直接打开。',
    'flagged.title': '需要核对的行',
    disclaimer: '初筛结果依据企业填报的数据和本工具收录的政策条文自动得出，仅供初审参考；是否受理以区县工信部门和市工信局的审核为准。',
    noscript: '本页需要启用 JavaScript 和 WebAssembly。This page needs JavaScript and WebAssembly.',
    reading: '已读取 {read} / {total}，已初筛 {rows} 行', done: '完成：{rows} 行，用时 {secs} 秒', cancelled: '已停止。',
    'problem.title': '无法初筛这个文件', 'problem.none': '请至少选择一项试点政策。',
    'problem.worker': '初筛程序无法启动：{msg}', 'problem.read': '无法读取文件：{msg}',
    'encoding.label': '文件编码', 'encoding.auto': '自动识别',
    'encoding.hint': '一般自动识别即可；若结果中的企业名称是乱码，改选 GBK（Excel 在中文 Windows 上另存的 CSV）或 UTF-8，已选的文件会重新初筛。',
    'enc.bom': '（据字节顺序标记）', 'enc.forced': '（按所选）', 'enc.guessed': '（推测）', 'enc.weak': '（推测，把握不大）',
    'sum.item': '项目', 'sum.value': '内容', 'sum.file': '文件', 'sum.encoding': '编码', 'sum.delimiter': '分隔符', 'sum.asof': '评估日期',
    'sum.rows': '数据行', 'sum.screened': '已初筛', 'sum.bad': '数据有问题（未初筛）', 'sum.duplicates': '信用代码重复', 'sum.blank': '空行（跳过）', 'sum.titles': '表头前的标题行（跳过）', 'sum.replaced': '无法解码的字符',
    'sum.counts': '总体', 'sum.sme': '企业规模（已初筛的行）', 'sum.columns': '识别的列', 'sum.ignored': '未使用的列（原样保留）', 'sum.errcols': '有问题的列',
    'col.header': '列', 'col.kind': '读作', 'col.count': '行数',
    'prog.verdicts': '结论', eligible: '符合', not_eligible: '不符合', unknown: '待补充信息',
    'prog.reasons': '不符合或待补充的原因', 'reason.criterion': '条件', 'reason.outcome': '情况', 'reason.rows': '行数', fail: '不符合', 'unknown.o': '待补充',
    large: '大型企业', medium: '中型企业', small: '小型企业', micro: '微型企业', 'unknown.sme': '无法判断',
    'delim.comma': '逗号', 'delim.tab': '制表符', 'delim.semicolon': '分号',
    'flag.line': '行号', 'flag.name': '企业名称', 'flag.uscc': '统一社会信用代码', 'flag.problem': '问题',
    'flag.dup': '与第 {line} 行的统一社会信用代码重复（仍已初筛）', 'flag.more': '另有 {n} 行需要核对，见下载的结果文件。', 'flag.none': '没有数据有问题或重复的行。',
    'flag.value': '“{v}”',
    'col.row': '整行', 'col.noname': '第 {n} 列（无列名）',
    'rows.title': '逐行结果', 'rows.filter': '按结论筛选', 'rows.all': '全部', 'rows.error': '数据有问题',
    'rows.hint': '勾选了多项政策时，只要有一项是所选结论，这一行就列出。',
    'rows.count': '{label}（{n}）', 'rows.note': '列出 {shown} 行，共 {total} 行。', 'rows.more': '其余各行见下载的结果文件。', 'rows.none': '没有这样的行。',
    'rows.bad': '数据有误，未初筛', 'rows.reason': '{title}：{reason}',
    kind: { name: '企业名称', uscc: '统一社会信用代码', industry: '行业代码', employees: '从业人员', revenue: '营业收入', total_assets: '资产总额', district: '所在区县', city: '所在城市', bad_credit: '不良信用记录', legal_person: '独立法人', above_designated_size: '规上工业企业' },
    unit: { yuan: '元', wan: '万元' },
  },
  en: {
    ...HEADER.en,
    doc: 'Batch screening · shuzhuan',
    title: 'Batch pre-screening of applicant lists',
    lead: 'For district industry offices: read a list of applicants (a CSV exported from Excel, UTF-8 or GBK, comma or tab separated) and screen every row by the same rules as the self-check: SME or not, in a pilot sub-industry, in the city, an independent legal person, any bad credit record in the last three years, with the reasons.',
    privacy: 'The file is read and screened in this browser only: nothing is uploaded or kept, and closing the page clears it.',
    'programmes.legend': 'Programmes to screen for', loading: 'Loading the rules…',
    'programmes.hint': 'Ticked at first: the programmes in force on the date evaluated; when all have expired, the one that ended last. Change a tick, the date or the language and the chosen file is screened again.',
    'asof.label': 'Date evaluated', 'asof.hint': 'The rules in force on this day are applied.',
    'drop.title': 'Drop a CSV file here, or', 'drop.pick': 'Choose a file',
    'drop.hint': 'Headers may be Chinese or English (name, USCC, industry code, employees, revenue (10k yuan), total assets (10k yuan), district, legal person, bad credit in the last 3 years); amounts are read in the unit the header states (万元 or 元).',
    template: 'Download the list template', 'template.file': 'batch-template.csv',
    'status.title': 'Screening progress', cancel: 'Stop',
    'results.title': 'Screening results', download: 'Download the results (CSV)', 'download.file': 'screening-results',
    'download.hint': 'The results keep every original column and add the line, status, input problems, SME class, SME or not, above designated size (estimate), and each programme\'s verdict and reasons; UTF-8, opens directly in Excel.',
    'flagged.title': 'Rows to check',
    disclaimer: 'These results follow from the figures applicants gave and the policy text this tool holds; they support the first review only. Whether an application is accepted is decided by the district and city industry offices.',
    noscript: '本页需要启用 JavaScript 和 WebAssembly。This page needs JavaScript and WebAssembly.',
    reading: 'Read {read} of {total}, {rows} rows screened', done: 'Done: {rows} rows in {secs} s', cancelled: 'Stopped.',
    'problem.title': 'This file cannot be screened', 'problem.none': 'Choose at least one programme.',
    'problem.worker': 'The screener could not start: {msg}', 'problem.read': 'The file cannot be read: {msg}',
    'encoding.label': 'Encoding', 'encoding.auto': 'Detect',
    'encoding.hint': 'Detection usually works; if the names in the result are garbled, choose GBK (a CSV saved by Excel on a Chinese Windows) or UTF-8, and the chosen file is screened again.',
    'enc.bom': ' (from the byte-order mark)', 'enc.forced': ' (as chosen)', 'enc.guessed': ' (guessed)', 'enc.weak': ' (guessed, uncertain)',
    'sum.item': 'Item', 'sum.value': 'Value', 'sum.file': 'File', 'sum.encoding': 'Encoding', 'sum.delimiter': 'Separator', 'sum.asof': 'Date evaluated',
    'sum.rows': 'Data rows', 'sum.screened': 'Screened', 'sum.bad': 'With input problems (not screened)', 'sum.duplicates': 'Repeated credit codes', 'sum.blank': 'Blank rows (skipped)', 'sum.titles': 'Title rows above the header (skipped)', 'sum.replaced': 'Undecodable characters',
    'sum.counts': 'Overall', 'sum.sme': 'SME class (screened rows)', 'sum.columns': 'Columns recognised', 'sum.ignored': 'Columns not used (kept as they are)', 'sum.errcols': 'Columns with problems',
    'col.header': 'Column', 'col.kind': 'Read as', 'col.count': 'Rows',
    'prog.verdicts': 'Verdicts', eligible: 'Eligible', not_eligible: 'Not eligible', unknown: 'More information needed',
    'prog.reasons': 'Reasons for not eligible or unknown', 'reason.criterion': 'Criterion', 'reason.outcome': 'Outcome', 'reason.rows': 'Rows', fail: 'Not met', 'unknown.o': 'Unknown',
    large: 'Large', medium: 'Medium', small: 'Small', micro: 'Micro', 'unknown.sme': 'Cannot tell',
    'delim.comma': 'comma', 'delim.tab': 'tab', 'delim.semicolon': 'semicolon',
    'flag.line': 'Line', 'flag.name': 'Name', 'flag.uscc': 'Credit code', 'flag.problem': 'Problem',
    'flag.dup': 'Same credit code as line {line} (still screened)', 'flag.more': '{n} more rows to check: see the downloaded results.', 'flag.none': 'No row has input problems or a repeated credit code.',
    'flag.value': '"{v}"',
    'col.row': 'Whole row', 'col.noname': 'column {n} (no name)',
    'rows.title': 'Row by row', 'rows.filter': 'Show rows by verdict', 'rows.all': 'All', 'rows.error': 'Input problems',
    'rows.hint': 'With several programmes ticked, a row is listed when any of them gives the verdict chosen.',
    'rows.count': '{label} ({n})', 'rows.note': 'Listing {shown} of {total} rows.', 'rows.more': 'The other rows are in the downloaded results.', 'rows.none': 'No such row.',
    'rows.bad': 'Input problems: not screened', 'rows.reason': '{title}: {reason}',
    kind: { name: 'name', uscc: 'credit code', industry: 'industry code', employees: 'employees', revenue: 'revenue', total_assets: 'total assets', district: 'district', city: 'city', bad_credit: 'bad credit record', legal_person: 'legal person', above_designated_size: 'above designated size' },
    unit: { yuan: 'yuan', wan: '10k yuan' },
  },
};

const $ = (id) => document.getElementById(id);
const state = {
  lang: 'zh',
  programmes: null, // the worker's `programmes()` list, per language
  defaults: [], // the ids the core ticks for the date (in force, else the most recent)
  chosen: new Set(), // ids ticked
  auto: true, // the ticks follow `defaults` until the reviewer changes one
  seq: 0, // the last programme list asked for (older answers are dropped)
  file: null, // the chosen file, copied into memory
  key: null, // what the current (or last) screen was asked for: programmes, date, language
  runId: 0, // the current screen's id (the worker's messages carry it)
  running: false,
  run: null, // { summary, flagged, flaggedTotal, shown, rowCounts, rowsLimit, encoding, rows, ms, blob }
  filter: 'all',
  worker: null,
  url: null,
};
const { t, fmt, apply, table, problem } = strings(STRINGS, state);

const mb = (bytes) => (bytes < 1e6 ? `${fmt(Math.max(1, Math.round(bytes / 1e3)))} KB` : `${(bytes / 1e6).toFixed(1)} MB`);

/** A column as the reviewer knows it: its header, "第 N 列（无列名）" for a blank one, or "整行"
 *  for a problem of the whole row (column 0: too many values, an unclosed quote). */
const columnName = (column, header) => (!column ? t('col.row') : header.trim() ? header : fill(t('col.noname'), { n: column }));

/** The sentences of a thrown `InputError` (or any error): the messages alone, which name the
 *  column themselves — never the internal field key (`header.3`, `programmes`) before them. */
const sentences = (m) => (m?.errors?.length ? m.errors.map((x) => x.message?.[state.lang] ?? x.message?.zh ?? '') : [String(m?.message ?? m)]);

// ------------------------------------------------------------------------------------ the worker

function startWorker() {
  const w = new Worker(new URL('review-worker.js', import.meta.url), { type: 'module' });
  w.onmessage = (e) => onWorker(e.data);
  w.onerror = (e) => showProblem([fill(t('problem.worker'), { msg: e.message || 'error' })]);
  state.worker = w;
  return w;
}

/** Asks for the programme list (and the default ticks) of the date in the field, else today. */
function askProgrammes() {
  state.seq += 1;
  state.worker.postMessage({ type: 'programmes', asOf: $('as-of').value, seq: state.seq });
}

function onWorker(m) {
  // Messages of a screen that was stopped or replaced are dropped.
  if ((m.type === 'progress' || m.type === 'done' || m.type === 'error') && m.id !== undefined && m.id !== state.runId) return;
  if (m.type === 'programmes') {
    if (m.seq !== state.seq) return;
    state.programmes = m.list;
    state.defaults = m.defaults;
    if (!$('as-of').value) $('as-of').value = m.today;
    drawProgrammes();
    rerun();
  } else if (m.type === 'template') {
    offer(new Blob([m.text], { type: 'text/csv;charset=utf-8' }), t('template.file'));
  } else if (m.type === 'progress') {
    $('progress').max = m.total || 1;
    $('progress').value = m.read;
    $('progress-text').textContent = fill(t('reading'), { read: mb(m.read), total: mb(m.total), rows: fmt(m.rows) });
  } else if (m.type === 'done') {
    state.run = m;
    state.running = false;
    $('progress').value = $('progress').max;
    $('progress-text').textContent = fill(t('done'), { rows: fmt(m.rows), secs: (m.ms / 1000).toFixed(2) });
    $('cancel').hidden = true;
    // For scripts/review-timing.mjs (docs/performance.md): the worker's time and peak memory.
    Object.assign($('status').dataset, { ms: Math.round(m.ms), wasmMemory: m.wasmMemory });
    drawResults();
  } else if (m.type === 'error') {
    state.running = false;
    $('status').hidden = true;
    showProblem(sentences(m));
  }
}

// ------------------------------------------------------------------------------------ the form

/** The enterprise programmes of the list, in the rules' order, in the page's language. */
const listed = () => (state.programmes?.[state.lang] ?? []).filter((p) => p.audience === 'enterprise');

function drawProgrammes() {
  const box = $('programmes');
  const list = listed();
  if (!list.length) return;
  if (state.auto) state.chosen = new Set(state.defaults);
  box.replaceChildren(...list.map((p) => {
    const id = `prog-${p.id}`;
    return el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id, value: p.id, checked: state.chosen.has(p.id), onchange: (e) => {
        state.auto = false;
        if (e.target.checked) state.chosen.add(p.id); else state.chosen.delete(p.id);
        rerun();
      } }),
      el('label', { for: id }, `${p.city} · ${p.title}`, el('span', { class: 'muted small block' }, `${p.document} · ${p.status_text}${p.draft ? (state.lang === 'en' ? ' · draft' : ' · 征求意见稿') : ''}`)));
  }));
  box.removeAttribute('aria-busy');
}

const showProblem = (lines) => problem($('problem'), t('problem.title'), lines);

/** A file chosen or dropped: copied into memory (so a re-run reads what was chosen, even if the
 *  file on disk changes or goes), then screened. */
async function choose(file) {
  if (!file) return;
  let copy;
  try {
    copy = new File([await file.arrayBuffer()], file.name, { type: file.type });
  } catch (e) {
    showProblem([fill(t('problem.read'), { msg: e.message || e.name })]);
    return;
  }
  state.file = copy;
  state.key = null; // a new file: screen it even with the same settings
  rerun();
}

/** Screens the chosen file with the programmes ticked, the date and the language, unless that
 *  screen is already running or done; a screen still running is stopped first. */
function rerun() {
  if (!state.file || !state.programmes) return;
  const programmes = listed().filter((p) => state.chosen.has(p.id)).map((p) => p.id);
  const asOf = $('as-of').value;
  const encoding = $('encoding').value;
  const key = JSON.stringify([programmes, asOf, state.lang, encoding]);
  if (key === state.key) return;
  state.key = key;
  stop();
  const file = state.file;
  $('problem').hidden = true;
  state.run = null;
  $('results').hidden = true;
  if (!programmes.length) {
    $('status').hidden = true;
    showProblem([t('problem.none')]);
    return;
  }
  state.running = true;
  state.runId += 1;
  $('status').hidden = false;
  $('cancel').hidden = false;
  $('file-name').textContent = `${file.name} (${mb(file.size)})`;
  $('progress').value = 0;
  $('progress').max = file.size || 1;
  $('progress-text').textContent = fill(t('reading'), { read: mb(0), total: mb(file.size), rows: 0 });
  state.worker.postMessage({ type: 'screen', id: state.runId, file, programmes, asOf, lang: state.lang, encoding });
}

/** Stops the screen running, if any (the worker ends it at its next slice). */
function stop() {
  if (!state.running) return false;
  state.running = false;
  state.runId += 1; // whatever the stopped screen still posts is dropped
  state.worker.postMessage({ type: 'stop' });
  return true;
}

function cancel() {
  if (!stop()) return;
  state.key = null; // the same settings screen again on the next change or choice
  $('cancel').hidden = true;
  $('progress-text').textContent = t('cancelled');
}

// ------------------------------------------------------------------------------------ results

function drawResults() {
  const r = state.run;
  if (!r) return;
  const s = r.summary;
  const L = STRINGS[state.lang];
  if (state.url) URL.revokeObjectURL(state.url);
  state.url = URL.createObjectURL(r.blob);
  const base = (state.file?.name ?? 'list').replace(/\.[^.]*$/, '');
  Object.assign($('download'), { href: state.url, download: `${base}-${t('download.file')}-${s.as_of}.csv` });
  const delim = s.delimiter ? t(`delim.${s.delimiter}`) : '—';
  // The encoding, and how it was decided (the core's word: by the byte-order mark, chosen, or a
  // guess, weak or not).
  const how = s.encoding_decided === 'guessed' && s.encoding_weak ? 'weak' : s.encoding_decided;
  const overall = [
    [t('sum.file'), state.file?.name ?? ''], [t('sum.encoding'), r.encoding + (how ? t(`enc.${how}`) : '')], [t('sum.delimiter'), delim], [t('sum.asof'), s.as_of],
    [t('sum.rows'), s.rows], [t('sum.screened'), s.screened], [t('sum.bad'), s.bad_rows], [t('sum.duplicates'), s.duplicate_rows],
    [t('sum.blank'), s.blank_rows], [t('sum.titles'), s.title_rows],
  ];
  if (s.decode_replacements) overall.push([t('sum.replaced'), s.decode_replacements]);
  const parts = [el('h3', {}, t('sum.counts')), table([t('sum.item'), t('sum.value')], overall, 'summary-table')];
  if (s.encoding_warning) parts.push(el('p', { class: 'note encoding-warning' }, s.encoding_warning[state.lang]));
  for (const p of s.programmes) {
    parts.push(el('h3', {}, p.title),
      table([t('prog.verdicts'), t('reason.rows')], [[t('eligible'), p.eligible], [t('not_eligible'), p.not_eligible], [t('unknown'), p.unknown]], 'nums verdicts'));
    if (p.reasons.length) {
      parts.push(el('h4', {}, t('prog.reasons')),
        table([t('reason.criterion'), t('reason.outcome'), t('reason.rows')], p.reasons.map((x) => [x.title, x.outcome === 'fail' ? t('fail') : t('unknown.o'), x.count]), 'nums reasons'));
    }
  }
  const sme = Object.entries(s.sme_classes);
  if (sme.length) parts.push(el('h3', {}, t('sum.sme')), table([t('sum.sme'), t('reason.rows')], sme.map(([k, n]) => [t(k === 'unknown' ? 'unknown.sme' : k), n]), 'nums'));
  const kindText = (c) => (c.kind ? L.kind[c.kind] + (c.unit ? `（${L.unit[c.unit]}）` : '') : '—');
  parts.push(el('h3', {}, t('sum.columns')), table([t('col.header'), t('col.kind')], s.columns.filter((c) => c.kind).map((c) => [c.header, kindText(c)])));
  const ignored = s.columns.filter((c) => !c.kind).map((c) => columnName(c.index, c.header));
  if (ignored.length) parts.push(el('p', {}, `${t('sum.ignored')}：${ignored.join('、')}`));
  if (s.errors_by_column.length) parts.push(el('h3', {}, t('sum.errcols')), table([t('col.header'), t('col.count')], s.errors_by_column.map((c) => [columnName(c.column, c.header), c.count]), 'nums'));
  $('summary').replaceChildren(...parts);

  const rows = r.flagged.map((f) => [
    String(f.line), f.name, f.uscc,
    el('ul', { class: 'plain' }, [
      ...problems(f.errors),
      ...(f.duplicate_of ? [el('li', {}, fill(t('flag.dup'), { line: f.duplicate_of }))] : []),
      ...f.warnings.map((w) => el('li', {}, w[state.lang])),
    ]),
  ]);
  const more = r.flaggedTotal - r.flagged.length;
  $('flagged').replaceChildren(
    rows.length ? table([t('flag.line'), t('flag.name'), t('flag.uscc'), t('flag.problem')], rows, 'flagged cards') : el('p', {}, t('flag.none')),
    more > 0 ? el('p', { class: 'note' }, fill(t('flag.more'), { n: fmt(more) })) : '',
  );
  drawFilter();
  drawRows();
  $('results').hidden = false;
}

/** A bad row's problems as list items: "营业收入(万元) “12亿元x”：…", or the message alone for a
 *  problem of the whole row (its message says what is wrong with the row). */
const problems = (errors) => errors.map((e) => el('li', {}, e.column
  ? `${columnName(e.column, e.header)}${e.value ? ' ' + fill(t('flag.value'), { v: e.value }) : ''}：${e.message[state.lang]}`
  : e.message[state.lang]));

const FILTERS = ['all', 'eligible', 'not_eligible', 'unknown', 'error'];
const filterLabel = (f) => t({ all: 'rows.all', error: 'rows.error' }[f] ?? f);

/** The filter: one radio button per verdict, with how many rows each has. */
function drawFilter() {
  const counts = state.run.rowCounts;
  $('filter-choices').replaceChildren(...FILTERS.map((f) => {
    const id = `filter-${f}`;
    return el('div', { class: 'choice' },
      el('input', { type: 'radio', name: 'filter', id, value: f, checked: state.filter === f, onchange: () => { state.filter = f; drawRows(); } }),
      el('label', { for: id }, fill(t('rows.count'), { label: filterLabel(f), n: fmt(counts[f]) })));
  }));
}

/** The rows under the filter chosen (the first `rowsLimit`; the CSV has them all): line, name,
 *  credit code, and per programme the verdict with each reason it did not pass. On a narrow
 *  screen each row is a card (review.css): every cell says which column it is (`data-label`). */
function drawRows() {
  const r = state.run;
  const f = state.filter;
  const total = r.rowCounts[f];
  const shown = r.shown.filter((row) => row.filters.includes(f)).slice(0, r.rowsLimit);
  const progs = r.summary.programmes;
  const head = [t('flag.line'), t('flag.name'), t('flag.uscc'), ...progs.map((p) => p.title)];
  const cell = (tag, i, attrs, ...content) => el(tag, { 'data-label': head[i], ...attrs }, ...content);
  const body = shown.map((row) => el('tr', { 'data-line': row.line },
    cell('th', 0, { scope: 'row' }, String(row.line)),
    cell('td', 1, {}, row.name),
    cell('td', 2, {}, row.uscc),
    ...(row.status === 'error'
      ? [el('td', { colspan: progs.length, 'data-label': t('flag.problem'), class: 'verdict-cell' },
        el('strong', { class: 'verdict error' }, t('rows.bad')), el('ul', { class: 'plain' }, problems(row.errors)))]
      : progs.map((p, i) => {
        const v = row.programmes.find((x) => x.id === p.id);
        return cell('td', 3 + i, { class: 'verdict-cell', 'data-verdict': v?.verdict ?? '' },
          v ? el('strong', { class: `verdict ${v.verdict}` }, t(v.verdict)) : '—',
          v?.reasons.length ? el('ul', { class: 'plain' }, v.reasons.map((x) => el('li', { class: x.outcome },
            el('span', { class: 'outcome' }, `${t(x.outcome === 'fail' ? 'fail' : 'unknown.o')} · `),
            fill(t('rows.reason'), { title: x.title, reason: x.reason })))) : '');
      }))));
  $('rows-note').textContent = [
    fill(t('rows.note'), { shown: fmt(shown.length), total: fmt(total) }),
    total > shown.length ? t('rows.more') : '',
  ].join(state.lang === 'en' ? ' ' : '');
  $('rows').replaceChildren(shown.length
    ? el('table', { class: 'rows-table cards', 'aria-labelledby': 'rows-title', 'aria-describedby': 'rows-note' },
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, body))
    : el('p', {}, t('rows.none')));
}

// ------------------------------------------------------------------------------------ language

function applyLang() {
  apply();
  drawProgrammes();
  rerun(); // the reasons and the CSV's added columns are in the batch's language
}

// ------------------------------------------------------------------------------------ start

startWorker();
askProgrammes();
$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  applyLang();
});
$('as-of').addEventListener('change', askProgrammes); // the statuses and the defaults of the day, then a re-run
$('encoding').addEventListener('change', rerun);
$('file').addEventListener('change', (e) => {
  choose(e.target.files[0]);
  e.target.value = ''; // choosing the same file again (after editing it) is a change too
});
$('template').addEventListener('click', () => state.worker.postMessage({ type: 'template', lang: state.lang }));
$('cancel').addEventListener('click', cancel);
$('form').addEventListener('submit', (e) => e.preventDefault());
const drop = $('drop');
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('over'); });
}
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  choose(e.dataTransfer?.files?.[0]);
});
