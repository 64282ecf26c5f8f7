// The app's start: the static start page in index.html paints first and stays on screen, usable,
// while the app draws itself in short tasks in a hidden box; then the app replaces it in one step
// (app/src/lib.rs, `mount` and `take_over`). Never two pages, never none, nothing moves.
import { test, expect, open } from './helpers.mjs';

test('the static start page stays until the app is drawn whole, then the app replaces it in one step', async ({ page }) => {
  // Sampled after every batch of DOM changes from the first parse on.
  await page.addInitScript(() => {
    window.__samples = [];
    const sample = () => {
      const titles = [...document.querySelectorAll('h1#page-title')].filter((h) => h.checkVisibility());
      const live = document.querySelector('#app > .app-live');
      window.__samples.push({
        styled: !!document.querySelector('link[rel=stylesheet]')?.sheet,
        titles: titles.map((h) => h.textContent),
        top: titles[0] ? Math.round(titles[0].getBoundingClientRect().top) : null,
        app: !!live && !live.hidden,
        statics: live ? document.querySelectorAll('#app > :not(.app-live)').length : -1,
        cards: live && !live.hidden ? live.querySelectorAll('#programme-list li.card').length : null,
        footer: live && !live.hidden ? !!live.querySelector('footer') : null,
      });
    };
    new MutationObserver(sample).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await open(page, '#/');
  await expect(page.locator('#app > .app-live')).toBeVisible();
  await expect(page.locator('#programme-list li.card')).toHaveCount(4);
  // From the first paint of the static heading with its stylesheet (before it, the parser is
  // still building the page).
  const all = await page.evaluate(() => window.__samples);
  const samples = all.slice(all.findIndex((s) => s.styled && s.titles.length));
  expect(samples.length).toBeGreaterThan(2);
  // Exactly one start page is visible at every moment, with the same heading in the same place.
  for (const s of samples) {
    expect(s.titles, JSON.stringify(s)).toEqual(['我的企业能参加数字化转型试点吗？']);
    expect(s.top).toBe(samples[0].top);
  }
  // The static page was on screen while the app drew itself, and the app was shown whole: header,
  // page with its four programme cards, footer; the static nodes gone in the same step.
  const shown = samples.findIndex((s) => s.app);
  expect(shown, 'samples before the app was shown').toBeGreaterThan(0);
  expect(samples.slice(0, shown).every((s) => !s.app)).toBe(true);
  expect(samples[shown]).toMatchObject({ app: true, statics: 0, cards: 4, footer: true });
  await expect(page.locator('#app > :not(.app-live)')).toHaveCount(0);
  await expect(page.locator('button#lang-switch')).toHaveCount(1);
});
