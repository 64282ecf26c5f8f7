// A city's own rules without a rebuild: the app, the widgets, the npm package and the reviewers'
// pages read `rules.json` at run time. A site written by `shuzhuan site --rules` with a changed
// pack shows the changed amounts; a pack that fails validation shows its problems and no verdict.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, appReady, watch, sharedHash, yuan, XIAMEN_FORM, DIST } from './helpers.mjs';
import { serveCopy, serveFile } from './offline-helpers.mjs';

const BINARY = fileURLToPath(new URL('../../target/release/shuzhuan', import.meta.url));
const RULES = fileURLToPath(new URL('../../crates/policy/rules', import.meta.url));
const TMP = fileURLToPath(new URL('../../target/tmp', import.meta.url));

/** Serves `dir` with a `shuzhuan serve` of its own: { base, close }. */
async function serve(dir) {
  const server = spawn(BINARY, ['serve', '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`shuzhuan serve exited ${code}: ${out}`)));
  });
  return { base, close: () => server.kill() };
}

/** A page of its own on another server, watched as the suite's pages are. */
async function pageOn(browser, base) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  return { context, page, problems: watch(page, base) };
}

/** The seed rule files, copied to target/tmp/NAME with `edit` applied to one of them. */
function editedPack(name, file, edit) {
  const dir = path.join(TMP, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(RULES).filter((f) => f.endsWith('.toml'))) {
    const text = fs.readFileSync(path.join(RULES, f), 'utf8');
    fs.writeFileSync(path.join(dir, f), f === file ? edit(text) : text);
  }
  return dir;
}

/** The site `shuzhuan site` writes (target/tmp/site-NAME) from the seed rules with `from`
 *  replaced by `to` in `file`; throws when `from` is not there. */
function siteWith(name, file, from, to) {
  const pack = editedPack(`pack-${name}`, file, (t) => {
    const out = t.replace(from, to);
    if (out === t) throw new Error(`${from} was not found in ${file}`);
    return out;
  });
  const site = path.join(TMP, `site-${name}`);
  fs.rmSync(site, { recursive: true, force: true });
  execFileSync(BINARY, ['site', '--rules', pack, '-o', site, '--dir', DIST]);
  return site;
}

const DIAGNOSIS = { 'xiamen-2024': { level: '3', amounts: { diagnosis_fee_yuan: '10' } } };
const diagnosis = (page) => page.locator('tr[data-measure="xm-3-diagnosis"] td.amount');

test('a site written by `shuzhuan site --rules` with a changed cap shows the changed amount; the shipped site the original', async ({ page, browser }) => {
  // The shipped rules: 60 % of a 10万 diagnosis fee is 6万, at the cap of 6万 (Xiamen 四、（五）3).
  await page.goto('/' + sharedHash(XIAMEN_FORM, DIAGNOSIS, '#/estimate/xiamen-2024'));
  await appReady(page);
  await expect(diagnosis(page)).toHaveText(yuan(60000));
  const shippedHash = await page.locator('footer .muted').textContent();

  // The same programme with its cap lowered to 5万, published without a rebuild.
  const site = siteWith('changed', 'xiamen-2024.toml', 'ratio = "0.6", cap = "60000"', 'ratio = "0.6", cap = "50000"');
  expect(fs.readFileSync(path.join(site, 'app_bg.wasm')).equals(fs.readFileSync(path.join(DIST, 'app_bg.wasm')))).toBe(true);
  const server = await serve(site);
  const other = await pageOn(browser, server.base);
  try {
    await other.page.goto(server.base + sharedHash(XIAMEN_FORM, DIAGNOSIS, '#/estimate/xiamen-2024'));
    await appReady(other.page);
    await expect(diagnosis(other.page)).toHaveText(yuan(50000));
    await expect(other.page.locator('tr[data-measure="xm-3-diagnosis"]')).toContainText('5万元');
    // The footer names the rules that answered: not the shipped ones.
    await expect(other.page.locator('footer .muted')).not.toHaveText(shippedHash);
    expect(other.problems).toEqual([]);
  } finally {
    await other.context.close();
    server.close();
  }
});

