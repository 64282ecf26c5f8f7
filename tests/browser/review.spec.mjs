// The reviewers' batch pre-screening page (review.html): files from tests/batch/ picked or dropped,
// screened in a Web Worker by the core compiled to WebAssembly, and the downloaded CSV compared
// byte for byte with the CLI's `shuzhuan batch` output for the same file, programmes and date.
import { test, expect } from './helpers.mjs';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { AS_OF, BATCH, choose, cli, downloadResult, openReview } from './review-helpers.mjs';

for (const [file, ids] of [
  ['applicants-gbk.csv', ['fuzhou-2024']],
  ['applicants-utf8.csv', ['fuzhou-2024', 'xiamen-2024']],
  // In the rules' order (file-name order), as the page passes the ticked programmes.
  ['applicants-utf8-bom.csv', ['fuzhou-2024', 'jinan-2024', 'jinhua-2024', 'xiamen-2024']],
  ['applicants-tab.tsv', ['jinan-2024', 'xiamen-2024']],
]) {
  test(`${file}: the downloaded result is the CLI's, byte for byte`, async ({ page }) => {
    await openReview(page);
    await choose(page, ids);
    await page.locator('#file').setInputFiles(`${BATCH}/${file}`);
    await expect(page.locator('#progress-text')).toContainText('完成');
    const got = await downloadResult(page);
    expect(got.equals(cli(`${BATCH}/${file}`, ids)), `${file}: browser and CLI output differ`).toBe(true);
  });
}

test('GBK file: the encoding is named, bad rows are listed with their line and field, the duplicate is flagged', async ({ page }) => {
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  await page.locator('#file').setInputFiles(`${BATCH}/applicants-gbk.csv`);
  const summary = page.locator('#summary');
  await expect(summary.locator('tr', { hasText: '编码' })).toContainText('GBK');
  const flagged = page.locator('#flagged table tbody tr');
  // The rows the CLI and library tests name as bad (tests/batch/README.md), and line 11's duplicate.
  const byLine = async (line) => flagged.filter({ has: page.locator('th', { hasText: new RegExp(`^${line}$`) }) });
  await expect(await byLine(5)).toContainText('从业人员');
  await expect(await byLine(6)).toContainText('统一社会信用代码');
  await expect(await byLine(7)).toContainText('行业代码');
  await expect(await byLine(14)).toContainText('营业收入');
  await expect(await byLine(15)).toContainText('所在区县');
  await expect(await byLine(11)).toContainText('与第 2 行的统一社会信用代码重复');
  // The Chinese names came through the GBK decoder intact.
  await expect(page.locator('#flagged')).toContainText('某针织厂（人数有误）');
  // Counts agree with the flagged rows: every data row is either screened or reported.
  const count = async (label) => Number((await summary.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) }).locator('td').innerText()).replace(/,/g, ''));
  expect(await count('数据行')).toBe((await count('已初筛')) + (await count('数据有问题（未初筛）')));
  expect(await count('数据有问题（未初筛）')).toBe(6);
  expect(await count('信用代码重复')).toBe(1);
});

test('a dropped file is screened like a picked one; HTML in a cell is shown as text', async ({ page }) => {
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  const csv = '企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),所在区县,独立法人,近三年不良信用记录\n'
    + '<img src=x onerror="document.title=1">公司,91350100MA2XK0001X,1761,一百,800,长乐区,是,无\n'
    + '正常公司,,1761,120,8500,长乐区,是,无\n';
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return d;
  }, csv);
  await page.locator('#drop').dispatchEvent('drop', { dataTransfer: dt });
  await expect(page.locator('#progress-text')).toContainText('完成：2 行');
  await expect(page.locator('#flagged')).toContainText('<img src=x onerror="document.title=1">公司');
  await expect(page.locator('#flagged img')).toHaveCount(0);
  const verdicts = page.locator('#summary table.verdicts');
  await expect(verdicts.locator('tr').filter({ hasText: /^符合/ })).toContainText('1');
});

