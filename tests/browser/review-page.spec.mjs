// The reviewers' batch page (review.html), issue 16, item 9: the programmes ticked by default when
// every one has expired, re-runs on any change of programme, date or language without choosing
// the file again (a screen running then is stopped and restarted), the row-by-row table with its
// verdict filter, column messages without internal keys or blank names, and phone-sized screens
// in Chinese and English (nothing scrolls sideways; axe finds nothing serious).
import { test, expect } from './helpers.mjs';
import AxeBuilder from '@axe-core/playwright';
import { AS_OF, BATCH, choose, cli as cliOf, downloadResult, openReview } from './review-helpers.mjs';

const UTF8 = `${BATCH}/applicants-utf8.csv`;
/** A day after every seed programme has ended (Fuzhou, Xiamen, Jinan 2025-12-31; Jinhua 2026-09-30). */
const ALL_EXPIRED = '2026-12-03';
const ENTERPRISE = ['fuzhou-2024', 'jinan-2024', 'jinhua-2024', 'xiamen-2024'];
const cli = (file, ids, day, lang = 'zh') => cliOf(file, ids, { day, lang });

/** applicants-utf8.csv for Fuzhou on 2025-06-30, line by line (tests/batch/README.md; the same
 *  verdicts as crates/policy/tests/batch.rs). */
const FUZHOU = {
  eligible: [2, 3, 16, 20],
  not_eligible: [4, 8, 9, 11, 18],
  unknown: [13, 19],
  error: [5, 6, 7, 14, 15, 17],
};
FUZHOU.all = [...FUZHOU.eligible, ...FUZHOU.not_eligible, ...FUZHOU.unknown, ...FUZHOU.error].sort((a, b) => a - b);

/** The ids ticked, in the list's order. */
const ticked = (page) => page.locator('#programmes input:checked').evaluateAll((boxes) => boxes.map((b) => b.value));

/** Waits until the screen asked for last is done and its results are shown. */
async function done(page, word = '完成') {
  await expect(page.locator('#progress-text')).toContainText(word);
  await expect(page.locator('#results')).toBeVisible();
  await expect(page.locator('#problem')).toBeHidden();
}

/** How many programmes the summary has a verdict table for. */
const summaryProgrammes = (page) => page.locator('#summary table.verdicts').count();

/** The line numbers of the rows in the table. */
const lines = (page) => page.locator('#rows tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.line)));

test('every programme expired: the one that ended last is ticked, and a chosen file is screened without error; a new date re-ticks and re-runs', async ({ page }) => {
  await openReview(page);
  await page.locator('#as-of').fill(ALL_EXPIRED);
  await expect.poll(() => ticked(page)).toEqual(['jinhua-2024']);
  await page.locator('#file').setInputFiles(UTF8);
  await done(page);
  expect(await summaryProgrammes(page)).toBe(1);
  await expect(page.locator('#summary')).toContainText(ALL_EXPIRED);
  expect((await downloadResult(page)).equals(cli(UTF8, ['jinhua-2024'], ALL_EXPIRED)), 'browser and CLI output differ').toBe(true);
  // Untouched ticks follow the date: on 2025-06-30 all four were in force. The file is screened again.
  await page.locator('#as-of').fill(AS_OF);
  await expect.poll(() => ticked(page)).toEqual(ENTERPRISE);
  await done(page);
  await expect.poll(() => summaryProgrammes(page)).toBe(4);
  expect((await downloadResult(page)).equals(cli(UTF8, ENTERPRISE, AS_OF)), 'browser and CLI output differ').toBe(true);
});

test('ticking another programme re-runs the chosen file; unticking all says so, and ticking one again re-runs', async ({ page }) => {
  await openReview(page);
  await choose(page, ['jinhua-2024'], ALL_EXPIRED);
  await page.locator('#file').setInputFiles(UTF8);
  await done(page);
  expect(await summaryProgrammes(page)).toBe(1);
  await page.locator('#prog-fuzhou-2024').check();
  await done(page);
  await expect.poll(() => summaryProgrammes(page)).toBe(2);
  expect((await downloadResult(page)).equals(cli(UTF8, ['fuzhou-2024', 'jinhua-2024'], ALL_EXPIRED))).toBe(true);
  await page.locator('#prog-fuzhou-2024').uncheck();
  await page.locator('#prog-jinhua-2024').uncheck();
  await expect(page.locator('#problem')).toContainText('请至少选择一项试点政策');
  await expect(page.locator('#results')).toBeHidden();
  await page.locator('#prog-xiamen-2024').check();
  await done(page);
  await expect(page.locator('#summary h3').nth(1)).toContainText('厦门');
  expect((await downloadResult(page)).equals(cli(UTF8, ['xiamen-2024'], ALL_EXPIRED))).toBe(true);
});

test('changing the date re-runs the chosen file with the ticks kept', async ({ page }) => {
  await openReview(page);
  await choose(page, ['fuzhou-2024'], ALL_EXPIRED);
  await page.locator('#file').setInputFiles(UTF8);
  await done(page);
  // Expired on that day: no row is eligible.
  await expect(page.locator('label[for=filter-eligible]')).toHaveText('符合（0）');
  await page.locator('#as-of').fill(AS_OF);
  await expect(page.locator('label[for=filter-eligible]')).toHaveText('符合（4）');
  await done(page);
  expect(await ticked(page)).toEqual(['fuzhou-2024']);
  await expect(page.locator('#summary')).toContainText(AS_OF);
  expect((await downloadResult(page)).equals(cli(UTF8, ['fuzhou-2024'], AS_OF))).toBe(true);
});

test('a change while a long list is being screened stops that screen and starts again', async ({ page }) => {
  test.setTimeout(60_000);
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  let text = '企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),所在区县,独立法人,近三年不良信用记录\n';
  for (let i = 0; i < 60_000; i++) text += `企业${i},,1761,${10 + (i % 500)},${100 + (i % 3000)},长乐区,是,无\n`;
  await page.locator('#file').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.locator('#cancel')).toBeVisible();
  await page.locator('#prog-xiamen-2024').check();
  await done(page);
  await expect(page.locator('#progress-text')).toContainText('完成：60,000 行');
  expect(await summaryProgrammes(page)).toBe(2);
  // Every row counted once, by the new screen only: Fuzhou firms in a Fuzhou sub-industry.
  const verdicts = page.locator('#summary table.verdicts');
  await expect(verdicts.nth(0).locator('tr').filter({ hasText: /^符合/ })).toContainText('60,000');
  await expect(verdicts.nth(1).locator('tr').filter({ hasText: /^不符合/ })).toContainText('60,000');
  await expect(page.locator('#cancel')).toBeHidden();
});

