// What the service worker refuses to keep, and what it does not fetch. Each file's body is checked
// against the SHA-256 the build wrote into sw.js before it is cached, so a wrong body answered
// with 200 (a hotel Wi-Fi's login page for app_bg.wasm) never becomes the app; the registration
// and the update offer do not wait for the app to start; a first visit fetches only what the
// offline journeys need, the rest is cached when first used.
//
// (a) and (d) run on the suite's server (a fresh browser context each, so a worker of its own);
// (b) and (c) publish builds on a copy of dist/ with a server of its own (offline-helpers.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, open, appReady, watch } from './helpers.mjs';
import {
  PRECACHED_PATHS, LOGIN_PAGE, waitForServiceWorker, cached, serveCopy, serveFile, publish, withCustomSection,
} from './offline-helpers.mjs';

const BATCH = fileURLToPath(new URL('../batch', import.meta.url));

/** The registration's state as the page sees it. */
function workerState(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return {
      caches: await caches.keys(),
      active: Boolean(reg?.active),
      waiting: Boolean(reg?.waiting),
      controlled: Boolean(navigator.serviceWorker.controller),
    };
  });
}

/** Asks the browser to look for a new sw.js now (as it does on each visit). */
async function checkForUpdate(page) {
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
}

/** A page on a copy's server, watched as the suite's pages are; `expected` are the problems the
 *  test provokes on purpose (the broken build's start-up error), removed before the check. */
async function openCopy(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page, base);
  return {
    context,
    page,
    expectNoProblemsBut(expected = []) {
      expect(problems.filter((p) => !expected.some((re) => re.test(p)))).toEqual([]);
    },
  };
}

test('(a) a login page answered for app_bg.wasm on the first install is never cached; once the server is fixed the app starts and works offline', async ({ page, context }) => {
  // Only the worker's own requests get the login page: the page's fetch of the module is good, so
  // the app starts (this is the case the worker used to turn into a broken app for good).
  let portal = true;
  await context.route('**/app_bg.wasm', (route) => (portal && route.request().serviceWorker()
    ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: LOGIN_PAGE })
    : route.fallback()));
  await open(page, '#/');
  const notice = page.locator('#sw-failed');
  await expect(notice).toContainText('离线使用未能准备好（文件校验失败），下次打开时重试。');
  await expect(notice).toContainText('Offline use could not be set up (a file failed its check)');
  await expect(notice).toHaveAttribute('data-file', 'app_bg.wasm');
  await expect(notice).toHaveAttribute('role', 'status');
  // Nothing cached, no worker: the network keeps being used.
  expect(await workerState(page)).toEqual({ caches: [], active: false, waiting: false, controlled: false });
  await notice.getByRole('button', { name: '关闭' }).click();
  await expect(notice).toHaveCount(0);

  // The server fixed: the next visit starts the app from the network and installs the worker.
  portal = false;
  await open(page, '#/');
  await waitForServiceWorker(page);
  expect(Object.values(await cached(page))).toEqual([[...PRECACHED_PATHS].sort()]);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await expect(page.locator('#programme-list li')).toHaveCount(4);
});

test('(b) an update with a tampered file is not installed: the notice shows, the old version still works offline, a later visit installs it', async ({ browser }) => {
  const { dir, base, close } = await serveCopy('sw-tampered-update');
  const { context, page, expectNoProblemsBut } = await openCopy(browser, base);
  try {
    await page.goto(base);
    await appReady(page);
    await waitForServiceWorker(page);
    const [old] = Object.keys(await cached(page));

    // A new build whose module changed; the server answers it with the login page instead.
    const wasm = fs.readFileSync(path.join(dir, 'app_bg.wasm'));
    const next = withCustomSection(wasm);
    serveFile(dir, 'app_bg.wasm', next);
    const version = publish(dir);
    serveFile(dir, 'app_bg.wasm', LOGIN_PAGE);
    await checkForUpdate(page);
    const notice = page.locator('#sw-failed');
    await expect(notice).toContainText('更新未能安装（文件校验失败），将稍后重试。');
    await expect(notice).toContainText('The update could not be installed (a file failed its check); it will be retried.');
    await expect(notice).toHaveAttribute('data-file', 'app_bg.wasm');
    await expect(page.locator('#sw-update')).toHaveCount(0);
    // The old version stays, alone and whole; nothing of the new one is kept.
    expect(await workerState(page)).toEqual({ caches: [old], active: true, waiting: false, controlled: true });
    expect(Object.values(await cached(page))).toEqual([[...PRECACHED_PATHS].sort()]);

    // Offline, the old version still works, the self-check's catalogue included.
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await page.locator('#start-check').click();
    await page.locator('#f-industry').fill('集成电路');
    await expect(page.locator('button.hit[data-code="3973"]')).toBeVisible();

    // The server fixed: the next visit installs the new build and offers it.
    await context.setOffline(false);
    serveFile(dir, 'app_bg.wasm', next);
    await page.goto('about:blank');
    await page.goto(base);
    await appReady(page);
    const offer = page.locator('#sw-update');
    await expect(offer).toContainText('有新版本可用');
    const reloaded = page.waitForEvent('load');
    await offer.getByRole('button', { name: '更新' }).click();
    await reloaded;
    await appReady(page);
    expect(Object.keys(await cached(page))).toEqual([`shuzhuan-${version}`]);
    const served = await page.evaluate(async () => (await (await fetch('app_bg.wasm')).arrayBuffer()).byteLength);
    expect(served).toBe(next.length);
    expectNoProblemsBut();
  } finally {
    await context.close();
    close();
  }
});

