// Offline: after one visit the service worker has what the offline journeys need in its versioned
// cache, and the app works with the network gone — a reload, the self-check (whose GB/T 4754
// catalogue is fetched later, from the cache), results and an estimate. An updated build is
// offered, not forced. (offline-integrity.spec.mjs: what the worker refuses to cache.)
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, open, fillXiamenCheck, xiamenResultsAndEstimate } from './helpers.mjs';
import { PRECACHED_PATHS, waitForServiceWorker, cached, serveCopy } from './offline-helpers.mjs';

test('after one visit the app works offline: reload, self-check, results, estimate', async ({ page, context }) => {
  await open(page, '#/');
  await waitForServiceWorker(page);
  // What the offline journeys need is cached, under one versioned cache.
  const stored = await cached(page);
  expect(Object.keys(stored)).toHaveLength(1);
  expect(Object.keys(stored)[0]).toMatch(/^shuzhuan-[0-9a-f]{16}$/);
  expect(Object.values(stored)[0]).toEqual([...PRECACHED_PATHS].sort());

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
  // The self-assessment page and its module, never opened online, came with the precache.
  await page.goto('/assess.html');
  await expect(page.locator('#page-title')).toHaveText('数字化水平自评');
  await page.locator('button#lang-switch').waitFor();
  await page.locator('#Q1-B').check();
  await expect(page.locator('#progress')).toHaveText('已答 1 / 15 题 · 已评 0 / 16 个场景');
});

// A release is simulated on a server of its own (a copy of dist/ on another port), so the other
// tests never see a changed sw.js.
test('a new build is offered as an update, and applied only when the user agrees', async ({ browser }) => {
  const { dir, base, close } = await serveCopy('sw-update-dist');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
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
    close();
  }
});