test('the rows table: every row with its verdict and reasons, filtered by verdict', async ({ page }) => {
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  await page.locator('#file').setInputFiles(UTF8);
  await done(page);
  const table = page.locator('#rows table');
  await expect(table.locator('thead th')).toHaveText(['行号', '企业名称', '统一社会信用代码', /福州/]);
  for (const [f, label] of [['all', '全部'], ['eligible', '符合'], ['not_eligible', '不符合'], ['unknown', '待补充信息'], ['error', '数据有问题']]) {
    await page.locator(`#filter-${f}`).check();
    await expect(page.locator(`label[for=filter-${f}]`)).toHaveText(`${label}（${FUZHOU[f].length}）`);
    await expect.poll(() => lines(page), f).toEqual(FUZHOU[f]);
    await expect(page.locator('#rows-note')).toHaveText(`列出 ${FUZHOU[f].length} 行，共 ${FUZHOU[f].length} 行。`);
  }
  await page.locator('#filter-all').check();
  const row = (line) => table.locator(`tbody tr[data-line="${line}"]`);
  await expect(row(2).locator('td').nth(2)).toHaveText('符合');
  await expect(row(2)).toContainText('福州恒针纺织有限公司');
  // A failed criterion and an unknown one, each with its reason.
  await expect(row(8).locator('td[data-verdict=not_eligible]')).toContainText('不符合 · ');
  await expect(row(8)).toContainText('厦门');
  await expect(row(13).locator('td[data-verdict=unknown]')).toContainText('待补充 · ');
  // A bad row: not screened, its problem by column.
  await expect(row(5)).toContainText('数据有误，未初筛');
  await expect(row(5)).toContainText('从业人员 “一百二”：');
});

