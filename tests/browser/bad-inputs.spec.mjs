// The bad-input catalogue (tests/bad-inputs/catalogue.json, README there) in the browser; the CLI
// runs the same cases in crates/cli/tests/bad_inputs.rs.
// 1. The npm package (dist/pkg, loaded by www/pkg-demo.html as pkg.spec.mjs does): every `check`
//    and `estimate` case, its exact input text and options, a few page.evaluate calls in all. A
//    refused case throws an InputError whose `errors` name `expect.field` (the package's name for
//    an option: `as_of` where the CLI says `--as-of`) with the expected zh and en words, every
//    `echo` verbatim and every `also` field; a case accepted on purpose returns a report holding
//    `equals` at `pointer` (and its `notice`). The 1 MB and 100 000-bracket cases included.
// 2. The app's fields: each case aimed at a field the self-check or an estimator has, whose value
//    is text or a number (arrays, objects and booleans cannot be typed), is typed into that field
//    and committed as a user does. A refused value shows the core's message under the field,
//    naming it, in Chinese and then in English; an accepted one shows none; the typed text is
//    never cleared; HTML shows as text and never becomes an element; no page error, no dialog.
// 3. The catalogue really reaches the app: at least 20 cases, covering the required fields.
// Amounts are entered with the unit set to 元, so each catalogue value means what it says (yuan)
// and the messages echo exactly what was typed.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { test, expect, DIST, open, commit, expectRoute, sharedHash } from './helpers.mjs';
import { requireFile } from './built.mjs';
import { catalogue, refused, accepted, inputText, optionsOf, TODAY } from '../bad-inputs/catalogue.mjs';

const PKG = path.join(DIST, 'pkg/shuzhuan.js');
const APP = path.join(DIST, 'app_bg.wasm');

