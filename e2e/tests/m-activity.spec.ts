// Activities end to end, as the account manager of kehu.spec.ts: on a customer 360 page, add a contact and
// log a call with them and a next follow-up; the follow-up task and its reminder show on the 360 page, on "My day" and in
// the calendar; the global search finds the account by a two-character Chinese word; switching the
// language re-renders the 360 page.
import { expect, test } from '@playwright/test';
import { MANAGER, choose, label, login, nav, newAccount, openAccount, switchLanguage } from './helpers';

test.describe.configure({ mode: 'serial' });

const COMPANY = '杭州云帆数据科技有限公司';
const SUBJECT = 'Budget call with procurement';
const CONTACT = '周敏';

/** "Now + minutes" in Shanghai (the browser's and the user's zone), clamped to today, as the picker types it. */
function laterToday(minutes: number): { typed: string; day: string } {
  const zone = 'Asia/Shanghai';
  const parts = (d: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
  const now = parts(new Date());
  let later = parts(new Date(Date.now() + minutes * 60_000));
  if (later.day !== now.day) later = { ...now, hour: '23', minute: '59' };
  return { typed: `${later.year}-${later.month}-${later.day} ${later.hour}:${later.minute}:00`, day: `${now.year}-${now.month}-${now.day}` };
}

test('1. the account manager logs a call with a next follow-up on the customer 360 page', async ({ page }) => {
  await login(page, 'en', MANAGER);
  const accountDialog = await newAccount(page, COMPANY);
  await accountDialog.getByRole('button', { name: 'Save' }).click();
  await expect(accountDialog).toBeHidden();
  await openAccount(page, COMPANY);

  // The 360 page: profile, sections, quick actions.
  await expect(page.getByTestId('c360-profile')).toBeVisible();
  await expect(page.getByTestId('c360-timeline')).toContainText('Interaction history');
  await expect(page.getByTestId('c360-openTasks')).toContainText('No open tasks');

  // A contact to talk to.
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contactDialog = page.getByRole('dialog', { name: 'Add contact' });
  await contactDialog.getByLabel('Name', { exact: true }).fill(CONTACT);
  await contactDialog.getByLabel('Title', { exact: true }).fill('Procurement lead');
  await contactDialog.getByRole('button', { name: 'Save' }).click();
  await expect(contactDialog).toBeHidden();

  await page.getByRole('button', { name: label('Log call') }).click();
  const dialog = page.getByRole('dialog', { name: 'Log activity' });
  await dialog.getByLabel('Subject', { exact: true }).fill(SUBJECT);
  // The contact picker offers this account's contacts.
  await choose(page, dialog.getByLabel('Contact', { exact: true }), CONTACT);
  await expect(dialog.getByTitle(`${CONTACT} · Procurement lead`)).toBeVisible();
  await dialog.getByLabel('Content', { exact: true }).fill('Budget frozen in Q4; objections on price. Call back before the budget round.');
  const next = laterToday(90);
  const picker = dialog.getByLabel('Next follow-up', { exact: true });
  await picker.click();
  await picker.fill(next.typed);
  await picker.press('Enter');
  await expect(picker).toHaveValue(next.typed);
  await dialog.getByRole('button', { name: label('Save') }).click();
  await expect(dialog).toBeHidden();

  // The call is in the history; the follow-up task, with its reminder, is an open task.
  await expect(page.getByTestId('c360-timeline')).toContainText(SUBJECT);
  await expect(page.getByTestId('c360-timeline')).toContainText('Budget frozen in Q4');
  const tasks = page.getByTestId('c360-openTasks');
  await expect(tasks).toContainText(SUBJECT);
  await expect(tasks).toContainText('reminder');
  // The call was saved linked to the account and the contact (read back with the page's session).
  const saved = await page.request.get(`/api/v1/activities?q=${encodeURIComponent(SUBJECT)}&filter=${encodeURIComponent('type:in:call')}`);
  expect(saved.ok()).toBe(true);
  const items = ((await saved.json()) as { items: { accountName: string | null; contactName: string | null }[] }).items;
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ accountName: COMPANY, contactName: CONTACT });
});

test('2. the follow-up task and its reminder show on My day and in the calendar', async ({ page }) => {
  await login(page, 'en', MANAGER);
  const myDay = page.locator('.ant-card', { hasText: 'My day' });
  await expect(myDay).toContainText(SUBJECT);
  await expect(myDay.locator('[data-testid^="myday-reminder-"]')).toHaveCount(1);

  await nav(page).getByRole('menuitem', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { name: 'Calendar' })).toBeVisible();
  // Today holds the logged call and its follow-up task; only the task has a reminder.
  const today = page.getByTestId(`cal-day-${laterToday(0).day}`);
  await expect(today).toContainText(SUBJECT);
  await expect(today.getByLabel('reminder')).toHaveCount(1);
  // The week view lists it too, and clicking it opens the activity.
  await page.getByText('Week', { exact: true }).click();
  await page.getByTestId(`cal-day-${laterToday(0).day}`).getByText(SUBJECT).first().click();
  await expect(page.getByRole('dialog', { name: 'Edit activity' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Edit activity' }).getByRole('button', { name: label('Cancel') }).click();
});

test('3. global search finds the account by a two-character Chinese word', async ({ page }) => {
  await login(page, 'en', MANAGER);
  await page.getByPlaceholder('Search name, phone, e-mail…').first().fill('云帆');
  const option = page.locator('.ant-select-item-option', { hasText: COMPANY }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.getByRole('heading', { name: new RegExp(COMPANY) })).toBeVisible();
});

test('4. switching the language re-renders the 360 page', async ({ page }) => {
  await login(page, 'en', MANAGER);
  await openAccount(page, COMPANY);
  await expect(page.getByTestId('c360-timeline')).toContainText('Interaction history');
  await switchLanguage(page, 'en', 'zh');
  await expect(page.getByTestId('c360-timeline')).toContainText('交往记录');
  await expect(page.getByRole('button', { name: label('记录电话') })).toBeVisible();
  await expect(page.getByTestId('c360-openTasks')).toContainText('待办任务');
  await switchLanguage(page, 'zh', 'en');
  await expect(page.getByTestId('c360-timeline')).toContainText('Interaction history');
  await expect(page.getByRole('button', { name: label('Log call') })).toBeVisible();
  await expect(page.getByTestId('c360-openTasks')).toContainText('Open tasks');
  await expect(page.getByTestId('c360-timeline')).toContainText(SUBJECT);
});
