// The digital-level self-assessment page (assess.html, its own WebAssembly module): answering the
// 2024 questionnaire, the result (scores, level, caveats, gap, subsidy effects) and carrying the
// level into the main app's Xiamen estimator; the exclusive "无"; progress; answers restored from
// the URL fragment; the language switch; accessibility.
//
// The journey's answers are tests/assess/15-mixed-with-none.json, whose result is computed by hand
// there: Q1 B+C 4, Q2 C 3, Q3 B 1.5 (设备系统 8.5); Q4 B, D, G, N (4 × 0.7) + O 0.9 = 3.7; Q5 C 5;
// Q6 B+C 2.5; Q7 无 0 → 数字化基础 19.7. Q8 C 3, Q9 B 1.875, Q10 B+D 3, Q11 B 1.875 → 数字化管理 9.75.
// Q12 B 3.5, Q13 C 7, Q14 C 3, Q15 B 1.5 → 数字化成效 15. Total 44.45. Nine scenarios at ≥ 二级
// (six binding): 二级. For 三级: 15.55 points, 7 scenarios (4 binding) short.
// Xiamen 四、（五）8: 40 % of the eligible input, capped at 25万 / 35万 / 40万 for 二级 / 三级 / 四级.
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { test, expect, appReady, commit, yuan, CJK } from './helpers.mjs';

const CASE = JSON.parse(fs.readFileSync(new URL('../assess/15-mixed-with-none.json', import.meta.url), 'utf8'));
const ANSWERS = CASE.input.answers; // { Q1: ['B', 'C'], Q2: 'C', … }
const SCENARIOS = CASE.input.scenarios; // { S1: 2, … }
/** The same answers as the page writes them into its fragment. */
const FRAGMENT = [
  ...Object.entries(ANSWERS).map(([q, a]) => `${q}=${[a].flat().join('')}`),
  ...Object.entries(SCENARIOS).map(([s, l]) => `${s}=${l}`),
].join('&');

/** Opens the self-assessment page at `hash` in a fresh document and waits for its module. */
async function openAssess(page, hash = '') {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(`/assess.html${hash}`);
  await assessReady(page);
}

async function assessReady(page) {
  await page.locator('button#lang-switch').waitFor();
  await expect(page.locator('#page-title')).toBeVisible();
}

const progress = (page) => page.locator('#progress');
const option = (page, q, label) => page.locator(`#${q}-${label}`);

/** Ticks this step's answers of the case, as a user does (clicking the options). */
async function answerQuestions(page, ids) {
  for (const q of ids) {
    for (const label of [ANSWERS[q]].flat()) await option(page, q, label).check();
  }
}

