// Issue 16, item 4: the estimator on a phone. Amounts follow the typing (after a short pause,
// without leaving the field); measures that add nothing are folded, so the total sits right under
// the lines that count; a first instalment is never listed beside a subsidy that cannot be
// computed yet (docs/readings.md §5, Xiamen).
import { test, expect, open, sharedHash, yuan, XIAMEN_FORM } from './helpers.mjs';

const HASH = sharedHash(XIAMEN_FORM, {}, '#/estimate/xiamen-2024');
const row = (page, id) => page.locator(`tr[data-measure="${id}"]`);

for (const [width, height] of [[360, 740], [390, 844]]) {
  for (const lang of ['zh', 'en']) {
    test(`Xiamen estimator at ${width} px (${lang}): typing updates the amount; zero lines folded`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await open(page, HASH);
      if (lang === 'en') {
        await page.locator('#lang-switch').click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      }
      const result = page.locator('section.est-result');
      const total = page.locator('#total');
      const folded = page.locator('#zero-rows');
      // Nothing typed: every line adds nothing, so all of the enterprise's are folded under one line and the
      // total is the first thing the result shows.
      await expect(total).toHaveText(yuan(0));
      await expect(folded).not.toHaveAttribute('open', '');
      const summary = folded.locator(':scope > summary');
      await expect(summary).toContainText(lang === 'zh' ? '未计入的措施' : 'Measures adding nothing');
      const count = async () => folded.locator('tbody tr').count();
      const n = await count();
      expect(n).toBeGreaterThan(5);
      await expect(summary).toContainText(lang === 'zh' ? `· ${n} 项` : `· ${n}`);
      await expect(result.locator('table.measures').first().locator('tbody tr')).toHaveCount(0);
      const gap = async () => (await total.boundingBox()).y - (await result.boundingBox()).y;
      // The total is on the first screen of the result: (a phone's screen, less a line of margin).
      expect(await gap()).toBeLessThan(200);

      // Typed, not committed: the field keeps the focus and every character, and the amount follows.
      await page.locator('#f-level').selectOption('3');
      const input = page.locator('#f-eligible-input-yuan');
      await input.click();
      await input.pressSequentially('50', { delay: 40 });
      // 40 % × 50万 = 20万, under level 3's cap of 35万.
      await expect(row(page, 'xm-8-transformation').locator('td.amount')).toHaveText(yuan(200000));
      await expect(total).toHaveText(yuan(200000));
      await expect(input).toBeFocused();
      await expect(input).toHaveValue('50');
      // The line that now counts left the fold; the others stay in it.
      await expect(folded.locator('tr[data-measure="xm-8-transformation"]')).toHaveCount(0);
      await expect(summary).toContainText(lang === 'zh' ? `· ${n - 1} 项` : `· ${n - 1}`);
      expect(await gap()).toBeLessThan(height - 100);
      // Typing on: the amount follows again, and nothing typed is lost to the update.
      await input.press('End');
      await input.pressSequentially('0', { delay: 40 });
      await expect(input).toHaveValue('500');
      // 40 % × 500万 = 200万, capped at 35万.
      await expect(total).toHaveText(yuan(350000));
      await expect(input).toBeFocused();
    });
  }
}

test('Xiamen: only the down payment typed → no instalment listed, the first one said in the line (zh and en)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, HASH);
  const down = page.locator('#f-contract-down-payment-yuan');
  await down.click();
  await down.pressSequentially('20', { delay: 40 });
  await expect(row(page, 'xm-8-transformation')).toContainText('首期按合同首付计为 40% × 改造合同首付金额20万元 = 8万元');
  await expect(page.locator('#total')).toHaveText(yuan(0));
  await expect(page.locator('ol.instalments')).toHaveCount(0);
  // With the amount and the level, the instalments are listed and add up to it.
  await page.locator('#f-level').selectOption('3');
  await page.locator('#f-eligible-input-yuan').fill('100');
  await page.locator('#f-eligible-input-yuan').blur();
  await expect(page.locator('ol.instalments li[data-stage="first"]')).toContainText(yuan(80000));
  await expect(page.locator('ol.instalments li[data-stage="after_acceptance"]')).toContainText(yuan(270000));
  await page.locator('#lang-switch').click();
  await page.locator('#f-eligible-input-yuan').fill('');
  await page.locator('#f-eligible-input-yuan').blur();
  await expect(row(page, 'xm-8-transformation')).toContainText('the first instalment would be');
  await expect(page.locator('ol.instalments')).toHaveCount(0);
});

test('typing, then leaving the page before the pause ends: nothing breaks, and what was typed is there on return', async ({ page }) => {
  await open(page, HASH);
  const input = page.locator('#f-eligible-input-yuan');
  await input.click();
  await input.pressSequentially('88');
  // Away at once, without leaving the field first (no change event): the pending update has no
  // page to update any more (this panicked the module: "unreachable").
  await page.evaluate(() => { location.hash = '#/library'; });
  await expect(page.locator('section.library').first()).toBeVisible();
  await page.waitForTimeout(600);
  await page.evaluate(() => { location.hash = '#/estimate/xiamen-2024'; });
  await expect(page.locator('#f-eligible-input-yuan')).toHaveValue('88');
  await expect(page.locator('#total')).toBeVisible();
});
