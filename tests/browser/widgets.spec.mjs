// The embeddable widgets (issue 4, part 2): www/embed.js registers <shuzhuan-check> and
// <shuzhuan-estimate>; www/widget/ holds their UI, stylesheet and package (built by
// scripts/build-widgets.sh).
// - host-demo.html (a hostile stylesheet, the strict CSP): both widgets give the reference answers
//   (Xiamen 3973/思明区/120 staff/8500万 as of 2025-06-30 is eligible; 三级 with 100万 input is
//   ¥350,000 under 四、（五）8), look exactly as on a plain page (every element's computed style
//   and size compared), and their `shuzhuan-result` events reach the page with the report;
// - nothing of a widget but embed.js is fetched until it scrolls into view, then only its own files;
// - the iframe page resizes with its content, and the parent ignores height messages from another
//   origin or another window (checked to have arrived, so the test can fail);
// - the builder's snippets carry the SRI hashes of the exact bytes served;
// - offline after one visit; English; bad input inline, in the widget's language, never cleared;
//   axe-core, 44 px targets, compact and theme-color;
// - a host page on another origin (it skips itself only against a server that sends no
//   Access-Control-Allow-Origin; `shuzhuan serve` sends it, so it runs in the suite);
// - on a phone: the estimate widget's measures stacked at 360 and 390 px in both languages, its
//   amounts following the typing, the check widget's industry search by keyboard.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base } from '@playwright/test';
import { test, expect, commit, yuan, DIST, CJK } from './helpers.mjs';
import { waitForServiceWorker, cached } from './offline-helpers.mjs';

const XIAMEN = 'programme=xiamen-2024&as-of=2025-06-30';

/** Fills the check widget as the Xiamen reference firm and asks for the results. */
async function fillCheck(w, { employees = '120' } = {}) {
  await w.locator('#f-industry').fill('集成电路');
  await w.locator('button.hit[data-code="3973"]').click();
  await expect(w.locator('#industry-chosen')).toContainText('3973');
  await w.locator('#f-region').selectOption('350203');
  await commit(w.locator('#f-employees'), employees);
  await commit(w.locator('#f-revenue'), '8500');
  await w.locator('#submit').click();
}

/** Fills the estimate widget: 三级, 100万 eligible input. */
async function fillEstimate(w) {
  await w.locator('#f-level').selectOption('3');
  await commit(w.locator('#f-eligible-input-yuan'), '100');
  await w.locator('#submit').click();
}

/** Scrolls a widget into view and waits until its UI is mounted. */
async function reach(w) {
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.sz[data-state="ready"]')).toBeVisible({ timeout: 15_000 });
}

/** Collects every `shuzhuan-result` the page receives: widget, bubbles, composed and the report. */
async function listen(page) {
  await page.evaluate(() => {
    window.received = [];
    document.addEventListener('shuzhuan-result', (e) => window.received.push({ widget: e.target.localName, bubbles: e.bubbles, composed: e.composed, report: e.detail }));
  });
}

async function expectXiamenEligible(w) {
  const card = w.locator('article.programme[data-programme="xiamen-2024"]');
  await expect(card).toHaveAttribute('data-verdict', 'eligible');
  await expect(card.locator('.badge')).toHaveText('符合');
  await expect(card.locator('li.criterion')).toHaveCount(4);
  await expect(card.locator('li.criterion[data-outcome="pass"]')).toHaveCount(4);
  // Each criterion cites its clause.
  await expect(card.locator('li.criterion[data-criterion="sub_industry"] .source')).toContainText('四、（二）1');
  // Only the programme asked for is shown.
  await expect(w.locator('article.programme')).toHaveCount(1);
}

async function expectXiamenEstimate(w) {
  await expect(w.locator('#total')).toHaveText(yuan(350000));
  const line = w.locator('tr[data-measure="xm-8-transformation"]');
  await expect(line.locator('.amount')).toHaveText(yuan(350000));
  await expect(line.locator('td').nth(0)).toContainText('40%');
  await expect(line.locator('td').nth(1)).toHaveText(yuan(350000)); // the cap at 三级
  await expect(line.locator('th')).toContainText('四、（五）8');
}

