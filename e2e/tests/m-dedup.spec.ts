// Duplicate detection, review and merge (SPEC C6): two accounts that differ only by the legal
// suffix — the editor warns while the second is typed, the review screen lists the pair, the merge
// takes the name from the second, and the survivor holds the contacts of both.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, login, nav, newAccount, openAccount } from './helpers';

test.describe.configure({ mode: 'serial' });

const FIRST = '上海示例科技有限公司';
const SECOND = '上海示例科技';

async function addContact(page: Page, account: string, contact: string) {
  await openAccount(page, account);
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByLabel('Name', { exact: true }).fill(contact);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(contact) })).toBeVisible();
}

test('duplicates: the editor warns, the review lists the pair, the merge keeps both contacts', async ({ page }) => {
  // Many screens in one scenario: allow for a busy machine.
  test.setTimeout(240_000);
  await login(page, 'en', ADMIN);

  const first = await newAccount(page, FIRST);
  await first.getByRole('button', { name: 'Save' }).click();
  await expect(first).toBeHidden();

  // The second differs only by the legal suffix: a non-blocking warning names the first and its owner.
  const second = await newAccount(page, SECOND);
  await second.getByLabel('Phone', { exact: true }).fill('+86 138-0013-8000');
  const warning = second.getByRole('alert');
  await expect(warning).toContainText('Possible duplicate');
  await expect(warning.getByRole('link', { name: new RegExp(`Possible duplicate: ${FIRST} \\(owner ${ADMIN.name}\\)`) })).toBeVisible();
  await second.getByRole('button', { name: 'Save' }).click();
  await expect(second).toBeHidden();

  await addContact(page, FIRST, '张伟');
  await addContact(page, SECOND, '李娜');

  // The review screen lists the pair with what matched.
  await nav(page).getByRole('menuitem', { name: 'Duplicates' }).click();
  await expect(page.getByRole('heading', { name: 'Duplicate review' })).toBeVisible();
  const pair = page.locator('.ant-card', { hasText: FIRST }).filter({ hasText: SECOND });
  await expect(pair).toBeVisible();
  await expect(pair).toContainText('Name');

  // Merge, keeping the first record but taking the name of the second.
  await pair.getByRole('button', { name: 'Merge' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge duplicates' });
  await expect(dialog).toContainText('Moves to the kept record: 1 contacts');
  await dialog.getByRole('radio', { name: 'Value to keep for Name: Merged record' }).check();
  await expect(dialog.getByRole('radio', { name: 'Value to keep for Phone: Merged record' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.ant-card', { hasText: FIRST })).toHaveCount(0);

  // One account is left, named after the second, with the phone of the second and both contacts.
  await nav(page).getByRole('menuitem', { name: 'Accounts' }).click();
  await expect(page.getByRole('link', { name: FIRST, exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: SECOND, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${SECOND} \\(`) })).toBeVisible();
  await expect(page.getByText('+86 138-0013-8000')).toBeVisible();
  await expect(page.getByRole('row', { name: /张伟/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /李娜/ })).toBeVisible();
});
