// The Fuzhou provider-selection page (providers.html, 榕工信行规〔2024〕18号): a provider's
// self-check, the expert-scoring calculator and the star-rating tracker. Every figure comes from
// the core (crates/wasm `providers` exports, the module review.html's worker also loads): this
// module only reads the form, hands it over and draws the report. Nothing is uploaded or stored.
import init, { providersCheck, providersScore, providersStars, providerSubIndustries, sniff, todayInChina, loadRules } from './review-pkg/shuzhuan.js';
import { HEADER, el, today as todayBy, strings, messages } from './office.js';

const today = () => todayBy(todayInChina);

const STRINGS = {
  zh: {
    ...HEADER.zh,
    doc: '服务商遴选 · 数转',
    title: '福州市数字化服务商遴选',
    lead: '依据《福州市细分行业中小企业数字化服务商遴选工作方案》（榕工信行规〔2024〕18号）：服务商对照征集条件自查；评审组计算专家评分、按细分行业名额排序并选出后备库；资源库管理时跟踪星级评定。每个结果都注明依据的条款。',
    privacy: '所填内容只在本机浏览器中计算，不上传、不保存。', loading: '正在载入规则…',
    'check.title': '一、服务商自查', 'check.name': '服务商名称（可不填）', 'check.type': '服务商类型', 'check.sub': '申报的细分行业', choose: '请选择',
    'check.asof': '评估日期',
    'type.specialist': '专业服务商（面向细分行业提供“小快轻准”解决方案）', 'type.platform': '平台服务商（跨行业集成共性应用、打通数据）',
    'q.small_fast_light_precise': '是否面向试点细分行业“研产供销”环节提供“小快轻准”数字化解决方案和产品？',
    'q.cross_industry_integration': '是否能集成多个行业共性应用系统、打通跨行业数据？',
    'q.willing_to_serve_fuzhou': '是否有意愿为福州市中小企业数字化转型提供产品与服务？',
    'q.on_dishonest_list': '是否列入失信名单？',
    'q.good_operation_and_credit': '申报主体是否运营良好、具有良好的社会信用？',
    'q.applies_digital_level_indicators': '能否准确理解并运用《中小企业数字化水平评测指标》等标准，依据标准为中小企业开展数字化转型服务？',
    'q.experience_in_several_cities': '是否具有全国不同地市的数字化改造经验？',
    'q.stable_team_with_sub_industry_capability': '技术团队是否健全稳定，并拥有试点细分行业的数字化转型服务能力？',
    'q.local_team_or_office': '在福州是否有团队或办公场地？',
    'q.local_service_commitment': '在福州没有办公场地的，是否提供《本地化服务承诺》？',
    'q.declared': '以下为自述条件（榕工信行规〔2024〕17号 三、（二）1.（1）2)征集条件），遴选时由专家评审核实。',
    yes: '是', no: '否', unsure: '不确定',
    verdict: '结论', eligible: '符合征集条件', not_eligible: '不符合征集条件', unknown: '待补充信息',
    pass: '符合', fail: '不符合', 'unknown.o': '待确认', 'to_change': '如何改变：', source: '依据',
    'not_stated': '方案没有规定的条件', notes: '说明',
    'score.title': '二、专家评分计算', 'score.sheet': '评分表',
    'score.lead': '每行一家申报单位，列为：编号、名称、细分行业、失信名单（是/否），其后每位专家一列（表头写专家，空格表示未打分）。可从 Excel 直接复制粘贴，或选择 CSV 文件。',
    'score.hint': '每位申报单位去掉一个最高分和一个最低分后取平均（至少需要 3 个评分）；列入失信名单的一票否决；按细分行业名额排序，再从未入选的中选出后备资源库。各细分行业的名额（一、总体目标）：{quotas}。',
    compute: '计算', sample: '填入示例', pick: '选择文件',
    'problem.title': '无法计算', 'problem.empty': '请先填入或粘贴表格。',
    'col.rank': '名次', 'col.id': '编号', 'col.name': '名称', 'col.final': '最终得分', 'col.dropped': '去掉的最高分 / 最低分', 'col.status': '结果', 'col.explain': '说明',
    quota: '名额 {n} 家，拟入选 {k} 家', open: '，{n} 个名额因并列待市工信局确定', short: '，{n} 个名额无人可填',
    reserve: '后备资源库（{n} 家，规模 {min}–{max} 家）', pool: '拟入选服务资源库共 {n} 家（计划 {planned} 家）',
    ties: '并列', warnings: '提示', interpretations: '方案未明确之处的处理', rules: '所用条款',
    'stars.title': '三、星级评定跟踪', 'stars.sheet': '星级表',
    'stars.lead': '每行一家资源库服务商，列为：编号、名称，其后每轮评定一列（表头写轮次，如 2024-10；填 3、2、1 或 0/无星级，空格表示该轮未评定）。可加“退出轮次”“退出原因”两列，记录因其他原因退出的服务商。',
    'r.round': '轮次', 'r.before': '评定前在库', 'r.rated': '参评', 'r.nostar': '无星级', 'r.exits': '连续{n}次无星级退出', 'r.removed': '其他原因退出', 'r.after': '评定后在库', 'r.below': '低于 {min} 家',
    'p.status': '状态', 'p.latest': '最近评级', 'p.risk': '再一次无星级即退出', active: '在库', exited: '已退出（连续{n}次无星级）', removed: '已退出（其他原因）',
    stars0: '无星级', 'pool.size': '资源库现有 {n} 家（不少于 {min} 家）', below: '低于 {min} 家：', yes_mark: '是', no_mark: '—',
    disclaimer: '计算结果依据所填数据和方案条文得出，仅供参考；最终服务资源库名单由福州市工信局研究确定。',
  },
  en: {
    ...HEADER.en,
    doc: 'Provider selection · shuzhuan',
    title: 'Fuzhou digital service provider selection',
    lead: 'Under the Fuzhou provider measure (榕工信行规〔2024〕18号): providers check themselves against the call\'s conditions; the review panel computes the experts\' scores, ranks each sub-industry against its quota and picks the reserve; the pool\'s star ratings are tracked. Every result names its clause.',
    privacy: 'What you enter is computed in this browser only: nothing is uploaded or kept.', loading: 'Loading the rules…',
    'check.title': '1. Provider self-check', 'check.name': 'Provider name (optional)', 'check.type': 'Kind of provider', 'check.sub': 'Sub-industry applied for', choose: 'Choose',
    'check.asof': 'Date evaluated',
    'type.specialist': 'Specialist (small, fast, light, precise solutions for a sub-industry)', 'type.platform': 'Platform (integrates common applications and data across industries)',
    'q.small_fast_light_precise': 'Does it offer small, fast, light and precise (小快轻准) solutions for R&D, production, supply and sales in the pilot sub-industries?',
    'q.cross_industry_integration': 'Can it integrate several industries\' common application systems and connect cross-industry data?',
    'q.willing_to_serve_fuzhou': 'Is it willing to provide products and services for Fuzhou SMEs\' digital transformation?',
    'q.on_dishonest_list': 'Is it on a dishonest-entity list (失信名单)?',
    'q.good_operation_and_credit': 'Does the applicant operate well, with good social credit?',
    'q.applies_digital_level_indicators': 'Does it understand and apply the digital-level indicators, serving SMEs by them?',
    'q.experience_in_several_cities': 'Has it done transformation work in several cities in China?',
    'q.stable_team_with_sub_industry_capability': 'Is its technical team sound and stable, able to serve the pilot sub-industries?',
    'q.local_team_or_office': 'Does it have a team or an office in Fuzhou?',
    'q.local_service_commitment': 'Without an office in Fuzhou, will it sign the local-service commitment (《本地化服务承诺》)?',
    'q.declared': 'What follows is self-declared, under the call\'s conditions (榕工信行规〔2024〕17号 三、（二）1.（1）2)); the expert review checks it.',
    yes: 'Yes', no: 'No', unsure: 'Not sure',
    verdict: 'Verdict', eligible: 'Meets the call\'s conditions', not_eligible: 'Does not meet the call\'s conditions', unknown: 'More information needed',
    pass: 'Met', fail: 'Not met', 'unknown.o': 'To confirm', to_change: 'What would change it: ', source: 'Source',
    not_stated: 'Conditions the measure does not set', notes: 'Notes',
    'score.title': '2. Expert-scoring calculator', 'score.sheet': 'Score sheet',
    'score.lead': 'One applicant per row, with columns id, name, sub-industry, dishonest list (yes/no), then one column per expert (the header names the expert; empty = no score). Paste straight from Excel, or choose a CSV file.',
    'score.hint': 'For each applicant the highest and the lowest score are dropped and the rest averaged (at least 3 scores are needed); a dishonest-list entry is a veto; each sub-industry is ranked against its quota, then the best of the rest form the reserve. The quotas (一、总体目标): {quotas}.',
    compute: 'Compute', sample: 'Fill in an example', pick: 'Choose a file',
    'problem.title': 'Cannot compute', 'problem.empty': 'Fill in or paste the sheet first.',
    'col.rank': 'Rank', 'col.id': 'Id', 'col.name': 'Name', 'col.final': 'Final score', 'col.dropped': 'Highest / lowest dropped', 'col.status': 'Result', 'col.explain': 'Explanation',
    quota: 'quota {n}, {k} recommended', open: ', {n} seat(s) tied, left to the bureau', short: ', {n} seat(s) no applicant could fill',
    reserve: 'Reserve ({n}; size {min}–{max})', pool: '{n} recommended for the pool ({planned} planned)',
    ties: 'Ties', warnings: 'Warnings', interpretations: 'Where the measure is silent', rules: 'Clauses applied',
    'stars.title': '3. Star-rating tracker', 'stars.sheet': 'Rating sheet',
    'stars.lead': 'One pool provider per row, with columns id, name, then one column per rating round (the header names the round, e.g. 2024-10; 3, 2, 1, or 0 / 无星级 for no star; empty = not rated). Two optional columns, 退出轮次 and 退出原因 (removed_round, removed_reason), record a removal for another reason.',
    'r.round': 'Round', 'r.before': 'In the pool before', 'r.rated': 'Rated', 'r.nostar': 'No star', 'r.exits': 'Exit: {n} no-star ratings in a row', 'r.removed': 'Removed for another reason', 'r.after': 'In the pool after', 'r.below': 'Below {min}',
    'p.status': 'Status', 'p.latest': 'Latest rating', 'p.risk': 'One more no-star rating means exit', active: 'In the pool', exited: 'Exited ({n} no-star ratings in a row)', removed: 'Removed (another reason)',
    stars0: 'no star', 'pool.size': '{n} providers in the pool (at least {min})', below: 'Below {min}: ', yes_mark: 'yes', no_mark: '—',
    disclaimer: 'These results follow from the figures entered and the measure\'s text, for reference only; the Fuzhou industry bureau decides the final pool.',
  },
};

