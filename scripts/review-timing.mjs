#!/usr/bin/env node
// Browser throughput of the reviewers' batch page — a measurement for docs/performance.md, not a
// test.
//
//   node scripts/review-timing.mjs [--file IN.csv] [--runs N] [--port P] [--dir DIST] [--programme ID]…
//
// Serves dist/ with the release `shuzhuan serve`, opens review.html in Debian's chromium (a fresh
// context per run), ticks the programmes (default fuzhou-2024), picks the file (default the
// 100 000-row list scripts/bench-batch.sh writes to target/tmp/bench-batch/in.csv) and waits for
// the result. Prints per run: the worker's time from the file to the finished CSV (read, decode,
// screen, write), the wall time from picking the file to the results drawn, rows/s, and the
// WebAssembly module's linear memory at the end (its peak: it never shrinks).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const FILE = arg('--file', `${root}/target/tmp/bench-batch/in.csv`);
const RUNS = Number(arg('--runs', 3));
const PORT = Number(arg('--port', 8991));
const DIR = arg('--dir', `${root}/dist`);
const PROGRAMMES = args.flatMap((a, i) => (a === '--programme' ? [args[i + 1]] : []));
if (!PROGRAMMES.length) PROGRAMMES.push('fuzhou-2024');
const BASE = `http://127.0.0.1:${PORT}`;
if (!fs.existsSync(FILE)) {
  console.error(`${FILE} is missing: run scripts/bench-batch.sh first (it writes the 100 000-row list), or pass --file`);
  process.exit(2);
}
const lines = fs.readFileSync(FILE, 'utf8').split('\n').filter(Boolean).length - 1;

const server = spawn(`${root}/target/release/shuzhuan`, ['serve', '--dir', DIR, '--port', String(PORT)], { stdio: 'ignore' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${BASE}/review.html`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`file: ${FILE} (${lines} rows, ${(fs.statSync(FILE).size / 1e6).toFixed(1)} MB); programmes: ${PROGRAMMES.join(', ')}`);
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}/review.html`);
    await page.locator('#programmes input[type=checkbox]').first().waitFor();
    for (const box of await page.locator('#programmes input[type=checkbox]').all()) {
      await box.setChecked(PROGRAMMES.includes(await box.getAttribute('value')));
    }
    await page.locator('#as-of').fill('2025-06-30');
    const t0 = Date.now();
    await page.locator('#file').setInputFiles(FILE);
    await page.locator('#results').waitFor({ state: 'visible', timeout: 120_000 });
    const wall = Date.now() - t0;
    const { ms, wasmMemory } = await page.locator('#status').evaluate((e) => ({ ms: Number(e.dataset.ms), wasmMemory: Number(e.dataset.wasmMemory) }));
    console.log(`run ${run}: worker ${(ms / 1000).toFixed(2)} s = ${Math.round(lines / (ms / 1000))} rows/s; picked → results drawn ${(wall / 1000).toFixed(2)} s; wasm memory ${(wasmMemory / 1048576).toFixed(1)} MiB`);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
