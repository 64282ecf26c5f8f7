// Offline: after one visit the service worker has every static file in its versioned cache, and
// the app works with the network gone — a reload, the self-check (whose GB/T 4754 catalogue is
// fetched later, from the cache), results and an estimate. An updated build is offered, not forced.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect, open, DIST, STATIC_PATHS, fillXiamenCheck, xiamenResultsAndEstimate } from './helpers.mjs';

/** Waits until the service worker controls the page and has finished precaching. */
async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

test('after one visit the app works offline: reload, self-check, results, estimate', async ({ page, context }) => {
  await open(page, '#/');
  await waitForServiceWorker(page);
  // Every file of the build is cached, under one versioned cache.
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  expect(cached.keys).toHaveLength(1);
  expect(cached.keys[0]).toMatch(/^shuzhuan-[0-9a-f]{16}$/);
  expect(new Set(cached.urls)).toEqual(new Set(STATIC_PATHS.filter((p) => p !== '/sw.js')));

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('button#lang-switch')).toBeVisible();
  await expect(page.locator('#programme-list li')).toHaveCount(4);
  // A note-only match: the notes file too came from the cache.
  await page.locator('#start-check').click();
  await page.locator('#f-industry').fill('磁性材料');
  await expect(page.locator('button.hit[data-code="3985"]')).toBeVisible();
  await page.goto('/#/');
  await page.locator('button#lang-switch').waitFor();
  await fillXiamenCheck(page, { uscc: '' });
  await xiamenResultsAndEstimate(page);
  // A fresh navigation with a query (the kiosk's ?kiosk) is answered from the cache too.
  await page.goto('/?kiosk#/');
  await expect(page.locator('button#lang-switch')).toBeVisible();
});

// A release is simulated on a server of its own (a copy of dist/ on another port), so the other
// tests never see a changed sw.js.
test('a new build is offered as an update, and applied only when the user agrees', async ({ browser }) => {
  const dir = fileURLToPath(new URL('../../target/tmp/sw-update-dist', import.meta.url));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(DIST, dir, { recursive: true });
  const port = 8900 + test.info().workerIndex + 40;
  const server = spawn(fileURLToPath(new URL('../../target/release/shuzhuan', import.meta.url)), ['serve', '--dir', dir, '--port', String(port)], { stdio: 'ignore' });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const base = `http://127.0.0.1:${port}/`;
    await expect.poll(async () => (await fetch(base).catch(() => null))?.status ?? 0).toBe(200);
    await page.goto(base);
    await page.locator('button#lang-switch').waitFor();
    await waitForServiceWorker(page);
    const first = await page.evaluate(async () => (await caches.keys())[0]);
    // The release: a new sw.js (its version changed), without precompressed siblings.
    const swPath = path.join(dir, 'sw.js');
    const sw = fs.readFileSync(swPath, 'utf8').replace(/const VERSION = '([0-9a-f]{16})'/, (_, v) => `const VERSION = '${v.slice(0, 15)}${v[15] === '0' ? '1' : '0'}'`);
    for (const ext of ['.br', '.gz']) fs.rmSync(swPath + ext, { force: true });
    fs.writeFileSync(swPath, sw);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.locator('#sw-update');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('有新版本可用');
    // Until the user agrees, the old version keeps serving: both caches are there.
    expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(2);
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: '更新' }).click();
    await reloaded;
    await page.locator('button#lang-switch').waitFor();
    await expect.poll(() => page.evaluate(async () => caches.keys())).toHaveLength(1);
    expect(await page.evaluate(async () => (await caches.keys())[0])).not.toBe(first);
  } finally {
    await context.close();
    server.kill();
  }
});
