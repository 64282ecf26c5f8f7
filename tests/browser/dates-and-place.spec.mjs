// "Today" is China's date, a broken clock is said so (never a fixed fallback date), and a district
// taken from the credit code is a hint the user confirms (docs/readings.md §3, §7).
import { test, expect, open, commit, sharedHash } from './helpers.mjs';

test('today is the date in China: at 23:30 UTC on 2 December it is already 3 December in the app', async ({ page }) => {
  // 2026-12-02T23:30:00Z is 2026-12-03 07:30 in Beijing; the device's own zone does not matter.
  await page.clock.install({ time: new Date('2026-12-02T23:30:00Z') });
  await open(page, '#/results');
  await expect(page.locator('#f-as-of')).toHaveValue('2026-12-03');
});

for (const lang of ['zh', 'en']) {
  test(`a broken clock (${lang}): no verdict until a date is chosen, on a phone`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.clock.install({ time: new Date('1970-01-02T00:00:00Z') });
    await open(page, '#/');
    if (lang === 'en') await page.locator('#lang-switch').click();
    const panel = page.locator('#clock-broken');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(lang === 'en' ? 'clock is wrong' : '时钟不正确');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.locator('#programme-list')).toHaveCount(0);
    await page.locator('#f-clock-date').fill('2025-06-30');
    await expect(panel).toHaveCount(0);
    await expect(page.locator('#programme-list li.card')).toHaveCount(4);
  });
}

test('a district taken from the credit code is shown for the user to confirm, and counts only once confirmed', async ({ page }) => {
  // Everything else of Fuzhou's conditions holds (as of 2025-06-30), so the location decides.
  const form = { industry: '3670', employees: '120', revenue: '8500', legal: 'yes', credit: 'no', as_of: '2025-06-30' };
  await open(page, sharedHash(form, {}, '#/check/1'));
  const fuzhou = page.locator('.live-list li[data-programme="fuzhou-2024"] .badge');
  // 91350102MA2Y0005XA: a valid code registered in 福州市鼓楼区 (350102).
  await commit(page.locator('#f-uscc'), '91350102MA2Y0005XA');
  const note = page.locator('#region-unconfirmed');
  await expect(note).toBeVisible();
  await expect(note).toContainText('请确认');
  await expect(page.locator('#f-region')).toHaveValue('350102');
  // Unconfirmed, where the firm operates is unknown: "registered in 福州市鼓楼区; confirm".
  await expect(fuzhou).toHaveAttribute('data-verdict', 'Unknown');
  await page.locator('#region-confirm').click();
  await expect(note).toHaveCount(0);
  await expect(page.locator('#f-region')).toHaveValue('350102');
  await expect(fuzhou).toHaveAttribute('data-verdict', 'Eligible');
  // Choosing another district by hand is a confirmation too; a new code does not overwrite it.
  await page.locator('#f-region').selectOption('350104');
  await commit(page.locator('#f-uscc'), '');
  await commit(page.locator('#f-uscc'), '91350102MA2Y0005XA');
  await expect(page.locator('#f-region')).toHaveValue('350104');
  await expect(note).toHaveCount(0);
});
