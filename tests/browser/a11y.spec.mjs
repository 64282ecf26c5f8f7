// Accessibility on every page (and in error states):
// - axe-core (WCAG 2.x A/AA and best-practice rules): no violation of impact serious or critical;
// - 360 px wide (a small phone): no horizontal scrollbar;
// - 360 px wide: touch targets — buttons, button-styled links, the header's links, text inputs and
//   selects, and the label rows of radios and checkboxes (the part a finger hits) — at least 44 px high;
// - 200 % zoom: a browser at 200 % lays the page out in half the CSS pixels, so a 1280×800 window at
//   200 % is a 640×400 CSS-px viewport (the media queries see 640 px, as they do when zoomed). We
//   resize the page to that (rather than CSS `zoom`, which changes how scrollWidth is reported, or a
//   device scale factor, which only sharpens the rendering) and check it reflows: no horizontal
//   scrolling, no control pushed off-screen, no text clipped by an overflow-hidden box.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, BUG, open, commit, sharedHash, XIAMEN_FORM } from './helpers.mjs';

const FORM = { industry: '3670', region: '350104', employees: '120', revenue: '8500', legal: 'yes', credit: 'no', as_of: '2025-06-30' };
const CAPS = { 2: '20', 3: '30', 4: '50' };
const PROJECTS = {
  'xiamen-2024': { level: '3', amounts: { eligible_input_yuan: '100', contract_down_payment_yuan: '30', diagnosis_fee_yuan: '8' } },
  'jinhua-2024': { level: '4', year: '1', amounts: { eligible_input_yuan: '300' }, awards: ['jh-17-standard-reward'] },
  // Fuzhou's amounts are not graded by level (docs/readings.md §5): one cap, no level.
  'fuzhou-2024': { ratio: '0.3', cap: '30', amounts: { eligible_input_yuan: '100' } },
  'jinan-2024': { level: '3', ratio: '0.3', caps: CAPS, amounts: { eligible_input_yuan: '100' } },
};

const PAGES = [
  { name: 'start', hash: '#/' },
  { name: 'check step 1', hash: sharedHash(FORM, {}, '#/check/1'), ready: '#industry-chosen:not(:empty)' },
  { name: 'check step 2', hash: sharedHash(FORM, {}, '#/check/2') },
  { name: 'check step 3', hash: sharedHash(FORM, {}, '#/check/3') },
  { name: 'results', hash: sharedHash(FORM, PROJECTS), ready: 'section.programme' },
  ...Object.keys(PROJECTS).map((id) => ({ name: `estimator ${id}`, hash: sharedHash(FORM, PROJECTS, `#/estimate/${id}`), ready: id === 'fuzhou-2024' ? '#total' : '#compare' })),
  { name: 'results with the share panel open', hash: sharedHash(FORM, PROJECTS), ready: 'section.programme',
    prepare: async (page) => { await page.locator('#share').click(); await expect(page.locator('#copy-link')).toBeVisible(); } },
  { name: 'estimator with its zero lines unfolded', hash: sharedHash(FORM, {}, '#/estimate/xiamen-2024'), ready: '#zero-rows',
    prepare: async (page) => { await page.locator('#zero-rows > summary').click(); await expect(page.locator('#zero-rows tbody tr').first()).toBeVisible(); } },
  { name: 'library', hash: '#/library', ready: 'section.library' },
  { name: 'error: check step 2 with a summary', hash: sharedHash({ ...FORM, employees: '12.5', revenue: '-5' }, {}, '#/check/2'),
    prepare: async (page) => { await page.locator('#next').click(); await expect(page.locator('#error-summary li')).toHaveCount(2); } },
  { name: 'error: check step 1 with an invalid USCC', hash: '#/check/1',
    prepare: async (page) => { await commit(page.locator('#f-uscc'), '91350100M000100Y44'); await page.locator('#next').click(); await expect(page.locator('#error-summary')).toBeVisible(); } },
  { name: 'error: results with a field left out', hash: sharedHash({ ...XIAMEN_FORM, employees: '12.5' }), ready: '.results .error-summary' },
  { name: 'error: estimator with a bad ratio', hash: sharedHash(FORM, { 'fuzhou-2024': { level: '3', ratio: '1.5', amounts: { eligible_input_yuan: '100' } } }, '#/estimate/fuzhou-2024'), ready: '#f-ratio-error' },
  { name: 'error: unknown programme', hash: '#/estimate/hangzhou-2024', ready: 'main a[href="#/"]' },
];