test('on a hostile host page under the strict CSP both widgets give the reference answers, and their results reach the page', async ({ page }) => {
  const response = await page.goto('/host-demo.html');
  const csp = response.headers()['content-security-policy'];
  for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'"]) expect(csp).toContain(d);
  expect(csp).not.toContain('unsafe-inline');
  // The host stylesheet is really there and really hostile.
  await expect(page.locator('h1')).toHaveCSS('font-size', '40px');
  await expect(page.locator('h1')).toHaveCSS('color', 'rgb(255, 0, 0)');
  await listen(page);

  const check = page.locator('#check');
  await reach(check);
  await fillCheck(check);
  await expectXiamenEligible(check);
  await expect(check.locator('.live')).toHaveText('厦门市：符合');
  await expect(check.locator('.live')).toHaveAttribute('aria-live', 'polite');

  const estimate = page.locator('#estimate');
  await reach(estimate);
  await fillEstimate(estimate);
  await expectXiamenEstimate(estimate);

  // The events bubbled out of the shadow roots to the document, each with the whole report.
  const received = await page.evaluate(() => window.received);
  const checks = received.filter((r) => r.widget === 'shuzhuan-check');
  const estimates = received.filter((r) => r.widget === 'shuzhuan-estimate');
  expect(checks.length).toBeGreaterThan(0);
  expect(estimates.length).toBeGreaterThan(0);
  for (const r of received) expect([r.bubbles, r.composed]).toEqual([true, true]);
  const report = checks.at(-1).report;
  expect(report.as_of).toBe('2025-06-30');
  expect(report.profile).toMatchObject({ industry: '3973', employees: 120, revenue_yuan: '85000000', region: '350203' });
  expect(report.programmes.find((p) => p.id === 'xiamen-2024').verdict).toBe('eligible');
  const est = estimates.at(-1).report;
  expect(est.programme).toBe('xiamen-2024');
  expect(est.total_yuan).toBe('350000');
  // The host page's own listener (host-demo.js) got them too.
  await expect(page.locator('#events li[data-widget="shuzhuan-check"]').last()).toContainText('xiamen-2024=eligible');
  await expect(page.locator('#events li[data-widget="shuzhuan-estimate"]').last()).toContainText('total_yuan=350000');
});

/** Every element of the widget's box: its computed style (the properties a host could disturb)
 *  and its size. */