test('column messages name the column as written, "第 N 列（无列名）" or the whole row, never an internal key', async ({ page }) => {
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  const csv = '企业名称,统一社会信用代码,,行业代码,从业人员,营业收入(万元),所在区县,独立法人,近三年不良信用记录\n'
    + '甲公司,,x,1761,120,8500,长乐区,是,无\n'
    + '乙公司,,,1761,120,8500,长乐区,是,无,多出一列\n';
  await page.locator('#file').setInputFiles({ name: 'extra.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await done(page);
  await expect(page.locator('#summary')).toContainText('未使用的列（原样保留）：第 3 列（无列名）');
  await expect(page.locator('#summary tr', { hasText: '整行' })).toContainText('1');
  const flagged = page.locator('#flagged tbody tr');
  await expect(flagged).toHaveCount(1);
  await expect(flagged.locator('li')).toHaveText(/^本行有 10 个值，表头只有 9 列（多出：“多出一列”）/);
  await expect(page.locator('#rows tr[data-line="3"]')).toContainText('本行有 10 个值');
  const shown = await page.locator('#results').innerText();
  expect(shown).not.toContain('columns');
  // The CSV says the same: the row's problem is its message alone.
  const got = (await downloadResult(page)).toString('utf8');
  expect(got).toContain(',3,数据有误，未初筛,本行有 10 个值');
  expect(got).not.toContain('columns');

  // Header problems stop the file: each message alone (no `header` / `header.3` before it), in both languages.
  const bad = '企业名称,名称,营业收入,行业代码\n甲公司,甲,100,1761\n';
  await page.locator('#file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const box = page.locator('#problem');
  await expect(box).toContainText('有多列都表示“企业名称”');
  await expect(box).toContainText('第 3 列表头“营业收入”未注明金额单位');
  expect(await box.innerText()).not.toMatch(/header/);
  await page.locator('#lang').click();
  await expect(box).toContainText('several columns mean "name"');
  await expect(box).toContainText('column 3 header "营业收入" does not state the unit');
  expect(await box.innerText()).not.toMatch(/header\.|header:/);
});

test('switching the language re-runs the chosen file and relabels the table and the filter', async ({ page }) => {
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  await page.locator('#file').setInputFiles(UTF8);
  await done(page);
  await page.locator('#filter-not_eligible').check();
  await page.locator('#lang').click();
  await done(page, 'Done');
  await expect(page.locator('label[for=filter-not_eligible]')).toHaveText('Not eligible (5)');
  await expect(page.locator('#filter-not_eligible')).toBeChecked();
  await expect(page.locator('#rows thead th').first()).toHaveText('Line');
  await expect(page.locator('#rows-note')).toHaveText('Listing 5 of 5 rows.');
  await expect(page.locator('#rows tr[data-line="8"]')).toContainText('Not met · ');
  expect(await page.locator('#rows').innerText()).not.toMatch(/不符合|符合/);
  expect((await downloadResult(page)).equals(cli(UTF8, ['fuzhou-2024'], AS_OF, 'en'))).toBe(true);
  await page.locator('#lang').click();
  await done(page);
  await expect(page.locator('label[for=filter-not_eligible]')).toHaveText('不符合（5）');
});

/** Fails when the page is wider than the screen (anything that makes it scroll sideways). */
async function expectNoSidewaysScroll(page, what) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${what}: page ${scroll} px wide on a ${client} px screen`).toBeLessThanOrEqual(client);
}

const serious = async (page) => (await new AxeBuilder({ page }).analyze()).violations
  .filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);

// 360 and 390: phones upright; 640×360: a phone held sideways; 720: the widest width with cards.
for (const [width, height] of [[360, 740], [390, 844], [640, 360], [720, 1000]]) {
  for (const lang of ['zh', 'en']) {
    test(`${width}×${height}, ${lang}: the form and the results fit the screen, rows are cards, axe finds nothing serious`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await openReview(page);
      if (lang === 'en') {
        await page.locator('#lang').click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      }
      await expectNoSidewaysScroll(page, 'the form');
      await choose(page, ['fuzhou-2024', 'xiamen-2024']);
      await page.locator('#file').setInputFiles(UTF8);
      await done(page, lang === 'en' ? 'Done' : '完成');
      await expect(page.locator('#rows tbody tr')).toHaveCount(FUZHOU.all.length);
      await expectNoSidewaysScroll(page, 'the results');
      // Stacked: each row a block, each cell led by its column's name; the header row out of sight.
      const first = page.locator('#rows tbody tr').first();
      expect(await first.evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
      expect(await first.locator('td').nth(0).evaluate((td) => getComputedStyle(td, '::before').content)).toBe(lang === 'en' ? '"Name"' : '"企业名称"');
      const box = await first.boundingBox();
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await page.locator('#filter-error').check();
      await expect(page.locator('#rows tbody tr')).toHaveCount(FUZHOU.error.length);
      await expectNoSidewaysScroll(page, 'the bad rows');
      expect(await serious(page)).toEqual([]);
    });
  }
}

test('encoding: a short GBK list that is also valid UTF-8 is a weak guess; choosing GBK re-runs it with the names right', async ({ page }) => {
  // 伟业印刷 in GBK: CE B0 D2 B5 D3 A1 CB A2, which is also UTF-8 (ΰҵӡˢ). Issue 14, item 6.
  const buffer = Buffer.concat([
    Buffer.from('name,industry,employees,revenue (yuan),district\n'),
    Buffer.from([0xce, 0xb0, 0xd2, 0xb5, 0xd3, 0xa1, 0xcb, 0xa2]),
    Buffer.from(',2311,50,3000000,350112\n'),
  ]);
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  await page.locator('#file').setInputFiles({ name: 'short-gbk.csv', mimeType: 'text/csv', buffer });
  await done(page);
  const encodingRow = page.locator('#summary tr', { hasText: '编码' });
  await expect(encodingRow).toContainText('UTF-8（推测，把握不大）');
  await expect(page.locator('#summary .encoding-warning')).toContainText('文件编码');
  await expect(page.locator('#rows')).toContainText('ΰҵӡˢ');
  await page.locator('#encoding').selectOption('gbk');
  await expect(encodingRow).toContainText('GBK（按所选）');
  await done(page);
  await expect(page.locator('#rows')).toContainText('伟业印刷');
  await expect(page.locator('#summary .encoding-warning')).toHaveCount(0);
  // And back to detection: the guess again.
  await page.locator('#encoding').selectOption('auto');
  await expect(encodingRow).toContainText('UTF-8（推测，把握不大）');
});