/** `s` as a case-insensitive pattern matching it literally. */
const literally = (s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
/** A value for an assertion message: JSON, at most 80 characters. */
const show = (v) => { const s = JSON.stringify(v) ?? String(v); return s.length > 80 ? `${s.slice(0, 80)}…(${s.length})` : s; };

// ─── 1. The npm package ────────────────────────────────────────────────────────────────────────

const PKG_CASES = catalogue.filter((e) => e.command === 'check' || e.command === 'estimate');
/** The 1 MB cases and the 100 000 nested brackets: their own page.evaluate. */
const isBig = (e) => inputText(e).length > 10_000;

/** Opens the package's demo page and waits until it has initialised the package. */
async function openDemo(page) {
  await page.goto('/pkg-demo.html');
  await expect(page.locator('html')).toHaveAttribute('data-pkg', 'ready');
}

/** Calls `check`/`estimate(inputText, optionsOf)` for each case, in batches of at most 60 cases
 *  or about 2 MB of input per page.evaluate. Each result is `{ report }` or `{ thrown }` with what
 *  a caller sees of the thrown value. */
async function runInPackage(page, cases) {
  const batches = [[]];
  let size = 0;
  for (const e of cases) {
    const text = inputText(e);
    if (batches.at(-1).length >= 60 || (size + text.length > 2_200_000 && batches.at(-1).length)) { batches.push([]); size = 0; }
    batches.at(-1).push([e.command, text, optionsOf(e)]);
    size += text.length;
  }
  const out = [];
  for (const batch of batches) {
    out.push(...await page.evaluate((batch) => batch.map(([command, text, options]) => {
      try {
        return { report: window.shuzhuan[command](text, options) };
      } catch (e) {
        return { thrown: { isError: e instanceof Error, name: e?.name, errors: e?.errors, json: JSON.stringify(e) ?? null, message: String(e?.message) } };
      }
    }), batch));
  }
  expect(out.length).toBe(cases.length);
  return out;
}

/** The value at a JSON pointer (RFC 6901), null when absent (as serde_json's `pointer` is read). */
function at(value, pointer) {
  for (const token of pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (value === null || typeof value !== 'object' || !(token in value)) return null;
    value = value[token];
  }
  return value ?? null;
}

/** What is wrong with the package's answer to one case (empty when it is right). */
function packageProblems(e, got) {
  const x = e.expect;
  if (x.ok) {
    if (got.thrown) return [`threw ${show(got.thrown.errors?.map((f) => `${f.field}: ${f.message?.en}`) ?? got.thrown.message)} (accepted on purpose)`];
    const problems = [];
    if (x.pointer && !isDeepStrictEqual(at(got.report, x.pointer), x.equals)) problems.push(`${x.pointer} is ${show(at(got.report, x.pointer))}, want ${show(x.equals)}`);
    if (x.notice && !(got.report.notices || []).some((n) => n.includes(x.notice))) problems.push(`no notice containing ${show(x.notice)}: ${show(got.report.notices)}`);
    return problems;
  }
  const t = got.thrown;
  if (!t) return [`returned a report instead of refusing ${x.field}`];
  if (!t.isError || t.name !== 'InputError') return [`threw ${t.name} (an Error: ${t.isError}), not an InputError`];
  if (!Array.isArray(t.errors) || !t.errors.length) return [`an InputError without errors: ${show(t.json)}`];
  const problems = [];
  // JSON.stringify of the error is the CLI's `{errors: […]}`; its message names the first field.
  if (!isDeepStrictEqual(JSON.parse(t.json ?? 'null'), { errors: t.errors })) problems.push(`JSON.stringify(error) is ${show(t.json)}, not {errors}`);
  if (!t.message.includes(t.errors[0].field)) problems.push(`message ${show(t.message)} does not name ${t.errors[0].field}`);
  const named = t.errors.find((f) => f.field === x.field);
  if (!named) return [...problems, `no error names ${x.field}; named: ${show(t.errors.map((f) => f.field))}`];
  const { zh, en } = named.message;
  if (!zh.includes(x.zh)) problems.push(`zh ${show(zh)} lacks ${show(x.zh)}`);
  if (!en.includes(x.en)) problems.push(`en ${show(en)} lacks ${show(x.en)}`);
  if (x.echo) {
    if (!zh.includes(x.echo) || !en.includes(x.echo)) problems.push(`${show(x.echo)} is not echoed verbatim: ${show(zh)} / ${show(en)}`);
    for (const entity of ['&lt;', '&gt;', '&amp;', '&quot;', '&#']) if (zh.includes(entity) || en.includes(entity)) problems.push(`${entity} in the message: HTML-escaped instead of text`);
  }
  for (const also of x.also || []) if (!t.errors.some((f) => f.field === also)) problems.push(`${also} is not named as well`);
  return problems;
}

/** Runs the cases and asserts every answer, naming each failing case by id. */
async function expectPackageAnswers(page, cases) {
  const got = await runInPackage(page, cases);
  const failures = cases.flatMap((e, i) => packageProblems(e, got[i]).map((p) => `${e.id}: ${p}`));
  expect(failures, `${failures.length} problem(s) in ${cases.length} cases`).toEqual([]);
  // The module still answers afterwards.
  const after = await page.evaluate((today) => window.shuzhuan.check('{"profile": {"industry": "3973", "employees": 5}}', { today }), TODAY);
  expect(after.sme.is_sme).toBe('yes');
}

test.describe('bad inputs through the npm package', () => {
  requireFile(test, PKG, 'run scripts/build-pkg.sh first');

  const pkgRefused = PKG_CASES.filter((e) => !e.expect.ok && !isBig(e));
  const pkgAccepted = PKG_CASES.filter((e) => e.expect.ok && !isBig(e));
  const pkgBig = PKG_CASES.filter(isBig);

  test('the catalogue is there: ≥ 136 refused cases, all but the assess ones go to the package', () => {
    expect(refused.length).toBeGreaterThanOrEqual(136);
    expect(accepted.length).toBeGreaterThan(0);
    expect(PKG_CASES.length).toBe(catalogue.filter((e) => e.command !== 'assess').length);
    expect(pkgRefused.length + pkgBig.length).toBeGreaterThanOrEqual(120);
    expect(pkgBig.map((e) => e.id)).toEqual(expect.arrayContaining(['revenue-1mb-digits', 'region-1mb-letters', 'uscc-1mb', 'programme-1mb', 'json-deep-nesting']));
  });

  test(`${pkgRefused.length} refused cases throw an InputError naming the field in zh and en; ${pkgAccepted.length} accepted on purpose keep the value`, async ({ page }) => {
    await openDemo(page);
    await expectPackageAnswers(page, [...pkgRefused, ...pkgAccepted]);
  });

  test(`${pkgBig.length} huge inputs (1 MB strings, 100 000 brackets) are refused by field, and the module still works`, async ({ page }) => {
    await openDemo(page);
    await expectPackageAnswers(page, pkgBig);
  });
});

// ─── 2. The app's fields ───────────────────────────────────────────────────────────────────────

/** The app's set-ups: each opens on a page through a share link (unit 元, evaluated as of the
 *  catalogue's date). Step 2 of an industrial firm asks for staff and revenue; of a builder
 *  (4710 住宅房屋建筑) for revenue and total assets. */
const FORM = { unit: 'yuan', as_of: TODAY };
const PAGES = {
  step1: sharedHash(FORM, {}, '#/check/1'),
  industrial: sharedHash({ ...FORM, industry: '3973' }, {}, '#/check/2'),
  builder: sharedHash({ ...FORM, industry: '4710' }, {}, '#/check/2'),
  xiamen: sharedHash(FORM, {}, '#/estimate/xiamen-2024'),
  fuzhou: sharedHash(FORM, {}, '#/estimate/fuzhou-2024'),
  jinan: sharedHash(FORM, {}, '#/estimate/jinan-2024'),
};

/** The catalogue's fields the app has. `input`: the box typed into; `aria`: the control that
 *  carries aria-invalid (the location's select, beside its code box); the inline message is
 *  `#<field_id>-error`. `zh`/`en`: the words by which the label and every message name the field. */
const APP_FIELDS = {
  'profile.uscc': { page: 'step1', input: 'f-uscc', zh: '统一社会信用代码', en: 'unified social credit code' },
  'profile.region': { page: 'step1', input: 'f-region-code', aria: 'f-region', error: 'f-region-error', zh: '行政区划代码', en: 'division code' },
  'profile.industry': { page: 'step1', input: 'f-industry', zh: '行业', en: 'industry' },
  'profile.employees': { page: 'industrial', input: 'f-employees', zh: '从业人员', en: 'staff' },
  'profile.revenue_yuan': { page: 'industrial', input: 'f-revenue', zh: '营业收入', en: 'revenue' },
  'profile.total_assets_yuan': { page: 'builder', input: 'f-assets', zh: '资产总额', en: 'total assets' },
  'project.eligible_input_yuan': { page: 'xiamen', input: 'f-eligible-input-yuan', zh: '数字化改造实际投入', en: 'actual eligible transformation input' },
  'project.contract_down_payment_yuan': { page: 'xiamen', input: 'f-contract-down-payment-yuan', zh: '改造合同首付金额', en: 'contract down payment' },
  'project.chain_enterprises_completed': { page: 'xiamen', input: 'f-chain-enterprises-completed', zh: '完成改造的上下游企业数', en: 'enterprises transformed by the chain leader' },
  'project.training_person_days': { page: 'xiamen', input: 'f-training-person-days', zh: '培训人天数', en: 'training person-days' },
  'project.ratio': { page: 'fuzhou', input: 'f-ratio', zh: '补贴比例', en: 'ratio' },
  'project.caps_yuan.2': { page: 'jinan', input: 'f-cap-2', error: 'f-cap-2-error', zh: '上限', en: 'cap' },
};

/** The field a case aims at: the refused field, or for an accepted case the one it sets. */
function targetField(e) {
  if (!e.expect.ok) return e.expect.field;
  const p = e.expect.pointer?.slice(1).replace(/\//g, '.');
  if (p && APP_FIELDS[p]) return p;
  const input = typeof e.input === 'object' && e.input !== null && !Array.isArray(e.input) ? e.input : {};
  const leaves = ['profile', 'project'].flatMap((k) => Object.keys(input[k] ?? {}).map((f) => `${k}.${f}`));
  return leaves.length === 1 ? leaves[0] : null;
}

/** The text a user would type for the case's field: a string as it is (a `repeat` expanded), a
 *  number as written (in a raw-text input, the literal itself: `1e400`, `-0.0`, 30 digits).
 *  Undefined for what cannot be typed (arrays, objects, booleans, null). */
function typedValue(e, field) {
  const keys = field.split('.');
  if (typeof e.input === 'string') {
    const key = keys.at(-1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = inputText(e).match(new RegExp(`"${key}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|-?[0-9][0-9.eE+-]*)`));
    return m ? (m[1].startsWith('"') ? JSON.parse(m[1]) : m[1]) : undefined;
  }
  let v = e.input;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = v[k];
  }
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  return e.repeat ? v.split(e.repeat.marker).join(e.repeat.text.repeat(e.repeat.times)) : v;
}

/** The industry box commits what looks like a code (a section letter and/or digits, as the app's
 *  `looks_like_code`); anything else is a search, whose hits the user picks from. */
const looksLikeCode = (s) => {
  const t = [...s].map((ch) => (ch >= '\uff01' && ch <= '\uff5e' ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : ch)).join('').replace(/\s/g, '');
  return t !== '' && /^[A-Za-z0-9]+$/.test(t) && (/[0-9]/.test(t) || t.length === 1);
};

/** Every catalogue case the app's fields can take, in catalogue order: `{ id, field, value, ok,
 *  zh, en, echo, search }` (`search`: industry text that is not a code). Cases naming several
 *  fields (`also`) are the last test's. */
const TYPABLE = catalogue.flatMap((e) => {
  if (e.command === 'assess' || e.expect.also) return [];
  const field = targetField(e);
  if (!APP_FIELDS[field]) return [];
  const value = typedValue(e, field);
  if (value === undefined) return []; // a wrong type: nothing a user could type
  const search = field === 'profile.industry' && !looksLikeCode(value);
  return [{ id: e.id, category: e.category, field, value, ok: !!e.expect.ok, zh: e.expect.zh, en: e.expect.en, echo: e.expect.echo, search }];
});

/** The cases the app runs, to keep this part short: every case accepted on purpose; every case
 *  of hostile text, whose display is the point (HTML, RTL overrides, control characters, one
 *  1 MB amount); of the rest, one per field and message (the zh message with its quoted echo and
 *  numbers blanked), e.g. one of the eight "营业收入须为数字" values. The 1 MB location and credit
 *  code take seconds each to type and re-render in both languages: the package runs them. */
const ALWAYS = ['html', 'rtl', 'control-chars', 'huge-string'];
const SLOW = ['region-1mb-letters', 'uscc-1mb'];
const messageKind = (c) => `${c.field} ${c.zh.replace(/“[^”]*”/g, '“”').replace(/[0-9]+/g, '#')}`;
const APP_CASES = TYPABLE.reduce((kept, c) => {
  if (SLOW.includes(c.id)) return kept;
  const first = c.ok || c.search || !kept.some((d) => !d.ok && !d.search && messageKind(d) === messageKind(c));
  return first || ALWAYS.includes(c.category) ? [...kept, c] : kept;
}, []);

/** Opens the app on a set-up; also fails on any dialog (an `alert(1)` that ran). */
async function openApp(page, where) {
  const problems = await open(page, PAGES[where]);
  page.on('dialog', (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  return problems;
}

/** Asserts that no HTML from an input became an element: no <img src=x>, no onerror attribute,
 *  no element inside a message, no script carrying alert(. */
async function expectNoInjection(page, id) {
  const injected = await page.evaluate(() => [
    ...document.querySelectorAll('img[src="x"], [onerror], .field-error *, .error-summary li a *, option *'),
    ...[...document.querySelectorAll('script')].filter((s) => s.textContent.includes('alert(')),
  ].map((el) => el.outerHTML.slice(0, 100)));
  expect(injected, `${id}: elements made from the input`).toEqual([]);
}

/** A fingerprint of a text (length and FNV-1a over its UTF-16 units), to compare 1 MB values
 *  without sending them back from the page. */
function fingerprint(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return `${s.length}:${h}`;
}

/** Whether the field still shows exactly what was typed. */
async function expectKept(field, c, when) {
  const got = await field.evaluate((el, fp) => {
    const s = el.value;
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return `${s.length}:${h}` === fp ? null : s.slice(0, 80);
  }, fingerprint(c.value));
  expect(got, `${c.id}: the field holds ${show(got)} ${when}, typed ${show(c.value)}`).toBeNull();
}

/** The page's language, from its language control (which offers the other one). */
async function langOf(page) {
  return (await page.locator('#lang-switch').innerText()).trim() === 'English' ? 'zh' : 'en';
}

/** The language control: waits until the page is in `lang`. */
async function switchTo(page, lang) {
  const button = page.locator('#lang-switch');
  const want = lang === 'en' ? '中文' : 'English';
  if ((await button.innerText()).trim() !== want) await button.click();
  await expect(button).toHaveText(want);
}

/** Types each case into its field, commits it, and asserts the outcome (see the file's head). A
 *  refused case is read in the page's language, then the language is switched and it is read
 *  again: so every message is seen in both, and changes language under the user's eyes. */
async function runAppCases(page, problems, cases) {
  let ran = 0;
  let lang = await langOf(page);
  for (const c of cases) {
    const f = APP_FIELDS[c.field];
    const field = page.locator(`#${f.input}`);
    const inline = page.locator(`#${f.error ?? `${f.input}-error`}`);
    const aria = page.locator(`#${f.aria ?? f.input}`);
    await commit(field, c.value);
    if (c.ok || c.search) {
      // Accepted on purpose (full-width digits, 亿, lower case, spaces), or a search: no message.
      await expect(inline, `${c.id}: no message`).toHaveCount(0);
      await expect(aria, c.id).toHaveAttribute('aria-invalid', 'false');
    } else {
      await expect(inline).toHaveClass('field-error');
      await expect(aria, c.id).toHaveAttribute('aria-invalid', 'true');
      for (const l of [lang, lang === 'zh' ? 'en' : 'zh']) {
        if (l !== lang) { await switchTo(page, l); lang = l; }
        await expect(inline, `${c.id}: the message under the field (${l})`).toContainText(c[l]);
        await expect(inline, `${c.id}: the message names the field (${l})`).toContainText(literally(f[l]));
        if (c.echo) expect(await inline.textContent(), `${c.id}: echoed as text (${l})`).toContain(c.echo);
        await expectKept(field, c, `with the message in ${l}`);
      }
    }
    await expectKept(field, c, 'after commit');
    await expectNoInjection(page, c.id);
    expect(problems, `${c.id}: page errors`).toEqual([]);
    // A 1 MB value would be parsed again on every later change: the user deletes it.
    if (c.value.length > 10_000) await commit(field, '');
    ran++;
  }
  return ran;
}

/** The labels of these fields name them with the words their messages use, in both languages. */
async function expectLabels(page, fields) {
  const labels = fields.map((field) => [APP_FIELDS[field], page.locator(`label[for="${APP_FIELDS[field].input}"]`)]);
  for (const [f, label] of labels) await expect(label).toContainText(f.zh);
  await switchTo(page, 'en');
  for (const [f, label] of labels) await expect(label).toContainText(literally(f.en));
  await switchTo(page, 'zh');
}

const casesOf = (...fields) => APP_CASES.filter((c) => fields.includes(c.field));
const XIAMEN_FIELDS = ['project.eligible_input_yuan', 'project.contract_down_payment_yuan', 'project.chain_enterprises_completed', 'project.training_person_days'];
/** The app's tests below, by the cases each types (and asserts it ran, every one). */
const STEP1 = casesOf('profile.uscc', 'profile.region', 'profile.industry');
const STEP2 = casesOf('profile.employees', 'profile.revenue_yuan');
const ASSETS = casesOf('profile.total_assets_yuan');
const XIAMEN = casesOf(...XIAMEN_FIELDS);
const FUZHOU = casesOf('project.ratio');
const CAPS = casesOf('project.caps_yuan.2');
const counts = (cases) => `${cases.filter((c) => !c.ok && !c.search).length} refused, ${cases.filter((c) => c.ok).length} accepted`
  + (cases.some((c) => c.search) ? `, ${cases.filter((c) => c.search).length} industry searches` : '');

test.describe('bad inputs typed into the app', () => {
  requireFile(test, APP, 'run scripts/build-app.sh first');

  test(`self-check step 1, credit code, location code and industry code: ${counts(STEP1)}`, async ({ page }) => {
    test.setTimeout(90_000);
    const problems = await openApp(page, 'step1');
    await expectLabels(page, ['profile.uscc', 'profile.region', 'profile.industry']);
    // Industry words are a search, not a value (the app commits what looks like a code): typed
    // first, while no class is chosen, they show no message and choose nothing.
    const words = STEP1.filter((c) => c.search);
    expect(words.map((c) => c.id)).toEqual(expect.arrayContaining(['industry-script', 'industry-sql']));
    expect(await runAppCases(page, problems, words)).toBe(words.length);
    await expect(page.locator('#industry-chosen')).toHaveText('');
    const rest = STEP1.filter((c) => !c.search);
    expect(await runAppCases(page, problems, rest)).toBe(rest.length);
    // A code typed and committed is the chosen class.
    await commit(page.locator('#f-industry'), 'c３９７３');
    await expect(page.locator('#industry-chosen')).toContainText('3973 集成电路制造');
  });

  test(`self-check step 2, staff and revenue (3973, an industrial firm): ${counts(STEP2)}`, async ({ page }) => {
    test.setTimeout(90_000);
    const problems = await openApp(page, 'industrial');
    await expectLabels(page, ['profile.employees', 'profile.revenue_yuan']);
    expect(await runAppCases(page, problems, STEP2)).toBe(STEP2.length);
  });

  test(`self-check step 2, total assets (4710, a builder): ${counts(ASSETS)}`, async ({ page }) => {
    const problems = await openApp(page, 'builder');
    await expectLabels(page, ['profile.total_assets_yuan']);
    expect(await runAppCases(page, problems, ASSETS)).toBe(ASSETS.length);
  });

  test(`estimators, Xiamen's amounts and counts, Fuzhou's ratio, Jinan's caps: ${counts([...XIAMEN, ...FUZHOU])}, ${CAPS.length} cap`, async ({ page }) => {
    test.setTimeout(90_000);
    const problems = await openApp(page, 'xiamen');
    await expectLabels(page, XIAMEN_FIELDS.filter((f) => XIAMEN.some((c) => c.field === f)));
    expect(await runAppCases(page, problems, XIAMEN)).toBe(XIAMEN.length);
    await page.evaluate(() => { window.location.hash = '#/estimate/fuzhou-2024'; });
    await expect(page.locator('#f-ratio')).toBeVisible();
    await expectLabels(page, ['project.ratio']);
    expect(await runAppCases(page, problems, FUZHOU)).toBe(FUZHOU.length);
    await commit(page.locator('#f-ratio'), '');
    // Caps by level are Jinan's (Fuzhou's 17号 does not grade amounts by level).
    await page.evaluate(() => { window.location.hash = '#/estimate/jinan-2024'; });
    await expect(page.locator('#f-cap-2')).toBeVisible();
    await expectLabels(page, ['project.caps_yuan.2']);
    // A cap: its message is in the summary at the top, naming the cap, and the text is kept (the
    // missing message under the field is the next test's).
    const [c] = CAPS;
    expect(CAPS.map((x) => x.id)).toEqual(['cap-negative']);
    const field = page.locator('#f-cap-2');
    await commit(field, c.value);
    const link = page.locator('#error-summary a[href="#f-cap-2"]');
    for (const l of [await langOf(page), (await langOf(page)) === 'zh' ? 'en' : 'zh']) {
      await switchTo(page, l);
      await expect(link, `${c.id} (${l})`).toContainText(c[l]);
      await expect(link, `${c.id} (${l})`).toContainText(literally(APP_FIELDS[c.field][l]));
      await expectKept(field, c, `in ${l}`);
    }
    await expectNoInjection(page, c.id);
    expect(problems).toEqual([]);
  });

  test('Jinan estimator caps: a refused cap shows its message under the field', async ({ page }) => {
    const [c] = CAPS;
    await openApp(page, 'jinan');
    await commit(page.locator('#f-cap-2'), c.value);
    await expect(page.locator('#error-summary')).toContainText(c.zh);
    await expect(page.locator('#f-cap-2-error')).toContainText(c.zh, { timeout: 2000 });
    await expect(page.locator('#f-cap-2')).toHaveAttribute('aria-invalid', 'true', { timeout: 2000 });
  });

  test('several bad fields at once (several-bad-fields): each typed one is named, on its step and in the results', async ({ page }) => {
    const e = catalogue.find((x) => x.id === 'several-bad-fields');
    const p = e.input.profile;
    // The step-2 figures first (no industry chosen yet: staff and revenue are asked).
    const problems = await open(page, sharedHash(FORM, {}, '#/check/2'));
    await commit(page.locator('#f-employees'), String(p.employees));
    await commit(page.locator('#f-revenue'), p.revenue_yuan);
    await expect(page.locator('#f-employees-error')).toContainText('从业人员不能为负数');
    await expect(page.locator('#f-revenue-error')).toContainText('营业收入须为数字');
    await page.getByRole('link', { name: '上一步' }).click();
    await expectRoute(page, '#/check/1');
    await commit(page.locator('#f-uscc'), p.uscc);
    await commit(page.locator('#f-region-code'), p.region);
    await commit(page.locator('#f-industry'), p.industry);
    // independent_legal_person: "maybe" is not something step 3's yes/no/unsure choice can say.
    const typed = { 'profile.uscc': p.uscc, 'profile.region': p.region, 'profile.industry': p.industry };
    for (const [field, value] of Object.entries(typed)) {
      const f = APP_FIELDS[field];
      await expect(page.locator(`#${f.error ?? `${f.input}-error`}`), field).toContainText(f.zh);
      await expect(page.locator(`#${f.input}`), field).toHaveValue(value);
    }
    await expect(page.locator('#f-industry-error')).toContainText(e.expect.zh);
    await page.locator('#next').click();
    await expect(page.locator('#error-summary li')).toHaveCount(3);
    // The results say what was left out: all five, each naming its field.
    await page.locator('header nav').getByRole('link', { name: '自查结果' }).click();
    await expectRoute(page, '#/results');
    const left = page.locator('.results .error-summary');
    const named = ['profile.industry', 'profile.employees', 'profile.revenue_yuan', 'profile.region', 'profile.uscc'];
    for (const field of named) await expect(left, field).toContainText(APP_FIELDS[field].zh);
    await expect(left).toContainText(e.expect.zh);
    await switchTo(page, 'en');
    for (const field of named) await expect(left, field).toContainText(literally(APP_FIELDS[field].en));
    await expect(left).toContainText(e.expect.en);
    await expectNoInjection(page, e.id);
    expect(problems).toEqual([]);
  });
});

// ─── 3. The catalogue reaches the app ─────────────────────────────────────────────────────────

test('the catalogue exercises the app: ≥ 20 cases typed into its fields, every required field covered', () => {
  // Each of the app's tests above types its list and asserts it ran every case in it; together
  // the lists are all the app's cases.
  expect([...STEP1, ...STEP2, ...ASSETS, ...XIAMEN, ...FUZHOU, ...CAPS].map((c) => c.id).sort()).toEqual(APP_CASES.map((c) => c.id).sort());
  const refusedInApp = APP_CASES.filter((c) => !c.ok && !c.search);
  expect(APP_CASES.length, APP_CASES.map((c) => c.id).join(' ')).toBeGreaterThanOrEqual(20);
  expect(refusedInApp.length).toBeGreaterThanOrEqual(20);
  for (const f of ['profile.employees', 'profile.revenue_yuan', 'profile.total_assets_yuan', 'profile.uscc', 'project.eligible_input_yuan']) {
    expect(refusedInApp.filter((c) => c.field === f).length, f).toBeGreaterThan(0);
  }
  // Accepted on purpose, typed: full-width digits with 万, 亿元, 120.0 staff, lower case and spaced credit codes.
  expect(APP_CASES.filter((c) => c.ok).map((c) => c.id)).toEqual(expect.arrayContaining(['revenue-whitespace-trimmed', 'revenue-yi-yuan-accepted', 'employees-120-point-0', 'uscc-lower-case-accepted', 'uscc-spaces-accepted']));
  // HTML cases with a field: typed, and shown as text.
  expect(APP_CASES.filter((c) => c.echo).map((c) => c.id)).toEqual(expect.arrayContaining(['region-img-onerror', 'revenue-bold']));
});
