// The rule-pack editor (rules.html): the template `shuzhuan rules new` writes, validated as it
// loads; a planted error listed at its line, the caret moved there, the list cleared once fixed;
// a file opened and one dropped; the try-it panel's verdicts for a manufacturing profile; the
// downloaded rules.json equal to the CLI's `rules build` of the same text; English; 360 px; and
// nothing asked of any origin but the page's own files.
import { test, expect } from './helpers.mjs';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = `${ROOT}/target/release/shuzhuan`;
const TEMPLATE = fs.readFileSync(`${ROOT}/crates/cli/src/template.toml`, 'utf8');
/** The template's Chinese title, as the file writes it. */
const TITLE = TEMPLATE.match(/^title = \{ zh = "([^"]+)"/m)[1];

/** Today in China (the page dates the template by the core's UTC+8 rule). */
const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function openEditor(page) {
  await page.goto('/rules.html');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'valid');
}

/** The line (from 1) of the caret in the source box. */
const caretLine = (page) => page.locator('#source').evaluate((ta) => ta.value.slice(0, ta.selectionStart).split('\n').length);

/** The line (from 1) of the first line of `text` that contains `part`. */
const lineOf = (text, part) => text.split('\n').findIndex((l) => l.includes(part)) + 1;

test('the template loads as `shuzhuan rules new example-2026` writes it today and validates; the preview and the form show it', async ({ page }) => {
  await openEditor(page);
  const text = await page.locator('#source').inputValue();
  // Dated when the page loaded (a run across midnight in China would see the next day).
  expect([TEMPLATE.replaceAll('{ID}', 'example-2026').replaceAll('{TODAY}', todayInChina())]).toContain(text);
  await expect(page.locator('#status')).toHaveText('✓ 没有问题：规则包可以使用。');
  await expect(page.locator('#problems')).toBeHidden();
  await expect(page.locator('#file-name')).toHaveText('example-2026.toml');
  // The programme as the library shows it.
  await expect(page.locator('#preview-name')).toHaveText(TITLE);
  await expect(page.locator('#preview-document')).toHaveText('示工信〔2026〕1号');
  await expect(page.locator('#preview-validity')).toHaveText('有效期 2026-01-01 – 2027-12-31');
  await expect(page.locator('#programme [data-source-kind]')).toHaveText('正式文件');
  const criteria = page.locator('#programme li[data-criterion]');
  await expect(criteria).toHaveCount(4);
  await expect(criteria.nth(3).locator('code')).toHaveText('answer(tax_paid)');
  await expect(criteria.nth(3)).toContainText('三、（一）2');
  await expect(criteria.nth(3)).toContainText('申报企业依法纳税。');
  const measure = page.locator('#programme li[data-measure="transformation"]');
  await expect(measure).toContainText('数字化改造实际投入 × 30%，最高 30万元');
  await expect(measure.locator('code')).toHaveText('level_after >= 2');
  // The form it generates: the enterprise question in the self-check, the amount in the estimator.
  await expect(page.locator('#form-enterprise li[data-question="tax_paid"]')).toContainText('依法纳税，近三年无欠税');
  await expect(page.locator('#form-enterprise li[data-question="tax_paid"] [data-kind]')).toHaveText('是/否');
  await expect(page.locator('#form-project li[data-question="eligible_input_yuan"]')).toContainText('数字化改造实际投入');
  await expect(page.locator('#form-body')).toContainText('改造后数字化水平（1、2、3、4）');
  await expect(page.locator('#caret')).toHaveText('光标：第 1 行，第 1 列');
  await expect(page.locator('footer')).toContainText('本页只检查写法和一致性');
});

