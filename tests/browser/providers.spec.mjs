// The Fuzhou provider-selection page (providers.html, 榕工信行规〔2024〕18号): the self-check, the
// expert-scoring calculator and the star-rating tracker, each compared with the CLI's report for
// the same input (`shuzhuan providers check|score|stars`).
import { test, expect } from './helpers.mjs';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = `${ROOT}/target/release/shuzhuan`;

function cli(part, text, ext = 'csv') {
  const file = `${os.tmpdir()}/shuzhuan-providers-${process.pid}-${part}.${ext}`;
  fs.writeFileSync(file, text);
  try {
    return JSON.parse(execFileSync(BIN, ['providers', part, file], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function openPage(page) {
  await page.goto('/providers.html');
  await expect(page.locator('#p-sub option')).toHaveCount(5);
}

test('self-check: a specialist in knitting passes on a date the measure was in force; the veto and the expiry are explained', async ({ page }) => {
  await openPage(page);
  await page.locator('#p-asof').fill('2025-06-30');
  await page.locator('#p-type-specialist').check();
  await page.locator('#p-sub').selectOption('knitting');
  await page.locator('#q-small_fast_light_precise-yes').check();
  await page.locator('#q-willing_to_serve_fuzhou-yes').check();
  await page.locator('#q-on_dishonest_list-no').check();
  const result = page.locator('#check-result');
  // The call's own conditions (17号 三、（二）1.（1）2)) are asked too; unanswered, the verdict waits.
  await expect(result.locator('.big-answer')).toHaveText('结论：待补充信息');
  for (const q of ['good_operation_and_credit', 'applies_digital_level_indicators', 'experience_in_several_cities', 'stable_team_with_sub_industry_capability']) {
    await page.locator(`#q-${q}-yes`).check();
  }
  // No office in Fuzhou and no commitment: 三是 fails; the commitment alone is enough.
  await page.locator('#q-local_team_or_office-no').check();
  await page.locator('#q-local_service_commitment-no').check();
  await expect(result.locator('.big-answer')).toHaveText('结论：不符合征集条件');
  await expect(result.locator('li.criterion.fail')).toContainText('本地化服务承诺');
  await page.locator('#q-local_service_commitment-yes').check();
  await expect(result.locator('.big-answer')).toHaveText('结论：符合征集条件');
  await expect(result).toContainText('针织或钩针编织物及其制造');
  await expect(result).toContainText('计划遴选 10 家');
  // A dishonest-list entry is a veto, quoted from 三、遴选方式.
  await page.locator('#q-on_dishonest_list-yes').check();
  await expect(result.locator('.big-answer')).toHaveText('结论：不符合征集条件');
  await expect(result.locator('li.criterion.fail')).toContainText('列入失信名单的一票否决');
  // The platform question replaces the specialist's when the kind changes; unanswered is "to confirm".
  await page.locator('#q-on_dishonest_list-no').check();
  await page.locator('#p-type-platform').check();
  await expect(page.locator('#q-small_fast_light_precise-yes')).toHaveCount(0);
  await expect(result.locator('.big-answer')).toHaveText('结论：待补充信息');
  // After 2025-12-31 the measure is no longer in force.
  await page.locator('#p-asof').fill('2026-01-05');
  await expect(result.locator('li.criterion.fail')).toContainText('本办法有效期至2025年12月31日');
});

test('scoring: the example sheet gives the CLI\'s results — trimmed means, the veto, too few scores, the quota ranks', async ({ page }) => {
  await openPage(page);
  // The quotas named beside the sheet are the rule file's (一、总体目标).
  await expect(page.locator('#score-hint')).toContainText('针织或钩针编织物及其制造 10；棉纺织或化纤纺织及印染精加工 6；电子器件制造及配套 10；汽车零部件及配件制造 6');
  await page.locator('#score-sample').click();
  const sheet = await page.locator('#score-sheet').inputValue();
  const expected = cli('score', sheet);
  const result = page.locator('#score-result');
  await expect(result).toContainText(`拟入选服务资源库共 ${expected.pool_size} 家（计划 ${expected.pool_planned} 家）`);
  expect(expected.pool_planned).toBe(32); // the quotas' sum, from the rules (一)
  for (const a of expected.applicants) {
    const row = result.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${a.id}$`) }) }).first();
    await expect(row).toContainText(a.status_text);
    if (a.final_score != null) await expect(row).toContainText(String(Number(a.final_score)));
  }
  // From the measure: A01 drops 100 and 70, the mean of 89, 90, 91 is 90; A02 is vetoed; A05 has two scores.
  const row = (id) => result.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${id}$`) }) }).first();
  await expect(row('A01')).toContainText('100 / 70');
  await expect(row('A01').locator('td').nth(2)).toHaveText('90');
  await expect(row('A02')).toContainText('一票否决');
  await expect(row('A05')).toContainText('评分不足 3 个');
  await expect(result.locator('ul.warnings')).toContainText('少于办法规定的 20 家');
});

test('scoring: a file picked in GBK reads like the pasted sheet; a sheet without the sub-industry column is refused and kept', async ({ page }) => {
  await openPage(page);
  const csv = fs.readFileSync(`${ROOT}/tests/examples/providers-scores.csv`, 'utf8');
  // Python's gbk codec writes the test file as Excel on a Chinese Windows would.
  const bytes = execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gbk"))'], { input: csv });
  await page.locator('#score-file').setInputFiles({ name: 'scores.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(page.locator('#score-sheet')).toHaveValue(csv);
  await expect(page.locator('#score-result')).toContainText('甲科技');
  const broken = '编号,名称,专家1,专家2,专家3\nA01,甲,90,80,85\n';
  await page.locator('#score-sheet').fill(broken);
  await page.locator('#score-run').click();
  await expect(page.locator('#score-problem')).toContainText('细分行业');
  await expect(page.locator('#score-sheet')).toHaveValue(broken);
});

test('stars: two consecutive no-star ratings exit, a removal is applied, and the pool below 27 is flagged, as the CLI says', async ({ page }) => {
  await openPage(page);
  await page.locator('#stars-sample').click();
  const expected = cli('stars', await page.locator('#stars-sheet').inputValue());
  const result = page.locator('#stars-result');
  await expect(result.locator('table.pool tbody tr')).toHaveCount(expected.providers.length);
  const row = (id) => result.locator('table.pool tr', { has: page.locator('th', { hasText: new RegExp(`^${id}$`) }) });
  await expect(row('P01')).toContainText('已退出（连续两次无星级）');
  await expect(row('P05')).toContainText('已退出（其他原因）');
  await expect(row('P03')).toContainText('是'); // at risk: its latest rating is no star
  expect(expected.below_minimum).toBe(true);
  await expect(result).toContainText(`资源库现有 ${expected.pool_size} 家`);
  await expect(result).toContainText('低于 27 家：');
});

test('English switch recomputes the reports in English; axe finds nothing serious', async ({ page }) => {
  await openPage(page);
  await page.locator('#score-sample').click();
  await page.locator('#stars-sample').click();
  await page.locator('#lang').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Fuzhou digital service provider selection');
  await expect(page.locator('#score-result')).toContainText('on a dishonest-entity list: vetoed');
  await expect(page.locator('#stars-result')).toContainText('Exited (two no-star ratings in a row)');
  const v = (await new AxeBuilder({ page }).analyze()).violations.filter((x) => ['serious', 'critical'].includes(x.impact));
  expect(v.map((x) => `${x.id}: ${x.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});