test('(c) a new good build is offered even when the current build\'s module fails to start', async ({ browser }) => {
  const { dir, base, close } = await serveCopy('sw-broken-build');
  const { context, page, expectNoProblemsBut } = await openCopy(browser, base);
  try {
    // A broken build, listed as it is (its hashes match): the app cannot start.
    const wasm = fs.readFileSync(path.join(dir, 'app_bg.wasm'));
    serveFile(dir, 'app_bg.wasm', 'not a WebAssembly module');
    publish(dir);
    await page.goto(base);
    // The worker is registered and controls the page all the same (offline.js does not wait for
    // the app that never mounts), so it can receive the next build.
    await waitForServiceWorker(page);
    await expect(page.locator('span.lang.placeholder')).toBeVisible(); // the static page, not the app

    // The fixed build is published; the broken page, served from the cache, offers it.
    serveFile(dir, 'app_bg.wasm', wasm);
    const version = publish(dir);
    await page.reload();
    const offer = page.locator('#sw-update');
    await expect(offer).toContainText('有新版本可用');
    await expect(page.locator('button#lang-switch')).toHaveCount(0);
    const reloaded = page.waitForEvent('load');
    await offer.getByRole('button', { name: '更新' }).click();
    await reloaded;
    await appReady(page);
    expect(Object.keys(await cached(page))).toEqual([`shuzhuan-${version}`]);
    expectNoProblemsBut([/WebAssembly|CompileError|magic word/]);
  } finally {
    await context.close();
    close();
  }
});

test('(d) a first visit fetches only what the offline journeys need; review.html is cached when first used and then works offline', async ({ page, context }) => {
  // Every request of the context: the page's and the worker's own.
  const asked = [];
  context.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await open(page, '#/');
  await waitForServiceWorker(page);
  await expect.poll(async () => Object.values(await cached(page))).toEqual([[...PRECACHED_PATHS].sort()]);
  // Nothing else: not the npm package, the widgets, the reviewers' pages or the demo pages. (The
  // worker's own requests are among those seen: only it asks for the self-assessment's module.)
  expect(asked).toContain('/assess_bg.wasm');
  expect(asked.filter((p) => !PRECACHED_PATHS.includes(p) && p !== '/sw.js')).toEqual([]);

  // The reviewers' page, once, online: its files are cached as they are used, checked.
  await page.goto('/review.html');
  await expect(page.locator('#programmes input[type=checkbox]')).toHaveCount(4);
  const review = ['/review.html', '/review.js', '/review.css', '/office.js', '/review-worker.js', '/review-pkg/shuzhuan.js', '/review-pkg/shuzhuan_bg.wasm'];
  await expect.poll(async () => Object.values(await cached(page))[0]).toEqual([...PRECACHED_PATHS, ...review].sort());

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('#programmes input[type=checkbox]')).toHaveCount(4);
  await page.locator('#programmes input[value="xiamen-2024"]').check();
  await page.locator('#as-of').fill('2025-06-30');
  await page.locator('#file').setInputFiles(`${BATCH}/applicants-utf8.csv`);
  await expect(page.locator('#progress-text')).toContainText('完成');
  await expect(page.locator('#summary')).toContainText('已初筛');
});
