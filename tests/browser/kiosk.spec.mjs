// Kiosk mode (index.html?kiosk): large type, an idle timeout that wipes the visit (with a
// countdown any touch cancels), nothing stored, the result handed over as a QR code of its share
// link, and the start page's warning when the rules on the kiosk are older than allowed. Kiosk
// mode holds on every page the kiosk reaches (the self-assessment too); after the wipe neither
// Back nor Forward reaches a visitor's data, back/forward cache or not; idle= out of bounds is
// refused, with a message.
import { test, expect, expectRoute, setAsOf, appReady, watch, fillXiamenCheck, commit, chooseIndustry } from './helpers.mjs';
import { chromium } from '@playwright/test';
import config from './playwright.config.mjs';

async function openKiosk(page, query, hash = '#/') {
  await page.goto(`/?kiosk${query}${hash}`);
  await appReady(page);
  // The service worker is registered (so a later navigation aborts nothing of the page's), and
  // the kiosk's stylesheet applies (the countdown is a full-screen layer only with it).
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
}

/** Pauses the page's (Playwright-installed) clock where it is now. */
async function pauseNow(page) {
  // A fraction of a second ahead (the clock keeps running between the two calls); far below the
  // countdown's start, so it never decides a step of the test.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 300);
}

/** The page's clock paused, then a touch (a key) at that paused moment: the idle time counts
 *  from exactly here, however slowly the machine runs the test (a touch before the pause would
 *  count from an instant the test does not know). */
async function lastTouch(page) {
  await pauseNow(page);
  await page.keyboard.press('Shift');
}

/** A reload aborts the old document's requests still in flight (Chromium revalidating the tab
 *  icon): not a problem of the app, so dropped from the page's problem list. */
function forgiveAbortedByReload(page) {
  const problems = watch(page);
  for (let i = problems.length - 1; i >= 0; i--) if (/^request failed: .* net::ERR_ABORTED$/.test(problems[i])) problems.splice(i, 1);
}

/** With the page's clock paused in the countdown: lets `ms` pass, by which the idle time is up,
 *  and waits for the wiped page (the app's start) to be ready, the clock running again. */
async function wipeNow(page, ms) {
  const reloaded = page.waitForEvent('load');
  await page.clock.runFor(ms);
  await reloaded;
  forgiveAbortedByReload(page);
  await page.clock.resume();
  await appReady(page);
}


test('kiosk layout: large type and touch targets', async ({ page }) => {
  await openKiosk(page, '');
  await expect(page.locator('html')).toHaveClass(/\bkiosk\b/);
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  const box = await page.locator('#start-check').boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(56);
});

test('with a 20 s timeout the visit is wiped: countdown, then the start page with every field empty; nothing stored', async ({ page }) => {
  // The page's clock is Playwright's: it runs normally while the page loads and the form is
  // filled, and is paused then, so the 20 s pass exactly when the test says so.
  await page.clock.install();
  await openKiosk(page, '&idle=20');
  await fillXiamenCheck(page);
  await lastTouch(page);
  const dialog = page.locator('#kiosk-idle');
  await expect(dialog).toHaveCount(0);
  // After 10 s without a touch the countdown shows the last 10 seconds…
  await page.clock.runFor(10_250);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('10 秒后将清空');
  // …and at 20 s the page is reloaded at its start.
  await wipeNow(page, 10_000);
  await expect(page).toHaveURL(/\?kiosk&idle=20#\/$/);
  await expect(page.locator('#start-check')).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await pauseNow(page);
  await page.locator('#start-check').click();
  await expect(page.locator('#f-uscc')).toHaveValue('');
  await expect(page.locator('#f-region')).toHaveValue('');
  await expect(page.locator('#f-industry')).toHaveValue('');
  await expect(page.locator('#industry-chosen')).not.toContainText('3973');
  await page.locator('#next').click();
  await expect(page.locator('#f-employees')).toHaveValue('');
  await expect(page.locator('#f-revenue')).toHaveValue('');
  for (const field of await page.locator('input').all()) await expect(field).toHaveAttribute('autocomplete', 'off');
  expect(await page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
  }))).toEqual({ cookie: '', local: 0, session: 0, idb: 0 });
  expect(await page.context().cookies()).toEqual([]);
});