test('a misspelt question is listed at its line; its button puts the caret there; fixing it clears the list', async ({ page }) => {
  await openEditor(page);
  const good = await page.locator('#source').inputValue();
  const bad = good.replace('answer(tax_paid)', 'answer(tax_payed)');
  const line = lineOf(bad, 'answer(tax_payed)');
  expect(line).toBeGreaterThan(1);
  await page.locator('#source').fill(bad);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'invalid');
  await expect(page.locator('#status')).toHaveText('✗ 发现 1 个问题');
  const problem = page.locator('#problems li.problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('tax_payed');
  await expect(problem).toContainText('versions[0].criteria[3].when');
  // In Chinese the message is the Chinese one (message_zh), the condition's own mistake in Chinese
  // too (not the parser's English behind a Chinese lead-in); in English the English one.
  await expect(problem.locator('.message')).toHaveText('条件有误：没有声明问题 `tax_payed`：请在 [[questions]] 下声明它，或检查拼写');
  await expect(problem.locator('.message')).toHaveAttribute('lang', 'zh-CN');
  await page.locator('#lang').click();
  await expect(problem.locator('.message')).toHaveText('no question `tax_payed` is declared');
  await expect(problem.locator('.message')).toHaveAttribute('lang', 'en');
  await page.locator('#lang').click();
  const link = problem.locator('button.problem-link');
  await expect(link).toHaveAttribute('data-line', String(line));
  await expect(link).toHaveText(new RegExp(`^第 ${line} 行，第 \\d+ 列$`));
  // The valid pack's preview, form and try-it panel are not shown for a text with problems.
  await expect(page.locator('#preview')).toBeHidden();
  await expect(page.locator('#try')).toBeHidden();

  await page.locator('#source').evaluate((ta) => ta.setSelectionRange(0, 0));
  expect(await caretLine(page)).toBe(1);
  await link.click();
  await expect(page.locator('#source')).toBeFocused();
  expect(await caretLine(page)).toBe(line);
  // The column is where the condition's string starts.
  const column = Number(await link.getAttribute('data-column'));
  expect(column).toBe(bad.split('\n')[line - 1].indexOf('"answer(tax_payed)"') + 1);
  const rest = await page.locator('#source').evaluate((ta) => ta.value.slice(ta.selectionStart, ta.selectionStart + 19));
  expect(rest).toBe('"answer(tax_payed)"');
  await expect(page.locator('#caret')).toHaveText(`光标：第 ${line} 行，第 ${column} 列`);

  // Fixed by typing at the caret, as a user would.
  await page.locator('#source').fill(good);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'valid');
  await expect(page.locator('#problems')).toBeHidden();
  await expect(page.locator('#problems li')).toHaveCount(0);
  await expect(page.locator('#preview-name')).toHaveText(TITLE);
});

test('a TOML syntax error is placed too, and every problem of a file is listed by line', async ({ page }) => {
  await openEditor(page);
  const good = await page.locator('#source').inputValue();
  const broken = good.replace('schema = 2', 'schema = 2 2');
  await page.locator('#source').fill(broken);
  await expect(page.locator('#problems button.problem-link')).toHaveAttribute('data-line', String(lineOf(broken, 'schema = 2 2')));
  // Faults of meaning: all listed at once, in the order of their lines (the core finds the
  // measure's ratio first, the dates after it).
  const faults = good.replace('ratio = "0.3"', 'ratio = "1.3"').replace('issued = 2026-01-01', 'issued = 2028-01-01');
  await page.locator('#source').fill(faults);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'invalid');
  const lines = await page.locator('#problems button.problem-link').evaluateAll((bs) => bs.map((b) => Number(b.dataset.line)));
  expect(lines).toEqual([lineOf(faults, 'issued = 2028'), lineOf(faults, 'checked = '), lineOf(faults, 'ratio = "1.3"')]);
});

test('a file opened with the picker or dropped on the page is read under its name', async ({ page }) => {
  await openEditor(page);
  const xiamen = fs.readFileSync(`${ROOT}/crates/policy/rules/xiamen-2024.toml`, 'utf8');
  await page.locator('#file').setInputFiles({ name: 'xiamen-2024.toml', mimeType: 'application/toml', buffer: Buffer.from(xiamen) });
  await expect(page.locator('#file-name')).toHaveText('xiamen-2024.toml');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'valid');
  await expect(page.locator('#preview-name')).toHaveText(/厦门/);
  await expect(page.locator('#source')).toHaveValue(xiamen);

  // Dropped under another name than its id: refused as `shuzhuan rules validate` refuses it.
  const drop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'renamed.toml', { type: 'application/toml' }));
    return dt;
  }, xiamen);
  await page.dispatchEvent('main', 'drop', { dataTransfer: drop });
  await expect(page.locator('#file-name')).toHaveText('renamed.toml');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'invalid');
  await expect(page.locator('#problems li.problem')).toContainText('与文件名 "renamed" 不一致');
});

