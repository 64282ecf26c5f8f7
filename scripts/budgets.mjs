#!/usr/bin/env node
// Checks the performance budgets in budgets.json against the built artefacts and prints one table.
//
//   node scripts/budgets.mjs [--size] [--dir DIST] [--json OUT.json]
//
// Parts (all by default; --size for the first only, which is what CI runs):
//   size        raw, gzip -9 and brotli -q 11 bytes of every entry point's files in dist/
//   native      the core's criterion benchmarks (cargo bench -p shuzhuan-policy --bench evaluate)
//   wasm        check and estimate through the npm package in headless Chromium (median per call)
//   lighthouse  performance, accessibility, TTI and LCP of the served app (tools/perf lighthouse,
//               mobile defaults; median of three runs)
// Exits 1 when a figure is over its budget (or under its minimum), 2 when something to measure
// is missing. A figure over an issue's target but within its budget is marked, not failed.
// scripts/budgets.sh builds the release artefacts first; docs/performance.md keeps the last table.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const DIR = opt('--dir', `${root}/dist`);
const SIZE_ONLY = args.includes('--size');
const budgets = JSON.parse(fs.readFileSync(`${root}/budgets.json`, 'utf8'));
const rows = []; // [part, item, measured, unit, budget, target, verdict]
let over = 0;
let missing = 0;

function record(part, item, value, unit, b) {
  let verdict = 'ok';
  if (value == null || Number.isNaN(value)) {
    verdict = 'MISSING';
    missing++;
  } else if ((b.budget != null && value > b.budget) || (b.min != null && value < b.min)) {
    verdict = 'OVER BUDGET';
    over++;
  } else if (b.target != null && (b.min != null ? value < b.target : value > b.target)) {
    verdict = 'within budget, misses target';
  }
  rows.push([part, item, value, unit, b.budget ?? (b.min != null ? `≥ ${b.min}` : ''), b.target ?? '', verdict]);
}

// ------------------------------------------------------------------------------------- sizes
const sizeTable = [];
for (const [name, b] of Object.entries(budgets.size)) {
  let raw = 0;
  let gz = 0;
  let br = 0;
  let absent = [];
  for (const f of b.files) {
    const p = `${DIR}/${f}`;
    if (!fs.existsSync(p)) { absent.push(f); continue; }
    const data = fs.readFileSync(p);
    raw += data.length;
    gz += zlib.gzipSync(data, { level: 9 }).length;
    br += zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length;
  }
  sizeTable.push([name, raw, gz, br]);
  const measured = absent.length ? null : (b.compression === 'gzip' ? gz : br);
  if (absent.length) console.error(`${name}: missing ${absent.join(', ')} in ${DIR} (build first: scripts/budgets.sh)`);
  record('size', name, measured, b.compression === 'gzip' ? 'B gzip' : 'B brotli', b);
}

