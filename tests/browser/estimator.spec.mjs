// Subsidy estimator: one journey per programme, each asserting the amounts the policy text gives
// (the decided readings are in docs/readings.md §5). Money fields are in 万元 unless the
// unit is switched, so "100" is 100万元.
import { test, expect, open, commit, expectRoute, sharedHash, yuan, XIAMEN_FORM } from './helpers.mjs';

const row = (page, id) => page.locator(`tr[data-measure="${id}"]`);
const amount = (page, id) => row(page, id).locator('td.amount');
const stage = (page, s) => page.locator(`ol.instalments li[data-stage="${s}"]`);
const level = (page, l) => page.locator(`#compare td[data-level="${l}"]`);

test('Xiamen, level 3: 40 % of 100万 capped at 35万; first instalment 10万, 25万 after acceptance; diagnosis 60 % of 8万', async ({ page }) => {
  // From the results of an eligible firm (as of 2025-06-30) to its Xiamen estimate.
  await open(page, sharedHash(XIAMEN_FORM));
  await page.locator('section.programme[data-programme="xiamen-2024"]').getByRole('link', { name: '估算补贴' }).click();
  await expectRoute(page, '#/estimate/xiamen-2024');
  await expect(page.locator('#page-title')).toContainText('厦门市中小企业数字化转型试点城市工作方案');
  await expect(page.locator('main .badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  await expect(page.locator('#f-eligible-input-yuan + .unit')).toHaveText('万元');

  await page.locator('#f-level').selectOption({ label: '三级' });
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  await expect(amount(page, 'xm-8-transformation')).toHaveText(yuan(350000));
  await expect(row(page, 'xm-8-transformation')).toContainText('40% × 数字化改造实际投入100万元 = 40万元，超过上限 35万元，按上限计');
  await commit(page.locator('#f-contract-down-payment-yuan'), '30');
  await expect(stage(page, 'first')).toContainText(yuan(100000));
  await expect(stage(page, 'first')).toContainText('40% × 改造合同首付金额30万元 = 12万元，超过上限 10万元');
  await expect(stage(page, 'after_acceptance')).toContainText(yuan(250000));
  await commit(page.locator('#f-diagnosis-fee-yuan'), '8');
  await expect(amount(page, 'xm-3-diagnosis')).toHaveText(yuan(48000));
  await expect(row(page, 'xm-3-diagnosis')).toContainText('60% × 诊断咨询费用8万元 = 4.8万元');
  await expect(page.locator('#total')).toHaveText(yuan(350000 + 48000));
  // The level comparison: min(40 % × 100万, 25万 / 35万 / 40万).
  await expect(level(page, 2)).toContainText(yuan(250000));
  await expect(level(page, 3)).toContainText(yuan(350000));
  await expect(level(page, 4)).toContainText(yuan(400000));
  // Measures whose inputs are absent contribute nothing and say what is missing.
  await expect(amount(page, 'xm-6-cloud')).toHaveText(yuan(0));
  await expect(row(page, 'xm-6-cloud')).toContainText('未填写上云费用');

  // Level 1 earns no transformation subsidy, and the app says the advance exceeds what is due.
  await page.locator('#f-level').selectOption({ label: '一级' });
  await expect(amount(page, 'xm-8-transformation')).toHaveText(yuan(0));
  await expect(row(page, 'xm-8-transformation')).toContainText('未达到二级，不予补贴');
  await expect(stage(page, 'after_acceptance')).toContainText(yuan(0));
  await expect(stage(page, 'after_acceptance')).toContainText('少于首期已拨付 10万元');
  await expect(page.locator('#total')).toHaveText(yuan(48000));
});

test('Jinhua, level 2, second year: 40 % of 300万 capped at 50万; the 达标 award adds 30万; the year changes the rate', async ({ page }) => {
  await open(page, sharedHash({ industry: '3465', region: '330784', employees: '120', revenue: '8500', as_of: '2025-06-30' }, {}, '#/estimate/jinhua-2024'));
  await expect(page.locator('main .badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  await page.locator('#f-level').selectOption({ label: '二级' });
  // The year is not known until the user says (the approval date is not in the document): both
  // years are shown and the lower counted, never the more generous one (readings §5).
  await expect(page.locator('#f-year')).toHaveValue('');
  await commit(page.locator('#f-eligible-input-yuan'), '80');
  await expect(amount(page, 'jh-17-transformation')).toHaveText(yuan(320000));
  await expect(row(page, 'jh-17-transformation')).toContainText('第1年最高 40万元，第2年最高 32万元；合计按较低的第2年计');
  await page.locator('#f-year').selectOption({ label: '批复后第二年' });
  await commit(page.locator('#f-eligible-input-yuan'), '300');
  await expect(amount(page, 'jh-17-transformation')).toHaveText(yuan(500000));
  await expect(row(page, 'jh-17-transformation')).toContainText('40% × 数字化改造实际投入300万元 = 120万元，超过上限 50万元');
  await expect(page.locator('#total')).toHaveText(yuan(500000));
  await expect(level(page, 2)).toContainText(yuan(500000));
  await expect(level(page, 3)).toContainText(yuan(800000));
  await expect(level(page, 4)).toContainText(yuan(1000000));

  // One-off awards are lines the user opts into.
  await expect(amount(page, 'jh-17-standard-reward')).toHaveText(yuan(0));
  await page.locator('input[data-award="jh-17-standard-reward"]').check();
  await expect(amount(page, 'jh-17-standard-reward')).toHaveText(yuan(300000));
  await expect(page.locator('#total')).toHaveText(yuan(800000));

  // Below the cap the year matters: 40 % in the second year, 50 % in the first.
  await commit(page.locator('#f-eligible-input-yuan'), '80');
  await expect(amount(page, 'jh-17-transformation')).toHaveText(yuan(320000));
  await page.locator('#f-year').selectOption({ label: '批复后第一年' });
  await expect(amount(page, 'jh-17-transformation')).toHaveText(yuan(400000));
  await expect(row(page, 'jh-17-transformation')).toContainText('50% × 数字化改造实际投入80万元 = 40万元，未超过上限 50万元');
  await expect(page.locator('#total')).toHaveText(yuan(700000));
  await page.locator('input[data-award="jh-17-standard-reward"]').uncheck();
  await expect(page.locator('#total')).toHaveText(yuan(400000));
});

// Jinan ties the amount to the level reached (附件 二、（三）3): a cap per level.
test('jinan-2024: no amounts in the document — parameters needed; ratio 0.3 and caps 20/30/50万 give 30万 labelled 用户自填', async ({ page }) => {
  const measure = 'jn-transformation';
  await open(page, sharedHash({ industry: '2710', region: '370102', employees: '120', revenue: '8500', as_of: '2025-06-30' }, {}, '#/estimate/jinan-2024'));
  await expect(page.locator('main .badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  await expect(page.locator('fieldset.user-params legend')).toHaveText('补贴比例与上限（用户自填）');
  await page.locator('#f-level').selectOption({ label: '三级' });
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  // Without a ratio the document gives no amount: the measure asks for the parameters.
  await expect(row(page, measure)).toContainText('本文件未规定补贴比例和金额');
  await expect(row(page, measure)).toContainText('补贴比例（ratio）和各等级上限（caps_yuan）');
  await expect(amount(page, measure)).toHaveText(yuan(0));
  await expect(page.locator('#total')).toHaveText(yuan(0));

  await commit(page.locator('#f-ratio'), '0.3');
  await commit(page.locator('#f-cap-2'), '20');
  await commit(page.locator('#f-cap-3'), '30');
  await commit(page.locator('#f-cap-4'), '50');
  await expect(amount(page, measure)).toHaveText(yuan(300000));
  await expect(row(page, measure)).toContainText('30% × 数字化改造实际投入100万元 = 30万元，未超过上限 30万元（用户填写的参数）');
  await expect(row(page, measure).locator('.tag.draft')).toHaveText('用户自填参数');
  await expect(row(page, measure)).toContainText('非本文件规定');
  await expect(page.locator('#total')).toHaveText(yuan(300000));
  await expect(level(page, 2)).toContainText(yuan(200000));
  await expect(level(page, 3)).toContainText(yuan(300000));
  await expect(level(page, 4)).toContainText(yuan(300000));
  // "30%" is the same ratio; the cap binds when the input grows.
  await commit(page.locator('#f-ratio'), '30%');
  await expect(amount(page, measure)).toHaveText(yuan(300000));
  await commit(page.locator('#f-eligible-input-yuan'), '200');
  await expect(amount(page, measure)).toHaveText(yuan(300000));
  await expect(level(page, 4)).toContainText(yuan(500000));
});

// Fuzhou's 17号 does not grade the amount by level (docs/readings.md §5): one ratio, one cap.
test('fuzhou-2024: one ratio and one cap, not graded by level; 30 % of 100万 capped at 25万 whatever the level', async ({ page }) => {
  const measure = 'fz-transformation';
  await open(page, sharedHash({ industry: '3670', region: '350104', employees: '120', revenue: '8500', legal: 'yes', credit: 'no', as_of: '2025-06-30' }, {}, '#/estimate/fuzhou-2024'));
  await expect(page.locator('main .badge[data-verdict]')).toHaveAttribute('data-verdict', 'Eligible');
  await expect(page.locator('#f-cap-2')).toHaveCount(0);
  await expect(page.locator('#f-level')).toHaveCount(0);
  await commit(page.locator('#f-eligible-input-yuan'), '100');
  await expect(row(page, measure)).toContainText('补贴比例（ratio）和上限（caps_yuan）');
  await commit(page.locator('#f-ratio'), '0.3');
  await commit(page.locator('#f-cap'), '25');
  await expect(amount(page, measure)).toHaveText(yuan(250000));
  await expect(row(page, measure)).toContainText('30% × 数字化改造实际投入100万元 = 30万元，超过上限 25万元，按上限计（用户填写的参数）');
  await expect(page.locator('#total')).toHaveText(yuan(250000));
});

// The total is the enterprise's own money (docs/readings.md §6): the chain-leader reward and the
// training subsidy are listed apart unless the firm says it leads a chain. On a phone, in both
// languages.
for (const lang of ['zh', 'en']) {
  test(`Xiamen on a phone (${lang}): money paid to others is apart from the total; claiming the chain-leader role moves it in`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, sharedHash(XIAMEN_FORM, {}, '#/estimate/xiamen-2024') + (lang === 'en' ? '&en' : ''));
    await commit(page.locator('#f-diagnosis-fee-yuan'), '8');
    await commit(page.locator('#f-chain-enterprises-completed'), '2');
    await commit(page.locator('#f-training-person-days'), '10');
    await expect(page.locator('#total')).toHaveText(yuan(48000));
    const others = page.locator('#others');
    await expect(others).toContainText(lang === 'en' ? 'Paid to others' : '付给他方');
    await expect(others.locator('#others-total')).toHaveText(yuan(105000));
    await expect(others.locator('tr[data-measure="xm-4-chain-leader"] td.amount')).toHaveText(yuan(100000));
    await expect(others.locator('tr[data-measure="xm-13-training"] td.amount')).toHaveText(yuan(5000));
    await page.locator('#role-chain-leader').check();
    await expect(page.locator('#total')).toHaveText(yuan(148000));
    await expect(others.locator('#others-total')).toHaveText(yuan(5000));
    // Nothing overflows sideways on the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('Xiamen: measures 5 and 8 may be the same equipment — both counted, with a note to confirm; level 0 (未达一级) can be chosen and pays nothing', async ({ page }) => {
  await open(page, sharedHash(XIAMEN_FORM, {}, '#/estimate/xiamen-2024'));
  await page.locator('#f-level').selectOption({ label: '三级' });
  await commit(page.locator('#f-eligible-input-yuan'), '60');
  await commit(page.locator('#f-equipment-input-last-year-yuan'), '200');
  await expect(page.locator('#total')).toHaveText(yuan(240000 + 200000));
  await expect(page.locator('#overlaps li[data-overlap="equipment-and-transformation"]')).toContainText('请确认');
  await expect(row(page, 'xm-5-equipment')).toContainText('请向区县工信部门确认');
  await page.locator('#f-level').selectOption({ label: '未达一级' });
  await expect(amount(page, 'xm-8-transformation')).toHaveText(yuan(0));
  await expect(row(page, 'xm-8-transformation')).toContainText('未达一级');
});