const SAMPLE_SCORES = `编号,名称,细分行业,失信名单,专家1,专家2,专家3,专家4,专家5
A01,甲科技,汽车零部件及配件制造,否,70,89,90,91,100
A02,乙数据,auto-parts,是,99,99,99,99,99
A03,丙软件,auto-parts,否,80,84,86,88,95
A04,丁信息,棉纺织或化纤纺织及印染精加工,否,85,85,85,85,85
A05,戊云,cotton-synthetic-textiles,否,80,81,,,
`;
const SAMPLE_STARS = `编号,名称,2024-10,2025-04,退出轮次,退出原因
P01,甲科技,0,无星级,,
P02,乙数据,0,2,,
P03,丙软件,3,0,,
P05,戊云,2,,1,拒不整改（五、（一））
`;
// The measure's own questions (18号), then the call's conditions (17号 三、（二）1.（1）2)).
const QUESTIONS = ['small_fast_light_precise', 'cross_industry_integration', 'willing_to_serve_fuzhou', 'on_dishonest_list',
  'good_operation_and_credit', 'applies_digital_level_indicators', 'experience_in_several_cities',
  'stable_team_with_sub_industry_capability', 'local_team_or_office', 'local_service_commitment'];

const $ = (id) => document.getElementById(id);
const state = { lang: 'zh', subs: null, reports: {} };
const { t, apply, table, problem } = strings(STRINGS, state);
const dec = (x) => (x == null ? '—' : String(Number(x)));
// --------------------------------------------------------------------------------- self-check

