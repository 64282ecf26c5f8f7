// Bad inputs: each shows the core's message under its field, and on "next" an error summary whose
// link focuses the field; nothing the user typed is ever cleared. Lenient formats are accepted.
import { test, expect, BUG, open, commit, chooseIndustry, expectRoute, sharedHash } from './helpers.mjs';

const STEP2 = sharedHash({ industry: '3973', region: '350203' }, {}, '#/check/2');

/** Asserts the inline message, then the summary on "next", then that its link focuses the field. */
async function expectFieldError(page, { id, typed, message, step }) {
  const field = page.locator(`#${id}`);
  const inline = page.locator(`#${id}-error`);
  await expect(inline).toContainText(message);
  await expect(inline).toHaveClass('field-error');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute('aria-describedby', new RegExp(`\\b${id}-error\\b`));
  await expect(field).toHaveValue(typed);
  // The summary appears only when the user tries to move on, and takes the focus.
  await expect(page.locator('#error-summary')).toHaveCount(0);
  await page.locator('#next').click();
  const summary = page.locator('#error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.locator('h2')).toHaveText('请先修改以下内容');
  await expectRoute(page, `#/check/${step}`);
  const link = summary.locator(`a[href="#${id}"]`);
  await expect(link).toHaveCount(1);
  await expect(link).toHaveText(await inline.innerText());
  await link.click();
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(typed);
  await expectRoute(page, `#/check/${step}`);
}

for (const c of [
  { id: 'f-revenue', typed: '-5', message: '营业收入不能为负数' },
  { id: 'f-revenue', typed: 'abc', message: '营业收入须为数字' },
  { id: 'f-employees', typed: '12.5', message: '从业人员须为整数' },
  { id: 'f-employees', typed: '-3', message: '从业人员不能为负数' },
]) {
  test(`step 2: ${c.id} "${c.typed}" → "${c.message}…", summary links to the field, text kept`, async ({ page }) => {
    await open(page, STEP2);
    await commit(page.locator(`#${c.id}`), c.typed);
    await expectFieldError(page, { ...c, step: 2 });
    // Going back and forth keeps the text and the message.
    await page.getByRole('link', { name: '上一步' }).click();
    await expectRoute(page, '#/check/1');
    await page.locator('#next').click();
    await expectRoute(page, '#/check/2');
    await expect(page.locator(`#${c.id}`)).toHaveValue(c.typed);
    await expect(page.locator(`#${c.id}-error`)).toContainText(c.message);
    // The field in error is left out; the rest of the check still runs and says what was left out.
    await page.locator('header nav').getByRole('link', { name: '自查结果' }).click();
    await expectRoute(page, '#/results');
    await expect(page.locator('.results .error-summary')).toContainText('以下填写有误，相关项目暂未计入');
    await expect(page.locator('.results .error-summary')).toContainText(c.message);
    await expect(page.locator('section.programme')).toHaveCount(4);
  });
}

test('step 1: a USCC with a wrong check character names the 校验码; a valid one suggests the city', async ({ page }) => {
  await open(page, '#/check/1');
  await commit(page.locator('#f-uscc'), '91350100M000100Y44');
  await expect(page.locator('#f-uscc-error')).toHaveText('统一社会信用代码第18位校验码应为 3，收到 4，请核对');
  await expectFieldError(page, { id: 'f-uscc', typed: '91350100M000100Y44', message: '校验码', step: 1 });
  await commit(page.locator('#f-uscc'), '91350100M000100Y43');
  await expect(page.locator('#f-uscc-error')).toHaveCount(0);
  await expect(page.locator('#error-summary')).toHaveCount(0);
  await expect(page.locator('#uscc-note')).toHaveText('登记机关所在地：福州市（350100）');
  // The empty location is filled from the registering authority: Fuzhou, development zones and others.
  await expect(page.locator('#f-region')).toHaveValue('350100');
  await expect(page.locator('#f-region-code')).toHaveValue('350100');
  // Lower case is accepted, kept as typed in the box, and the results say it was upper-cased.
  await commit(page.locator('#f-uscc'), '91350100m000100y43');
  await expect(page.locator('#f-uscc-error')).toHaveCount(0);
  await expect(page.locator('#f-uscc')).toHaveValue('91350100m000100y43');
  await page.locator('header nav').getByRole('link', { name: '自查结果' }).click();
  await expect(page.locator('ul.notices')).toContainText('统一社会信用代码中的小写字母已转为大写：91350100M000100Y43');
});

test('step 1: a 5-digit division code is rejected with an example, and kept', async ({ page }) => {
  await open(page, '#/check/1');
  await commit(page.locator('#f-region-code'), '35020');
  await expect(page.locator('#f-region-error')).toContainText('不是有效的行政区划代码');
  await expect(page.locator('#f-region-code')).toHaveValue('35020');
  await page.locator('#next').click();
  await expect(page.locator('#error-summary a[href="#f-region"]')).toContainText('35020');
  await page.locator('#error-summary a[href="#f-region"]').click();
  await expect(page.locator('#f-region')).toBeFocused();
});

test('step 1: an unknown industry code typed and committed is reported, not silently ignored', async ({ page }) => {
  await open(page, '#/check/1');
  await chooseIndustry(page, '集成电路', '3973');
  await commit(page.locator('#f-industry'), '9999');
  await expect(page.locator('#f-industry')).toHaveValue('9999');
  // The core's message for profile.industry.
  await expect(page.locator('#f-industry-error')).toContainText('行业代码“9999”不在 GB/T 4754-2017 中', { timeout: 2000 });
  await expect(page.locator('#industry-chosen')).not.toContainText('3973');
  await expectFieldError(page, { id: 'f-industry', typed: '9999', message: '9999', step: 1 });
});

test('lenient formats are accepted: full-width "１２０" staff, "1,234.5" and "1.2亿" revenue, and 元 as the unit', async ({ page }) => {
  await open(page, STEP2);
  const sizeLine = page.locator('aside.live p');
  await commit(page.locator('#f-employees'), '１２０');
  await commit(page.locator('#f-revenue'), '1,234.5');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page.locator('#f-employees')).toHaveValue('１２０');
  await expect(page.locator('#f-revenue')).toHaveValue('1,234.5');
  // Both figures count: 120 staff and 1234.5万 are both in the small band.
  await expect(sizeLine).toHaveText('工业 · 小型企业');
  await page.locator('#next').click();
  await expectRoute(page, '#/results');
  await expect(page.locator('#sme .reasons')).toContainText('从业人员 120 人');
  await expect(page.locator('#sme .reasons')).toContainText('营业收入 1234.5 万元');

  await page.getByRole('link', { name: '修改信息' }).first().click();
  await page.locator('#next').click();
  await expectRoute(page, '#/check/2');
  await commit(page.locator('#f-revenue'), '1.2亿');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page.locator('#f-revenue')).toHaveValue('1.2亿');
  await expect(sizeLine).toHaveText('工业 · 小型企业');
  await page.locator('#next').click();
  await expect(page.locator('#sme .reasons')).toContainText('营业收入 12000 万元');
  await expect(page.locator('#sme .reasons li').nth(1)).toContainText('中型档');

  // In 元, a bare 85000000 is 8500万.
  await page.getByRole('link', { name: '修改信息' }).first().click();
  await page.locator('#next').click();
  await page.getByLabel('元', { exact: true }).check();
  await expect(page.locator('#f-revenue + .unit')).toHaveText('元');
  await commit(page.locator('#f-revenue'), '85000000');
  await expect(sizeLine).toHaveText('工业 · 小型企业');
  await page.locator('#next').click();
  await expect(page.locator('#sme .reasons')).toContainText('营业收入 8500 万元');
});

