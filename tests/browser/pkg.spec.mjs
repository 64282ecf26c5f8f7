// The npm package @shuzhuan/policy (crates/wasm, built by scripts/build-pkg.sh into dist/pkg/),
// imported from plain JavaScript by www/pkg-demo.html under the strict CSP, answers as the CLI does:
// - every golden case (target/tmp/golden-outputs.json, written by `cargo test -p shuzhuan-cli
//   --test cases`) through `check` / `estimate`, once with the input and options as JS objects and
//   once as JSON text: the whole report for exit 0; for exit 2 a thrown InputError whose `errors`
//   are the CLI's, field for field and message for message;
// - `programmes()` and `searchIndustry()` against `target/release/shuzhuan programmes` and
//   `industry search`, run here;
// - `validateUscc` on a valid code, a wrong check character and lowercase; bad values of every
//   kind are thrown as InputError with field, zh and en, never as a crash of the module.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { requireBuilt, requireFile } from './built.mjs';

const root = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const GOLDEN = root('target/tmp/golden-outputs.json');
const CLI = root('target/release/shuzhuan');
const PKG = root('dist/pkg/shuzhuan.js');
const BATCH = 80;
/** The date the golden cases were run with; the CLI runs below use it too. */
const TODAY = '2026-11-22';

/** The files the demo page may fetch: the page, its script, the package, the notes. */
const PKG_PATHS = ['/pkg-demo.html', '/pkg-demo.js', '/styles.css', '/icon.svg', '/pkg/shuzhuan.js',
  '/pkg/shuzhuan_bg.wasm', '/pkg/gbt4754-2017-notes.csv'];