async function snapshot(w) {
  return w.evaluate((host) => {
    const props = ['display', 'visibility', 'box-sizing', 'font-family', 'font-size', 'font-style', 'font-weight', 'line-height',
      'letter-spacing', 'text-transform', 'text-align', 'color', 'background-color', 'cursor', 'margin-top', 'margin-left',
      'padding-top', 'padding-left', 'border-top-width', 'border-left-width', 'border-top-style'];
    return [...host.shadowRoot.querySelectorAll('.sz, .sz *')].map((el) => {
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const name = `${el.localName}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}`;
      return { el: name, ...Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
    });
  });
}

function differences(a, b) {
  const out = [];
  if (a.length !== b.length) out.push(`${a.length} elements on the host page, ${b.length} on the plain page`);
  for (let i = 0; i < Math.min(a.length, b.length) && out.length < 12; i++) {
    for (const k of Object.keys(a[i])) if (a[i][k] !== b[i][k]) out.push(`${a[i].el} ${k}: host ${a[i][k]} ≠ plain ${b[i][k]}`);
  }
  return out;
}

for (const kind of ['check', 'estimate']) {
  test(`the host stylesheet changes nothing in the ${kind} widget: every element as on a plain page`, async ({ page }) => {
    const fill = kind === 'check' ? fillCheck : fillEstimate;
    // The same width on both pages (the host decides the element's width; that is allowed).
    const sized = async (w) => { await w.evaluate((el) => el.style.setProperty('width', '640px')); return w; };

    await page.goto('/host-demo.html');
    const hosted = await sized(page.locator(`#${kind}`));
    await reach(hosted);
    const formOnHost = await snapshot(hosted);
    await fill(hosted);
    await expect(hosted.locator('.live')).not.toBeEmpty();
    const resultsOnHost = await snapshot(hosted);

    await page.goto(`/embed.html?widget=${kind}&${XIAMEN}`);
    const plain = await sized(page.locator(`shuzhuan-${kind}`));
    await reach(plain);
    expect(differences(formOnHost, await snapshot(plain))).toEqual([]);
    await fill(plain);
    await expect(plain.locator('.live')).not.toBeEmpty();
    const resultsPlain = await snapshot(plain);
    expect(resultsPlain.length).toBeGreaterThan(40);
    expect(differences(resultsOnHost, resultsPlain)).toEqual([]);
  });
}

test.describe('lazy loading', () => {
  // The host demo registers the service worker, whose precache would fetch every file in the
  // background: blocked here, so every request seen is one a widget made.
  test.use({ serviceWorkers: 'block' });

  test('nothing but embed.js is fetched until a widget scrolls into view; each widget then fetches its own UI, the core once', async ({ page }) => {
    const seen = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname));
    const widgetFiles = () => seen.filter((p) => /^\/widget\/|\.wasm$|\.csv$/.test(p));
    await page.goto('/host-demo.html');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#check')).not.toBeInViewport();
    expect(seen).toContain('/embed.js');
    expect(widgetFiles()).toEqual([]);
    // Custom elements are defined, waiting.
    expect(await page.evaluate(() => [!!customElements.get('shuzhuan-check'), !!customElements.get('shuzhuan-estimate')])).toEqual([true, true]);

    await reach(page.locator('#check'));
    expect(widgetFiles().sort()).toEqual(['/gbt4754-2017.csv', '/widget/check.js', '/widget/common.js', '/widget/pkg-check/shuzhuan.js',
      '/widget/pkg-check/shuzhuan_bg.wasm', '/widget/widget.css'].sort());
    // The estimate widget, 2,400 px further down, has fetched nothing yet.
    await expect(page.locator('#estimate')).not.toBeInViewport();
    expect(seen).not.toContain('/widget/estimate.js');

    await reach(page.locator('#estimate'));
    // Its own UI and core (built with only the estimate's exports); the shared module once. (The
    // stylesheet is linked in each shadow root: asked for again, as `Cache-Control: no-cache` says.)
    expect(widgetFiles().filter((p) => !/check|csv|\.css$/.test(p)).sort()).toEqual(['/widget/common.js', '/widget/estimate.js',
      '/widget/pkg-estimate/shuzhuan.js', '/widget/pkg-estimate/shuzhuan_bg.wasm'].sort());
  });
});

/** The preview iframe's height in CSS px. */
const frameHeight = (page) => page.locator('#preview-frame').evaluate((f) => f.getBoundingClientRect().height);