test('a term found only in a class\'s note (磁性材料 → 3985) is found once the notes have loaded', async ({ page }) => {
  await open(page, '#/check/1');
  await page.locator('#f-industry').fill('磁性材料');
  const hit = page.locator('button.hit[data-code="3985"]');
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.locator('#industry-chosen')).toContainText('3985 电子专用材料制造');
});

// Issue 16, item 5: a money field opens the decimal keypad, and its hint suggests only what that
// keypad can type (digits and a point: no 亿, no thousands comma); 元/万元 is chosen beside it.
// The core still accepts "1.2亿" or "1,234.5" typed or pasted (test above).
for (const [lang, width, height] of [['zh', 390, 844], ['en', 360, 740]]) {
  test(`on a ${width} px phone (${lang}) the money fields' hints suggest only what the decimal keypad types, in the app and the check widget`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const typable = async (field) => {
      await expect(field).toHaveAttribute('inputmode', 'decimal');
      const hintIds = (await field.getAttribute('aria-describedby')) || '';
      const hint = (await Promise.all(hintIds.split(/\s+/).filter(Boolean).map((id) => field.page().locator(`[id="${id}"]`).first().innerText().catch(() => '')))).join(' ');
      const examples = hint.match(/[0-9０-９][0-9０-９.,，亿万元]*/g) || [];
      expect(examples.length, `examples in the hint of #${await field.getAttribute('id')}: ${hint}`).toBeGreaterThan(0);
      for (const x of examples) expect(x, `"${hint}"`).toMatch(/^[0-9]+(\.[0-9]+)?$/);
    };
    await open(page, STEP2);
    if (lang === 'en') await page.locator('button#lang-switch').click();
    await typable(page.locator('#f-revenue'));

    await page.goto(`/embed.html?widget=check&lang=${lang}&programme=xiamen-2024&as-of=2025-06-30`);
    const w = page.locator('shuzhuan-check');
    await w.scrollIntoViewIfNeeded();
    await expect(w.locator('#f-revenue')).toBeVisible();
    await typable(w.locator('#f-revenue'));
  });
}