// Playwright's test, failing at the end if the page logged an error, threw, or asked for anything
// but the files above (as helpers.mjs does for the app's files).
const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const problems = [];
    const origin = new URL(baseURL).origin;
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol === 'data:' || u.protocol === 'about:') return;
      if (u.origin !== origin) problems.push(`foreign request: ${r.url()}`);
      else if (!PKG_PATHS.includes(u.pathname) || u.search) problems.push(`unexpected request: ${r.url()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await use(page);
    expect(problems, 'console errors, page errors or requests other than the demo and package files').toEqual([]);
  },
});

const cases = fs.existsSync(GOLDEN) ? JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) : null;
const isFlagError = (c) => c.exit === 2 && (c.output.errors || []).some((e) => e.field.startsWith('--'));
const reports = cases ? cases.filter((c) => c.exit === 0) : [];
const errors = cases ? cases.filter((c) => c.exit === 2 && !isFlagError(c)) : [];
const flagErrors = cases ? cases.filter(isFlagError) : [];

/** Runs the CLI with a fixed "today" and returns its JSON output. */
function cli(...args) {
  return JSON.parse(execFileSync(CLI, [...args, '--format', 'json'], { env: { ...process.env, SHUZHUAN_TODAY: TODAY }, encoding: 'utf8' }));
}

/** The first path where two JSON values differ, with both sides (for a readable failure). */
function firstDifference(a, b, path = '$') {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: wasm ${JSON.stringify(a)?.slice(0, 200)} ≠ cli ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Opens the demo page and waits until it has initialised the package. */
async function openDemo(page) {
  await page.goto('/pkg-demo.html');
  await expect(page.locator('html')).toHaveAttribute('data-pkg', 'ready');
}

/** Calls `window.shuzhuan[fn](...args)` in the page. Returns `{ value }`, or `{ thrown }` with what
 *  the caller would see of the thrown value: Error-ness, name, `errors`, JSON and message. */
function call(page, fn, ...args) {
  return page.evaluate(([fn, args]) => {
    try {
      return { value: window.shuzhuan[fn](...args) };
    } catch (e) {
      return { thrown: { isError: e instanceof Error, name: e?.name, errors: e?.errors, json: JSON.parse(JSON.stringify(e) ?? 'null'), message: String(e?.message) } };
    }
  }, [fn, args]);
}

/** Runs golden cases through `check` / `estimate` in the page, BATCH per page.evaluate. With
 *  `asText`, input and options are passed as JSON text; otherwise as objects (the two inputs that
 *  are not JSON at all stay text). Each result is `{ value }` or `{ thrown: { errors, json } }`. */
async function runCases(page, list, asText) {
  const out = [];
  for (let i = 0; i < list.length; i += BATCH) {
    const batch = list.slice(i, i + BATCH).map((c) => [c.command, c.input, c.options]);
    out.push(...await page.evaluate(([batch, asText]) => batch.map(([command, input, options]) => {
      let arg = input;
      if (!asText) { try { arg = JSON.parse(input); } catch { /* not JSON: passed as text */ } }
      try {
        return { value: window.shuzhuan[command](arg, asText ? JSON.stringify(options) : options) };
      } catch (e) {
        return { thrown: { isError: e instanceof Error, name: e?.name, errors: e?.errors, json: JSON.parse(JSON.stringify(e) ?? 'null') } };
      }
    }), [batch, asText]));
  }
  return out;
}

test.describe('npm package: golden cases ⇔ CLI', () => {
  requireFile(test, PKG, 'run scripts/build-app.sh && scripts/build-pkg.sh first');
  requireBuilt(test, cases, GOLDEN, 'run `cargo test -p shuzhuan-cli --test cases` first');

  test('the golden file is there and covers both commands', () => {
    expect(cases.length).toBeGreaterThan(100);
    expect(new Set(reports.map((c) => c.command))).toEqual(new Set(['check', 'estimate']));
    expect(errors.length).toBeGreaterThan(10);
  });

  for (const asText of [false, true]) {
    const how = asText ? 'input and options as JSON text' : 'input and options as objects';

    test(`${reports.length} reports (exit 0) are identical — ${how}`, async ({ page }) => {
      await openDemo(page);
      const got = await runCases(page, reports, asText);
      const mismatches = reports.map((c, i) => {
        if (got[i].thrown) return `${c.command} "${c.name}": threw ${JSON.stringify(got[i].thrown.json)}`;
        const d = firstDifference(got[i].value, c.output);
        return d && `${c.command} "${c.name}": ${d}`;
      }).filter(Boolean);
      expect(mismatches, `${mismatches.length} of ${reports.length} reports differ`).toEqual([]);
    });

    test(`${errors.length} input errors (exit 2) are thrown with the CLI's fields and messages — ${how}`, async ({ page }) => {
      await openDemo(page);
      const got = await runCases(page, errors, asText);
      const fields = (list) => (list || []).map((e) => e.field).sort();
      const mismatches = errors.map((c, i) => {
        const t = got[i].thrown;
        if (!t) return `"${c.name}": returned a report instead of throwing ${JSON.stringify(fields(c.output.errors))}`;
        if (!t.isError || t.name !== 'InputError') return `"${c.name}": threw ${t.name} (Error: ${t.isError}), not an InputError`;
        const [w, n] = [fields(t.errors), fields(c.output.errors)];
        if (JSON.stringify(w) !== JSON.stringify(n)) return `"${c.name}": wasm fields ${JSON.stringify(w)} ≠ cli ${JSON.stringify(n)}`;
        // JSON.stringify of the thrown error is the CLI's stderr JSON, exactly.
        const d = firstDifference(t.json, c.output);
        return d && `"${c.name}": same fields, different message: ${d}`;
      }).filter(Boolean);
      expect(mismatches, `${mismatches.length} of ${errors.length} error cases differ`).toEqual([]);
    });
  }

  test(`${flagErrors.length} CLI-flag error case(s): the same bad value is thrown on the option`, async ({ page }) => {
    // The CLI names its flag (`--as-of`); the package names the option (`as_of`).
    expect(flagErrors.length).toBeGreaterThan(0);
    await openDemo(page);
    const got = await runCases(page, flagErrors, false);
    for (const [i, c] of flagErrors.entries()) {
      const t = got[i].thrown;
      expect(t, c.name).toBeTruthy();
      expect(t.errors.map((e) => e.field), c.name).toEqual(c.output.errors.map((e) => e.field.replace(/^--/, '').replace('-', '_')));
      const bad = c.options.as_of;
      for (const e of t.errors) {
        expect(e.message.zh).toContain(bad);
        expect(e.message.en).toContain(bad);
      }
    }
  });
});

