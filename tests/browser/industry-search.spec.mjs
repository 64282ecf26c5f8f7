// Issue 16, item 3: the industry search on a phone. Enter (a phone keyboard's 搜索/前往 key) picks
// the highlighted hit — the first unless the arrow keys moved it — and never moves on to step 2
// with no industry chosen; a class whose name matches is listed above its group, its group's
// other classes just below it; each hit shows its own code and name first and the path above it
// beneath; the list closes once a hit is chosen.
import { test, expect, open } from './helpers.mjs';

const STEP1 = { zh: '企业基本情况', en: 'About the enterprise' };

for (const [lang, width] of [['zh', 390], ['en', 360]]) {
  test.describe(`${lang}, ${width} px`, () => {
    test.use({ viewport: { width, height: 800 }, hasTouch: true, isMobile: true });

    test('Enter picks the first hit, the list closes, and the step stays until Next', async ({ page }) => {
      await open(page, '#/check/1');
      if (lang === 'en') await page.locator('button#lang-switch').click();
      await expect(page.locator('#page-title')).toHaveText(STEP1[lang]);
      const box = page.locator('#f-industry');
      await box.fill('电子器件');
      const hits = page.locator('button.hit');
      // 3976 光电子器件制造 and 3979 其他电子器件制造 (names matching) above their group 397;
      // the classes found by their 说明 below it.
      await expect(hits.nth(0)).toHaveAttribute('data-code', '3976');
      await expect(hits.nth(1)).toHaveAttribute('data-code', '3979');
      await expect(hits.nth(2)).toHaveAttribute('data-code', '397');
      expect((await hits.evaluateAll((b) => b.map((x) => x.dataset.code))).slice(3).every((c) => c.startsWith('397'))).toBe(true);
      // Own name first, the path above it small beneath.
      await expect(hits.nth(0).locator('.hit-name')).toHaveText('3976 光电子器件制造');
      await expect(hits.nth(0).locator('.hit-path')).toHaveText('C 制造业 › 39 计算机、通信和其他电子设备制造业 › 397 电子器件制造');
      const fs = await hits.nth(0).evaluate((b) => [getComputedStyle(b.querySelector('.hit-name')).fontSize, getComputedStyle(b.querySelector('.hit-path')).fontSize].map(parseFloat));
      expect(fs[1]).toBeLessThan(fs[0]);
      await expect(hits.nth(0)).toHaveClass(/\bactive\b/);
      // Nothing spills sideways on the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await box.press('Enter');
      await expect(page.locator('#industry-chosen')).toContainText('3976');
      await expect(hits).toHaveCount(0);
      await expect(page.locator('#page-title')).toHaveText(STEP1[lang]);
      await expect(page).toHaveURL(/#\/check\/1/);
    });

    test('the arrow keys move the highlight and Enter picks it; Enter with no hit does nothing', async ({ page }) => {
      await open(page, '#/check/1');
      if (lang === 'en') await page.locator('button#lang-switch').click();
      const box = page.locator('#f-industry');
      await box.fill('集成电路');
      const hits = page.locator('button.hit');
      await expect(hits.first()).toHaveAttribute('data-code', '3973');
      const second = await hits.nth(1).getAttribute('data-code');
      await box.press('ArrowDown');
      await expect(hits.nth(1)).toHaveClass(/\bactive\b/);
      await expect(hits.nth(1)).toHaveAttribute('aria-current', 'true');
      await box.press('ArrowUp');
      await box.press('ArrowUp'); // wraps to the last hit
      await box.press('ArrowDown'); // and back to the first
      await box.press('ArrowDown');
      await box.press('Enter');
      await expect(page.locator('#industry-chosen')).toContainText(second);
      await expect(page.locator('#page-title')).toHaveText(STEP1[lang]);

      // A search with no hit: Enter neither chooses nor moves on, and the earlier choice stays.
      await box.fill('没有这种行业');
      await expect(hits).toHaveCount(0);
      await box.press('Enter');
      await expect(page.locator('#page-title')).toHaveText(STEP1[lang]);
      await expect(page.locator('#industry-chosen')).toContainText(second);
    });
  });
}

test('on a fresh form, Enter in an empty industry box does not move to step 2', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '#/check/1');
  await page.locator('#f-industry').press('Enter');
  await expect(page.locator('#page-title')).toHaveText(STEP1.zh);
  await expect(page.locator('#industry-chosen')).toHaveText('');
});