function drawQuestions() {
  const type = document.querySelector('input[name=p-type]:checked')?.value;
  const shown = QUESTIONS.filter((q) => (q === 'small_fast_light_precise' ? type !== 'platform' : q === 'cross_industry_integration' ? type !== 'specialist' : true));
  const box = $('p-questions');
  const kept = Object.fromEntries(QUESTIONS.map((q) => [q, document.querySelector(`input[name=q-${q}]:checked`)?.value ?? '']));
  box.replaceChildren(...shown.flatMap((q) => [
    // The call's conditions are self-declared: say so before the first of them.
    q === 'good_operation_and_credit' && el('p', { class: 'hint', id: 'q-declared' }, t('q.declared')),
    el('fieldset', { class: 'yes-no' }, el('legend', {}, t(`q.${q}`)),
      ...['yes', 'no', ''].map((v) => el('div', { class: 'choice' },
        el('input', { type: 'radio', name: `q-${q}`, id: `q-${q}-${v || 'unsure'}`, value: v, checked: kept[q] === v }),
        el('label', { for: `q-${q}-${v || 'unsure'}` }, t(v || 'unsure'))))),
  ].filter(Boolean)));
}

function checkInput() {
  const provider = {};
  if ($('p-name').value.trim()) provider.name = $('p-name').value.trim();
  const type = document.querySelector('input[name=p-type]:checked')?.value;
  if (type) provider.type = type;
  if ($('p-sub').value) provider.sub_industry = $('p-sub').value;
  for (const q of QUESTIONS) {
    const v = document.querySelector(`input[name=q-${q}]:checked`)?.value;
    if (v) provider[q] = v === 'yes';
  }
  return { provider };
}