test('80 000 rows: the progress bar moves while the page keeps painting, and every row is counted', async ({ page }) => {
  test.setTimeout(60_000);
  await openReview(page);
  await choose(page, ['fuzhou-2024']);
  const places = ['长乐区', '鼓楼区', '350181', '思明区'];
  const industries = ['1761', '3973', '5211', '1711'];
  let text = '企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),资产总额(万元),所在区县,独立法人,近三年不良信用记录\n';
  // 80 000 rows (≈ 5 MB, about 20 slices of the worker's 256 KB): enough progress steps that frames
  // painted part-way show several values even on a fast machine (20 000 rows gave ~5 steps).
  for (let i = 0; i < 80_000; i++) text += `企业${i},,${industries[i % 4]},${10 + (i % 500)},${100 + (i % 3000)},,${places[i % 4]},是,无\n`;
  // Sample the progress bar on every frame the page paints while the worker screens: a page
  // blocked by the work would paint no frame between the first and last value.
  await page.evaluate(() => {
    window.samples = [];
    const bar = document.getElementById('progress');
    const tick = () => { window.samples.push([bar.value, bar.max]); if (window.samples.length < 100_000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.locator('#file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.locator('#progress-text')).toContainText('完成：80,000 行', { timeout: 45_000 });
  // Issue 16, item 9: 停止 goes once the work is done (`.button` no longer beats `hidden`).
  await expect(page.locator('#cancel')).toBeHidden();
  const samples = await page.evaluate(() => window.samples);
  const between = samples.filter(([v, max]) => v > 0 && v < max);
  expect(between.length, 'frames painted with the bar part-way').toBeGreaterThan(0);
  expect(new Set(between.map(([v]) => v)).size, 'distinct part-way values').toBeGreaterThan(1);
  // i % 4 == 3 is in Xiamen (not Fuzhou), i % 4 == 2 is retail (not a pilot sub-industry).
  const verdicts = page.locator('#summary table.verdicts');
  await expect(verdicts.locator('tr').filter({ hasText: /^符合/ })).toContainText('40,000');
  await expect(verdicts.locator('tr').filter({ hasText: /^不符合/ })).toContainText('40,000');
  // Issue 16, item 9: the rows table lists the first 200 rows of the filter and says where the rest are.
  await expect(page.locator('#rows tbody tr')).toHaveCount(200);
  await expect(page.locator('#rows-note')).toHaveText('列出 200 行，共 80,000 行。其余各行见下载的结果文件。');
  await page.locator('#filter-eligible').check();
  await expect(page.locator('label[for=filter-eligible]')).toHaveText('符合（40,000）');
  await expect(page.locator('#rows tbody tr')).toHaveCount(200);
  await expect(page.locator('#rows tbody tr').first()).toHaveAttribute('data-line', '2'); // 企业0: i % 4 == 0
});

test('a file with no recognisable header is refused with the reason, and the form keeps its choices', async ({ page }) => {
  await openReview(page);
  await choose(page, ['jinan-2024']);
  await page.locator('#file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n') });
  await expect(page.locator('#problem')).toBeVisible();
  await expect(page.locator('#problem')).toContainText('无法初筛这个文件');
  await expect(page.locator('#results')).toBeHidden();
  await expect(page.locator('#prog-jinan-2024')).toBeChecked();
  await expect(page.locator('#as-of')).toHaveValue(AS_OF);
  // No programme ticked: said, and nothing runs.
  await choose(page, []);
  await page.locator('#file').setInputFiles(`${BATCH}/applicants-utf8.csv`);
  await expect(page.locator('#problem')).toContainText('请至少选择一项试点政策');
});

test('the template downloads with the Chinese headers, and the English page gives English columns', async ({ page }) => {
  await openReview(page);
  const [tpl] = await Promise.all([page.waitForEvent('download'), page.locator('#template').click()]);
  const text = fs.readFileSync(await tpl.path(), 'utf8');
  expect(text.startsWith('\ufeff企业名称,统一社会信用代码,行业代码')).toBe(true);
  await choose(page, ['fuzhou-2024']);
  await page.locator('#file').setInputFiles(`${BATCH}/applicants-utf8.csv`);
  await expect(page.locator('#progress-text')).toContainText('完成');
  await page.locator('#lang').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Batch pre-screening of applicant lists');
  await expect(page.locator('#progress-text')).toContainText('Done');
  await expect(page.locator('#flagged')).toContainText('Same credit code as line 2');
  expect((await downloadResult(page)).equals(cli(`${BATCH}/applicants-utf8.csv`, ['fuzhou-2024'], { lang: 'en' }))).toBe(true);
});

test('axe: no serious or critical violations before and after a file is screened', async ({ page }) => {
  await openReview(page);
  const serious = async () => (await new AxeBuilder({ page }).analyze()).violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
  expect(await serious()).toEqual([]);
  await choose(page, ['fuzhou-2024']);
  await page.locator('#file').setInputFiles(`${BATCH}/applicants-utf8.csv`);
  await expect(page.locator('#results')).toBeVisible();
  expect(await serious()).toEqual([]);
});