test('the iframe embed grows with its content, and ignores height messages from another origin or another window', async ({ page, baseURL }) => {
  await page.goto('/embed-builder.html');
  await expect(page.locator('html')).toHaveAttribute('data-builder', 'ready');
  await page.locator('#b-programme').selectOption('xiamen-2024');
  await page.locator('#b-as-of').fill('2025-06-30');
  await page.locator('input[name="method"][value="iframe"]').check();
  const iframe = page.locator('#preview-frame');
  await iframe.scrollIntoViewIfNeeded();
  const frame = page.frameLocator('#preview-frame');
  const w = frame.locator('shuzhuan-check');
  await expect(w.locator('.sz[data-state="ready"]')).toBeVisible({ timeout: 15_000 });
  // Sized to the form (the snippet's height attribute was only a first guess).
  const inner = () => page.frame({ url: /embed\.html/ }).evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const fits = async () => (await frameHeight(page)) === (await inner());
  await expect.poll(fits).toBe(true);
  const before = await frameHeight(page);
  expect(before).not.toBe(400);

  await fillCheck(w);
  await expectXiamenEligible(w);
  await expect.poll(() => frameHeight(page)).toBeGreaterThan(before + 300);
  await expect.poll(fits).toBe(true);

  // A probe beside embed-frame.js's listener records every message that arrives, so each negative
  // case below is shown to have been delivered (and ignored), not lost; and every height the
  // parent gives the iframe is recorded.
  await page.evaluate(() => {
    const f = document.getElementById('preview-frame');
    window.probe = [];
    window.heights = [];
    window.addEventListener('message', (e) => {
      window.probe.push({ origin: e.origin, fromFrame: e.source === f.contentWindow, fromPage: e.source === window, height: e.data?.height });
    });
    new MutationObserver(() => window.heights.push(f.style.height)).observe(f, { attributes: true, attributeFilter: ['style'] });
  });
  const origin = new URL(baseURL).origin;
  const arrived = (height) => page.evaluate((h) => window.probe.filter((m) => m.height === h), height);
  const heights = () => page.evaluate(() => window.heights);

  // Right origin, wrong window: the page itself (same origin as the widgets here) posts a height.
  await page.evaluate(() => window.postMessage({ shuzhuan: 'height', height: 3333 }, '*'));
  await expect.poll(() => arrived(3333)).toEqual([{ origin, fromFrame: false, fromPage: true, height: 3333 }]);
  expect(await heights()).not.toContain('3333px');
  expect(await frameHeight(page)).not.toBe(3333);

  // Right window, right origin: obeyed (the channel works, so the next case can fail).
  await page.frame({ url: /embed\.html/ }).evaluate(() => window.parent.postMessage({ shuzhuan: 'height', height: 777 }, '*'));
  await expect.poll(() => arrived(777)).toEqual([{ origin, fromFrame: true, fromPage: false, height: 777 }]);
  expect(await heights()).toContain('777px');

  // Right window, another origin: the same iframe, sandboxed into an opaque origin, now shows
  // another document, which posts a height.
  await iframe.evaluate((f) => { f.setAttribute('sandbox', 'allow-scripts'); f.src = '/icon.svg'; });
  await expect.poll(() => page.frames().some((f) => f.url().endsWith('/icon.svg'))).toBe(true);
  const foreign = page.frames().find((f) => f.url().endsWith('/icon.svg'));
  await foreign.waitForLoadState();
  const settled = await frameHeight(page);
  await foreign.evaluate(() => window.parent.postMessage({ shuzhuan: 'height', height: 1234 }, '*'));
  await expect.poll(() => arrived(1234)).toEqual([{ origin: 'null', fromFrame: true, fromPage: false, height: 1234 }]);
  expect(await heights()).not.toContain('1234px');
  expect(await frameHeight(page)).toBe(settled);
});

const sha384 = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;

