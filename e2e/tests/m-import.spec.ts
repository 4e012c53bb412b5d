// Import (SPEC I3): a CSV with a duplicate row and an invalid row; the preview shows both, the run
// imports the rest, and the summary offers the error report.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, login, nav } from './helpers';

test.describe.configure({ mode: 'serial' });

test('import accounts from CSV: preview errors and duplicates, run, summary and error report', async ({ page }) => {
  // Row 1 duplicates the account recorded in kehu.spec.ts (legal form aside); row 2 has no name and a
  // bad e-mail; row 3 is new. The formula in row 2 must come back neutralised in the error report.
  const csv = [
    '公司名称,邮箱,地址',
    '上海星辰科技,hello@xingchen.test,上海',
    ',not-an-email,=HYPERLINK("http://evil")',
    '深圳海风贸易有限公司,info@haifeng.test,深圳',
  ].join('\r\n');

  await login(page, 'en', ADMIN);
  await nav(page).getByRole('menuitem', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('Click or drop a CSV or Excel file here')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  // Mapping: the Chinese headers were recognised.
  await expect(page.getByRole('combobox', { name: 'Field for column 公司名称' })).toBeVisible();
  await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Field for column 邮箱' }) })).toContainText('Email');
  await page.getByRole('button', { name: 'Preview' }).click();

  // Preview: the invalid row is highlighted with its problems; the duplicate is flagged.
  const bad = page.getByTestId('preview-row-2');
  await expect(bad).toContainText('This field is required.');
  await expect(bad).toContainText('Enter a valid e-mail address.');
  await expect(page.getByTestId('preview-row-1')).toContainText('Matches 上海星辰科技有限公司');
  await expect(page.getByText('1 row with errors')).toBeVisible();
  await expect(page.getByText('1 possible duplicate')).toBeVisible();

  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(page.getByText('Import finished')).toBeVisible({ timeout: 60_000 });
  const counts = page.locator('.ant-descriptions');
  await expect(counts).toContainText('Created1');
  await expect(counts).toContainText('Skipped1');
  await expect(counts).toContainText('Errors1');
  await expect(page.getByText('1 row was not imported')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download error report' }).click(),
  ]);
  const report = readFileSync((await download.path())!, 'utf8');
  expect(report.startsWith('\ufeff')).toBe(true);
  expect(report).toContain('not-an-email');
  expect(report).toContain(`'=HYPERLINK(""http://evil"")`);
  expect(report).toContain('This field is required.');

  await page.getByRole('button', { name: 'Open accounts' }).click();
  await expect(page.getByRole('row', { name: /深圳海风贸易有限公司/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /上海星辰科技有限公司/ })).toHaveCount(1);

  // The history lists the import.
  await nav(page).getByRole('menuitem', { name: 'Imports' }).click();
  await expect(page.getByRole('row', { name: /accounts\.csv/ })).toContainText('Done');
});