// The package as Node gets it (package.json's `node` condition): node/index.js over the module
// built for speed, initialised on import. It must answer exactly as the browser's build does, so
// every golden case runs through it here, in Node itself, with no init call.
const NPM = root('target/pkg');
test.describe('npm package in Node: the speed build', () => {
  requireFile(test, `${NPM}/node/index.js`, 'run scripts/build-app.sh && scripts/build-pkg.sh first');
  requireBuilt(test, cases, GOLDEN, 'run `cargo test -p shuzhuan-cli --test cases` first');

  test('an installed package resolves to node/index.js in Node and to the size build elsewhere; the two modules differ', () => {
    const consumer = root('target/tmp/node-consumer');
    fs.rmSync(consumer, { recursive: true, force: true });
    fs.mkdirSync(`${consumer}/node_modules/@shuzhuan`, { recursive: true });
    fs.cpSync(NPM, `${consumer}/node_modules/@shuzhuan/policy`, { recursive: true });
    fs.writeFileSync(`${consumer}/package.json`, '{"type": "module"}\n');
    // Imported by name with no init(): answers at once.
    fs.writeFileSync(`${consumer}/run.mjs`, `import { check } from '@shuzhuan/policy';
const r = check({ profile: { industry: '3973', employees: 120, revenue_yuan: '85000000' } }, { as_of: '2025-06-30', detail: 'outcomes' });
console.log(JSON.stringify({ resolved: import.meta.resolve('@shuzhuan/policy'), sme: r.sme }));\n`);
    const out = JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: consumer, encoding: 'utf8' }));
    expect(out.resolved).toMatch(/\/node_modules\/@shuzhuan\/policy\/node\/index\.js$/);
    expect(out.sme.is_sme).toBe('yes');
    const pkgJson = JSON.parse(fs.readFileSync(`${NPM}/package.json`, 'utf8'));
    expect(pkgJson.exports['.']).toEqual({ types: './shuzhuan.d.ts', node: './node/index.js', default: './shuzhuan.js' });
    expect(pkgJson.files).toContain('node/');
    const [size, speed] = [fs.readFileSync(`${NPM}/shuzhuan_bg.wasm`), fs.readFileSync(`${NPM}/node/shuzhuan_bg.wasm`)];
    expect(speed.length).toBeGreaterThan(size.length); // opt-level 3 and -O3 inline more
    expect(fs.readFileSync(`${NPM}/node/shuzhuan.js`, 'utf8')).toBe(fs.readFileSync(`${NPM}/shuzhuan.js`, 'utf8'));
  });

  test(`${reports.length} reports and ${errors.length} input errors of the golden cases, in Node, as the CLI`, async () => {
    const pkg = await import(pathToFileURL(`${NPM}/node/index.js`).href);
    const mismatches = [];
    for (const c of [...reports, ...errors]) {
      let arg = c.input;
      try { arg = JSON.parse(c.input); } catch { /* not JSON: passed as text */ }
      let got;
      try {
        got = pkg[c.command](arg, c.options);
      } catch (e) {
        got = e?.name === 'InputError' ? JSON.parse(JSON.stringify(e)) : { crashed: String(e) };
      }
      const d = firstDifference(got, c.output);
      if (d) mismatches.push(`${c.command} "${c.name}": ${d}`);
    }
    expect(mismatches, `${mismatches.length} of ${reports.length + errors.length} cases differ`).toEqual([]);
  });
});