test('the builder gives both snippets, with the integrity hashes of the exact files served, and previews the choice', async ({ page, baseURL, request }) => {
  await page.goto('/embed-builder.html');
  await expect(page.locator('html')).toHaveAttribute('data-builder', 'ready');
  await page.locator('input[name="widget"][value="estimate"]').check();
  await page.locator('#b-programme').selectOption('xiamen-2024');
  await page.locator('input[name="lang"][value="en"]').check();
  await page.locator('#b-compact').check();
  await page.locator('#b-color').fill('#006633');

  const script = await page.locator('#snippet-script').inputValue();
  const m = script.match(/<script type="module" src="([^"]+)" integrity="(sha384-[A-Za-z0-9+/=]+)" crossorigin="anonymous"><\/script>/);
  expect(m, script).not.toBeNull();
  expect(m[1]).toBe(`${baseURL}/embed.js`);
  const served = await (await request.get('/embed.js')).body();
  expect(m[2]).toBe(sha384(served));
  expect(m[2]).toBe(sha384(fs.readFileSync(path.join(DIST, 'embed.js'))));
  // The browser's own SRI check agrees.
  expect(await page.evaluate((integrity) => fetch('/embed.js', { integrity }).then((r) => r.ok), m[2])).toBe(true);
  expect(script).toContain('<shuzhuan-estimate programme="xiamen-2024" lang="en" theme-color="#006633" compact></shuzhuan-estimate>');

  const iframe = await page.locator('#snippet-iframe').inputValue();
  const src = iframe.match(/<iframe src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  expect(new URL(src).pathname).toBe('/embed.html');
  expect(Object.fromEntries(new URL(src).searchParams)).toEqual({ widget: 'estimate', programme: 'xiamen-2024', lang: 'en', 'theme-color': '#006633', compact: '' });
  const frameScript = iframe.match(/<script src="([^"]+)" integrity="(sha384-[^"]+)" crossorigin="anonymous" defer><\/script>/);
  expect(frameScript[1]).toBe(`${baseURL}/embed-frame.js`);
  expect(frameScript[2]).toBe(sha384(await (await request.get('/embed-frame.js')).body()));

  // The preview is that element, with those attributes.
  const preview = page.locator('#preview shuzhuan-estimate');
  await expect(preview).toHaveAttribute('lang', 'en');
  await expect(preview).toHaveAttribute('compact', '');
  await reach(preview);
  await expect(preview.locator('#submit')).toHaveText('Estimate');
  await expect(preview.locator('#submit')).toHaveCSS('background-color', 'rgb(0, 102, 51)');
});

test('after one visit to the host page both widgets work offline', async ({ page, context }) => {
  await page.goto('/host-demo.html');
  await waitForServiceWorker(page);
  // The widgets' files are not precached: they are cached as the widgets first load (below the
  // fold, so once the worker controls the page); the host page's own files, loaded before it did,
  // are cached when the worker takes over.
  await reach(page.locator('#check'));
  await reach(page.locator('#estimate'));
  const used = ['/host-demo.html', '/host-demo.css', '/host-demo.js', '/embed.js', '/widget/check.js', '/widget/estimate.js',
    '/widget/common.js', '/widget/widget.css', '/widget/pkg-check/shuzhuan.js', '/widget/pkg-check/shuzhuan_bg.wasm',
    '/widget/pkg-estimate/shuzhuan.js', '/widget/pkg-estimate/shuzhuan_bg.wasm', '/gbt4754-2017.csv'];
  await expect.poll(async () => Object.values(await cached(page))[0]).toEqual(expect.arrayContaining(used));

  await context.setOffline(true);
  await page.reload();
  const check = page.locator('#check');
  await reach(check);
  await fillCheck(check);
  await expectXiamenEligible(check);
  const estimate = page.locator('#estimate');
  await reach(estimate);
  await fillEstimate(estimate);
  await expectXiamenEstimate(estimate);
});

test('lang="en" gives an English interface and English reports', async ({ page }) => {
  await page.goto(`/embed.html?widget=check&lang=en&${XIAMEN}`);
  const check = page.locator('shuzhuan-check');
  await reach(check);
  await expect(check.locator('h2')).toHaveText('Digital-transformation pilot · eligibility self-check');
  await expect(check.locator('label[for="f-industry"]')).toHaveText('Industry');
  await expect(check.locator('label[for="f-region"]')).toHaveText('District where the enterprise operates');
  await expect(check.locator('label[for="f-employees"]')).toHaveText('Staff');
  await expect(check.locator('#f-region option[value="350203"]')).toHaveText('Xiamen · 思明区');
  await fillCheck(check);
  await expect(check.locator('article.programme .badge')).toHaveText('Eligible');
  await expect(check.locator('.live')).toHaveText('Xiamen: Eligible');
  const labels = await check.locator('label, legend, button#submit, .lead, .foot, .meta').allTextContents();
  expect(labels.filter((s) => CJK.test(s))).toEqual([]);

  await page.goto(`/embed.html?widget=estimate&lang=en&${XIAMEN}`);
  const estimate = page.locator('shuzhuan-estimate');
  await reach(estimate);
  await expect(estimate.locator('label[for="f-level"]')).toHaveText('Digital level after the project');
  await expect(estimate.locator('label[for="f-eligible-input-yuan"]')).toHaveText('Actual eligible transformation input');
  await fillEstimate(estimate);
  await expect(estimate.locator('tfoot th').first()).toHaveText("The enterprise's total (at most)");
  await expect(estimate.locator('#total')).toHaveText(yuan(350000));
  await expect(estimate.locator('tr[data-measure="xm-8-transformation"] td').first()).toContainText('the cap applies');
});