const mark = { pass: '✓', fail: '✗', unknown: '?' };

function runCheck() {
  try {
    const date = $('p-asof').value || today();
    const r = providersCheck(checkInput(), { lang: state.lang, ...(date ? { as_of: date } : {}) });
    $('check-result').replaceChildren(
      el('p', { class: `big-answer ${r.verdict}` }, `${t('verdict')}：${t(r.verdict)}`),
      el('ul', { class: 'criteria' }, r.criteria.map((c) => el('li', { class: `criterion ${c.outcome}` },
        el('p', { class: 'criterion-title' }, el('span', { class: `mark ${c.outcome}`, 'aria-hidden': 'true' }, mark[c.outcome]),
          el('span', { class: 'visually-hidden' }, `${t(c.outcome === 'unknown' ? 'unknown.o' : c.outcome)}：`), ' ', c.title),
        el('p', {}, c.reason),
        c.to_change ? el('p', { class: 'to-change' }, t('to_change') + c.to_change) : null,
        el('p', { class: 'source' }, `${t('source')}：${c.source}`, el('q', {}, c.quote))))),
      r.not_stated.length ? el('div', {}, el('h3', {}, t('not_stated')), el('ul', {}, r.not_stated.map((n) => el('li', {}, n.text, ' ', el('span', { class: 'source' }, `（${n.source}）`))))) : null,
    );
  } catch (e) {
    $('check-result').replaceChildren(el('div', { class: 'error-summary', role: 'alert' }, el('ul', {}, messages(e, state.lang).map((m) => el('li', {}, m)))));
  }
}

// ------------------------------------------------------------------------------------ scoring

