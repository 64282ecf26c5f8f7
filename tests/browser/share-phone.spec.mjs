// Issue 16, item 7: handing the result over from a phone. The share link is short (only what was
// typed, under short keys), a button copies it and says so, the device's share sheet is offered
// where the browser has one, the language travels in the link and in the address (so a reload
// keeps it; nothing is stored); the first
// links' JSON form (`?d=…`) still opens.
import { test, expect, open, appReady, sharedHash, XIAMEN_FORM } from './helpers.mjs';

const FORM = { ...XIAMEN_FORM, legal: 'yes', credit: 'no', uscc: '91350100M000100Y43' };
const PROJECTS = { 'xiamen-2024': { level: '3', amounts: { eligible_input_yuan: '120', contract_down_payment_yuan: '30' } } };

for (const [width, height] of [[360, 740], [390, 844]]) {
  for (const lang of ['zh', 'en']) {
    test(`at ${width} px (${lang}): a short link, copied with a confirmation; nothing wider than the screen`, async ({ page, context, baseURL }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
      await page.setViewportSize({ width, height });
      await open(page, sharedHash(FORM, PROJECTS));
      if (lang === 'en') await page.locator('#lang-switch').click();
      await page.locator('#share').click();
      const link = page.locator('#share-url');
      await expect(link).toBeFocused();
      const url = await link.inputValue();
      // The JSON form of the same inputs took 592 characters in the journey.
      expect(url.length).toBeLessThan(230);
      expect(url.endsWith('&en')).toBe(lang === 'en');
      await page.locator('#copy-link').click();
      await expect(page.locator('#share-status')).toHaveText(lang === 'zh' ? '链接已复制，可粘贴到微信、邮件等。' : 'Link copied: paste it into a message or an email.');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      // Chromium on Linux has no share sheet: no button that would do nothing.
      await expect(page.locator('#web-share')).toHaveCount(0);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(wide).toBeLessThanOrEqual(0);
      await expect(page.locator('#copy-link')).toBeInViewport();
    });
  }
}

test('the link follows later changes and the language; opened elsewhere it gives the same inputs', async ({ page, browser, baseURL }) => {
  await open(page, sharedHash(FORM, PROJECTS));
  await page.locator('#share').click();
  const before = await page.locator('#share-url').inputValue();
  await page.locator('#lang-switch').click();
  await expect(page.locator('#share-url')).toHaveValue(`${before}&en`);
  await page.locator('#f-as-of').fill('2025-07-01');
  await page.locator('#f-as-of').blur();
  await expect(page.locator('#share-url')).toHaveValue(/t=2025-07-01/);
  const url = await page.locator('#share-url').inputValue();
  const other = await browser.newContext({ baseURL });
  try {
    const p = await other.newPage();
    await p.goto(url);
    await appReady(p);
    await expect(p.locator('html')).toHaveAttribute('lang', 'en');
    await expect(p.locator('#f-as-of')).toHaveValue('2025-07-01');
    await p.locator('section.programme[data-programme="xiamen-2024"] a[href="#/estimate/xiamen-2024"]').click();
    await expect(p.locator('#f-eligible-input-yuan')).toHaveValue('120');
    await expect(p.locator('#f-contract-down-payment-yuan')).toHaveValue('30');
    await expect(p.locator('#f-level')).toHaveValue('3');
  } finally {
    await other.close();
  }
});

test('where the browser has a share sheet, a button opens it with the link', async ({ page }) => {
  await page.addInitScript(() => {
    window.shared = [];
    navigator.share = (data) => { window.shared.push(data); return Promise.resolve(); };
  });
  await open(page, sharedHash(FORM, PROJECTS));
  await page.locator('#share').click();
  await page.locator('#web-share').click();
  const url = await page.locator('#share-url').inputValue();
  expect(await page.evaluate(() => window.shared)).toEqual([{ title: '自查结果', url }]);
});

test('the language is marked in the address: a reload keeps it, nothing is stored, and a kiosk never keeps it', async ({ page, browser, baseURL }) => {
  await open(page, '#/library');
  await page.locator('#lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/#\/library\?en$/);
  // Moving on keeps the marker, without a history entry of its own.
  await page.locator('header nav a[href="#/check/1"]').click();
  await expect(page).toHaveURL(/#\/check\/1\?en$/);
  // The self-check fetches the catalogue: let it finish, or the reload aborts it (which the page
  // fixture reports; a busy machine made that happen in CI).
  await page.waitForLoadState('networkidle');
  await page.reload();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#lang-switch')).toHaveText('中文');
  await page.goBack();
  await expect(page).toHaveURL(/#\/library\?en$/);
  await page.locator('#lang-switch').click();
  await expect(page).toHaveURL(/#\/library$/);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  // A kiosk: the address is never marked, so a reload (or the idle wipe) starts in Chinese.
  // (First let the self-check's catalogue finish loading: leaving aborts it, which the page
  // fixture would report.)
  await page.waitForLoadState('networkidle');
  await page.goto('/?kiosk#/library');
  await appReady(page);
  await page.locator('#lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/\?kiosk#\/library$/);
  await page.reload();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
