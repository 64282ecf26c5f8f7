// Self-check journeys, one per programme, filled in as a user would: search the industry by its
// Chinese name and pick the hit, choose the district, enter staff and revenue, answer the legal
// and credit questions when they are asked, then read the verdict and its reasons.
//
// Every programme has expired by today (Xiamen, Fuzhou, Jinan on 2025-12-31, Jinhua on
// 2026-09-30), so eligible journeys evaluate as of 2025-06-30 with the results page's date picker.
import {
  test, expect, open, commit, chooseIndustry, setAsOf, verdicts, criterion, expectRoute, sharedHash, XIAMEN_FORM,
} from './helpers.mjs';

const PROGRAMMES = ['fuzhou-2024', 'xiamen-2024', 'jinhua-2024', 'jinan-2024'];
const liveBadge = (page, id) => page.locator(`aside.live li[data-programme="${id}"] .badge`);
const card = (page, id) => page.locator(`section.programme[data-programme="${id}"]`);

/** Steps 1 and 2 of the self-check, starting on #/check/1. */
async function fillCompany(page, { query, code, district, employees, revenue }) {
  await chooseIndustry(page, query, code);
  await page.locator('#f-region').selectOption({ label: district });
  await page.locator('#next').click();
  await expectRoute(page, '#/check/2');
  await expect(page.locator('#page-title')).toHaveText('企业规模');
  await commit(page.locator('#f-employees'), employees);
  await commit(page.locator('#f-revenue'), revenue);
}

/** From the results page: evaluate as of 2025-06-30, then start the self-check. */
async function dateFirst(page) {
  await open(page, '#/results');
  await setAsOf(page, '2025-06-30');
  await page.locator('header nav').getByRole('link', { name: '企业自查' }).click();
  await expectRoute(page, '#/check/1');
}

