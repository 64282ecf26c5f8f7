// Shared steps of the reviewers' batch page specs (review.spec.mjs, review-page.spec.mjs).
import { expect } from './helpers.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = `${ROOT}/target/release/shuzhuan`;
export const BATCH = `${ROOT}/tests/batch`;
export const AS_OF = '2025-06-30';

/** Opens the page and waits for the worker's programme list. */
export async function openReview(page) {
  await page.goto('/review.html');
  await expect(page.locator('#programmes input[type=checkbox]')).toHaveCount(4);
}

/** Ticks exactly `ids` (each tick is a change the page answers) and sets the date evaluated. */
export async function choose(page, ids, asOf = AS_OF) {
  for (const box of await page.locator('#programmes input[type=checkbox]').all()) {
    await box.setChecked(ids.includes(await box.getAttribute('value')));
  }
  await page.locator('#as-of').fill(asOf);
}

/** The CLI's output for the same file, programmes, date and language. */
export function cli(file, ids, { lang = 'zh', day = AS_OF } = {}) {
  return execFileSync(BIN, ['batch', file, '--as-of', day, '--lang', lang, ...ids.flatMap((id) => ['--programme', id])], { stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The result CSV the page offers, as the reviewer downloads it. */
export async function downloadResult(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
  return fs.readFileSync(await download.path());
}
