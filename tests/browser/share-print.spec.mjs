// Sharing and printing the results. A share link carries the inputs in the URL fragment only (never
// sent to the server) and reproduces the same result elsewhere; the print stylesheet turns the
// results page into a report with the evaluation date and the rules version.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  test, expect, BUG, open, watch, appReady, commit, chooseIndustry, setAsOf, verdicts, outcomes, expectRoute, sharedHash, yuan, XIAMEN_FORM,
} from './helpers.mjs';

const OUT = fileURLToPath(new URL('../../target/playwright/', import.meta.url));

/** What a results page says: verdicts, every criterion's outcome and reason, the size class, the date. */
async function resultState(page) {
  await expect(page.locator('section.programme')).toHaveCount(4);
  return {
    verdicts: await verdicts(page),
    outcomes: await outcomes(page),
    reasons: await page.locator('li.criterion .reason').allTextContents(),
    size: await page.locator('#sme .big-answer').getAttribute('data-class'),
    asOf: await page.locator('#f-as-of').inputValue(),
  };
}

/** A fresh browser context (no shared state) whose requests are all recorded. */
async function freshPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), headers: r.headers() }));
  const problems = watch(page, baseURL);
  return { context, page, requests, problems };
}

function expectNoFormDataSent(requests, shareUrl) {
  expect(requests.length).toBeGreaterThan(0);
  const fragment = shareUrl.slice(shareUrl.indexOf('#'));
  for (const { url, headers } of requests) {
    expect(url, 'the fragment never reaches the server').not.toContain('#');
    expect(url).not.toContain('?d=');
    expect(url).not.toContain('v=2');
    for (const needle of ['%7B', 'industry', '3670', '350104', '8500', '2025-06-30']) expect(url).not.toContain(needle);
    // Referrer-Policy: no-referrer — and nothing of the fragment in any header either.
    expect(headers.referer ?? '').toBe('');
    expect(JSON.stringify(headers)).not.toContain(fragment.slice(0, 40));
  }
}