test('bad input is shown under its field, in the widget language, the rest still evaluated and nothing cleared', async ({ page }) => {
  for (const [lang, message, left] of [['zh', '从业人员须为整数', '以下填写有误'], ['en', 'staff count must be a whole number', 'Some answers have problems']]) {
    await page.goto(`/embed.html?widget=check&lang=${lang}&${XIAMEN}`);
    const check = page.locator('shuzhuan-check');
    await reach(check);
    await fillCheck(check, { employees: '12.5' });
    await expect(check.locator('#f-employees-error')).toContainText(message);
    await expect(check.locator('#f-employees')).toHaveAttribute('aria-invalid', 'true');
    await expect(check.locator('#f-employees')).toHaveAttribute('aria-describedby', /f-employees-error/);
    await expect(check.locator('#f-employees')).toHaveValue('12.5');
    // The summary names the field and takes the user there.
    const summary = check.locator('.error-summary');
    await expect(summary).toBeFocused();
    await summary.locator('a').first().click();
    await expect(check.locator('#f-employees')).toBeFocused();
    // Everything else still answers, the staff count left out (and said so): revenue under
    // 40000万 alone makes an industrial firm an SME, so Xiamen is still eligible.
    await expect(check.locator('.left-out')).toContainText(left);
    await expect(check.locator('.left-out')).toContainText(message);
    await expect(check.locator('li.criterion[data-criterion="sme"]')).toHaveAttribute('data-outcome', 'pass');
    await expect(check.locator('article.programme')).toHaveAttribute('data-verdict', 'eligible');
    expect(await check.evaluate((el) => el.shadowRoot.querySelector('li.criterion[data-criterion="sme"] .reason').textContent)).not.toMatch(/120/);
    // Lenient numbers: full-width digits are read; the error goes.
    await commit(check.locator('#f-employees'), '１２０');
    await expect(check.locator('#f-employees-error')).toBeHidden();
    await expect(check.locator('article.programme')).toHaveAttribute('data-verdict', 'eligible');
  }

  await page.goto(`/embed.html?widget=estimate&${XIAMEN}`);
  const estimate = page.locator('shuzhuan-estimate');
  await reach(estimate);
  await estimate.locator('#f-level').selectOption('3');
  await commit(estimate.locator('#f-eligible-input-yuan'), '一百');
  await commit(estimate.locator('#f-diagnosis-fee-yuan'), '10');
  await estimate.locator('#submit').click();
  await expect(estimate.locator('#f-eligible-input-yuan-error')).toContainText('数字化改造实际投入');
  await expect(estimate.locator('#f-eligible-input-yuan')).toHaveValue('一百');
  // The diagnosis subsidy is still computed: 60 % of 10万, capped at 6万 (四、（五）3).
  await expect(estimate.locator('tr[data-measure="xm-3-diagnosis"] .amount')).toHaveText(yuan(60000));
  // "10." in a 万元 field goes to the core as "10.万", as the app sends it (the core's one rule,
  // inWan): refused, quoting that, where the widget once sent "10." and the app "10.万".
  await commit(estimate.locator('#f-diagnosis-fee-yuan'), '10.');
  await expect(estimate.locator('#f-diagnosis-fee-yuan-error')).toContainText('“10.万”');
  await expect(estimate.locator('#f-diagnosis-fee-yuan')).toHaveValue('10.');
  await commit(estimate.locator('#f-diagnosis-fee-yuan'), '10');
  await commit(estimate.locator('#f-eligible-input-yuan'), '1,000,000元');
  await expect(estimate.locator('#f-eligible-input-yuan-error')).toBeHidden();
  await expect(estimate.locator('#total')).toHaveText(yuan(410000));
});

