// Issue 16, item 8 (part): no page of the app scrolls sideways on a phone, in Chinese or English.
// The estimator's measures and the library's rules become stacked rows below 480 px (in English
// at 360 px they made the page 395 and 394 px wide, the library's codes one character a line).
// Still open from that item: the header's height in English, and the widgets.
import { test, expect, open, sharedHash } from './helpers.mjs';

const FORM = { industry: '3973', region: '350203', employees: '120', revenue: '8500', legal: 'yes', credit: 'no', as_of: '2025-06-30' };
const PROJECT = { level: '3', year: '2', ratio: '0.3', cap: '30', amounts: { eligible_input_yuan: '100', contract_down_payment_yuan: '30', diagnosis_fee_yuan: '8' } };
const PAGES = [
  ['start', '#/'],
  ['check step 1', sharedHash(FORM, {}, '#/check/1')],
  ['results', sharedHash(FORM)],
  ['library', '#/library'],
  ...['xiamen-2024', 'jinhua-2024', 'fuzhou-2024', 'jinan-2024'].map((id) => [`estimator ${id}`, sharedHash(FORM, { [id]: PROJECT }, `#/estimate/${id}`)]),
];

async function sideways(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > vw + 0.5)
      .map((e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''));
    return { scrollWidth: document.documentElement.scrollWidth, vw, wide: wide.slice(0, 5) };
  });
}

for (const [width, height] of [[360, 740], [390, 844]]) {
  for (const lang of ['zh', 'en']) {
    for (const [name, hash] of PAGES) {
      test(`${name} at ${width} px (${lang}): nothing wider than the screen`, async ({ page }) => {
        await page.setViewportSize({ width, height });
        await open(page, hash);
        if (lang === 'en') {
          await page.locator('#lang-switch').click();
          await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        }
        if (name.startsWith('estimator')) await expect(page.locator('#total')).toBeVisible();
        const s = await sideways(page);
        expect(s.wide, JSON.stringify(s)).toEqual([]);
        expect(s.scrollWidth).toBeLessThanOrEqual(s.vw);
      });
    }
  }
}

test('the estimator\'s measures are stacked rows on a phone and a table on a desktop', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, sharedHash(FORM, { 'xiamen-2024': PROJECT }, '#/estimate/xiamen-2024'));
  const row = page.locator('table.measures tbody tr').first();
  const [th, amount] = [row.locator('th'), row.locator('td.amount')];
  // Stacked: the amount sits below the measure's name, not beside it.
  expect((await amount.boundingBox()).y).toBeGreaterThan((await th.boundingBox()).y + 10);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(async () => Math.abs((await amount.boundingBox()).y - (await th.boundingBox()).y)).toBeLessThan(2);
});

test('the library\'s rules are stacked rows on a phone: the sub-industry codes use the full width', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, '#/library');
  await page.locator('#lang-switch').click();
  const codes = page.locator('section.library table.rules td').first();
  await expect(codes).toBeVisible();
  expect((await codes.boundingBox()).width).toBeGreaterThan(250);
});

for (const [width, height] of [[360, 740], [390, 844]]) {
  test(`the header at ${width} px is two rows in both languages: name and language switch, then the menu`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page, '#/');
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') {
        await page.locator('#lang-switch').click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      }
      const [head, brand, sw, nav] = await Promise.all(['header.top', 'header .brand', '#lang-switch', 'header nav'].map((s) => page.locator(s).boundingBox()));
      // The switch beside the name, on the first row; the menu below both; the header at most
      // the name's row and two rows of links (it was 240–250 px in English).
      expect(Math.abs(sw.y - brand.y), lang).toBeLessThan(8);
      expect(nav.y, lang).toBeGreaterThanOrEqual(brand.y + brand.height - 1);
      expect(head.height, lang).toBeLessThanOrEqual(140);
    }
  });
}

// The office pages (the reviewers' screening and the provider selection) and the widgets' builder,
// on a phone: a district officer may open them there too. Their language switch is `#lang`.
const OFFICE = [['reviewers\' page', '/review.html', '#lang'], ['provider selection', '/providers.html', '#lang'], ['widget builder', '/embed-builder.html', null]];
for (const [width, height] of [[360, 740], [390, 844]]) {
  for (const [name, url, sw] of OFFICE) {
    test(`${name} at ${width} px (zh and en): nothing wider than the screen`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(url);
      await expect(page.locator('h1').first()).toBeVisible();
      for (const lang of sw ? ['zh', 'en'] : ['zh']) {
        if (lang === 'en') {
          await page.locator(sw).click();
          await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        }
        const s = await sideways(page);
        expect(s.wide, `${lang} ${JSON.stringify(s)}`).toEqual([]);
        expect(s.scrollWidth).toBeLessThanOrEqual(s.vw);
      }
    });
  }
}
