// Shared steps for the browser specs.
//
// `test` here is Playwright's test with one change: every `page` is watched from its first
// request, and the test fails at the end if the page logged a console error, threw, asked for
// anything but our own static files, or got an HTTP error. Specs import { test, expect } from here.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built app, as `shuzhuan serve --dir dist` serves it. */
export const DIST = process.env.SHUZHUAN_DIST || fileURLToPath(new URL('../../dist', import.meta.url));

export { expect };

/** The files `shuzhuan serve` serves for the app (everything the build put in dist/, without the
 *  precompressed siblings, which are sent as Content-Encoding, never asked for by name), by URL path. */
export const STATIC_PATHS = ['/', ...listDist(DIST)];

function listDist(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return listDist(path.join(dir, e.name), `${prefix}/${e.name}`);
    return /\.(br|gz)$/.test(e.name) ? [] : [`${prefix}/${e.name}`];
  });
}

/** CJK ideographs, CJK punctuation (、。「」〔〕) and full-width forms (：（）１２３). */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Tests that document an app bug are marked `test.fail(BUG, 'BUG: …')`: they pass while the bug
 *  is there and turn red once it is fixed. Run with SHOW_BUGS=1 to see them fail as plain tests. */
export const BUG = !process.env.SHOW_BUGS;

const watched = new WeakMap();

/** Starts recording problems on `page` (idempotent); returns the live list. */
export function watch(page, baseURL) {
  if (watched.has(page)) return watched.get(page);
  const problems = [];
  watched.set(page, problems);
  const origin = new URL(baseURL).origin;
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    // data: and blob: URLs are in memory (the reviewers' page offers its CSV as a blob: download).
    if (u.protocol === 'data:' || u.protocol === 'about:' || u.protocol === 'blob:') return;
    if (u.origin !== origin) problems.push(`foreign request: ${r.url()}`);
    else if (!STATIC_PATHS.includes(u.pathname) || !queryAllowed(u)) problems.push(`unexpected request: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // Abandoned when the page navigates away, which a test may do at any moment: the tab icon
    // (Chromium revalidates it on its own, Cache-Control: no-cache) and the catalogue's notes,
    // which the app fetches in the background after it has started.
    const background = ['/icon.svg', '/gbt4754-2017-notes.csv'];
    if (background.includes(new URL(r.url()).pathname) && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

/** The pages that take settings in their query (the kiosk's pages, the widgets' iframe page),
 *  and which; no other request has one. */
const KIOSK_QUERY = ['kiosk', 'idle', 'share-base', 'rules-max-age'];
const PAGE_QUERIES = {
  '/': KIOSK_QUERY,
  '/index.html': KIOSK_QUERY,
  '/assess.html': KIOSK_QUERY,
  '/embed.html': ['widget', 'programme', 'lang', 'theme-color', 'compact', 'as-of'],
};

function queryAllowed(u) {
  if (!u.search) return true;
  const allowed = PAGE_QUERIES[u.pathname] || [];
  return [...u.searchParams.keys()].every((k) => allowed.includes(k));
}

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const problems = watch(page, baseURL);
    await use(page);
    expect(problems, 'console errors, page errors or requests other than our static files').toEqual([]);
  },
});

/** Opens the app at `hash` (e.g. '#/check/1') in a fresh document and waits until the WASM app
 *  has replaced the static shell. Returns the page's problem list (also checked at test end). */
export async function open(page, hash = '#/') {
  const problems = watch(page, test.info().project.use.baseURL);
  // A goto that only changes the fragment would not reload the app: start from a blank page.
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto('/' + hash);
  await appReady(page);
  return problems;
}

/** Waits until the WASM app has taken over the static shell (whose language control is a span). */
export async function appReady(page) {
  await page.locator('button#lang-switch').waitFor();
  await expect(page.locator('#page-title')).toBeVisible();
}

/** Waits until the location's route is `hash` (e.g. '#/results'; a shared link's `?d=…` ignored). */
export async function expectRoute(page, hash) {
  await expect(page).toHaveURL((url) => url.hash.split('?')[0] === hash);
}

/** Types into a text field as a user does and commits it (the app commits on `change`). */
export async function commit(locator, value) {
  await locator.fill(value);
  await locator.press('Tab');
}

/** Searches the industry box and picks the hit with this 4-digit code. */
export async function chooseIndustry(page, query, code) {
  await page.locator('#f-industry').fill(query);
  const hit = page.locator(`button.hit[data-code="${code}"]`);
  await hit.click();
  await expect(page.locator('#industry-chosen')).toContainText(code);
}

/** On the results page: evaluate as of this date (the date picker). */
export async function setAsOf(page, date) {
  const input = page.locator('#f-as-of');
  await input.fill(date); // Playwright's fill on a date input fires input and change
  await expect(input).toHaveValue(date);
}

/** The verdict of each programme card on the results page: { 'xiamen-2024': 'Eligible', … }. */
export async function verdicts(page) {
  return page.locator('section.programme').evaluateAll((cards) =>
    Object.fromEntries(cards.map((c) => [c.dataset.programme, c.querySelector('.badge[data-verdict]').dataset.verdict])));
}

/** Every criterion outcome on the results page: { 'xiamen-2024/sme': 'pass', … }. */
export async function outcomes(page) {
  return page.locator('section.programme li.criterion').evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [`${li.closest('section').dataset.programme}/${li.dataset.criterion}`, li.dataset.outcome])));
}

/** A criterion of a programme card on the results page. */
export function criterion(page, programme, id) {
  return page.locator(`section.programme[data-programme="${programme}"] li.criterion[data-criterion="${id}"]`);
}

/** A share-link fragment (`#/results?d=…`, or another route) carrying this form and projects. */
export function sharedHash(form, projects = {}, route = '#/results') {
  return `${route}?d=${encodeURIComponent(JSON.stringify({ form, projects }))}`;
}

/** `350000` → `¥350,000`, as the estimator prints amounts. */
export function yuan(n) {
  return `¥${Number(n).toLocaleString('en-US')}`;
}

/** A profile that is eligible for Xiamen as of 2025-06-30 (the brief's reference case). */
export const XIAMEN_FORM = { industry: '3973', region: '350203', employees: '120', revenue: '8500', as_of: '2025-06-30' };

/** From the start page: fills the self-check as a Xiamen electronics firm would (3973 in 思明区,
 *  120 staff, 8500万 revenue), stopping on step 2 with the figures entered. */
export async function fillXiamenCheck(page, { uscc = '91350100M000100Y43' } = {}) {
  await page.locator('#start-check').click();
  await chooseIndustry(page, '集成电路', '3973');
  await page.locator('#f-region').selectOption({ label: '厦门市思明区' });
  if (uscc) await commit(page.locator('#f-uscc'), uscc);
  await page.locator('#next').click();
  await commit(page.locator('#f-employees'), '120');
  await commit(page.locator('#f-revenue'), '8500');
}

/** Continues `fillXiamenCheck` to the results (as of 2025-06-30: Xiamen eligible) and the Xiamen
 *  estimator at 三级 with 100万 input: 40 % = 40万, capped at 35万 (四、（五）8). */
export async function xiamenResultsAndEstimate(page) {
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  await setAsOf(page, '2025-06-30');
  await expect(page.locator('section.programme[data-programme="xiamen-2024"] .badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  await page.locator('section.programme[data-programme="xiamen-2024"]').getByRole('link', { name: '估算补贴' }).click();
  await page.locator('#f-level').selectOption('3');
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  await expect(page.locator('#total')).toHaveText(yuan(350000));
}