test('a share link reproduces the same result and estimate in a fresh browser, with the data only in the fragment', async ({ page, browser, baseURL }) => {
  // A user fills the check, picks the date, estimates, and shares.
  await open(page, '#/results');
  await setAsOf(page, '2025-06-30');
  await page.getByRole('link', { name: '修改信息' }).click();
  await chooseIndustry(page, '汽车零部件', '3670');
  await page.locator('#f-region').selectOption({ label: '福州市仓山区' });
  await page.locator('#next').click();
  await commit(page.locator('#f-employees'), '120');
  await commit(page.locator('#f-revenue'), '8500');
  await page.locator('#next').click();
  await page.locator('#f-legal-yes').check();
  await page.locator('#f-credit-no').check();
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  await page.locator('section.programme[data-programme="fuzhou-2024"]').getByRole('link', { name: '估算补贴' }).click();
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  await commit(page.locator('#f-ratio'), '0.3');
  await commit(page.locator('#f-cap'), '30');
  await expect(page.locator('#total')).toHaveText(yuan(300000));
  await page.locator('header nav').getByRole('link', { name: '自查结果' }).click();
  const mine = await resultState(page);
  expect(mine.verdicts['fuzhou-2024']).toBe('Eligible');

  await page.locator('#share').click();
  const shareUrl = await page.locator('#share-url').inputValue();
  await expect(page.locator('#share-url')).toBeFocused();
  await expect(page.locator('.share .hint')).toHaveText('链接中包含您填写的信息，仅保存在链接本身，不会上传。');
  const u = new URL(shareUrl);
  expect(u.origin).toBe(new URL(baseURL).origin);
  expect(u.pathname).toBe('/');
  expect(u.search, 'nothing in the query string').toBe('');
  // The compact form: only what was typed, under short keys (the JSON form took ≈ 600 characters).
  expect(u.hash).toMatch(/^#\/results\?v=2&/);
  const shared = Object.fromEntries(new URLSearchParams(u.hash.slice('#/results?'.length)));
  expect(shared).toMatchObject({ i: '3670', g: '350104', e: '120', r: '8500', l: 'yes', c: 'no', t: '2025-06-30' });
  expect(shared).toMatchObject({ 'p.fuzhou-2024.q': '0.3', 'p.fuzhou-2024.c': '30', 'p.fuzhou-2024.m.eligible_input_yuan': '100' });
  expect(shareUrl.length).toBeLessThan(200);

  // Someone else opens it: no cookies, no storage, nothing but the link.
  const other = await freshPage(browser, baseURL);
  try {
    await other.page.goto(shareUrl);
    await appReady(other.page);
    expect(await resultState(other.page)).toEqual(mine);
    await other.page.locator('section.programme[data-programme="fuzhou-2024"]').getByRole('link', { name: '估算补贴' }).click();
    await expect(other.page.locator('#total')).toHaveText(yuan(300000));
    await expect(other.page.locator('#f-eligible-input-yuan')).toHaveValue('100');
    expectNoFormDataSent(other.requests, shareUrl);
    expect(other.problems).toEqual([]);
  } finally {
    await other.context.close();
  }
});

test('print: the report hides navigation and buttons and shows the date and rules version; PNG and PDF written', async ({ page }) => {
  await open(page, sharedHash(XIAMEN_FORM));
  const hash = await page.evaluate(async () => {
    const mod = await import('/pkg/shuzhuan.js');
    await mod.default();
    return mod.check({ profile: {} }).rules.hash;
  });
  expect(hash).toMatch(/^[0-9a-f]{8,}$/);
  await expect(page.locator('footer')).toContainText(`规则版本 ${hash}`);
  await expect(page.locator('p.print-only')).toBeHidden();
  await expect(page.locator('.no-print').first()).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('p.print-only')).toBeVisible();
  await expect(page.locator('p.print-only')).toHaveText(`评估日期 2025-06-30 · 规则版本 ${hash}`);
  const noPrint = page.locator('.no-print');
  expect(await noPrint.count()).toBeGreaterThan(4); // the toolbar and each card's estimate link
  for (const el of await noPrint.all()) await expect(el).toBeHidden();
  for (const sel of ['header.top', 'nav', '#lang-switch', '#print', '#share', '#f-as-of', 'a.skip']) await expect(page.locator(sel)).toBeHidden();
  expect(await page.locator('button, a.button').evaluateAll((els) => els.filter((e) => e.checkVisibility()).length)).toBe(0);
  // The report itself is all there.
  await expect(page.locator('#sme')).toBeVisible();
  await expect(page.locator('section.programme')).toHaveCount(4);
  for (const card of await page.locator('section.programme').all()) await expect(card).toBeVisible();
  await expect(page.locator('section.programme[data-programme="xiamen-2024"] .badge[data-verdict]')).toHaveText('符合');
  await expect(page.locator('.disclaimer')).toBeVisible();

  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: `${OUT}print.png`, fullPage: true });
  expect(fs.statSync(`${OUT}print.png`).size).toBeGreaterThan(20_000);
  const pdf = await page.pdf({ path: `${OUT}report.pdf`, format: 'A4', printBackground: true });
  expect(pdf.length).toBeGreaterThan(20_000);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(fs.statSync(`${OUT}report.pdf`).size).toBe(pdf.length);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
  expect(pages).toBeGreaterThanOrEqual(1);
});

// ---- regressions of app bugs found by this suite (fixed) ----

test('print: the report includes each criterion\'s quoted clause', async ({ page }) => {
  await open(page, sharedHash(XIAMEN_FORM));
  await page.emulateMedia({ media: 'print' });
  const quote = page.locator('section.programme[data-programme="xiamen-2024"] li.criterion[data-criterion="in_force"] blockquote.print-only');
  await expect(quote).toHaveText('本方案自公布之日起施行，有效期至2025年12月31日。');
  await expect(quote).toBeVisible({ timeout: 2000 });
});

test('print: the status tag "有效期内" is printed like "已到期" and "征求意见稿"', async ({ page }) => {
  await open(page, sharedHash(XIAMEN_FORM));
  const tag = page.locator('section.programme[data-programme="xiamen-2024"] .validity .tag.live');
  await expect(tag).toHaveText('有效期内');
  await expect(tag).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('section.programme[data-programme="xiamen-2024"] .validity .tag.draft')).toBeVisible();
  await expect(tag).toBeVisible({ timeout: 2000 });
});

