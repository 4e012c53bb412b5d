// The first-run journey of a Kehu installation, in order, against one fresh server:
// setup → logins in both languages → team and user → a non-administrator's limits →
// audit trail → API token → wrong password → API docs. Each step relies on the ones
// before it, so the file runs serially and stops at the first failure.
import { expect, test } from '@playwright/test';
import { ADMIN, MANAGER, TEAM, TEXT, choose, label, login, logout, nav, newAccount, openAccounts, submitLogin, switchLanguage } from './helpers';

test.describe.configure({ mode: 'serial' });

test('1. first-run setup creates the administrator on /setup', async ({ page, request }) => {
  expect((await (await request.get('/api/v1/setup')).json()).needed).toBe(true);

  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Kehu' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();

  await expect(page.getByRole('heading', { name: `Welcome, ${ADMIN.name}` })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(nav(page).getByRole('menuitem', { name: 'Users' })).toBeVisible();
  expect((await (await request.get('/api/v1/setup')).json()).needed).toBe(false);

  // Setup is over: the page now sends visitors to the login.
  await logout(page, 'en');
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/login$/);
});

test('2. log out and log in again, in English and in Simplified Chinese', async ({ page }) => {
  // English (the browser's language).
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await submitLogin(page, 'en', ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { name: TEXT.en.welcome(ADMIN.name) })).toBeVisible();
  await expect(nav(page).getByRole('menuitem', { name: TEXT.en.navUsers })).toBeVisible();
  await expect(nav(page).getByRole('menuitem', { name: TEXT.en.navAudit })).toBeVisible();
  await logout(page, 'en');

  // Simplified Chinese, picked on the login page.
  await switchLanguage(page, 'en', 'zh');
  await expect(page.getByRole('heading', { name: TEXT.zh.loginTitle })).toBeVisible();
  await expect(page.getByRole('button', { name: label(TEXT.zh.loginButton) })).toBeVisible();
  await expect(page.getByText(TEXT.zh.email, { exact: true })).toBeVisible();
  await submitLogin(page, 'zh', ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { name: TEXT.zh.welcome(ADMIN.name) })).toBeVisible();
  await expect(nav(page).getByRole('menuitem', { name: TEXT.zh.navUsers })).toBeVisible();
  await expect(nav(page).getByRole('menuitem', { name: TEXT.zh.navAudit })).toBeVisible();
  await expect(nav(page).getByRole('menuitem', { name: TEXT.en.navUsers })).toHaveCount(0);

  // The choice was saved in the profile: a reload keeps Chinese.
  await page.reload();
  await expect(page.getByRole('heading', { name: TEXT.zh.welcome(ADMIN.name) })).toBeVisible();

  // Back to English from the header; the rest of the suite works in English.
  await switchLanguage(page, 'zh', 'en');
  await expect(nav(page).getByRole('menuitem', { name: TEXT.en.navUsers })).toBeVisible();
  await expect(page.getByRole('heading', { name: TEXT.en.welcome(ADMIN.name) })).toBeVisible();
  await logout(page, 'en');
});