test('try it: a manufacturing SME in the city is eligible once it says it pays its taxes; another industry fails', async ({ page }) => {
  await openEditor(page);
  await page.locator('#try-as-of').fill('2026-06-30');
  await page.locator('#try-industry').fill('3973');
  await page.locator('#try-employees').fill('120');
  await page.locator('#try-revenue').fill('8500');
  await page.locator('#try-region').fill('379901');
  const verdict = page.locator('#try-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'unknown');
  await expect(verdict).toHaveText('待补充信息');
  const crit = (id) => page.locator(`#try-result li[data-criterion="${id}"]`);
  await expect(crit('tax')).toHaveAttribute('data-outcome', 'unknown');
  await page.locator('#try-q-tax_paid').selectOption('yes');
  await expect(verdict).toHaveAttribute('data-verdict', 'eligible');
  await expect(verdict).toHaveText('符合');
  for (const id of ['in_force', 'manufacturing_sme', 'in_city', 'tax']) await expect(crit(id)).toHaveAttribute('data-outcome', 'pass');
  await expect(crit('manufacturing_sme')).toContainText('三、（一）1');
  // Not manufacturing (0111 is rice growing, section A): the condition fails and says why.
  await page.locator('#try-industry').fill('0111');
  await expect(verdict).toHaveAttribute('data-verdict', 'not_eligible');
  await expect(crit('manufacturing_sme')).toHaveAttribute('data-outcome', 'fail');
  // Outside the city, and a figure the core cannot read is named beside its field.
  await page.locator('#try-industry').fill('3973');
  await page.locator('#try-region').fill('350203');
  await expect(crit('in_city')).toHaveAttribute('data-outcome', 'fail');
  await page.locator('#try-employees').fill('十二点五');
  await expect(page.locator('#try-errors')).toBeVisible();
  await expect(page.locator('#try-employees')).toHaveAttribute('aria-invalid', 'true');
});

test('the downloaded rules.json is the pack `shuzhuan rules build` writes from the same text', async ({ page }) => {
  await openEditor(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
  expect(download.suggestedFilename()).toBe('rules.json');
  const got = fs.readFileSync(await download.path(), 'utf8');
  const pack = JSON.parse(got);
  expect(pack.format).toBe('shuzhuan-rules');
  expect(pack.schema).toBe(2);
  expect(pack.files.map((f) => f.name)).toEqual(['example-2026.toml']);
  expect(pack.files[0].programme.id).toBe('example-2026');
  await expect(page.locator('#download-note')).toContainText('已生成 rules.json');
  // The CLI, on the text in the box, writes the same bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhuan-editor-'));
  try {
    fs.writeFileSync(path.join(dir, 'example-2026.toml'), await page.locator('#source').inputValue());
    execFileSync(BIN, ['rules', 'build', dir, '-o', path.join(dir, 'rules.json')]);
    expect(got).toBe(fs.readFileSync(path.join(dir, 'rules.json'), 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // A text with problems builds nothing: the list shows why.
  await page.locator('#source').fill((await page.locator('#source').inputValue()).replace('schema = 2', 'schema = 3'));
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.locator('#download').click();
  await expect(page.locator('#status')).toContainText('修正后才能生成 rules.json');
  await expect(page.locator('#problems')).toBeFocused();
  // Still said once the check scheduled by the typing (300 ms) would have run: it used to redraw
  // the status and wipe the message.
  await page.waitForTimeout(400);
  await expect(page.locator('#status')).toContainText('修正后才能生成 rules.json');
  expect(downloads).toBe(0);
});

test('English: the page, the preview and the verdict switch language', async ({ page }) => {
  await openEditor(page);
  await page.locator('#try-as-of').fill('2026-06-30');
  await page.locator('#try-industry').fill('3973');
  await expect(page.locator('#try-verdict')).toHaveText('待补充信息');
  await page.locator('#lang').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#page-title')).toHaveText('Rule-pack editor');
  await expect(page.locator('#status')).toHaveText('✓ No problems: the rule pack can be used.');
  await expect(page.locator('#preview-name')).toHaveText('Example City SME Digital Transformation Pilot Plan');
  await expect(page.locator('#try-verdict')).toHaveText('more information needed');
  await expect(page.locator('#try-industry')).toHaveValue('3973'); // kept across the redraw
  await page.locator('#lang').click();
  await expect(page.locator('#page-title')).toHaveText('规则包编辑器');
});

test('360 px: no sideways scrolling with the preview, the problems or a verdict shown; axe clean; 44 px targets', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openEditor(page);
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await sideways()).toBeLessThanOrEqual(0);
  await page.locator('#try-industry').fill('3973');
  await page.locator('#try-employees').fill('120');
  await expect(page.locator('#try-verdict')).toBeVisible();
  expect(await sideways()).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() => [...document.querySelectorAll('button, a.button, label.button, header a, input:not([type=file]), select')]
    .filter((e) => e.checkVisibility() && e.getBoundingClientRect().height < 44)
    .map((e) => `${e.tagName.toLowerCase()}#${e.id} ${e.getBoundingClientRect().height}`));
  expect(small).toEqual([]);
  const text = await page.locator('#source').inputValue();
  await page.locator('#source').fill(text.replace('answer(tax_paid)', 'answer(tax_payed)').replace('ratio = "0.3"', 'ratio = "1.3"'));
  await expect(page.locator('#problems li.problem')).toHaveCount(2);
  expect(await sideways()).toBeLessThanOrEqual(0);
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('nothing is asked of another origin, and nothing but the page\'s own files', async ({ page, baseURL }) => {
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await openEditor(page);
  await page.locator('#try-industry').fill('3973');
  await expect(page.locator('#try-verdict')).toBeVisible();
  await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
  const origin = new URL(baseURL).origin;
  const paths = asked.filter((u) => !u.startsWith('blob:')).map((u) => new URL(u)).map((u) => (u.origin === origin ? u.pathname : u.href));
  const own = ['/rules.html', '/styles.css', '/rules.css', '/rules-boot.js', '/office.js', '/rules-editor.js', '/rules-editor_bg.wasm', '/icon.svg'];
  expect(paths.filter((p) => !own.includes(p))).toEqual([]);
  expect(paths).toContain('/rules-editor_bg.wasm');
});