test('a share link made in English reproduces the result, in English', async ({ page, browser, baseURL }) => {
  await open(page, sharedHash(XIAMEN_FORM));
  const mine = await resultState(page);
  await page.locator('#lang-switch').click();
  await page.locator('#share').click();
  const shareUrl = await page.locator('#share-url').inputValue();
  const other = await freshPage(browser, baseURL);
  try {
    await other.page.goto(shareUrl);
    await appReady(other.page);
    await expect(other.page.locator('html')).toHaveAttribute('lang', 'en', { timeout: 2000 });
    await expect(other.page.locator('#page-title')).toHaveText('Self-check results');
    expect((await resultState(other.page)).verdicts).toEqual(mine.verdicts);
    expect((await resultState(other.page)).asOf).toBe('2025-06-30');
  } finally {
    await other.context.close();
  }
});

test('print: the first page summarises (enterprise, date, each verdict, the estimate made); no status drawn as an empty box', async ({ page }) => {
  const form = { ...XIAMEN_FORM, legal: 'yes', credit: 'no', uscc: '91350100M000100Y43' };
  await open(page, sharedHash(form, { 'xiamen-2024': { level: '3', amounts: { eligible_input_yuan: '120' } } }));
  const cover = page.locator('#print-cover');
  await expect(cover).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(cover).toBeVisible();
  await expect(cover.locator('h2')).toHaveText('数字化转型试点自查报告');
  await expect(cover.locator('dl')).toContainText('91350100M000100Y43');
  await expect(cover.locator('dl')).toContainText('3973 集成电路制造');
  await expect(cover.locator('dl')).toContainText('2025-06-30');
  await expect(cover.locator('dl')).toContainText('厦门市思明区（350203）');
  await expect(cover.locator('tbody tr')).toHaveCount(4);
  const xiamen = cover.locator('tr[data-programme="xiamen-2024"]');
  await expect(xiamen.locator('.verdict')).toHaveText('符合');
  await expect(xiamen).toContainText('有效期内');
  // 40 % × 120万 = 48万, capped at level 3's 35万 (the estimator's figure).
  await expect(xiamen.locator('td.num')).toHaveText(yuan(350000));
  await expect(cover.locator('tr[data-programme="jinan-2024"] td.num')).toHaveText('未估算');
  expect(await cover.evaluate((e) => getComputedStyle(e).breakAfter)).toBe('page');
  // The status tags and badges are one line high (a 14rem rule for the live panel once made each
  // "有效期内" a 224 px box).
  const tall = await page.locator('.tag, .badge, .mark').evaluateAll((els) => els.filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 48)
    .map((e) => `${e.className} ${Math.round(e.getBoundingClientRect().height)}`));
  expect(tall).toEqual([]);
  // The same on screen.
  await page.emulateMedia({ media: 'screen' });
  expect(await page.locator('.tag.live').first().evaluate((e) => e.getBoundingClientRect().height)).toBeLessThan(40);
  // And in English.
  await page.locator('#lang-switch').click();
  await page.emulateMedia({ media: 'print' });
  await expect(cover.locator('h2')).toHaveText('Digital-transformation pilot: self-check report');
  await expect(xiamen.locator('.verdict')).toHaveText('Eligible');
  await expect(cover.locator('tr[data-programme="jinan-2024"] td.num')).toHaveText('Not estimated');
});

test('print: a verdict still open names on the first page the conditions left to confirm, in both languages', async ({ page }) => {
  // No staff count or revenue: whether the firm is an SME is open, so Xiamen's verdict is too.
  await open(page, sharedHash({ industry: '3973', region: '350203', as_of: '2025-06-30' }));
  const card = page.locator('section.programme[data-programme="xiamen-2024"]');
  const open_ = await card.locator('li.criterion[data-outcome="unknown"] .criterion-title').allTextContents();
  expect(open_.length).toBeGreaterThan(0);
  await page.emulateMedia({ media: 'print' });
  const verdict = page.locator('#print-cover tr[data-programme="xiamen-2024"] .verdict');
  await expect(verdict).toHaveText(`待补充信息（待确认：${open_.join('、')}）`);
  // A settled verdict carries nothing more.
  await expect(page.locator('#print-cover tr[data-programme="jinan-2024"] .verdict')).not.toContainText('待确认');
  await page.emulateMedia({ media: 'screen' });
  await page.locator('#lang-switch').click();
  const openEn = await card.locator('li.criterion[data-outcome="unknown"] .criterion-title').allTextContents();
  await page.emulateMedia({ media: 'print' });
  await expect(verdict).toHaveText(`More information needed (to confirm: ${openEn.join(', ')})`);
});