async function show(page, p) {
  await open(page, p.hash);
  if (p.ready) await expect(page.locator(p.ready).first()).toBeVisible();
  if (p.prepare) await p.prepare(page);
}

function readable(violations) {
  return violations.map((v) => [
    `${v.impact.toUpperCase()} ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`),
  ].join('\n'));
}

/** Controls shorter than 44 px at the current viewport. */
function smallTargets(page) {
  return page.evaluate(() => {
    const out = [];
    const sel = 'button, a.button, header a, input, select, details.quote > summary';
    for (const el of document.querySelectorAll(sel)) {
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      // A radio or checkbox is hit through its label row.
      const target = (el.type === 'radio' || el.type === 'checkbox') ? el.closest('label') || el : el;
      const h = target.getBoundingClientRect().height;
      if (h < 44) out.push(`${target.tagName.toLowerCase()}${target.id ? `#${target.id}` : ''}${el !== target ? ` (for #${el.id})` : ''} "${target.textContent.trim().slice(0, 30)}" is ${h.toFixed(1)} px high`);
    }
    return out;
  });
}

const overflow = (page) => page.evaluate(() => {
  const vw = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > vw + 0.5)
    .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')} right=${e.getBoundingClientRect().right.toFixed(1)}`);
  return { scrollWidth: document.documentElement.scrollWidth, viewport: vw, wide };
});

async function expectAxeClean(page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.length, `axe violations:\n${readable(bad).join('\n\n')}`).toBe(0);
  expect(result.passes.length).toBeGreaterThan(10); // axe really ran against the app
}

async function expectNoSidewaysScroll(page, width) {
  const o = await overflow(page);
  expect(o.viewport).toBe(width);
  expect(o.scrollWidth, `wider than ${width} px: ${o.wide.join(', ')}`).toBeLessThanOrEqual(width);
}

// One page load per page: axe at 1280 px, then the same page at 360 px, then at 640 px.
for (const p of PAGES) {
  test(`${p.name}: axe clean; 360 px without sideways scrolling with 44 px targets; reflows at 200 % zoom`, async ({ page }) => {
    await show(page, p);
    await expectAxeClean(page);

    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoSidewaysScroll(page, 360);
    expect(await smallTargets(page), 'controls lower than 44 px at 360 px wide').toEqual([]);

    await page.setViewportSize({ width: 640, height: 400 });
    await expectNoSidewaysScroll(page, 640);
    const clipped = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => {
      const cs = getComputedStyle(e);
      return e.checkVisibility() && ['hidden', 'clip'].includes(cs.overflowX) && e.scrollWidth > e.clientWidth + 1;
    }).map((e) => e.tagName + (e.id ? `#${e.id}` : '')));
    expect(clipped, 'text clipped at 200 % zoom').toEqual([]);
    await expect(page.locator('#lang-switch')).toBeInViewport();
    const off = await page.locator('button, a.button, input, select').evaluateAll((els) => els
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => e.id || e.textContent.trim()));
    expect(off, 'controls pushed off-screen at 200 % zoom').toEqual([]);
  });
}

test('keyboard: the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await open(page, '#/check/1');
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('navigation moves focus to the new page\'s heading', async ({ page }) => {
  await open(page, '#/');
  await page.locator('#start-check').click();
  await expect(page.locator('#page-title')).toHaveText('企业基本情况');
  await expect(page.locator('#page-title')).toBeFocused();
});

// ---- regressions of app bugs found by this suite (fixed) ----

test('360 px: every disclosure (<summary>) is a 44 px touch target too', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, sharedHash(FORM));
  await page.locator('#show-others').click(); // the other cities' cards, folded at first
  const heights = await page.locator('summary').evaluateAll((ss) => ss.filter((s) => s.checkVisibility())
    .map((s) => ({ text: s.textContent.trim().slice(0, 20), h: s.getBoundingClientRect().height })));
  expect(heights.length).toBeGreaterThan(10);
  expect(heights.filter((s) => s.h < 44)).toEqual([]);
});