test('journey: answer every question, see score, level and gap, carry 二级 and 三级 into the Xiamen estimator', async ({ page }) => {
  await openAssess(page);
  await expect(page.locator('#page-title')).toHaveText('数字化水平自评');
  await expect(progress(page)).toHaveText('已答 0 / 15 题 · 已评 0 / 16 个场景');
  await expect(page.locator('#step-title')).toContainText('数字化基础');
  // Every option's text is the questionnaire's, verbatim.
  await expect(page.locator('label:has(#Q1-D)')).toContainText('企业建设/租用5G工业网络，支撑系统互联和网络协同应用，满足AGV、工业互联网等规模化移动应用场景需求');
  await expect(page.locator('fieldset#Q1 legend')).toHaveText('Q1 企业网络建设连接情况');

  await answerQuestions(page, ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7']);
  await expect(progress(page)).toHaveText('已答 7 / 15 题 · 已评 0 / 16 个场景');
  await page.locator('#next').click();
  await expect(page.locator('#step-title')).toContainText('数字化管理');
  await expect(page.locator('#page-title')).toBeFocused();
  await answerQuestions(page, ['Q8', 'Q9', 'Q10', 'Q11']);
  await page.locator('#next').click();
  await expect(page.locator('#step-title')).toContainText('数字化成效');
  await answerQuestions(page, ['Q12', 'Q13', 'Q14', 'Q15']);
  await page.locator('#next').click();
  await expect(page.locator('#step-title')).toContainText('应用场景');
  // A scenario's levels show their descriptors, verbatim.
  await expect(page.locator('label:has(#S1-1)')).toContainText('通过设计软件工具（如CAD、CAE、EDA等）辅助开展产品设计。');
  for (const [s, level] of Object.entries(SCENARIOS)) await option(page, s, level).check();
  await expect(progress(page)).toHaveText('已答 15 / 15 题 · 已评 16 / 16 个场景');
  await expect(page.locator('a[data-step="4"] .count')).toHaveText('16/16');
  await page.locator('#next').click();

  // The result: an estimate, with the core's caveats.
  await expect(page.locator('#page-title')).toHaveText('自评结果');
  await expect(page.locator('#level-name')).toHaveText('二级');
  await expect(page.locator('#level')).toContainText('估算');
  await expect(page.locator('#total')).toHaveText('总分 44.45 / 100 分');
  await expect(page.locator('#caveats li')).toHaveCount(3);
  await expect(page.locator('#caveats')).toContainText('第三方机构按2024年版评测指标现场评定');
  await expect(page.locator('#caveats')).toContainText('把分数和场景合成总体等级的规则未经核实');
  await expect(page.locator('#incomplete')).toHaveCount(0);
  // Score per dimension and item, as text (the bars only repeat it).
  const row = (name) => page.locator(`#scores tr[data-dimension="${name}"], #scores tr[data-item="${name}"]`);
  await expect(row('数字化基础').locator('td.num')).toHaveText('19.7 / 50');
  await expect(row('数字化管理').locator('td.num')).toHaveText('9.75 / 30');
  await expect(row('数字化成效').locator('td.num')).toHaveText('15 / 20');
  await expect(row('设备系统').locator('td.num')).toHaveText('8.5 / 20');
  await expect(row('数据采集').locator('td.num')).toHaveText('3.7 / 10');
  await expect(row('数字化基础').locator('td.bar-cell')).toContainText('39%');
  // The level conditions, the 2022 band, the scenario grid.
  await expect(page.locator('#levels li[data-level="2"]')).toHaveAttribute('data-met', 'true');
  await expect(page.locator('#levels li[data-level="3"]')).toHaveAttribute('data-met', 'false');
  await expect(page.locator('#levels li[data-level="3"]')).toContainText('总分 44.45（需 ≥ 60）');
  await expect(page.locator('#band-2022')).toContainText('二级');
  await expect(page.locator('#band-2022')).toContainText('40 ≤ 总分 < 60');
  await expect(page.locator('#scenario-grid tr[data-scenario="S13"]')).toContainText('三级');
  await expect(page.locator('#scenario-grid tr[data-scenario="S9"]')).toContainText('未达到一级');
  await expect(page.locator('#scenario-grid tr[data-scenario="S1"]')).toContainText('约束性');
  await expect(page.locator('#scenario-grid tr[data-scenario="S13"] .lv-grid .on')).toHaveCount(3);
  // The gap to 三级: points, scenarios, binding scenarios; the fewest answer changes; the scenarios to raise.
  await expect(page.locator('#gap h2')).toHaveText('距离三级还差什么');
  await expect(page.locator('#gap-numbers')).toContainText('总分还差 15.55 分');
  await expect(page.locator('#gap-numbers')).toContainText('还需 7 个场景达到三级');
  await expect(page.locator('#gap-numbers')).toContainText('其中约束性场景还需 4 个');
  await expect(page.locator('#gap h3').first()).toHaveText('最省力的答题改动（共 7 步，+15.625 分）');
  expect(await page.locator('#scenario-raises li').evaluateAll((li) => li.map((x) => x.dataset.scenario)))
    .toEqual(['S1', 'S3', 'S5', 'S6', 'S11', 'S12', 'S14']);
  // What 三级 changes in each programme's subsidies.
  await expect(page.locator('#subsidies h2')).toHaveText('达到三级对各地补贴的影响');
  await expect(page.locator('article[data-programme="xiamen-2024"] li[data-measure="xm-8-transformation"]'))
    .toContainText('达到三级后，厦门市试点企业数字化改造补助上限由 25万元 提高到 35万元');
  await expect(page.locator('article[data-programme="jinhua-2024"]')).toContainText('50万元 提高到 80万元');
  await expect(page.locator('article[data-programme="jinan-2024"]')).toContainText('未公布');
  await expect(page.locator('article.subsidy')).toHaveCount(4);

  // Carry today's level (the default) into the Xiamen estimator.
  await expect(page.locator('#carry-now')).toBeChecked();
  const xiamen = page.locator('#carry-xiamen-2024');
  await expect(xiamen).toHaveText('按二级估算厦门市补贴');
  await expect(xiamen).toHaveAttribute('href', 'index.html#/estimate/xiamen-2024?level=2');
  await xiamen.click();
  await appReady(page);
  await expect(page).toHaveURL(/\/index\.html#\/estimate\/xiamen-2024\?level=2$/);
  await expect(page.locator('#f-level')).toHaveValue('2');
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  await expect(page.locator('tr[data-measure="xm-8-transformation"] td.amount')).toHaveText(yuan(250000));

  // Back on the result (the fragment brings the answers back), carry the next level instead.
  await page.goBack();
  await assessReady(page);
  await expect(page.locator('#level-name')).toHaveText('二级');
  await page.locator('#carry-next').check();
  await expect(xiamen).toHaveText('按三级估算厦门市补贴');
  await xiamen.click();
  await appReady(page);
  await expect(page.locator('#f-level')).toHaveValue('3');
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  await expect(page.locator('tr[data-measure="xm-8-transformation"] td.amount')).toHaveText(yuan(350000));
  await expect(page.locator('#compare td[data-level="3"]')).toContainText(yuan(350000));
});

test('multi-choice: "无" clears the other options and another option clears "无"; progress counts answered questions', async ({ page }) => {
  await openAssess(page);
  await option(page, 'Q1', 'B').check();
  await option(page, 'Q1', 'C').check();
  await expect(progress(page)).toHaveText('已答 1 / 15 题 · 已评 0 / 16 个场景');
  await expect(page.locator('a[data-step="1"] .count')).toHaveText('1/7');
  await option(page, 'Q1', 'A').check(); // 无
  await expect(option(page, 'Q1', 'A')).toBeChecked();
  await expect(option(page, 'Q1', 'B')).not.toBeChecked();
  await expect(option(page, 'Q1', 'C')).not.toBeChecked();
  await expect(page).toHaveURL(/#\/1\?Q1=A$/);
  await option(page, 'Q1', 'D').check();
  await expect(option(page, 'Q1', 'A')).not.toBeChecked();
  await expect(option(page, 'Q1', 'D')).toBeChecked();
  await expect(page).toHaveURL(/#\/1\?Q1=D$/);
  // A single-choice question takes one option.
  await option(page, 'Q2', 'B').check();
  await option(page, 'Q2', 'D').check();
  await expect(option(page, 'Q2', 'B')).not.toBeChecked();
  await expect(progress(page)).toHaveText('已答 2 / 15 题 · 已评 0 / 16 个场景');
  // Unticking the last option leaves the question unanswered.
  await option(page, 'Q1', 'D').uncheck();
  await expect(progress(page)).toHaveText('已答 1 / 15 题 · 已评 0 / 16 个场景');
  await expect(page).toHaveURL(/#\/1\?Q2=D$/);
  // An unanswered result says so and links back to the first open step.
  await page.locator('a[data-step="result"]').click();
  await expect(page.locator('#incomplete')).toBeVisible();
  await expect(page.locator('#level-name')).toHaveText('未达到一级');
  await expect(page.locator('#summary')).toContainText('尚有 14 道题、16 个场景未作答');
  await page.locator('#incomplete a').click();
  await expect(page.locator('#step-title')).toContainText('数字化基础');
});

test('the fragment keeps the answers: Back between steps keeps what was answered later, a reload restores everything', async ({ page }) => {
  await openAssess(page);
  await option(page, 'Q1', 'B').check();
  await page.locator('#next').click();
  await option(page, 'Q8', 'C').check();
  await page.locator('a[data-step="4"]').click();
  await option(page, 'S3', '4').check();
  await page.goBack();
  await expect(page.locator('#step-title')).toContainText('数字化管理');
  await page.goBack();
  await expect(page.locator('#step-title')).toContainText('数字化基础');
  await expect(option(page, 'Q1', 'B')).toBeChecked();
  await expect(progress(page)).toHaveText('已答 2 / 15 题 · 已评 1 / 16 个场景');
  await expect(page).toHaveURL(/assess\.html#\/1\?Q1=B&Q8=C&S3=4$/);
  await page.reload();
  await assessReady(page);
  await expect(option(page, 'Q1', 'B')).toBeChecked();
  await expect(progress(page)).toHaveText('已答 2 / 15 题 · 已评 1 / 16 个场景');
  await page.locator('a[data-step="4"]').click();
  await expect(option(page, 'S3', '4')).toBeChecked();
  // Nothing is kept on the device.
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length)).toBe(0);
});

test('a full set of answers in the fragment opens straight on its result', async ({ page }) => {
  await openAssess(page, `#/result?${FRAGMENT}`);
  await expect(page.locator('#level-name')).toHaveText('二级');
  await expect(page.locator('#total')).toHaveText('总分 44.45 / 100 分');
  await expect(progress(page)).toHaveText('已答 15 / 15 题 · 已评 16 / 16 个场景');
});

/** Visible text outside `[lang="zh-CN"]` parts (the questionnaire's own text) that is Chinese. */
function chineseLeft(page, allowed = []) {
  return page.evaluate(({ cjk, allowed }) => {
    const CJK = new RegExp(cjk);
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[lang="zh-CN"], blockquote, .quote, script, style') || !el.checkVisibility()) continue;
      const text = allowed.reduce((s, a) => s.split(a).join(''), n.textContent);
      if (CJK.test(text)) bad.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}: ${n.textContent.trim().slice(0, 60)}`);
    }
    for (const el of document.querySelectorAll('[aria-label]')) {
      if (CJK.test(el.getAttribute('aria-label'))) bad.push(`aria-label: ${el.getAttribute('aria-label')}`);
    }
    return bad;
  }, { cjk: CJK.source, allowed });
}

test('language switch: the interface turns English, the questionnaire stays Chinese verbatim, and back', async ({ page }) => {
  await openAssess(page);
  await page.locator('#lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Digital-level self-assessment · shuzhuan');
  await expect(page.locator('#page-title')).toHaveText('Digital-level self-assessment');
  await expect(progress(page)).toHaveText('0 of 15 questions answered · 0 of 16 scenarios rated');
  await expect(page.locator('#step-title')).toContainText('Digital foundations');
  await expect(page.locator('fieldset#Q1 legend')).toHaveText('Q1 企业网络建设连接情况');
  await expect(page.locator('label:has(#Q1-B)')).toContainText('企业车间建成工控网络，支持自动化控制应用');
  await expect(page.locator('#next')).toHaveText('Continue');
  expect(await chineseLeft(page, ['无'])).toEqual([]); // "无" is quoted in the multi-choice hint
  await expect(page).toHaveURL(/#\/1\?en$/);
  await page.locator('a[data-step="4"]').click();
  await expect(page.locator('label:has(#S1-0)')).toHaveText('Below level 1');
  expect(await chineseLeft(page)).toEqual([]);

  // The result in English, with the core's sentences in English; the language survives a reload.
  await openAssess(page, `#/result?${FRAGMENT}&en`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#level-name')).toHaveText('level 2');
  await expect(page.locator('#summary')).toContainText('Estimated level: level 2 (score 44.45 of 100)');
  await expect(page.locator('#caveats')).toContainText('rated on site by a third-party evaluator');
  await expect(page.locator('#gap h2')).toHaveText('What Level 3 still needs');
  await expect(page.locator('article[data-programme="xiamen-2024"]')).toContainText('Level 3 raises the cap');
  await expect(page.locator('#carry-xiamen-2024')).toHaveText("Estimate Xiamen's subsidy at Level 2");
  await expect(page.locator('#carry-xiamen-2024')).toHaveAttribute('href', 'index.html#/estimate/xiamen-2024?level=2&en');
  // The core's English caveats cite the document number and the option "无" as they are.
  expect(await chineseLeft(page, ['工信厅企业〔2024〕56号', '"无"'])).toEqual([]);
  // …and the estimator it opens is in English too.
  await page.locator('#carry-xiamen-2024').click();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#f-level')).toHaveValue('2');

  await openAssess(page, `#/result?${FRAGMENT}&en`);
  await page.locator('#lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('#level-name')).toHaveText('二级');
  await expect(page.locator('#page-title')).toHaveText('自评结果');
  await expect(page).toHaveURL(/S16=1$/);
});

test('the main app links to the self-assessment: from its header and from the estimator\'s level field', async ({ page }) => {
  await page.goto('/#/estimate/xiamen-2024');
  await appReady(page);
  const link = page.locator('#to-assess');
  await expect(link).toHaveText('不知道数字化水平？先做自评');
  await expect(page.locator('header nav a[href="assess.html"]')).toHaveText('数字化水平自评');
  await link.click();
  await assessReady(page);
  await expect(page.locator('#page-title')).toHaveText('数字化水平自评');
  await expect(page.locator('header nav a[aria-current="page"]')).toHaveText('数字化水平自评');
  // A level the estimator has no use for is ignored; the estimator opens as usual.
  await page.goto('/#/estimate/xiamen-2024?level=7');
  await appReady(page);
  await expect(page.locator('#f-level')).toHaveValue('');
});

test('loading: the module mounts over the static first step without moving it (no layout shift)', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  await openAssess(page);
  await expect(page.locator('#Q1-A')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.01);
});

// ---- accessibility: axe, 360 px, 44 px targets ----

async function expectAxeClean(page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(result.passes.length).toBeGreaterThan(10);
}

function smallTargets(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, a.button, header a, .assess-steps a, input, select, summary')) {
      if (!el.checkVisibility()) continue;
      const target = (el.type === 'radio' || el.type === 'checkbox') ? el.closest('label') || el : el;
      const h = target.getBoundingClientRect().height;
      if (h < 44) out.push(`${target.tagName.toLowerCase()}#${el.id} "${target.textContent.trim().slice(0, 20)}" ${h.toFixed(1)} px`);
    }
    return out;
  });
}

for (const [name, hash, ready] of [
  ['questionnaire, step 1', '', '#Q1-A'],
  ['questionnaire, scenarios', `#/4?${FRAGMENT}`, '#S16-4'],
  ['result', `#/result?${FRAGMENT}`, '#subsidies'],
  ['result, English', `#/result?${FRAGMENT}&en`, '#subsidies'],
  ['result, nothing answered', '#/result', '#incomplete'],
]) {
  test(`${name}: axe clean; at 360 px no sideways scrolling and 44 px targets`, async ({ page }) => {
    await openAssess(page, hash);
    await expect(page.locator(ready)).toBeVisible();
    await expectAxeClean(page);
    await page.setViewportSize({ width: 360, height: 740 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'wider than 360 px').toBeLessThanOrEqual(360);
    expect(await smallTargets(page)).toEqual([]);
  });
}
