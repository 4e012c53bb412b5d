// Saved views and bulk actions on the accounts list (SPEC C9): filter the list, save the view, reload
// and pick it again, select rows, tag them in bulk, filter by the tag, assign them to another user.
// Runs after kehu.spec.ts, which creates the administrator and the account manager Wang Fang.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, MANAGER, choose, label, login, logout, nav } from './helpers';

test.describe.configure({ mode: 'serial' });

const NAMES = ['视图甲 Viewco', '视图乙 Viewco', '视图丙 Viewco'];
const VIEW = 'Viewco 客户';
const TAG = '展会2026';
const OTHER = '视图外 Otherco';

function rows(page: Page) {
  return page.locator('.ant-table-tbody tr.ant-table-row');
}

test('m1. filter the accounts, save the view, reload and pick it again', async ({ page }) => {
  await login(page, 'en', ADMIN);
  for (const name of [...NAMES, OTHER]) {
    const res = await page.request.post('/api/v1/accounts', { data: { name } });
    expect(res.status()).toBe(201);
  }
  await nav(page).getByRole('menuitem', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  const search = page.getByRole('search').getByLabel('Search', { exact: true });
  await search.fill('Viewco');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(3);
  await expect(page).toHaveURL(/[?&]q=Viewco/);

  await page.getByRole('button', { name: 'Save as new view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as new view' });
  await dialog.getByLabel('View name').fill(VIEW);
  await dialog.getByRole('button', { name: label('Save') }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/[?&]view=\d+/);

  // A reload restores the list from the URL.
  await page.reload();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId('views-bar')).toContainText(VIEW);

  // A fresh visit shows every account until the view is picked.
  await page.goto('/accounts');
  await expect(rows(page).filter({ hasText: OTHER })).toHaveCount(1);
  await choose(page, page.getByRole('combobox', { name: 'View' }), VIEW);
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).filter({ hasText: OTHER })).toHaveCount(0);
  await expect(page.getByRole('search').getByLabel('Search', { exact: true })).toHaveValue('Viewco');
});