// ------------------------------------------------------------------------------------ native
function native() {
  const out = execFileSync('cargo', ['bench', '--locked', '-q', '-p', 'shuzhuan-policy', '--bench', 'evaluate', '--',
    '--warm-up-time', '1', '--measurement-time', '3', '--noplot'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  // criterion: "NAME\n                        time:   [1.2 µs 1.3 µs 1.4 µs]" (the middle value is the estimate)
  const unit = { ns: 1e-3, 'µs': 1, us: 1, ms: 1e3, s: 1e6 };
  for (const [name, b] of Object.entries(budgets.native_us)) {
    const at = out.indexOf(name);
    const m = at >= 0 ? /time:\s+\[\S+ \S+ (\S+) (\S+) /.exec(out.slice(at)) : null;
    record('native', name, m ? Number(m[1]) * unit[m[2]] : null, 'µs', b);
  }
}

// -------------------------------------------------------------------------- browser helpers
async function withServer(port, fn) {
  const server = spawn(`${root}/target/release/shuzhuan`, ['serve', '--dir', DIR, '--port', String(port)], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    return await fn(`http://127.0.0.1:${port}`);
  } finally {
    server.kill();
  }
}

async function wasm() {
  const { chromium } = await import('playwright-core');
  const input = JSON.parse(fs.readFileSync(`${root}/tests/examples/xiamen-medium.json`, 'utf8'));
  const est = JSON.parse(fs.readFileSync(`${root}/tests/examples/xiamen-estimate.json`, 'utf8'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    await withServer(8992, async (base) => {
      const page = await browser.newPage();
      await page.goto(`${base}/pkg-demo.html`);
      const r = await page.evaluate(async ([input, est]) => {
        const m = await import('/pkg/shuzhuan.js');
        await m.default();
        const median = (f) => {
          for (let i = 0; i < 20; i++) f(); // warm-up
          const t = [];
          for (let i = 0; i < 200; i++) { const a = performance.now(); f(); t.push(performance.now() - a); }
          t.sort((x, y) => x - y);
          return t[100];
        };
        const o = { today: '2025-06-30' };
        return { check: median(() => m.check(input, o)), estimate: median(() => m.estimate(est, o)) };
      }, [input, est]);
      record('wasm', 'check (npm package, headless chromium)', r.check, 'ms', budgets.wasm_ms['check (npm package, headless chromium)']);
      record('wasm', 'estimate (npm package, headless chromium)', r.estimate, 'ms', budgets.wasm_ms['estimate (npm package, headless chromium)']);
    });
  } finally {
    await browser.close();
  }
}

async function lighthouse() {
  const bin = `${root}/tools/perf/node_modules/.bin/lighthouse`;
  if (!fs.existsSync(bin)) execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: `${root}/tools/perf`, stdio: 'inherit' });
  const runs = [];
  await withServer(8993, async (base) => {
    for (let i = 0; i < 3; i++) {
      const out = `${os.tmpdir()}/shuzhuan-lh-${i}.json`;
      execFileSync(bin, [`${base}/`, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility',
        '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run'],
      { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: 'ignore' });
      runs.push(JSON.parse(fs.readFileSync(out, 'utf8')));
    }
  });
  const median = (f) => runs.map(f).sort((a, b) => a - b)[1];
  const L = budgets.lighthouse;
  record('lighthouse', 'performance', median((r) => r.categories.performance.score), 'score', L.performance);
  record('lighthouse', 'accessibility', median((r) => r.categories.accessibility.score), 'score', L.accessibility);
  record('lighthouse', 'time to interactive', median((r) => r.audits.interactive.numericValue / 1000), 's', L.interactive_s);
  record('lighthouse', 'largest contentful paint', median((r) => r.audits['largest-contentful-paint'].numericValue / 1000), 's', L.largest_contentful_paint_s);
}

if (!SIZE_ONLY) {
  native();
  await wasm();
  await lighthouse();
}

// -------------------------------------------------------------------------------------- table
const n = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(v < 10 ? 3 : 1)) : String(v));
console.log('\nsizes (bytes)');
console.log(['entry point'.padEnd(66), 'raw'.padStart(9), 'gzip'.padStart(9), 'brotli'.padStart(9)].join(' '));
for (const [name, raw, gz, br] of sizeTable) console.log([name.padEnd(66), n(raw).padStart(9), n(gz).padStart(9), n(br).padStart(9)].join(' '));
console.log('\nbudgets');
console.log(['part'.padEnd(10), 'item'.padEnd(66), 'measured'.padStart(12), 'unit'.padEnd(8), 'budget'.padStart(9), 'target'.padStart(9), ' verdict'].join(' '));
for (const [part, item, value, unit, budget, target, verdict] of rows) {
  console.log([part.padEnd(10), item.padEnd(66), n(value ?? '—').padStart(12), unit.padEnd(8), n(budget).padStart(9), n(target).padStart(9), ` ${verdict}`].join(' '));
}
const json = opt('--json');
if (json) fs.writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, rows }, null, 2));
if (missing) { console.log(`\n${missing} figure(s) missing`); process.exit(2); }
if (over) { console.log(`\n${over} budget(s) exceeded`); process.exit(1); }
console.log('\nevery budget kept');
