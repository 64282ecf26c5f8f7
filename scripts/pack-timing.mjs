#!/usr/bin/env node
// Time to read a rule pack of N programmes in the browser — a measurement for
// docs/performance.md (issue 15: ≤ 50 ms for 50 programmes), not a test.
//
//   node scripts/pack-timing.mjs [--programmes N] [--runs R] [--port P] [--dir DIST]
//
// Writes N copies of the worked example (examples/rule-pack/example-2026.toml, a third-batch
// city's kind of programme: seven questions, four criteria, three measures), each under its own
// id, builds them into one pack with the release `shuzhuan rules build`, serves DIST (default
// dist/) with `shuzhuan serve`, and in Debian's chromium times the npm package's
// `loadRules(packText)`: JSON parse, envelope and hash check, every validation rule, and the
// bundle the shells then evaluate — what the app does with rules.json before its first verdict
// (the app's module runs the same core function, `RuleBundle::from_pack_json`). Each run is a
// fresh page; the first call in a page is reported separately from the median of the next ones.
// Needs the release CLI and the npm package built (scripts/build-pkg.sh, scripts/build-app.sh).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('--programmes', 50));
const RUNS = Number(arg('--runs', 5));
const PORT = Number(arg('--port', 8991));
const DIR = arg('--dir', `${root}/dist`);
const cli = `${root}/target/release/shuzhuan`;

const work = mkdtempSync(join(tmpdir(), 'pack-timing-'));
const example = readFileSync(`${root}/examples/rule-pack/example-2026.toml`, 'utf8');
for (let i = 1; i <= N; i++) {
  const id = `example-2026-${String(i).padStart(3, '0')}`;
  writeFileSync(join(work, `${id}.toml`), example.replace(/^id = "example-2026"$/m, `id = "${id}"`));
}
execFileSync(cli, ['rules', 'build', work, '-o', join(work, 'pack.json')], { stdio: 'inherit' });
const pack = readFileSync(join(work, 'pack.json'), 'utf8');

const server = spawn(cli, ['serve', '--dir', DIR, '--port', String(PORT)], { stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await new Promise((r) => setTimeout(r, 500));
  const firsts = [];
  const laters = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/pkg-demo.html`);
    const times = await page.evaluate(async (text) => {
      const m = await import('/pkg/shuzhuan.js');
      if (typeof m.default === 'function') await m.default();
      const out = [];
      for (let i = 0; i < 11; i++) {
        const t0 = performance.now();
        const loaded = m.loadRules(text, 'timing');
        out.push(performance.now() - t0);
        if (i === 0 && !loaded) throw new Error('loadRules returned nothing');
      }
      return out;
    }, pack);
    firsts.push(times[0]);
    laters.push(median(times.slice(1)));
    await page.close();
  }
  const fmt = (x) => `${x.toFixed(1)} ms`;
  console.log(`pack: ${N} programmes, ${pack.length.toLocaleString('en')} bytes of JSON`);
  console.log(`loadRules, first call in a page: median ${fmt(median(firsts))} (min ${fmt(Math.min(...firsts))}, max ${fmt(Math.max(...firsts))})`);
  console.log(`loadRules, later calls: median ${fmt(median(laters))} (min ${fmt(Math.min(...laters))}, max ${fmt(Math.max(...laters))})`);
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