test('a pack that fails validation shows every problem and no verdict, on every page of the app', async ({ browser }) => {
  const copy = await serveCopy('pack-broken');
  // One number changed after the build: the digest no longer matches, so the pack is refused whole.
  const text = fs.readFileSync(path.join(copy.dir, 'rules.json'), 'utf8');
  const altered = text.replace('"60000"', '"600000"');
  expect(altered).not.toBe(text);
  serveFile(copy.dir, 'rules.json', altered);
  const { context, page, problems } = await pageOn(browser, copy.base);
  try {
    await page.goto(copy.base + '#/');
    await appReady(page);
    await expect(page.locator('#page-title')).toHaveText('政策规则无法使用');
    await expect(page.locator('#rules-trouble')).toContainText('digest');
    // Each problem in the language chosen: Chinese here (message_zh).
    await expect(page.locator('#rules-trouble')).toContainText('规则包生成后被改动过');
    for (const hash of ['#/check/1', '#/results', '#/estimate/xiamen-2024', '#/library']) {
      await page.goto(copy.base + hash);
      await appReady(page);
      await expect(page.locator('#rules-trouble')).toBeVisible();
      await expect(page.locator('[data-verdict], td.amount, section.programme')).toHaveCount(0);
    }
    // English too.
    await page.locator('#lang-switch').click();
    await expect(page.locator('#page-title')).toHaveText('The policy rules cannot be used');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    copy.close();
  }
});

/** FNV-1a 64 over (name, text) pairs, each followed by a NUL, in hex: a pack's digest
 *  (crates/policy/src/fnv.rs over each file's programme as compact JSON). */