/** Computes one sheet's report (`score` or `stars`) and draws it; problems go to its error box. */
function runSheet(kind) {
  $(`${kind}-problem`).hidden = true;
  const sheet = $(`${kind}-sheet`).value;
  if (!sheet.trim()) return problem($(`${kind}-problem`), t('problem.title'), [t('problem.empty')]);
  try {
    state.reports[kind] = (kind === 'score' ? providersScore : providersStars)(sheet, { lang: state.lang });
    (kind === 'score' ? drawScore : drawStars)();
  } catch (e) {
    $(`${kind}-result`).replaceChildren();
    problem($(`${kind}-problem`), t('problem.title'), messages(e, state.lang));
  }
}
const runScore = () => runSheet('score');
const runStars = () => runSheet('stars');

function drawScore() {
  const r = state.reports.score;
  if (!r) return;
  const byId = Object.fromEntries(r.applicants.map((a) => [a.id, a]));
  const row = (a, rank) => [String(rank ?? '—'), a.id, a.name ?? '', a.final_score == null ? '—' : dec(a.final_score),
    a.dropped_high == null ? '—' : `${dec(a.dropped_high)} / ${dec(a.dropped_low)}`, a.status_text, a.explanation];
  const head = [t('col.rank'), t('col.id'), t('col.name'), t('col.final'), t('col.dropped'), t('col.status'), t('col.explain')];
  const parts = [el('p', { class: 'strong' }, t('pool').replace('{n}', r.pool_size).replace('{planned}', r.pool_planned))];
  for (const s of r.sub_industries) {
    let line = t('quota').replace('{n}', s.quota).replace('{k}', s.selected.length);
    if (s.open_seats) line += t('open').replace('{n}', s.open_seats);
    if (s.shortfall) line += t('short').replace('{n}', s.shortfall);
    parts.push(el('h3', {}, s.name), el('p', {}, line, ' ', el('span', { class: 'source' }, `（${s.source}）`)));
    if (s.ranking.length) parts.push(table(head, s.ranking.map((id) => row(byId[id], byId[id]?.rank)), `scores sub-${s.id}`));
  }
  const res = r.reserve;
  parts.push(el('h3', {}, t('reserve').replace('{n}', res.members.length).replace('{min}', res.min).replace('{max}', res.max)),
    res.members.length ? table(head, res.members.map((id) => row(byId[id], byId[id]?.reserve_rank)), 'scores reserve') : el('p', {}, '—'),
    el('p', { class: 'source' }, `${res.source}：`, el('q', {}, res.quote)));
  const list = (title, items, cls) => (items.length ? [el('h3', {}, title), el('ul', { class: cls }, items.map((x) => el('li', {}, x)))] : []);
  parts.push(...list(t('ties'), r.ties.map((x) => x.text), 'ties'), ...list(t('warnings'), r.warnings, 'warnings'),
    ...list(t('interpretations'), r.interpretations, 'interpretations'),
    ...list(t('rules'), r.rules.map((x) => `${x.text}（${x.source}：“${x.quote}”）`), 'rules'));
  $('score-result').replaceChildren(...parts);
}

// -------------------------------------------------------------------------------------- stars

function drawStars() {
  const r = state.reports.stars;
  if (!r) return;
  const yes = (b) => (b ? t('yes_mark') : t('no_mark'));
  // The exit rule's count comes from the rules in use (provider_pool.exit_after_no_stars), as a
  // word in the report's language (两 / two).
  const exits = (key) => t(key).replace('{n}', r.exit_count);
  const status = (s) => (s === 'exited' ? exits('exited') : t(s));
  const parts = [
    el('p', { class: `strong ${r.below_minimum ? 'warn' : ''}` }, t('pool.size').replace('{n}', r.pool_size).replace('{min}', r.pool_minimum)),
    r.replenish ? el('p', { class: 'note warn' }, t('below').replace('{min}', r.pool_minimum) + r.replenish) : null,
    table([t('r.round'), t('r.before'), t('r.rated'), t('r.nostar'), exits('r.exits'), t('r.removed'), t('r.after'), t('r.below').replace('{min}', r.pool_minimum)],
      r.rounds.map((x) => [x.label ?? String(x.round), x.active_before, x.rated, x.no_star, x.exits.join('、') || '—', x.removed.join('、') || '—', x.active_after, yes(x.below_minimum)]), 'rounds'),
    table([t('col.id'), t('col.name'), t('p.status'), t('p.latest'), t('p.risk'), t('col.explain')],
      r.providers.map((p) => [p.id, p.name ?? '', status(p.status), p.latest == null ? '—' : p.latest === 0 ? t('stars0') : '★'.repeat(p.latest), yes(p.at_risk), p.explanation]), 'pool'),
  ];
  if (r.warnings.length) parts.push(el('h3', {}, t('warnings')), el('ul', {}, r.warnings.map((w) => el('li', {}, w))));
  if (r.interpretations.length) parts.push(el('h3', {}, t('interpretations')), el('ul', {}, r.interpretations.map((w) => el('li', {}, w))));
  parts.push(el('h3', {}, t('rules')), el('ul', {}, r.rules.map((x) => el('li', {}, `${x.text}（${x.source}：“${x.quote}”）`))));
  $('stars-result').replaceChildren(...parts);
}

