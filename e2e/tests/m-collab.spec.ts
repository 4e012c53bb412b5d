// Collaboration (SPEC X1, T2): a comment with an @mention reaches the mentioned colleague's bell and
// leads to the record; a reminder that is due appears in the owner's bell. Runs after kehu.spec.ts
// (the administrator and the account manager Wang Fang exist).
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, MANAGER, login, logout } from './helpers';

test.describe.configure({ mode: 'serial' });

const ACCOUNT = 'Collab 协作客户';
let accountId = 0;

async function bell(page: Page) {
  return page.getByTestId('notification-bell');
}

test('m1. a comment with an @mention notifies the colleague, who opens the record from the bell', async ({ page }) => {
  await login(page, 'en', ADMIN);
  const users = await (await page.request.get(`/api/v1/users?q=${encodeURIComponent(MANAGER.email)}`)).json();
  const managerId = users.items[0].id as number;
  const created = await page.request.post('/api/v1/accounts', { data: { name: ACCOUNT, ownerId: managerId } });
  expect(created.status()).toBe(201);
  accountId = (await created.json()).id;

  await page.goto(`/accounts/${accountId}`);
  await expect(page.getByRole('heading', { name: new RegExp(ACCOUNT) })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Comment' });
  await box.click();
  await box.pressSequentially('@Wang', { delay: 50 });
  await page.locator('.ant-mentions-dropdown-menu-item', { hasText: MANAGER.name }).click();
  await box.pressSequentially('please call them <b>today</b>');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const thread = page.getByTestId('comment-thread');
  // The markup is shown as text, the mention highlighted.
  await expect(thread.getByTestId('comment-body')).toHaveText(`@${MANAGER.name} please call them <b>today</b>`);
  await expect(thread.locator('b', { hasText: 'today' })).toHaveCount(0);

  await logout(page, 'en');
  await login(page, 'en', MANAGER);
  await expect(await bell(page)).toHaveAccessibleName('Notifications, 1 unread');
  await (await bell(page)).click();
  const item = page.getByTestId('notification-dropdown').getByText(`${ADMIN.name} mentioned you on ${ACCOUNT}`);
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}$`));
  await expect(page.getByTestId('comment-thread').getByTestId('comment-body')).toContainText('please call them');
  await expect(await bell(page)).toHaveAccessibleName('Notifications, 0 unread');
});

test('m2. a reminder that is due appears in the owner’s bell and opens the activity', async ({ page }) => {
  test.setTimeout(150_000);
  await login(page, 'en', MANAGER);
  const remindAt = new Date(Date.now() - 60_000).toISOString();
  const created = await page.request.post('/api/v1/activities', {
    data: { type: 'task', subject: 'Call back Collab', accountId, remindAt },
  });
  expect(created.status(), await created.text()).toBe(201);
  // The sweep runs every 30 s and the bell polls every 30 s.
  await expect(await bell(page)).toHaveAccessibleName('Notifications, 1 unread', { timeout: 90_000 });
  await (await bell(page)).click();
  const item = page.getByTestId('notification-dropdown').getByText('Reminder: Call back Collab');
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(/\/activities\?open=\d+$/);
  const dialog = page.getByRole('dialog', { name: 'Edit activity' });
  await expect(dialog.getByLabel('Subject', { exact: true })).toHaveValue('Call back Collab');
  await expect(dialog.getByTestId('comment-thread')).toBeVisible();
});