test('a touch during the countdown keeps the visit', async ({ page }) => {
  await page.clock.install();
  await openKiosk(page, '&idle=16');
  await fillXiamenCheck(page);
  await lastTouch(page);
  const dialog = page.locator('#kiosk-idle');
  await page.clock.runFor(8_500); // the countdown starts after half the idle time when that is under 10 s
  await expect(dialog).toBeVisible();
  // The "keep using" button has focus; any key or touch counts (a key here: with the page's clock
  // paused, Playwright's pointer actions cannot wait for animation frames).
  await expect(page.locator('#kiosk-stay')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await page.clock.runFor(7_500); // 7.5 s after the touch: the countdown (last 8 s of 16) has not begun again
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('#f-employees')).toHaveValue('120');
});

test('the result is handed over as a QR code of the share link, which reopens the same result', async ({ page, browser }) => {
  await openKiosk(page, '&idle=600');
  await fillXiamenCheck(page);
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  await setAsOf(page, '2025-06-30');
  const figure = page.locator('#kiosk-qr');
  await expect(figure.locator('svg path')).toHaveCount(1);
  const url = await figure.getAttribute('data-url');
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/results\?v=2&/);
  expect(new URL(url).search).toBe(''); // the data is in the fragment only
  // The phone's view: a fresh browser context opening the link.
  const phone = await browser.newContext();
  try {
    const p = await phone.newPage();
    await p.goto(url);
    await appReady(p);
    await expect(p.locator('section.programme[data-programme="xiamen-2024"] .badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  } finally {
    await phone.close();
  }
  // A loopback address cannot be opened by a phone: staff are told to set share-base.
  await expect(figure.locator('.loopback')).toContainText('share-base');
});

test('share-base sets the address the QR code opens', async ({ page }) => {
  await openKiosk(page, '&share-base=https%3A%2F%2Fgxj.example.gov.cn%2Fshuzhuan%2F', '#/results');
  const figure = page.locator('#kiosk-qr');
  await expect(figure).toHaveAttribute('data-url', /^https:\/\/gxj\.example\.gov\.cn\/shuzhuan\/#\/results\?v=2($|&)/);
  await expect(figure.locator('.loopback')).toHaveCount(0);
});

test('the start page warns when the rules on the kiosk are older than rules-max-age, and when every programme has expired', async ({ page }) => {
  // The seed programmes were last checked against their documents on 2026-12-03 (each rule
  // file's `checked`); on 2027-06-01 that is 180 days.
  await page.clock.setFixedTime(new Date('2027-06-01T10:00:00+08:00'));
  await openKiosk(page, '&rules-max-age=179');
  const guard = page.locator('#rules-guard');
  await expect(guard).toContainText('本机的政策规则核对于 2026-12-03，已过去 180 天');
  // Every enterprise programme ended by 2026-09-30 (Jinhua's 有效期), so the guard says that too.
  await expect(guard).toContainText('收录的试点政策均已到期');
  await openKiosk(page, '&rules-max-age=365');
  await expect(guard).not.toContainText('本机的政策规则');
});

test('before the programmes expire there is no warning, kiosk or not', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2025-06-30T10:00:00+08:00'));
  await openKiosk(page, '');
  await expect(page.locator('#programme-list li')).toHaveCount(4);
  await expect(page.locator('#rules-guard')).toHaveCount(0);
});

test('an idle setting out of bounds is refused: the default 90 s applies, and the kiosk says so in Chinese and English', async ({ page }) => {
  test.setTimeout(60_000);
  await page.clock.install();
  const status = page.locator('#kiosk-status');
  for (const idle of ['2', '14', '3601', 'abc', 'Infinity', 'NaN', '-30', '1e3', '']) {
    const logged = page.waitForEvent('console', (m) => m.type() === 'warning' && m.text().includes(`idle=${idle} `));
    await openKiosk(page, `&idle=${idle}`);
    await expect(status).toContainText(`工作人员请注意：设置 idle=${idle} 无效，空闲时间须为 15 到 3600 之间的整数秒；现按默认的 90 秒清空。`);
    await expect(status).toContainText(`For staff: the setting idle=${idle} is refused: the idle time must be whole seconds from 15 to 3600; the default of 90 s applies.`);
    await logged;
  }
  // The last refused (idle=): 90 s, so the countdown starts at 80 s.
  await lastTouch(page);
  const dialog = page.locator('#kiosk-idle');
  await page.clock.runFor(79_000);
  await expect(dialog).toHaveCount(0);
  await page.clock.runFor(1_000);
  await expect(dialog).toContainText('10 秒后将清空');
  await page.clock.resume();
  // The bounds themselves are accepted, silently: 15 s counts down from 7 s.
  for (const idle of ['15', '3600']) {
    await openKiosk(page, `&idle=${idle}`);
    await expect(status).toHaveCount(0);
  }
  await openKiosk(page, '&idle=15');
  await lastTouch(page);
  await page.clock.runFor(6_500);
  await expect(dialog).toHaveCount(0);
  await page.clock.runFor(1_000);
  await expect(dialog).toContainText('8 秒后将清空');
});

// --- kiosk mode holds on every page the kiosk reaches; the wipe leaves no visitor's data -------

/** The kiosk's settings as a test gives them (after `?kiosk`). */
const SETTINGS = '&idle=45&share-base=https%3A%2F%2Fgxj.example.gov.cn%2Fshuzhuan%2F&rules-max-age=200';

/** Waits until the self-assessment page's module has replaced its static first step. */
async function assessReady(page) {
  await page.locator('button#lang-switch').waitFor();
  await expect(page.locator('#page-title')).toBeVisible();
}

/** Kiosk mode holds on this page: large type, no autofill, and every link the visitor can see
 *  leads to one of the kiosk's pages with the kiosk's settings (`?kiosk${settings}`), or stays on
 *  this page; the reviewers' link, if the page has one, is out of sight. */
async function expectKioskHolds(page, settings) {
  await expect(page.locator('html')).toHaveClass(/\bkiosk\b/);
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  for (const field of await page.locator('input, select').all()) await expect(field).toHaveAttribute('autocomplete', 'off');
  const links = await page.locator('a[href]').evaluateAll((all) => all.filter((a) => a.checkVisibility())
    .map((a) => ({ raw: a.getAttribute('href'), url: a.href })));
  const away = links.filter((l) => !l.raw.startsWith('#'));
  expect(away.length, 'links to the kiosk\'s other page').toBeGreaterThan(0);
  for (const { raw, url } of away) {
    const u = new URL(url);
    expect(['/', '/index.html', '/assess.html'], raw).toContain(u.pathname);
    expect(u.search, raw).toBe(`?kiosk${settings}`);
  }
  await expect(page.locator('a[href="review.html"]')).toBeHidden();
}

/** With idle=60: a touch, then no other for 60 s: the countdown (showing `text` at 50 s), then
 *  the wipe; returns with the start page ready. */
async function idleOut60(page, text) {
  await lastTouch(page);
  await page.clock.runFor(50_250);
  await expect(page.locator('#kiosk-idle')).toContainText(text);
  await wipeNow(page, 10_000);
}

/** A kiosk's address holds the route only: no share data, level, answers or language. */
async function expectNoDataInAddress(page) {
  expect(new URL(page.url()).hash, page.url()).not.toContain('?');
}

test.describe('on a phone-sized kiosk (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every link keeps kiosk mode and its settings: the app, the self-assessment and back, in Chinese and English', async ({ page }) => {
    test.setTimeout(60_000);
    await openKiosk(page, SETTINGS);
    await expectKioskHolds(page, SETTINGS);
    // The estimator's link to the self-assessment.
    await page.locator('#programme-list li[data-programme="xiamen-2024"]').getByRole('link', { name: '估算补贴' }).click();
    await expect(page.locator('#to-assess')).toBeVisible();
    await expectKioskHolds(page, SETTINGS);
    // The header's link: the self-assessment is a kiosk page too (large type, no autofill, the
    // options' rows 56 px high, its links back to the app keeping the settings).
    await page.locator('header nav').getByRole('link', { name: '数字化水平自评' }).click();
    await assessReady(page);
    await expect(page).toHaveURL(`/assess.html?kiosk${SETTINGS}#/1`);
    await expectKioskHolds(page, SETTINGS);
    expect((await page.locator('label:has(#Q1-B)').boundingBox()).height).toBeGreaterThanOrEqual(56);
    await page.locator('#Q1-B').check();
    await expectNoDataInAddress(page);
    // In English, the result's buttons carry the level into an estimator, on the kiosk.
    await page.locator('#lang-switch').click();
    await page.locator('a[data-step="result"]').click();
    await expect(page.locator('#page-title')).toHaveText('Self-assessment result');
    await expectKioskHolds(page, SETTINGS);
    await expectNoDataInAddress(page);
    const carry = page.locator('#carry-xiamen-2024');
    const level = new URL(await carry.evaluate((a) => a.href)).hash.match(/level=(\d)/)[1];
    await carry.click();
    await appReady(page);
    // The app read the level (and the language), then dropped them from its address.
    await expect(page).toHaveURL(`/index.html?kiosk${SETTINGS}#/estimate/xiamen-2024`);
    await expect(page.locator('#f-level')).toHaveValue(level);
    await expect(page.locator('#lang-switch')).toHaveText('中文');
    await expectKioskHolds(page, SETTINGS);
    await page.locator('header nav').getByRole('link', { name: 'Digital level' }).click();
    await assessReady(page);
    await page.locator('header nav').getByRole('link', { name: '企业自查' }).click();
    await appReady(page);
    await expect(page).toHaveURL(`/index.html?kiosk${SETTINGS}#/check/1`);
    await expectKioskHolds(page, SETTINGS);
    // Whatever link a page may gain, the kiosk lets it lead only to its own pages.
    await page.evaluate(() => {
      const main = document.getElementById('main');
      for (const href of ['review.html', 'providers.html', 'embed.html?widget=check', 'embed-builder.html', 'host-demo.html',
        'pkg-demo.html', 'https://example.com/', '/elsewhere/index.html', 'assess.html#/2']) {
        const a = document.createElement('a');
        a.href = href;
        a.className = 'button planted';
        a.textContent = href;
        main.append(a);
      }
    });
    await expect(page.locator('a.planted:visible')).toHaveCount(1);
    await expect(page.locator('a.planted:visible')).toHaveAttribute('href', `assess.html?kiosk${SETTINGS}#/2`);
  });
});

