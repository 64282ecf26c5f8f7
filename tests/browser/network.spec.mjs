// Privacy and network: the app asks only for its own static files, sends nothing while the user
// works, stores nothing, and is served with a strict Content-Security-Policy.
import {
  test, expect, open, expectRoute, STATIC_PATHS, fillXiamenCheck, xiamenResultsAndEstimate,
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
  await fillXiamenCheck(page);
  await xiamenResultsAndEstimate(page);
  await page.locator('header nav').getByRole('link', { name: '自查结果' }).click();
  await page.locator('#share').click();
  await expect(page.locator('#share-url')).toHaveValue(/#\/results\?v=2&/);
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
  // The page's own requests (the service worker's precaching is not the page's and not counted):
  // the start page with its rules, then the GB/T 4754 catalogue when the self-check starts.
  // (Chromium may or may not fetch the web app manifest; it is left out of the comparison.)
  expect([...new Set(seen.map((u) => u.pathname))].filter((p) => p !== '/manifest.webmanifest').sort()).toEqual([
    '/', '/app.js', '/app_bg.wasm', '/boot.js', '/gbt4754-2017-notes.csv', '/gbt4754-2017.csv', '/icon.svg',
    '/offline.js', '/rules.json', '/styles.css',
  ]);
  expect(requests.every((r) => r.method() === 'GET')).toBe(true);
  // The app's own files are fetched once.
  for (const path of ['/', '/app.js', '/app_bg.wasm', '/rules.json', '/boot.js', '/styles.css', '/gbt4754-2017.csv', '/gbt4754-2017-notes.csv']) {
    expect(seen.filter((u) => u.pathname === path), path).toHaveLength(1);
  }
  // Everything after the first paint was computed in the page: no request at all, except the
  // GB/T 4754 catalogue (our own static files, fetched once when the self-check starts) and
  // Chromium's own revalidation of the tab icon (icon.svg, Cache-Control: no-cache) on hash navigations.
  expect(requests.slice(loaded).map((r) => new URL(r.url()).pathname).filter((p) => p !== '/icon.svg'))
    .toEqual(['/gbt4754-2017.csv', '/gbt4754-2017-notes.csv']);

  // Nothing stored but the app's own static files: no cookie set by the server or the page, no web
  // storage or databases; the service worker's one versioned cache holds only files of the build.
  for (const r of responses) expect(await r.headerValue('set-cookie')).toBeNull();
  expect(await page.context().cookies()).toEqual([]);
  const stored = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    const urls = [];
    for (const k of keys) urls.push(...(await (await caches.open(k)).keys()).map((r) => r.url));
    return {
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      caches: keys.map((k) => k.replace(/[0-9a-f]{16}$/, 'VERSION')),
      workers: (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.active.scriptURL).pathname),
      urls,
    };
  });
  expect({ ...stored, urls: undefined }).toEqual({
    cookie: '', local: 0, session: 0, idb: 0, caches: ['shuzhuan-VERSION'], workers: ['/sw.js'], urls: undefined,
  });
  for (const u of stored.urls) {
    expect(new URL(u).origin).toBe(origin);
    expect(STATIC_PATHS).toContain(new URL(u).pathname);
    expect(new URL(u).search + new URL(u).hash).toBe('');
  }
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
