#!/usr/bin/env node
// Time from a widget scrolling into view to interactive, and what it transfers — a measurement
// for docs/performance.md, not a test.
//
//   node scripts/widget-timing.mjs [--runs N] [--port P] [--dir DIST]
//
// Serves dist/ with the release `shuzhuan serve` (brotli siblings, the strict CSP), opens
// host-demo.html in Debian's chromium — a fresh browser context per run, so nothing is cached and
// no service worker answers — waits until the page has settled, then scrolls one widget into
// view and waits for its `shuzhuan-ready` event (the UI is mounted, the WebAssembly core
// instantiated and, for the check, the GB/T 4754 codes loaded: the form works). Conditions: no
// throttling; 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate); 4× CPU and a slow 4G network
// (CDP Network.emulateNetworkConditions, Lighthouse's 150 ms RTT, 1.6 Mbit/s down). Prints the
// median, min and max per widget and condition, and the bytes on the wire (encoded bodies) of the
// requests the widget made after the scroll.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', 7));
const PORT = Number(arg('--port', 8990));
const DIR = arg('--dir', `${root}/dist`);
const BASE = `http://127.0.0.1:${PORT}`;
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CONDITIONS = [
  { name: 'no throttling', cpu: 1 },
  { name: '4× CPU slowdown', cpu: 4 },
  { name: '4× CPU + slow 4G (150 ms, 1.6 Mbit/s)', cpu: 4, network: SLOW_4G },
];

const server = spawn(`${root}/target/release/shuzhuan`, ['serve', '--dir', DIR, '--port', String(PORT)], { stdio: 'ignore' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${BASE}/host-demo.html`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`shuzhuan serve did not answer on ${BASE}`);
}

/** One cold run: ms from scrollIntoView to `shuzhuan-ready`, and the widget's bytes on the wire. */
async function run(selector, condition) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${BASE}/host-demo.html`);
  await page.waitForLoadState('networkidle');
  const fetched = [];
  page.on('requestfinished', async (r) => fetched.push((async () => ({ url: r.url(), bytes: (await r.sizes()).responseBodySize }))()));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
  if (condition.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', condition.network);
  }
  const ms = await page.evaluate((sel) => new Promise((resolve) => {
    const el = document.querySelector(sel);
    const t0 = performance.now();
    el.addEventListener('shuzhuan-ready', () => resolve(performance.now() - t0), { once: true });
    el.scrollIntoView();
  }), selector);
  const files = await Promise.all(fetched);
  await context.close();
  return { ms, bytes: files.reduce((n, f) => n + f.bytes, 0), files: files.map((f) => new URL(f.url).pathname) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

try {
  await waitForServer();
  console.log(`widget timing: ${RUNS} cold runs per row, host-demo.html, chromium ${browser.version()}`);
  console.log('');
  console.log('| widget | condition | scroll → interactive, median (min–max) | transferred after the scroll |');
  console.log('|---|---|---|---|');
  for (const [widget, selector] of [['check', '#check'], ['estimate', '#estimate']]) {
    for (const condition of CONDITIONS) {
      const results = [];
      for (let i = 0; i < RUNS; i++) results.push(await run(selector, condition));
      const times = results.map((r) => r.ms);
      const last = results.at(-1);
      console.log(`| ${widget} | ${condition.name} | ${Math.round(median(times))} ms (${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))}) | ${(last.bytes / 1000).toFixed(1)} kB in ${last.files.length} files |`);
    }
  }
} finally {
  await browser.close();
  server.kill();
}