test('after the wipe on the self-assessment, Back and Forward reach none of the visitor\'s answers or figures', async ({ page }) => {
  test.setTimeout(60_000);
  await page.clock.install();
  await openKiosk(page, '&idle=60');
  await fillXiamenCheck(page); // #/check/1, #/check/2: the figures in the app's memory
  await page.locator('header nav').getByRole('link', { name: '数字化水平自评' }).click();
  await assessReady(page);
  await page.locator('#lang-switch').click();
  await page.locator('#Q1-B').check();
  await page.locator('#next').click();
  await expect(page.locator('#step-title')).toContainText('数字化管理');
  await page.locator('#Q8-C').check();
  await expectNoDataInAddress(page);
  // Back a step (the visitor's own answers are still there): step 2 is now a Forward entry.
  await page.goBack();
  await expect(page.locator('#step-title')).toContainText('数字化基础');
  await expect(page.locator('#Q1-B')).toBeChecked();
  // The idle countdown, in the page's language, then the wipe: the app's start.
  await idleOut60(page, 'In 10 s everything entered here is cleared and the start page returns.');
  await expect(page).toHaveURL('/index.html?kiosk&idle=60#/');
  // Forward: the step the visitor had left, empty, in Chinese.
  await page.goForward();
  await assessReady(page);
  await expect(page).toHaveURL('/assess.html?kiosk&idle=60#/2');
  await expect(page.locator('#progress')).toHaveText('已答 0 / 15 题 · 已评 0 / 16 个场景');
  await expect(page.locator('#Q8-C')).not.toBeChecked();
  // Back past the start to the self-check's steps: every field empty.
  await page.goBack();
  await appReady(page);
  await expect(page).toHaveURL('/index.html?kiosk&idle=60#/');
  await page.goBack();
  await appReady(page);
  await expect(page).toHaveURL('/?kiosk&idle=60#/check/2');
  await expect(page.locator('#f-employees')).toHaveValue('');
  await expect(page.locator('#f-revenue')).toHaveValue('');
  await page.goBack();
  await expect(page).toHaveURL('/?kiosk&idle=60#/check/1');
  await appReady(page);
  await expect(page.locator('#f-industry')).toHaveValue('');
  await expect(page.locator('#f-uscc')).toHaveValue('');
  await expect(page.locator('#industry-chosen')).not.toContainText('3973');
});