test.describe('npm package: lists, search and USCC', () => {
  requireFile(test, PKG, 'run scripts/build-app.sh && scripts/build-pkg.sh first');
  requireFile(test, CLI, 'run cargo build --release -p shuzhuan-cli first');

  test('the demo page imports the package from plain JS and shows verdicts', async ({ page }) => {
    await openDemo(page);
    await expect(page.locator('#demo-output')).toContainText('xiamen-2024');
    await page.locator('#demo-input').fill('{"profile": {"employees": -5}}');
    await page.locator('#demo-run').click();
    await expect(page.locator('#demo-output')).toContainText('profile.employees');
  });

  test('programmes() is `shuzhuan programmes`, in both languages and on several dates', async ({ page }) => {
    await openDemo(page);
    for (const [as_of, lang] of [['2025-06-30', 'zh'], ['2025-06-30', 'en'], ['2024-01-01', 'zh'], ['2030-01-01', 'en']]) {
      const { value } = await call(page, 'programmes', { as_of, lang });
      expect(value, `${as_of} ${lang}`).toEqual(cli('programmes', '--as-of', as_of, '--lang', lang));
    }
    // `today` stands in for the CLI's clock (SHUZHUAN_TODAY).
    expect((await call(page, 'programmes', { today: TODAY })).value).toEqual(cli('programmes'));
    // Without options: today's local date.
    const { value } = await call(page, 'programmes');
    const local = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
    expect(value.length).toBeGreaterThan(3);
    expect(new Set(value.map((p) => p.as_of))).toEqual(new Set([local]));
  });

  test('searchIndustry() is `shuzhuan industry search` (by name, by code; note text after loadNotes)', async ({ page }) => {
    await openDemo(page);
    const byName = (await call(page, 'searchIndustry', '电子')).value;
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.length).toBeLessThanOrEqual(20);
    expect(byName.every((h) => h.name.includes('电子') || h.path.includes('电子'))).toBe(true);
    // Before loadNotes the package matches codes and names only. The CLI (notes embedded) also
    // finds classes by their 说明, placed with their family (after 397 for "电子"): without those
    // note hits, the CLI's list is the start of the package's, in the same order.
    for (const q of ['3973', 'C39', '集成电路', '软件开发', '电子']) {
      const hits = (await call(page, 'searchIndustry', q)).value;
      expect(hits.length, q).toBeGreaterThan(0);
      const isCode = /^[A-Z]?[0-9]+$/.test(q);
      const byName = cli('industry', 'search', q).filter((h) => isCode || h.name.includes(q));
      expect(byName.length, q).toBeGreaterThan(0);
      expect(hits.slice(0, byName.length), q).toEqual(byName);
    }
    for (const q of ['3973', 'C39']) expect((await call(page, 'searchIndustry', q)).value, q).toEqual(cli('industry', 'search', q));
    const byCode = (await call(page, 'searchIndustry', '3973')).value;
    expect(byCode[0]).toMatchObject({ code: '3973', name: '集成电路制造', size_category: 'industry' });
    // 磁性材料 is only in the 说明 of 3985: found once the notes are loaded, as the CLI finds it.
    expect((await call(page, 'searchIndustry', '磁性材料')).value.map((h) => h.code)).not.toContain('3985');
    const loaded = await page.evaluate(async () => {
      const csv = await (await fetch(new URL('./pkg/gbt4754-2017-notes.csv', document.baseURI))).text();
      return [window.shuzhuan.loadNotes(csv), window.shuzhuan.loadNotes(csv)];
    });
    expect(loaded[0]).toBeGreaterThan(100);
    expect(loaded[1]).toBe(0);
    for (const q of ['电子', '磁性材料', '集成电路', '软件开发', '3973']) {
      expect((await call(page, 'searchIndustry', q)).value, q).toEqual(cli('industry', 'search', q));
    }
    expect((await call(page, 'searchIndustry', '')).value).toEqual([]);
    const notString = (await call(page, 'searchIndustry', 3973)).thrown;
    expect(notString.errors.map((e) => e.field)).toEqual(['query']);
  });

  test('validateUscc(): a valid code, lowercase, a wrong check character, a bad character', async ({ page }) => {
    await openDemo(page);
    const ok = (await call(page, 'validateUscc', '91350100M000100Y43')).value;
    expect(ok).toMatchObject({ code: '91350100M000100Y43', uppercased: false, authority: '工商（市场监管）', entity_type: '企业', division: '350100' });
    expect(ok.region).toMatchObject({ code: '350100', province: '福建省', district: null });
    expect(ok.region.city).toMatchObject({ zh: '福州市', en: 'Fuzhou' });
    const lower = (await call(page, 'validateUscc', '9135 0100 m000 100y 43')).value;
    expect(lower).toMatchObject({ code: '91350100M000100Y43', uppercased: true });
    const wrong = (await call(page, 'validateUscc', '91350100M000100Y44')).thrown;
    expect(wrong).toMatchObject({ isError: true, name: 'InputError' });
    expect(wrong.json).toEqual({ errors: [{ field: 'uscc', message: {
      zh: '统一社会信用代码第18位校验码应为 3，收到 4，请核对',
      en: 'the check character (position 18) of the unified social credit code should be 3, got 4; please check the code',
    } }] });
    const badChar = (await call(page, 'validateUscc', '9135010OM000100Y43')).thrown;
    expect(badChar.errors[0].field).toBe('uscc');
    expect(badChar.errors[0].message.zh).toContain('第8位“O”无效');
    for (const odd of ['', null, undefined, 42, {}]) {
      const t = (await call(page, 'validateUscc', odd)).thrown;
      expect(t?.errors?.[0]?.field, String(odd)).toBe('uscc');
    }
  });

  test('estimatorSpec() asks for exactly what each programme\'s estimate reads; regions() and loadCodes() for the widgets', async ({ page }) => {
    await openDemo(page);
    const options = { as_of: '2025-06-30', today: TODAY };
    const xiamen = (await call(page, 'estimatorSpec', 'xiamen-2024', { ...options, lang: 'en' })).value;
    expect(xiamen).toMatchObject({ programme: 'xiamen-2024', levels: [2, 3, 4], year: false, user_parameters: false });
    expect(xiamen.inputs).toContainEqual({ field: 'eligible_input_yuan', label: 'Actual eligible transformation input', money: true, unit: null });
    expect(xiamen.inputs).toContainEqual({ field: 'training_person_days', label: 'Training person-days', money: false, unit: 'person-days' });
    expect(xiamen.awards.map((a) => a.id)).toEqual(['xm-11-national-demonstration', 'xm-11-smart-scene']);
    // Fuzhou's amounts are not graded by level (readings §5): one cap, no level asked; Jinan's are.
    expect((await call(page, 'estimatorSpec', 'fuzhou-2024', options)).value).toMatchObject({ user_parameters: true, user_caps_by_level: false, levels: [] });
    expect((await call(page, 'estimatorSpec', 'jinan-2024', options)).value).toMatchObject({ user_parameters: true, user_caps_by_level: true, levels: [2, 3, 4] });
    expect(xiamen.roles.map((r) => r.id)).toEqual(['chain_leader', 'platform']);
    expect((await call(page, 'estimatorSpec', 'jinhua-2024', options)).value).toMatchObject({ year: true });
    for (const id of ['xiamen-2024', 'fuzhou-2024', 'jinhua-2024', 'jinan-2024']) {
      const spec = (await call(page, 'estimatorSpec', id, options)).value;
      const base = {
        ...(spec.levels.length ? { digital_level_after: 3 } : {}),
        ...(spec.user_parameters ? { ratio: '30%', caps_yuan: spec.user_caps_by_level ? { 2: '20万', 3: '30万', 4: '50万' } : '30万' } : {}),
      };
      const run = async (project) => (await call(page, 'estimate', { programme: id, project }, options)).value;
      // With every input the spec lists, no measure is left missing an input …
      const values = Object.fromEntries(spec.inputs.map((f) => [f.field, f.money ? '100万' : 1000]));
      const all = await run({ ...base, ...values });
      expect(all.measures.filter((m) => m.status === 'missing_input').map((m) => m.id), id).toEqual([]);
      // … and leaving any one out changes the estimate (the form asks for nothing unused).
      for (const f of spec.inputs) {
        const { [f.field]: _, ...rest } = values;
        expect(JSON.stringify(await run({ ...base, ...rest })), `${id} ${f.field}`).not.toBe(JSON.stringify(all));
      }
    }
    for (const bad of ['atlantis-2024', '', 42]) {
      const t = (await call(page, 'estimatorSpec', bad, options)).thrown;
      expect(t, String(bad)).toMatchObject({ isError: true, name: 'InputError' });
      expect(t.errors.map((e) => e.field)).toEqual(['programme']);
    }
    expect((await call(page, 'estimatorSpec', 'atlantis-2024', options)).thrown.errors[0].message.en).toContain('xiamen-2024');

    // The four pilot cities with their districts: the same list a credit code's region names.
    const cities = (await call(page, 'regions')).value;
    expect(cities.map((c) => c.en)).toEqual(['Fuzhou', 'Xiamen', 'Jinhua', 'Jinan']);
    expect(cities[1].districts).toContainEqual(['350203', '思明区']);
    const fuzhou = (await call(page, 'validateUscc', '91350100M000100Y43')).value.region.city;
    expect(cities[0]).toEqual({ code: fuzhou.code, zh: fuzhou.zh, en: fuzhou.en, districts: fuzhou.districts });
    // The npm package embeds the catalogue, so loadCodes changes nothing (the widgets' builds use it).
    const csv = fs.readFileSync(root('crates/policy/data/gbt4754-2017.csv'), 'utf8');
    expect((await call(page, 'loadCodes', csv)).value).toBe(0);
  });

  test('bad values are thrown as InputError with field, zh and en — never a crash', async ({ page }) => {
    await openDemo(page);
    const shapes = {
      'check: bad employees': ['check', { profile: { employees: -5, revenue_yuan: 'abc' } }, { today: TODAY }],
      'check: not JSON text': ['check', '{not json', undefined],
      'check: no input': ['check', undefined, undefined],
      'check: null': ['check', null, undefined],
      'check: an array': ['check', [1, 2], undefined],
      'check: unknown option': ['check', {}, { when: 'now' }],
      'check: bad today': ['check', {}, { today: '2025-02-30' }],
      'check: options not JSON': ['check', {}, '{oops'],
      'check: options of wrong type': ['check', {}, { as_of: 20250630 }],
      'estimate: no programme': ['estimate', { profile: {} }, { today: TODAY }],
      'estimate: unknown programme': ['estimate', { programme: 'atlantis-2024' }, { today: TODAY }],
      'programmes: bad as_of': ['programmes', { as_of: 'yesterday' }],
    };
    for (const [name, [fn, ...args]] of Object.entries(shapes)) {
      const r = await call(page, fn, ...args);
      expect(r.thrown, `${name} should throw`).toBeTruthy();
      expect(r.thrown, name).toMatchObject({ isError: true, name: 'InputError' });
      expect(r.thrown.errors.length, name).toBeGreaterThan(0);
      for (const e of r.thrown.errors) {
        expect(typeof e.field, name).toBe('string');
        expect(e.message.zh, name).toMatch(/[\u4e00-\u9fff]/);
        expect(e.message.en, name).toMatch(/[a-z]/);
      }
      expect(r.thrown.json, name).toEqual({ errors: r.thrown.errors });
      expect(r.thrown.message, name).toContain(r.thrown.errors[0].field);
    }
    // A value JSON cannot hold is refused on `input`, and the module still works afterwards.
    const big = await page.evaluate(() => { try { window.shuzhuan.check({ profile: { employees: 10n } }); return null; } catch (e) { return e.errors; } });
    expect(big.map((e) => e.field)).toEqual(['input']);
    const after = (await call(page, 'check', { profile: { industry: '3973', employees: 5 } }, { today: TODAY })).value;
    expect(after.sme.is_sme).toBe('yes');
    // In an async function the throw is a rejection carrying the same errors.
    const rejected = await page.evaluate(() => (async () => window.shuzhuan.estimate({}))().then(() => null, (e) => e.errors.map((x) => x.field)));
    expect(rejected).toContain('programme');
  });
});

// Every function the package exports is declared in its typings (crates/wasm/types.d.ts, hand
// written, included as the module's TypeScript section): an export added without its declaration
// (as the provider exports once were) fails here.
test('every export of the package has a TypeScript declaration', () => {
  const js = fs.readFileSync(PKG, 'utf8');
  const dts = fs.readFileSync(PKG.replace(/\.js$/, '.d.ts'), 'utf8');
  const exported = [...js.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]);
  expect(exported).toEqual(expect.arrayContaining(['check', 'estimate', 'providersScore', 'inWan']));
  const untyped = exported.filter((name) => !new RegExp(`^export (?:declare )?(?:function|class) ${name}\\b`, 'm').test(dts));
  expect(untyped).toEqual([]);
});
