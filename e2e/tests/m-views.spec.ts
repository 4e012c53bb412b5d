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

test('m2. bulk-tag two accounts, filter by the tag, bulk-assign them to the account manager', async ({ page }) => {
  await login(page, 'en', ADMIN);
  await page.goto('/accounts?q=Viewco');
  await expect(rows(page)).toHaveCount(3);

  // Tag the first two.
  for (const name of NAMES.slice(0, 2)) {
    await rows(page).filter({ hasText: name }).getByRole('checkbox').check();
  }
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Add tags' }).click();
  const tagDialog = page.getByRole('dialog', { name: 'Add tags' });
  const tags = tagDialog.getByRole('combobox', { name: 'Tags' });
  // Type a new tag and pick it from the dropdown as a user does, then close the dropdown by clicking the
  // dialog (it would otherwise cover the dialog's buttons).
  await tags.click();
  await tags.pressSequentially(TAG);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])').last()
    .locator('.ant-select-item-option', { hasText: TAG }).first().click();
  await expect(tagDialog.getByTitle(TAG, { exact: true })).toBeVisible();
  await tagDialog.getByText('2 selected').click();
  await tagDialog.getByRole('button', { name: label('Apply') }).click();
  const changed = page.getByText('2 of 2 records changed');
  await expect(changed).toBeVisible();
  await expect(bar).toBeHidden();
  // The assignment below reports the same text: wait until this message has gone.
  await expect(changed).toBeHidden();

  // Filter by the tag: suggestions come from the tags in use.
  await choose(page, page.getByRole('search').getByRole('combobox', { name: 'Tags' }), TAG);
  await expect(page).toHaveURL(/filter=tags%3Ahas%3A/);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).filter({ hasText: NAMES[2] })).toHaveCount(0);

  // Assign everything matching (the two tagged accounts) to Wang Fang.
  await rows(page).first().getByRole('checkbox').check();
  await bar.getByRole('button', { name: 'Select all matching records' }).click();
  await bar.getByRole('button', { name: 'Assign owner' }).click();
  const assignDialog = page.getByRole('dialog', { name: 'Assign owner' });
  await choose(page, assignDialog.getByRole('combobox', { name: 'New owner' }), MANAGER.name);
  await assignDialog.getByRole('button', { name: label('Apply') }).click();
  // "All matching" is confirmed first.
  const confirm = page.getByRole('dialog').filter({ hasText: 'Confirm the bulk action' });
  await expect(confirm).toContainText('every record matching the current filters');
  await confirm.getByRole('button', { name: label('Apply') }).click();
  await expect(changed).toBeVisible();
  for (const name of NAMES.slice(0, 2)) {
    await expect(rows(page).filter({ hasText: name })).toContainText(MANAGER.name);
  }

  // The account manager now sees exactly those two.
  await logout(page, 'en');
  await login(page, 'en', MANAGER);
  await page.goto('/accounts?q=Viewco');
  await expect(rows(page)).toHaveCount(2);
  await page.goto(`/accounts?filter=${encodeURIComponent(`tags:has:${TAG}`)}`);
  await expect(rows(page)).toHaveCount(2);
});