test('Xiamen: 3973 集成电路制造 in 思明区, 120 staff, 8500万 → eligible as of 2025-06-30; expired today', async ({ page }) => {
  await open(page, '#/');
  await page.locator('#start-check').click();
  await expectRoute(page, '#/check/1');
  await expect(page.locator('#page-title')).toHaveText('企业基本情况');
  const sizeLine = page.locator('aside.live p');
  await expect(sizeLine).not.toContainText('小型企业');

  await chooseIndustry(page, '集成电路', '3973');
  await expect(page.locator('#industry-chosen'))
    .toHaveText('已选择：C 制造业 › 39 计算机、通信和其他电子设备制造业 › 397 电子器件制造 › 3973 集成电路制造');
  await page.locator('#f-region').selectOption({ label: '厦门市思明区' });
  await expect(page.locator('#f-region-code')).toHaveValue('350203');
  // Evaluated as of today every programme has expired, so the legal/credit step cannot change
  // anything and is not asked: two steps.
  await expect(page.locator('#progress')).toHaveText('第 1 / 2');
  await page.locator('#next').click();
  await expectRoute(page, '#/check/2');
  await commit(page.locator('#f-employees'), '120');
  await expect(sizeLine).toContainText('工业'); // revenue still missing
  await commit(page.locator('#f-revenue'), '8500');
  // The live panel follows: the class is known as soon as both figures are in.
  await expect(sizeLine).toHaveText('工业 · 小型企业');
  await expect(page.locator('#next')).toHaveText('查看结果');
  await page.locator('#next').click();
  await expectRoute(page, '#/results');

  // Today: expired → 已到期 and 不符合, while the other criteria still say how the firm stands.
  const xm = card(page, 'xiamen-2024');
  await expect(xm.locator('.validity .tag.gone')).toHaveText('已到期');
  await expect(xm.locator('.badge[data-verdict]')).toHaveAttribute('data-verdict', 'NotEligible');
  await expect(xm.locator('.badge[data-verdict]')).toHaveText('不符合');
  await expect(criterion(page, 'xiamen-2024', 'in_force')).toHaveAttribute('data-outcome', 'fail');
  await expect(criterion(page, 'xiamen-2024', 'in_force').locator('.reason')).toContainText('已于 2025年12月31日 到期');
  await expect(criterion(page, 'xiamen-2024', 'in_force').locator('.to-change')).toContainText('本文件已到期');
  for (const id of ['sme', 'sub_industry', 'in_city']) await expect(criterion(page, 'xiamen-2024', id)).toHaveAttribute('data-outcome', 'pass');

  // As of 2025-06-30 (inside the validity): eligible, with the reasons.
  await setAsOf(page, '2025-06-30');
  await expect(xm.locator('.badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  await expect(xm.locator('.badge[data-verdict]')).toHaveText('符合');
  await expect(xm.locator('.validity .tag.live')).toHaveText('有效期内');
  await expect(xm.locator('.validity .tag.draft')).toHaveText('征求意见稿');
  await expect(xm.locator('li.criterion')).toHaveCount(4);
  for (const id of ['in_force', 'sme', 'sub_industry', 'in_city']) await expect(criterion(page, 'xiamen-2024', id)).toHaveAttribute('data-outcome', 'pass');
  await expect(criterion(page, 'xiamen-2024', 'sme').locator('.reason')).toContainText('小型企业');
  await expect(criterion(page, 'xiamen-2024', 'sme').locator('.reason')).toContainText('从业人员 120 人');
  await expect(criterion(page, 'xiamen-2024', 'sub_industry').locator('.reason')).toContainText('电子器件制造');
  await expect(criterion(page, 'xiamen-2024', 'in_city').locator('.reason')).toHaveText('所在地厦门市思明区（350203）位于厦门市');
  await expect(xm.locator('.to-change')).toHaveCount(0);
  // Xiamen states no credit or legal-person condition; the app says so instead of inventing one.
  await expect(xm.locator('.not-stated')).toContainText('本文件未规定信用记录条件');
  await expect(page.locator('#sme .big-answer')).toHaveAttribute('data-class', 'Small');
  await expect(page.locator('#sme .big-answer')).toHaveText('工业 · 小型企业');
  // The other cities: not eligible, and each says why.
  expect(await verdicts(page)).toEqual({ 'fuzhou-2024': 'NotEligible', 'xiamen-2024': 'Eligible', 'jinhua-2024': 'NotEligible', 'jinan-2024': 'NotEligible' });
  await expect(criterion(page, 'fuzhou-2024', 'in_city').locator('.to-change')).toHaveText('→ 须在福州市行政区域内依法生产经营');
  await expect(criterion(page, 'jinhua-2024', 'sub_industry').locator('.to-change')).toContainText('电动工具（3465）');
});

test('Fuzhou: 3670 汽车零部件 in 仓山区, legal person yes, bad credit no → eligible; the live panel follows each answer', async ({ page }) => {
  await dateFirst(page);
  for (const id of PROGRAMMES) await expect(liveBadge(page, id)).toHaveAttribute('data-verdict', 'Unknown');
  await expect(liveBadge(page, 'fuzhou-2024')).toHaveText('待补充信息');

  await chooseIndustry(page, '汽车零部件', '3670');
  // Not a pilot sub-industry of the other three cities: they turn "not eligible" at once.
  for (const id of ['xiamen-2024', 'jinhua-2024', 'jinan-2024']) await expect(liveBadge(page, id)).toHaveAttribute('data-verdict', 'NotEligible');
  await expect(liveBadge(page, 'fuzhou-2024')).toHaveAttribute('data-verdict', 'Unknown');
  await page.locator('#f-region').selectOption({ label: '福州市仓山区' });
  // Fuzhou asks about legal status and credit, and they can still change its verdict: 3 steps.
  await expect(page.locator('#progress')).toHaveText('第 1 / 3');
  await page.locator('#next').click();
  await expectRoute(page, '#/check/2');
  await commit(page.locator('#f-employees'), '120');
  await commit(page.locator('#f-revenue'), '8500');
  await expect(page.locator('aside.live p')).toHaveText('工业 · 小型企业');
  await expect(liveBadge(page, 'fuzhou-2024')).toHaveAttribute('data-verdict', 'Unknown');
  await expect(page.locator('#next')).toHaveText('下一步');
  await page.locator('#next').click();
  await expectRoute(page, '#/check/3');
  await expect(page.locator('#page-title')).toHaveText('法人资格与信用');
  await page.locator('#f-legal-yes').check();
  await expect(liveBadge(page, 'fuzhou-2024')).toHaveAttribute('data-verdict', 'Unknown');
  await page.locator('#f-credit-no').check();
  await expect(liveBadge(page, 'fuzhou-2024')).toHaveAttribute('data-verdict', 'Eligible');
  await expect(liveBadge(page, 'fuzhou-2024')).toHaveText('符合');
  await expect(page.locator('#next')).toHaveText('查看结果');
  await page.locator('#next').click();
  await expectRoute(page, '#/results');

  await expect(page.locator('#f-as-of')).toHaveValue('2025-06-30');
  expect(await verdicts(page)).toEqual({ 'fuzhou-2024': 'Eligible', 'xiamen-2024': 'NotEligible', 'jinhua-2024': 'NotEligible', 'jinan-2024': 'NotEligible' });
  const fz = card(page, 'fuzhou-2024');
  await expect(fz.locator('li.criterion')).toHaveCount(6);
  await expect(fz.locator('li.criterion[data-outcome="pass"]')).toHaveCount(6);
  await expect(criterion(page, 'fuzhou-2024', 'sub_industry').locator('.reason')).toContainText('汽车零部件及配件制造');
  await expect(criterion(page, 'fuzhou-2024', 'in_city').locator('.reason')).toContainText('福州市仓山区（350104）位于福州市');
  await expect(criterion(page, 'fuzhou-2024', 'legal_person').locator('.reason')).toHaveText('具有独立法人资格');
  await expect(criterion(page, 'fuzhou-2024', 'credit').locator('.reason')).toHaveText('近三年无不良信用记录');
  await expect(criterion(page, 'fuzhou-2024', 'sme').locator('.reason')).toContainText('小型企业');
  // Each reason comes with its clause.
  await expect(criterion(page, 'fuzhou-2024', 'credit').locator('details.quote summary')).toContainText('榕工信行规〔2024〕17号');
  await expect(criterion(page, 'fuzhou-2024', 'credit').locator('details.quote blockquote')).toHaveText('申报企业近三年无不良信用记录。', { useInnerText: false });
  await expect(criterion(page, 'xiamen-2024', 'sub_industry').locator('.reason')).toContainText('不属于本市试点细分行业');
});

test('Jinhua: 3465 风动和电动工具制造 in 永康市 → eligible as of 2025-06-30', async ({ page }) => {
  await dateFirst(page);
  await fillCompany(page, { query: '电动工具', code: '3465', district: '金华市永康市', employees: '120', revenue: '8500' });
  await expect(liveBadge(page, 'jinhua-2024')).toHaveAttribute('data-verdict', 'Eligible');
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  expect(await verdicts(page)).toEqual({ 'fuzhou-2024': 'NotEligible', 'xiamen-2024': 'NotEligible', 'jinhua-2024': 'Eligible', 'jinan-2024': 'NotEligible' });
  const jh = card(page, 'jinhua-2024');
  await expect(jh.locator('.validity')).toContainText('2026年9月30日');
  await expect(jh.locator('li.criterion[data-outcome="pass"]')).toHaveCount(await jh.locator('li.criterion').count());
  await expect(criterion(page, 'jinhua-2024', 'sub_industry').locator('.reason')).toContainText('电动工具');
  await expect(criterion(page, 'jinhua-2024', 'in_city').locator('.reason')).toHaveText('所在地金华市永康市（330784）位于金华市');
  await expect(criterion(page, 'jinhua-2024', 'sme').locator('.reason')).toContainText('小型企业');
});

test('Jinan: 2710 化学药品原料药制造 in 历下区 → eligible as of 2025-06-30', async ({ page }) => {
  await dateFirst(page);
  await fillCompany(page, { query: '化学药品原料药', code: '2710', district: '济南市历下区', employees: '120', revenue: '8500' });
  await expect(liveBadge(page, 'jinan-2024')).toHaveAttribute('data-verdict', 'Eligible');
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  expect(await verdicts(page)).toEqual({ 'fuzhou-2024': 'NotEligible', 'xiamen-2024': 'NotEligible', 'jinhua-2024': 'NotEligible', 'jinan-2024': 'Eligible' });
  const jn = card(page, 'jinan-2024');
  await expect(jn.locator('li.criterion[data-outcome="pass"]')).toHaveCount(await jn.locator('li.criterion').count());
  await expect(criterion(page, 'jinan-2024', 'sub_industry').locator('.reason')).toContainText('生物医药');
  await expect(criterion(page, 'jinan-2024', 'in_city').locator('.reason')).toHaveText('所在地济南市历下区（370102）位于济南市');
});

test('a large enterprise (1200 staff, 50000万) is not eligible, and the app says what would change it', async ({ page }) => {
  await dateFirst(page);
  await fillCompany(page, { query: '集成电路', code: '3973', district: '厦门市思明区', employees: '1200', revenue: '50000' });
  await expect(page.locator('aside.live p')).toHaveText('工业 · 大型企业');
  await expect(liveBadge(page, 'xiamen-2024')).toHaveAttribute('data-verdict', 'NotEligible');
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  await expect(page.locator('#sme .big-answer')).toHaveAttribute('data-class', 'Large');
  await expect(page.locator('#sme .to-change')).toHaveText('→ 从业人员 < 1000 人 或 营业收入 < 40000 万元 即属中小企业');
  expect(Object.values(await verdicts(page))).toEqual(['NotEligible', 'NotEligible', 'NotEligible', 'NotEligible']);
  // Xiamen fails on size alone: in force, right industry, right city.
  const sme = criterion(page, 'xiamen-2024', 'sme');
  await expect(sme).toHaveAttribute('data-outcome', 'fail');
  await expect(sme.locator('.mark')).toHaveAttribute('aria-label', '不符合');
  await expect(sme.locator('.reason')).toContainText('大型企业');
  await expect(sme.locator('.to-change')).toContainText('1000 人');
  await expect(sme.locator('.to-change')).toContainText('40000 万元');
  for (const id of ['in_force', 'sub_industry', 'in_city']) await expect(criterion(page, 'xiamen-2024', id)).toHaveAttribute('data-outcome', 'pass');
});

test('with the default date (today) all four programmes show 已到期 and 不符合', async ({ page }) => {
  await open(page, sharedHash({ ...XIAMEN_FORM, as_of: '' }));
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  expect(today > '2026-09-30', 'this test assumes today is after the last programme expired').toBe(true);
  await expect(page.locator('#f-as-of')).toHaveValue(today);
  await expect(page.locator('section.programme')).toHaveCount(4);
  for (const id of PROGRAMMES) {
    await expect(card(page, id).locator('.validity .tag.gone')).toHaveText('已到期');
    await expect(card(page, id).locator('.badge[data-verdict]')).toHaveText('不符合');
    await expect(criterion(page, id, 'in_force')).toHaveAttribute('data-outcome', 'fail');
  }
  // The start page says the same.
  await page.locator('header .brand').click();
  await expectRoute(page, '#/');
  for (const id of PROGRAMMES) await expect(page.locator(`#programme-list [data-programme="${id}"] .tag.gone`)).toHaveText('已到期');
});