// ------------------------------------------------------------------------------------ startup

function drawSubs() {
  const subs = state.subs?.[state.lang] ?? [];
  // The quotas come from the rule file (fuzhou-providers-2024.toml), not from this page.
  $('score-hint').textContent = t('score.hint').replace('{quotas}', subs.map((s) => `${s.name} ${s.quota}`).join(state.lang === 'en' ? '; ' : '；'));
  const sel = $('p-sub');
  const chosen = sel.value;
  sel.replaceChildren(el('option', { value: '' }, t('choose')),
    ...subs.map((s) => el('option', { value: s.id, selected: s.id === chosen }, `${s.name}（${s.quota}）`)));
}

/** Reads a picked sheet file: GBK or UTF-8 (UTF-16 too), as the core's `sniff` says. */
async function readSheet(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const label = { gbk: 'gbk', utf16_le: 'utf-16le', utf16_be: 'utf-16be' }[sniff(bytes, true)] ?? 'utf-8';
  return new TextDecoder(label).decode(bytes);
}

// The site's rules (rules.json, the app's), fetched beside the module. Without them (a pack
// with problems, or none) the page lists why and computes nothing.
const rules = fetch(new URL('rules.json', import.meta.url))
  .then((r) => { if (!r.ok) throw new Error(`rules.json: HTTP ${r.status}`); return r.text(); });
await init({ module_or_path: new URL('review-pkg/shuzhuan_bg.wasm', import.meta.url) });
try {
  loadRules(await rules, 'rules.json');
} catch (e) {
  $('loading').textContent = String(e?.message ?? e);
  $('loading').setAttribute('role', 'alert');
  $('loading').id = 'rules-problems';
  throw e;
}
state.subs = { zh: providerSubIndustries('zh'), en: providerSubIndustries('en') };
$('loading').hidden = true;
// The date the self-check is evaluated on (the measure was in force until 2025-12-31).
$('p-sub').closest('.field').after(el('div', { class: 'field' }, el('label', { for: 'p-asof', 'data-t': 'check.asof' }, t('check.asof')), el('input', { type: 'date', id: 'p-asof', value: today() })));
drawSubs();
drawQuestions();
runCheck();
$('check-form').addEventListener('change', (e) => {
  if (e.target.name === 'p-type') drawQuestions();
  runCheck();
});
$('check-form').addEventListener('input', (e) => { if (e.target.id === 'p-name') runCheck(); });
$('check-form').addEventListener('submit', (e) => e.preventDefault());
$('score-run').addEventListener('click', runScore);
$('stars-run').addEventListener('click', runStars);
$('score-sample').addEventListener('click', () => { $('score-sheet').value = SAMPLE_SCORES; runScore(); });
$('stars-sample').addEventListener('click', () => { $('stars-sheet').value = SAMPLE_STARS; runStars(); });
$('score-file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (!f) return;
  $('score-sheet').value = await readSheet(f);
  e.target.value = '';
  runScore();
});
$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  apply();
  drawSubs();
  drawQuestions();
  runCheck();
  // The reports' sentences are in the language asked for: compute again.
  if (state.reports.score) runScore();
  if (state.reports.stars) runStars();
});
