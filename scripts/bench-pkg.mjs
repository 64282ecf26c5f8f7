#!/usr/bin/env node
// Benchmark of the npm package in Node (issue 17's first row): 10,000 generated industrial firms,
// each screened with `check` (SME size + every programme's eligibility, Xiamen's among them) and
// estimated with `estimate` for Xiamen (measure 8 with its instalments), as of 2025-06-30 (the
// seed programmes have expired since). Once with the full report, once with `detail: "outcomes"`.
//
// Usage (from the repository's root, after scripts/build-app.sh && scripts/build-pkg.sh):
//   node scripts/bench-pkg.mjs [--firms N] [--seed S] [--pkg DIR]
// Defaults: 10000 firms, seed 17, target/pkg/node (what Node imports: the build for speed);
// `--pkg dist/pkg` measures the browser's build for size. Prints the machine, the first call's time (after
// initSync, which is timed apart), then the median and p90 per firm (check + estimate, the report
// parsed into a JavaScript value as the package returns it) for each answer, and checks that both
// answers agree on every firm's SME class, Xiamen verdict, measure 8, instalments and total.
// Not a timed test: the figures go to docs/performance.md with the machine they ran on.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const FIRMS = Number(arg('--firms', '10000'));
const SEED = Number(arg('--seed', '17'));
const PKG = path.resolve(arg('--pkg', 'target/pkg/node'));

// mulberry32: a small seeded PRNG, so every machine screens the same firms.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// GB/T 4754-2017 manufacturing classes (门类 C) and Xiamen's districts (GB/T 2260, 3502xx).
const INDUSTRIES = ['3973', '3562', '3985', '3981', '3311', '2927', '1811', '2641', '3411', '3824', '3130', '1311'];
const DISTRICTS = ['350203', '350205', '350206', '350211', '350212', '350213'];
// Industry's SME thresholds (工信部联企业〔2011〕300号): staff 20 / 300 / 1000, revenue
// 300万 / 2000万 / 40000万; assets spread as widely, though industry does not use them.
const STAFF = [20, 300, 1000];
const REVENUE = [3_000_000, 20_000_000, 400_000_000];

function firms(n, seed) {
  const r = prng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  // Around a threshold: 0.5× to 1.5× it, a tenth of the time exactly on it.
  const around = (t) => (r() < 0.1 ? t : Math.max(1, Math.round(t * (0.5 + r()))));
  const out = [];
  for (let i = 0; i < n; i++) {
    const revenue = around(pick(REVENUE));
    const level = 1 + Math.floor(r() * 4); // 1..4: level 1 gets nothing from measure 8
    const input = 100_000 + Math.round(r() * 1_500_000);
    const profile = {
      industry: pick(INDUSTRIES),
      employees: around(pick(STAFF)),
      revenue_yuan: String(revenue),
      total_assets_yuan: String(around(pick(REVENUE))),
      region: pick(DISTRICTS),
    };
    const project = {
      digital_level_after: level,
      eligible_input_yuan: String(input),
      contract_down_payment_yuan: String(Math.round(input * (0.1 + r() * 0.4))),
    };
    out.push({ check: { profile }, estimate: { programme: 'xiamen-2024', profile, project } });
  }
  return out;
}

const now = () => process.hrtime.bigint();
const micros = (ns) => Number(ns) / 1000;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const cpus = os.cpus();
console.log(`machine: ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length}, ${os.platform()} ${os.release()}, node ${process.version}`);
console.log(`package: ${PKG}; ${FIRMS} firms, seed ${SEED}; ${new Date().toISOString()}`);

const t0 = now();
const pkg = await import(pathToFileURL(path.join(PKG, 'shuzhuan.js')).href);
const t1 = now();
pkg.initSync({ module: fs.readFileSync(path.join(PKG, 'shuzhuan_bg.wasm')) });
const t2 = now();
console.log(`import ${micros(t1 - t0).toFixed(0)} µs, initSync (read + compile + instantiate) ${(micros(t2 - t1) / 1000).toFixed(1)} ms`);

const data = firms(FIRMS, SEED);
const FULL = { as_of: '2025-06-30' };
const COMPACT = { as_of: '2025-06-30', detail: 'outcomes' };

// What both answers must agree on, per firm.
const summary = (c, e) => {
  const xm = c.programmes.find((p) => p.id === 'xiamen-2024');
  const m8 = e.measures.find((m) => m.id === 'xm-8-transformation');
  return JSON.stringify([
    c.sme.class, c.sme.is_sme, xm.status, xm.verdict, xm.criteria.map((k) => k.outcome),
    e.eligibility.verdict, m8.status, m8.amount_yuan, e.instalments.map((i) => i.amount_yuan), e.total_yuan,
  ]);
};

function run(label, options) {
  const first = data[0];
  const s = now();
  const c0 = pkg.check(first.check, options);
  const e0 = pkg.estimate(first.estimate, options);
  const firstCall = micros(now() - s);
  const sizes = [JSON.stringify(c0).length, JSON.stringify(e0).length];
  const times = new Float64Array(data.length);
  const summaries = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const f = data[i];
    const a = now();
    const c = pkg.check(f.check, options);
    const e = pkg.estimate(f.estimate, options);
    times[i] = micros(now() - a);
    summaries[i] = summary(c, e);
  }
  const sorted = Array.from(times).sort((x, y) => x - y);
  const total = times.reduce((x, y) => x + y, 0);
  console.log(
    `${label.padEnd(9)} first call ${(firstCall / 1000).toFixed(2)} ms; per firm median ${quantile(sorted, 0.5).toFixed(1)} µs, ` +
      `p90 ${quantile(sorted, 0.9).toFixed(1)} µs, mean ${(total / data.length).toFixed(1)} µs; ` +
      `answer ${sizes[0]} + ${sizes[1]} bytes of JSON (first firm)`,
  );
  return summaries;
}

const full = run('full', FULL);
const compact = run('outcomes', COMPACT);
let differ = 0;
for (let i = 0; i < full.length; i++) if (full[i] !== compact[i]) differ++;
const eligible = full.filter((s) => JSON.parse(s)[3] === 'eligible').length;
console.log(`agreement: ${full.length - differ} of ${full.length} firms the same in both answers; Xiamen eligible: ${eligible}`);
if (differ) process.exit(1);