test('accessible: no serious axe violations, 44 px targets, results announced; compact is denser; theme-color sets the accent', async ({ page }) => {
  for (const kind of ['check', 'estimate']) {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`/embed.html?widget=${kind}&${XIAMEN}&theme-color=%23006633`);
    const w = page.locator(`shuzhuan-${kind}`);
    await reach(w);
    await expect(w.locator('#submit')).toHaveCSS('background-color', 'rgb(0, 102, 51)');
    await expect(w.locator('#submit')).toHaveCSS('color', 'rgb(255, 255, 255)');
    await (kind === 'check' ? fillCheck : fillEstimate)(w);
    await expect(w.locator('.live')).not.toBeEmpty();
    // (preload off: axe would load the shadow roots' stylesheets through an inline <style>, which
    // the CSP rightly refuses.)
    const axe = await new AxeBuilder({ page }).options({ preload: false }).analyze();
    const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // Touch targets: buttons, text inputs, selects, summaries and the label rows of radios and checkboxes.
    const small = await w.evaluate((host) => [...host.shadowRoot.querySelectorAll('button, input[type="text"], input[type="search"], select, summary, label.choice')]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().height < 44)
      .map((el) => `${el.localName}#${el.id} ${el.getBoundingClientRect().height}`));
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // compact: the same form, denser.
    await page.setViewportSize({ width: 1000, height: 800 });
    const tall = await w.locator('form').evaluate((f) => f.getBoundingClientRect().height);
    await w.evaluate((el) => el.setAttribute('compact', ''));
    await expect(w.locator('.sz')).toHaveClass(/compact/);
    const dense = await w.locator('form').evaluate((f) => f.getBoundingClientRect().height);
    expect(dense).toBeLessThan(tall * 0.8);
  }
  // A light accent gets dark text.
  await page.goto(`/embed.html?widget=estimate&${XIAMEN}&theme-color=%23ffdd00`);
  const light = page.locator('shuzhuan-estimate');
  await reach(light);
  await expect(light.locator('#submit')).toHaveCSS('color', 'rgb(11, 12, 12)');
});

// A CMS page on another origin: served here by a tiny server of the test's own, it loads
// embed.js from the widgets' origin. Module scripts, the stylesheet and the WebAssembly are then
// cross-origin requests, which need `Access-Control-Allow-Origin` on the widgets' files: skipped
// (with the reason) while `shuzhuan serve` does not send it.
base('a host page on another origin can embed a widget (needs Access-Control-Allow-Origin)', async ({ page, baseURL, request }) => {
  const acao = (await request.get('/embed.js')).headers()['access-control-allow-origin'];
  base.skip(!acao, '`shuzhuan serve` sends no Access-Control-Allow-Origin, so a page on another origin cannot load the widgets');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>another origin</title>
<script type="module" src="${baseURL}/embed.js"></script></head><body>
<shuzhuan-estimate programme="xiamen-2024" as-of="2025-06-30"></shuzhuan-estimate></body></html>`;
  const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const w = page.locator('shuzhuan-estimate');
    await reach(w);
    await fillEstimate(w);
    await expectXiamenEstimate(w);
    expect(problems).toEqual([]);
  } finally {
    server.close();
  }
});

test('the estimate widget on a phone: after the first Estimate the amounts follow the typing, and the lines adding nothing are folded', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/embed.html?widget=estimate&${XIAMEN}`);
  const w = page.locator('shuzhuan-estimate');
  await reach(w);
  await fillEstimate(w);
  await expect(w.locator('#total')).toHaveText(yuan(350000));
  const folded = w.locator('#zero-rows');
  await expect(folded).not.toHaveAttribute('open', '');
  await expect(folded.locator('tr[data-measure="xm-6-cloud"]')).toHaveCount(1);
  await expect(folded.locator('tr[data-measure="xm-8-transformation"]')).toHaveCount(0);
  // Typed, not committed: 100万 → 50万 gives 40 % = 20万, under level 3's cap.
  const input = w.locator('#f-eligible-input-yuan');
  await input.click();
  await input.press('End');
  await input.press('Backspace');
  await input.press('Backspace');
  await input.press('Backspace');
  await input.pressSequentially('50', { delay: 40 });
  await expect(w.locator('#total')).toHaveText(yuan(200000));
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('50');
  // The cloud fee typed: its line leaves the fold.
  const cloud = w.locator('#f-cloud-fee-yuan');
  await cloud.click();
  await cloud.pressSequentially('10', { delay: 40 });
  await expect(w.locator('#total')).toHaveText(yuan(230000));
  await expect(folded.locator('tr[data-measure="xm-6-cloud"]')).toHaveCount(0);
  await expect(w.locator('tbody tr[data-measure="xm-6-cloud"] .amount')).toHaveText(yuan(30000));
});