test('after the wipe in the app, Back and Forward reach none of the visitor\'s answers, level or figures', async ({ page }) => {
  test.setTimeout(60_000);
  await page.clock.install();
  await openKiosk(page, '&idle=60');
  await page.locator('header nav').getByRole('link', { name: '数字化水平自评' }).click();
  await assessReady(page);
  await page.locator('#Q1-B').check();
  await page.locator('a[data-step="result"]').click();
  await expect(page.locator('#page-title')).toHaveText('自评结果');
  await page.locator('#carry-xiamen-2024').click();
  await appReady(page);
  await expect(page).toHaveURL('/index.html?kiosk&idle=60#/estimate/xiamen-2024');
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  // To the self-check and back to the estimator: the self-check is now a Forward entry.
  await page.locator('header nav').getByRole('link', { name: '企业自查' }).click();
  await chooseIndustry(page, '集成电路', '3973');
  await page.goBack();
  await expect(page.locator('#f-eligible-input-yuan')).toHaveValue('100');
  await idleOut60(page, '10 秒后将清空本页填写的全部内容并回到首页。');
  await expect(page).toHaveURL('/index.html?kiosk&idle=60#/');
  await page.goForward();
  await expect(page).toHaveURL('/index.html?kiosk&idle=60#/check/1');
  await appReady(page);
  await expect(page.locator('#f-industry')).toHaveValue('');
  await expect(page.locator('#industry-chosen')).not.toContainText('3973');
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL('/assess.html?kiosk&idle=60#/result');
  await assessReady(page);
  await expect(page.locator('#total')).toHaveText('总分 0 / 100 分');
  await page.goBack();
  await expect(page).toHaveURL('/assess.html?kiosk&idle=60#/1');
  await assessReady(page);
  await expect(page.locator('#Q1-B')).not.toBeChecked();
  await expect(page.locator('#progress')).toHaveText('已答 0 / 15 题 · 已评 0 / 16 个场景');
});

