// Privacy and network: the app asks only for its own static files, sends nothing while the user
// works, stores nothing, and is served with a strict Content-Security-Policy.
import {
  test, expect, open, commit, chooseIndustry, setAsOf, expectRoute, STATIC_PATHS, yuan,
} from './helpers.mjs';

function directives(csp) {
  return Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

test('a full journey requests only our static files, and nothing while the user works; nothing is stored', async ({ page, baseURL }) => {
  const requests = [];
  const responses = [];
  page.on('request', (r) => requests.push(r));
  page.on('response', (r) => responses.push(r));
  await open(page, '#/');
  const loaded = requests.length;

  // Start → check → results → date → estimate → share → library → English and back.
  await page.locator('#start-check').click();
  await chooseIndustry(page, '集成电路', '3973');
  await page.locator('#f-region').selectOption({ label: '厦门市思明区' });
  await commit(page.locator('#f-uscc'), '91350100M000100Y43');
  await page.locator('#next').click();
  await commit(page.locator('#f-employees'), '120');
  await commit(page.locator('#f-revenue'), '8500');
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  await setAsOf(page, '2025-06-30');
  await expect(page.locator('section.programme[data-programme="xiamen-2024"] .badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  await page.locator('section.programme[data-programme="xiamen-2024"]').getByRole('link', { name: '估算补贴' }).click();
  await page.locator('#f-level').selectOption('3');
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  await expect(page.locator('#total')).toHaveText(yuan(350000));
  await page.locator('header nav').getByRole('link', { name: '自查结果' }).click();
  await page.locator('#share').click();
  await expect(page.locator('#share-url')).toHaveValue(/#\/results\?d=/);
  await page.locator('header nav').getByRole('link', { name: '政策原文与规则' }).click();
  await expect(page.locator('section.library')).toHaveCount(5);
  await page.locator('#lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.locator('#lang-switch').click();
  await page.goBack();
  await expectRoute(page, '#/results');

  // Every request: same origin, one of the static files, no query string.
  const origin = new URL(baseURL).origin;
  const seen = requests.map((r) => new URL(r.url()));
  for (const u of seen) {
    expect(u.origin).toBe(origin);
    expect(STATIC_PATHS).toContain(u.pathname);
    expect(u.search).toBe('');
  }
  expect([...new Set(seen.map((u) => u.pathname))].sort()).toEqual(['/', '/app.js', '/app_bg.wasm', '/boot.js', '/gbt4754-2017-notes.csv', '/icon.svg', '/styles.css']);
  expect(requests.every((r) => r.method() === 'GET')).toBe(true);
  // The app's own files are fetched once (the WASM preload is reused, not downloaded twice).
  for (const path of ['/', '/app.js', '/app_bg.wasm', '/boot.js', '/styles.css', '/gbt4754-2017-notes.csv']) {
    expect(seen.filter((u) => u.pathname === path), path).toHaveLength(1);
  }
  // Everything after the first paint was computed in the page: no request at all, except the
  // catalogue notes (our own static file, fetched once when the self-check starts) and Chromium's
  // own revalidation of the tab icon (icon.svg, Cache-Control: no-cache) on hash navigations.
  expect(requests.slice(loaded).map((r) => new URL(r.url()).pathname).filter((p) => p !== '/icon.svg')).toEqual(['/gbt4754-2017-notes.csv']);

  // Nothing stored: no cookie set by the server or the page, no web storage, databases or caches.
  for (const r of responses) expect(await r.headerValue('set-cookie')).toBeNull();
  expect(await page.context().cookies()).toEqual([]);
  expect(await page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }))).toEqual({ cookie: '', local: 0, session: 0, idb: 0, caches: 0, workers: 0 });
});

test('"/" is served with a strict CSP (no unsafe-eval, no unsafe-inline) and the other security headers', async ({ request }) => {
  for (const path of ['/', '/index.html']) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const h = res.headers();
    const csp = h['content-security-policy'];
    expect(csp, `${path} has a CSP`).toBeTruthy();
    expect(csp).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    const d = directives(csp);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    const tokens = Object.values(d).flat();
    expect(tokens).not.toContain("'unsafe-eval'");
    expect(tokens).not.toContain("'unsafe-inline'");
    expect(tokens.filter((t) => t.includes('*') || /^https?:/.test(t)), 'no wildcard or remote sources').toEqual([]);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['content-type']).toMatch(/^text\/html/);
  }
  const wasm = await request.get('/app_bg.wasm');
  expect(wasm.headers()['content-type']).toBe('application/wasm');
});

test('the CSP is enforced: an injected inline script is refused', async ({ browser, baseURL }) => {
  // Not the watched `page` fixture: the refusal is (rightly) logged as a console error.
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto('/#/');
    await page.locator('button#lang-switch').waitFor();
    const outcome = await page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(`refused by ${e.effectiveDirective}`));
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.appendChild(s);
      setTimeout(() => resolve(window.__injected ? 'ran' : 'no event'), 2000);
    }));
    expect(outcome).toBe('refused by script-src-elem');
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  } finally {
    await context.close();
  }
});