test('3. the administrator creates a team and an account manager in it', async ({ page }) => {
  await login(page, 'en', ADMIN);

  await nav(page).getByRole('menuitem', { name: TEXT.en.navTeams }).click();
  await expect(page.getByRole('heading', { name: 'Teams' })).toBeVisible();
  await page.getByRole('button', { name: 'New team' }).click();
  const teamDialog = page.getByRole('dialog', { name: 'New team' });
  await teamDialog.getByLabel('Name', { exact: true }).fill(TEAM);
  await teamDialog.getByRole('button', { name: 'Save' }).click();
  await expect(teamDialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(TEAM) })).toBeVisible();

  await nav(page).getByRole('menuitem', { name: TEXT.en.navUsers }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await page.getByRole('button', { name: 'New user' }).click();
  const userDialog = page.getByRole('dialog', { name: 'New user' });
  await userDialog.getByLabel('Email', { exact: true }).fill(MANAGER.email);
  await userDialog.getByLabel('Name', { exact: true }).fill(MANAGER.name);
  await userDialog.getByLabel('Password', { exact: true }).fill(MANAGER.password);
  await choose(page, userDialog.getByLabel('Team', { exact: true }), TEAM);
  await choose(page, userDialog.getByLabel('Roles', { exact: true }), TEXT.en.accountManager);
  await userDialog.getByRole('button', { name: 'Save' }).click();
  await expect(userDialog).toBeHidden();

  const row = page.getByRole('row', { name: new RegExp(MANAGER.email) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(MANAGER.name);
  await expect(row).toContainText(TEAM);
  await expect(row).toContainText(TEXT.en.accountManager);

  // The team now counts its member.
  await nav(page).getByRole('menuitem', { name: TEXT.en.navTeams }).click();
  await expect(page.getByRole('heading', { name: 'Teams' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(TEAM) }).getByRole('cell', { name: '1', exact: true })).toBeVisible();
});

test('4. the account manager sees no administration beyond their rights', async ({ page }) => {
  // A mistyped password first (the audit log checks for it later).
  await page.goto('/login');
  await submitLogin(page, 'en', MANAGER.email, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText(TEXT.en.wrongPassword);
  await submitLogin(page, 'en', MANAGER.email, MANAGER.password);
  await expect(page.getByRole('heading', { name: TEXT.en.welcome(MANAGER.name) })).toBeVisible();

  // Built-in "Account manager" grants user:read (own team) and team:read only:
  // no roles, no audit log, no way to create or edit users.
  await expect(nav(page).getByRole('menuitem', { name: TEXT.en.navRoles })).toHaveCount(0);
  await expect(nav(page).getByRole('menuitem', { name: TEXT.en.navAudit })).toHaveCount(0);
  await expect(nav(page).getByRole('menuitem', { name: TEXT.en.navTokens })).toBeVisible();

  for (const path of ['/admin/roles', '/admin/audit']) {
    await page.goto(path);
    await expect(page.getByText('403', { exact: true })).toBeVisible();
    await expect(page.getByText(TEXT.en.forbidden)).toBeVisible();
  }
  expect((await page.request.get('/api/v1/roles')).status()).toBe(403);
  expect((await page.request.get('/api/v1/audit-events')).status()).toBe(403);

  // The user list is read-only and limited to their own team.
  await page.goto('/admin/users');
  await expect(page.getByRole('row', { name: new RegExp(MANAGER.email) })).toBeVisible();
  await expect(page.getByText(ADMIN.email)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New user' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await logout(page, 'en');
});

test('5. the audit log shows the user creation and the failed and successful logins', async ({ page }) => {
  await login(page, 'en', ADMIN);
  await nav(page).getByRole('menuitem', { name: TEXT.en.navAudit }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const search = page.getByRole('search');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');

  // The account manager's creation, by the administrator, with the new values.
  await choose(page, search.getByRole('combobox', { name: 'Entity' }), 'User');
  await choose(page, search.getByRole('combobox', { name: 'Action' }), /^Create$/);
  const created = rows.filter({ hasText: ADMIN.name });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('Create');
  await created.getByRole('button', { name: /expand/i }).click();
  await expect(page.locator('.ant-table-expanded-row')).toContainText(MANAGER.email);

  // The mistyped password of step 4: an anonymous failed login.
  await choose(page, search.getByRole('combobox', { name: 'Action' }), 'Failed login');
  await expect(rows.first()).toContainText('Failed login');
  await expect(rows.first()).toContainText('Anonymous');
  await rows.first().getByRole('button', { name: /expand/i }).click();
  await expect(page.locator('.ant-table-expanded-row')).toContainText(MANAGER.email);

  // Successful logins of both people.
  await choose(page, search.getByRole('combobox', { name: 'Action' }), /^Login$/);
  await expect(rows.filter({ hasText: MANAGER.name }).first()).toBeVisible();
  await expect(rows.filter({ hasText: ADMIN.name }).first()).toBeVisible();
});

test('6. an API token is shown once and works as a Bearer token', async ({ page, request }) => {
  await login(page, 'en', ADMIN);
  await nav(page).getByRole('menuitem', { name: TEXT.en.navTokens }).click();
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await page.getByRole('button', { name: 'New token' }).click();
  const createDialog = page.getByRole('dialog', { name: 'New token' });
  await createDialog.getByLabel('Name', { exact: true }).fill('e2e script');
  await createDialog.getByRole('button', { name: 'Create' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new API token' });
  await expect(shown).toContainText('It is shown only once');
  const token = (await shown.locator('code').innerText()).trim();
  expect(token.length).toBeGreaterThan(20);
  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(shown).toBeHidden();

  // Listed by name and prefix, never in full again.
  const row = page.getByRole('row', { name: /e2e script/ });
  await expect(row).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row', { name: /e2e script/ })).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);

  // The API accepts it (and nothing without it).
  const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(ADMIN.email);
  expect((await request.get('/api/v1/me')).status()).toBe(401);
  expect((await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}x` } })).status()).toBe(401);
});

test('7. a wrong password shows the error in the chosen language', async ({ page }) => {
  await page.goto('/login');
  await submitLogin(page, 'en', ADMIN.email, 'Wrong-pass-123');
  await expect(page.getByRole('alert')).toHaveText(TEXT.en.wrongPassword);
  await expect(page).toHaveURL(/\/login$/);

  await switchLanguage(page, 'en', 'zh');
  await submitLogin(page, 'zh', ADMIN.email, 'Wrong-pass-123');
  await expect(page.getByRole('alert')).toHaveText(TEXT.zh.wrongPassword);
  await expect(page).toHaveURL(/\/login$/);
});

test('8. the API documentation page renders the spec', async ({ page }) => {
  await page.goto('/api/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('Kehu CRM');
  await expect(page.locator('.swagger-ui .opblock-summary-path', { hasText: '/api/v1/me' }).first()).toBeVisible();
});

test('9. the administrator records an account with a contact; the account manager does not see it', async ({ page }) => {
  const company = '上海星辰科技有限公司';
  await login(page, 'en', ADMIN);
  const accountDialog = await newAccount(page, company);
  // The editor re-renders while it checks the name for duplicates; pick the level until the choice shows.
  await expect(async () => {
    await choose(page, accountDialog.getByLabel('Level', { exact: true }), 'Key');
    await expect(accountDialog.getByTitle('Key', { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await accountDialog.getByRole('button', { name: 'Save' }).click();
  await expect(accountDialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(company) });
  await expect(row).toContainText('KH000001');
  await expect(row).toContainText('Key');

  await row.getByRole('link', { name: company }).click();
  await expect(page.getByRole('heading', { name: `${company} (KH000001)` })).toBeVisible();
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contactDialog = page.getByRole('dialog', { name: 'Add contact' });
  await contactDialog.getByLabel('Name', { exact: true }).fill('李雷');
  await contactDialog.getByLabel('Mobile', { exact: true }).fill('13912345678');
  await contactDialog.getByRole('button', { name: 'Save' }).click();
  await expect(contactDialog).toBeHidden();
  await expect(page.getByRole('row', { name: /李雷/ })).toContainText('13912345678');

  // Data scope: the account manager owns no accounts, so sees none of the administrator's.
  await logout(page, 'en');
  await login(page, 'en', MANAGER);
  await openAccounts(page);
  await expect(page.getByRole('row', { name: new RegExp(company) })).toHaveCount(0);
  await expect(page.locator('.ant-empty')).toBeVisible();
});