for (const [width, height] of [[360, 740], [390, 844]]) {
  for (const lang of ['zh', 'en']) {
    test(`the estimate widget at ${width} px (${lang}): the measures are stacked rows, nothing wider than the screen`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(`/embed.html?widget=estimate&lang=${lang}&${XIAMEN}`);
      const w = page.locator('shuzhuan-estimate');
      await reach(w);
      await fillEstimate(w);
      await expect(w.locator('#total')).toHaveText(yuan(350000));
      // The measure's name takes the row's whole width (in a four-column table at 360 px it was
      // squeezed to three characters, and English broke mid-word).
      const line = w.locator('tr[data-measure="xm-8-transformation"]');
      const name = await line.locator('th').boundingBox();
      const table = await w.locator('table.measures').first().boundingBox();
      expect(name.width).toBeGreaterThan(table.width * 0.9);
      await expect(line.locator('td.amount')).toHaveText(yuan(350000));
      // The hidden header's words label the stacked cells.
      expect(await line.locator('td.amount').evaluate((e) => getComputedStyle(e, '::before').content)).toBe(lang === 'zh' ? '"金额："' : '"Amount: "');
      const s = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, vw: document.documentElement.clientWidth }));
      expect(s.scroll).toBeLessThanOrEqual(s.vw);
      const inner = await w.locator('.table-scroll').first().evaluate((e) => e.scrollWidth - e.clientWidth);
      expect(inner).toBeLessThanOrEqual(0);
    });
  }
}

test('the check widget\'s industry search on a phone: arrows move the highlight, Enter picks it and never submits with no industry', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/embed.html?widget=check&${XIAMEN}`);
  const w = page.locator('shuzhuan-check');
  await reach(w);
  const box = w.locator('#f-industry');
  // Enter with no hit: nothing is submitted, no result appears.
  await box.fill('没有这个行业');
  await box.press('Enter');
  await expect(w.locator('article.programme')).toHaveCount(0);
  await box.fill('集成电路');
  const hits = w.locator('button.hit');
  await expect(hits.first()).toHaveAttribute('data-code', '3973');
  await expect(hits.first()).toHaveClass(/\bactive\b/);
  const second = await hits.nth(1).getAttribute('data-code');
  await box.press('ArrowDown');
  await expect(hits.nth(1)).toHaveClass(/\bactive\b/);
  await expect(hits.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(hits.first()).not.toHaveClass(/\bactive\b/);
  await box.press('ArrowUp');
  await box.press('ArrowUp'); // wraps to the last hit
  await box.press('ArrowDown'); // and back to the first
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(w.locator('#industry-chosen')).toContainText(second);
  await expect(hits).toHaveCount(0);
  await expect(box).toBeFocused();
  await expect(w.locator('article.programme')).toHaveCount(0);
  // Escape closes the list.
  await box.fill('集成电路');
  await expect(hits.first()).toBeVisible();
  await box.press('Escape');
  await expect(hits).toHaveCount(0);
});