function fnv1a(pairs) {
  let h = 0xcbf29ce484222325n;
  for (const [name, text] of pairs) {
    for (const b of [...Buffer.from(name, 'utf8'), 0, ...Buffer.from(text, 'utf8'), 0]) {
      h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  }
  return h.toString(16).padStart(16, '0');
}

/** Each file of a built pack as [name, the raw JSON text of its programme] (what the digest covers). */
function programmeTexts(pack) {
  const out = [];
  const re = /\{"name":("(?:[^"\\]|\\.)*"),"programme":/g;
  for (let m; (m = re.exec(pack));) {
    const start = m.index + m[0].length;
    let [depth, i, inString] = [0, start, false];
    for (; i < pack.length; i++) {
      const c = pack[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out.push([JSON.parse(m[1]), pack.slice(start, i + 1)]);
  }
  return out;
}

/** A built pack edited and sealed again (its digest computed anew): what a hand-forged pack
 *  looks like to the app, which then has only its own checks to rely on. */
function resealed(pack, edit) {
  const text = edit(pack);
  return text.replace(/"digest":"[0-9a-f]{16}"/, `"digest":"${fnv1a(programmeTexts(text))}"`);
}

test('a resealed pack with an industry code the catalogue lacks: refused once the catalogue arrives, before any verdict', async ({ browser }) => {
  const copy = await serveCopy('pack-forged-code');
  const text = fs.readFileSync(path.join(copy.dir, 'rules.json'), 'utf8');
  // The helper seals as the build does: the shipped pack comes out unchanged.
  expect(resealed(text, (t) => t)).toBe(text);
  const forged = resealed(text, (t) => t.replace('"codes":["176"', '"codes":["999"'));
  expect(forged).not.toBe(text);
  serveFile(copy.dir, 'rules.json', forged);
  const { context, page, problems } = await pageOn(browser, copy.base);
  try {
    // The start and the library read the pack (its shape is fine) before the catalogue is there.
    await page.goto(copy.base + '#/library');
    await appReady(page);
    await expect(page.locator('#rules-trouble')).toHaveCount(0);
    // The self-check needs the catalogue: once it is loaded the code is found unknown.
    await page.goto(copy.base + sharedHash(XIAMEN_FORM, {}, '#/check/1'));
    await expect(page.locator('#rules-trouble')).toContainText('999');
    await expect(page.locator('#rules-trouble')).toContainText('不是 GB/T 4754-2017 行业代码');
    for (const hash of ['#/results', '#/estimate/fuzhou-2024', '#/check/3']) {
      await page.goto(copy.base + hash);
      await expect(page.locator('#rules-trouble')).toBeVisible();
      await expect(page.locator('[data-verdict], td.amount, section.programme')).toHaveCount(0);
    }
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    copy.close();
  }
});

test('the self-assessment page without its rules still gives the level and says why the subsidies are missing', async ({ browser }) => {
  const copy = await serveCopy('pack-missing');
  fs.rmSync(path.join(copy.dir, 'rules.json'));
  for (const ext of ['.br', '.gz']) fs.rmSync(path.join(copy.dir, 'rules.json' + ext), { force: true });
  const { context, page, problems } = await pageOn(browser, copy.base);
  try {
    await page.goto(copy.base + 'assess.html#/result');
    await expect(page.locator('#level-card')).toBeVisible();
    await expect(page.locator('#rules-trouble')).toContainText('rules.json');
    await expect(page.locator('article.subsidy')).toHaveCount(0);
    // The only problem is the missing file the test removed (its 404).
    expect(problems.filter((p) => !/rules\.json|status of 404/.test(p))).toEqual([]);
  } finally {
    await context.close();
    copy.close();
  }
});

test('the widgets read the pack their rules attribute names, and show a broken one\'s problems instead of amounts', async ({ browser }) => {
  const copy = await serveCopy('pack-widgets');
  // The city's pack (cap lowered to 5万), built by the CLI; and the same pack altered after the build.
  const dir = editedPack('pack-widget', 'xiamen-2024.toml', (t) => t.replace('ratio = "0.6", cap = "60000"', 'ratio = "0.6", cap = "50000"'));
  execFileSync(BINARY, ['rules', 'build', dir, '-o', path.join(copy.dir, 'city-rules.json')]);
  const city = fs.readFileSync(path.join(copy.dir, 'city-rules.json'), 'utf8');
  expect(city).toContain('"50000"');
  fs.writeFileSync(path.join(copy.dir, 'broken-rules.json'), city.replace('"50000"', '"500000"'));
  fs.writeFileSync(path.join(copy.dir, 'widget-host.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="icon.svg"><script type="module" src="embed.js"></script></head><body>
<shuzhuan-estimate id="shipped" programme="xiamen-2024" as-of="2025-06-30"></shuzhuan-estimate>
<shuzhuan-estimate id="city" programme="xiamen-2024" as-of="2025-06-30" rules="city-rules.json"></shuzhuan-estimate>
<shuzhuan-estimate id="broken" programme="xiamen-2024" as-of="2025-06-30" rules="broken-rules.json"></shuzhuan-estimate>
</body></html>`);
  const { context, page, problems } = await pageOn(browser, copy.base);
  try {
    await page.goto(copy.base + 'widget-host.html');
    const fee = async (id) => {
      const w = page.locator(`#${id}`);
      await w.scrollIntoViewIfNeeded();
      await w.locator('#f-level').selectOption('3');
      await w.locator('#f-diagnosis-fee-yuan').fill('10');
      await w.locator('#f-diagnosis-fee-yuan').press('Tab');
      await w.locator('#submit').click();
      return w.locator('tr[data-measure="xm-3-diagnosis"] .amount');
    };
    await expect(await fee('shipped')).toHaveText(yuan(60000));
    await expect(await fee('city')).toHaveText(yuan(50000));
    // Back to the first: each widget keeps its own pack, though they share one core.
    await page.locator('#shipped #f-diagnosis-fee-yuan').fill('9');
    await page.locator('#shipped #f-diagnosis-fee-yuan').press('Tab');
    await expect(page.locator('#shipped tr[data-measure="xm-3-diagnosis"] .amount')).toHaveText(yuan(54000));
    const broken = page.locator('#broken');
    await broken.scrollIntoViewIfNeeded();
    await expect(broken.locator('#rules-problems')).toContainText('digest');
    await expect(broken.locator('#rules-problems')).toContainText('规则包生成后被改动过');
    await expect(broken.locator('form')).toHaveCount(0);
    // The host page and its packs are the test's own files, not the build's.
    expect(problems.filter((p) => !/(widget-host\.html|city-rules\.json|broken-rules\.json)$/.test(p))).toEqual([]);
  } finally {
    await context.close();
    copy.close();
  }
});

test('the npm package: loadRules replaces the built-in rules; a broken pack is refused with its problems and the rules in use stay', async ({ page }) => {
  const dir = editedPack('pack-npm', 'xiamen-2024.toml', (t) => t.replace('ratio = "0.6", cap = "60000"', 'ratio = "0.6", cap = "50000"'));
  const built = path.join(TMP, 'pack-npm.json');
  execFileSync(BINARY, ['rules', 'build', dir, '-o', built]);
  const pack = fs.readFileSync(built, 'utf8');
  await page.goto('/pkg-demo.html');
  const out = await page.evaluate(async (pack) => {
    const m = await import('/pkg/shuzhuan.js');
    await m.default();
    const input = { programme: 'xiamen-2024', as_of: '2025-06-30', project: { digital_level_after: 3, diagnosis_fee_yuan: '100000' } };
    const amount = () => m.estimate(input).measures.find((x) => x.id === 'xm-3-diagnosis').amount_yuan;
    const before = amount();
    const loaded = m.loadRules(pack, 'city.json');
    const after = amount();
    let error;
    try {
      m.loadRules(pack.replace('"50000"', '"500000"'));
    } catch (e) {
      error = { name: e.name, problems: e.problems.map((p) => `${p.path}: ${p.message}`) };
    }
    return { before, after, loaded, error, still: amount(), origin: m.estimate(input).rules.origin };
  }, pack);
  expect(out.before).toBe('60000');
  expect(out.after).toBe('50000');
  expect(out.loaded.programmes).toContain('xiamen-2024');
  expect(out.error.name).toBe('RulesError');
  expect(out.error.problems.join('\n')).toContain('changed after it was built');
  expect(out.still).toBe('50000');
  expect(out.origin).toBe('city.json');
});

test('the npm package: a pack loadRules replaces is freed, so loading packs again and again does not grow its memory; a batch keeps its own rules', async ({ page }) => {
  const built = path.join(TMP, 'pack-seeds.json');
  execFileSync(BINARY, ['rules', 'build', RULES, '-o', built]);
  const pack = fs.readFileSync(built, 'utf8');
  await page.goto('/pkg-demo.html');
  const out = await page.evaluate(async (pack) => {
    const m = await import('/pkg/shuzhuan.js');
    const wasm = await m.default();
    const size = () => wasm.memory.buffer.byteLength;
    m.loadRules(pack, 'first.json');
    // A batch started under the first pack, screened after it was replaced many times.
    const batch = new m.Batch(['xiamen-2024'], { as_of: '2025-06-30' });
    // Warm up: the allocator's free lists settle after the first few packs.
    for (let i = 0; i < 5; i++) m.loadRules(pack, 'warm-up.json');
    const before = size();
    for (let i = 0; i < 60; i++) m.loadRules(pack, `again-${i}.json`);
    const after = size();
    batch.pushText(m.batchTemplate('zh'));
    batch.finish();
    const input = { programme: 'xiamen-2024', as_of: '2025-06-30', project: { digital_level_after: 3, diagnosis_fee_yuan: '100000' } };
    return { before, after, screened: batch.summary().programmes.map((p) => p.id), origin: m.estimate(input).rules.origin };
  }, pack);
  // Each pack kept adds its programmes as read 60 times over (5.7 MB with the seed pack when
  // loadRules leaked the packs it replaced). Freed, the memory hardly grows: under 1 MiB, which
  // leaves the allocator room for a few pages of slack.
  expect(out.after - out.before).toBeLessThan(1 << 20);
  expect(out.origin).toBe('again-59.json');
  expect(out.screened).toEqual(['xiamen-2024']);
});

test('a city not in the seeds, written with `rules new` and published with `site`: its own question is asked in the app and the widget, and decides the verdict', async ({ browser }) => {
  const dir = path.join(TMP, 'pack-new-city');
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync(BINARY, ['rules', 'new', 'demo-2026', '-o', dir], { env: { ...process.env, SHUZHUAN_TODAY: '2026-12-03' } });
  const site = path.join(TMP, 'site-new-city');
  fs.rmSync(site, { recursive: true, force: true });
  execFileSync(BINARY, ['site', '--rules', dir, '-o', site, '--dir', DIST]);
  fs.writeFileSync(path.join(site, 'widget-host.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="icon.svg"><script type="module" src="embed.js"></script></head><body>
<shuzhuan-check programme="demo-2026" as-of="2026-06-30"></shuzhuan-check></body></html>`);
  const server = await serve(site);
  const { context, page, problems } = await pageOn(browser, server.base);
  try {
    // The app: only the new city's programme; step 3 asks its own question with its clause.
    const form = { industry: '3973', region: '379901', employees: '120', revenue: '8500', as_of: '2026-06-30' };
    await page.goto(server.base + sharedHash(form, {}, '#/check/3'));
    await appReady(page);
    await expect(page.locator('#page-title')).toHaveText('其他申报条件');
    const tax = page.locator('fieldset[data-question="tax_paid"]');
    await expect(tax.locator('legend')).toHaveText('依法纳税，近三年无欠税');
    await expect(tax).toContainText('三、（一）2');
    await expect(page.locator('.live-list li')).toHaveCount(1);
    await expect(page.locator('.live-list li[data-programme="demo-2026"] [data-verdict]')).toHaveAttribute('data-verdict', 'Unknown');
    await tax.locator('#f-q-tax-paid-yes').check();
    await expect(page.locator('.live-list li[data-programme="demo-2026"] [data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
    await tax.locator('#f-q-tax-paid-no').check();
    await expect(page.locator('.live-list li[data-programme="demo-2026"] [data-verdict]')).toHaveAttribute('data-verdict', 'NotEligible');

    // Step 1's district picker offers the districts the pack lists for its city (no seed city:
    // their programmes are not in this pack), the form's 379901 chosen.
    await page.goto('about:blank');
    await page.goto(server.base + sharedHash(form, {}, '#/check/1'));
    await appReady(page);
    await expect(page.locator('#f-region optgroup')).toHaveCount(1);
    await expect(page.locator('#f-region optgroup[label="示例市"] option')).toHaveText(['示例市示例区', '示例市样板县', '示例市（开发区等其他）']);
    await expect(page.locator('#f-region')).toHaveValue('379901');

    // Its estimator: 30 % of 80万 when the level after is 2 (the template's 四、（一）). A link
    // differing only in its fragment does not reload the page: open it as a new visit would.
    await page.goto('about:blank');
    await page.goto(server.base + sharedHash(form, { 'demo-2026': { level: '2', amounts: { eligible_input_yuan: '80' } } }, '#/estimate/demo-2026'));
    await appReady(page);
    await expect(page.locator('tr[data-measure="transformation"] td.amount')).toHaveText(yuan(240000));
    // Each level is offered once (the pack's levels start at 1, which the form always offers).
    await expect(page.locator('#f-level option')).toHaveText(['请选择', '未达一级', '一级', '二级', '三级', '四级']);

    // The check widget asks the same question.
    await page.goto(server.base + 'widget-host.html');
    const w = page.locator('shuzhuan-check');
    await w.scrollIntoViewIfNeeded();
    await w.locator('#f-industry').fill('3973');
    await w.locator('#f-industry').press('Tab');
    // The widget's picker offers the pack's districts too.
    await expect(w.locator('#f-region optgroup[label="示例市"] option')).toHaveText(['示例市示例区', '示例市样板县', '示例市（开发区等其他）']);
    await w.locator('#f-region').selectOption('379901');
    await expect(w.locator('#f-region-code')).toHaveValue('379901');
    await w.locator('#f-employees').fill('120');
    await w.locator('#f-revenue').fill('8500');
    await w.locator('#f-revenue').press('Tab');
    await expect(w.locator('[data-question="tax_paid"]')).toContainText('三、（一）2');
    await w.locator('#f-q-tax-paid-yes').check();
    await w.locator('#submit').click();
    await expect(w.locator('article.programme[data-programme="demo-2026"]')).toHaveAttribute('data-verdict', 'eligible');
    expect(problems.filter((p) => !/widget-host\.html$/.test(p))).toEqual([]);
  } finally {
    await context.close();
    server.close();
  }
});

test('the provider page\'s exit labels follow the pack: three no-star ratings in a row, not the shipped two', async ({ browser }) => {
  // 五（四） of the shipped measure: 连续两次无星级 → exit. A pack that says three.
  const site = siteWith('exit-three', 'fuzhou-providers-2024.toml', 'exit_after_no_stars = { value = 2,', 'exit_after_no_stars = { value = 3,');
  const server = await serve(site);
  const other = await pageOn(browser, server.base);
  try {
    const { page } = other;
    await page.goto(server.base + 'providers.html');
    await page.locator('#stars-sheet').fill('编号,名称,2024-10,2025-04,2025-10\nP01,甲科技,0,0,0\nP02,乙数据,0,0,3\n');
    await page.locator('#stars-run').click();
    const result = page.locator('#stars-result');
    const row = (id) => result.locator('table.pool tr', { has: page.locator('th', { hasText: new RegExp(`^${id}$`) }) });
    await expect(row('P01')).toContainText('已退出（连续三次无星级）');
    await expect(row('P02')).toContainText('在库');
    await expect(result.locator('table.rounds thead')).toContainText('连续三次无星级退出');
    // The tables say three; only the measure's quoted text (五（四）, verbatim) still says 两次.
    for (const t of ['table.rounds', 'table.pool']) await expect(result.locator(t)).not.toContainText('两次');
    await page.locator('#lang').click();
    await expect(row('P01')).toContainText('Exited (three no-star ratings in a row)');
    await expect(result.locator('table.rounds thead')).toContainText('Exit: three no-star ratings in a row');
    expect(other.problems).toEqual([]);
  } finally {
    await other.context.close();
    server.close();
  }
});