test('with the back/forward cache on, as in a kiosk\'s own browser, a page the cache kept with a visitor\'s figures reloads empty when Back reaches it after the wipe', async ({ baseURL }) => {
  test.setTimeout(60_000);
  // Playwright turns the cache off (--disable-back-forward-cache): a browser of its own with it on.
  const browser = await chromium.launch({ ...config.use.launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  try {
    const { locale, timezoneId } = config.use;
    const page = await (await browser.newContext({ baseURL, locale, timezoneId })).newPage();
    const problems = watch(page, baseURL);
    // Says so when a page comes back from the cache (its memory whole).
    await page.addInitScript(() => addEventListener('pageshow', (e) => { if (e.persisted) console.log(`from the back/forward cache: ${location.hash}`); }));
    await page.clock.install();
    await openKiosk(page, '&idle=60');
    await fillXiamenCheck(page);
    await page.locator('header nav').getByRole('link', { name: '数字化水平自评' }).click();
    await assessReady(page);
    await page.locator('#Q1-B').check();
    await pauseNow(page);
    await wipeNow(page, 60_250);
    await expect(page).toHaveURL('/index.html?kiosk&idle=60#/');
    // Back: the self-check step the visitor left, kept whole by the cache (120 staff, 8500万),
    // starts afresh.
    const restored = page.waitForEvent('console', (m) => m.text() === 'from the back/forward cache: #/check/2');
    await page.evaluate(() => history.back());
    await restored;
    await expect(page.locator('#f-employees')).toHaveValue('');
    await appReady(page);
    await expect(page).toHaveURL('/?kiosk&idle=60#/check/2');
    await expect(page.locator('#f-employees')).toHaveValue('');
    await expect(page.locator('#f-revenue')).toHaveValue('');
    expect(problems, 'console errors, page errors or requests other than our static files').toEqual([]);
  } finally {
    await browser.close();
  }
});
