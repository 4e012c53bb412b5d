// Shared people, texts and steps of the end-to-end scenarios.
import { expect, type Locator, type Page } from '@playwright/test';

export const ADMIN = { name: 'Ada Admin', email: 'admin@kehu.test', password: 'Adm1n-pass!e2e' };
export const MANAGER = { name: 'Wang Fang', email: 'wang.fang@kehu.test', password: 'Mgr-pass!e2e-42' };
export const TEAM = 'East Sales';

/** Visible texts the scenarios look for, per UI language (from web/src/locales and the server catalogue). */
export const TEXT = {
  en: {
    language: 'English',
    email: 'Email',
    password: 'Password',
    loginTitle: 'Log in',
    loginButton: 'Log in',
    wrongPassword: 'Wrong e-mail or password.',
    welcome: (name: string) => `Welcome, ${name}`,
    navUsers: 'Users',
    navTeams: 'Teams',
    navRoles: 'Roles',
    navAudit: 'Audit log',
    navTokens: 'API tokens',
    userMenu: 'User menu',
    logout: 'Log out',
    forbidden: 'You do not have permission to view this page.',
    accountManager: 'Account manager',
  },
  zh: {
    language: '简体中文',
    email: '邮箱',
    password: '密码',
    loginTitle: '登录',
    loginButton: '登录',
    wrongPassword: '邮箱或密码错误。',
    welcome: (name: string) => `欢迎，${name}`,
    navUsers: '用户',
    navTeams: '团队',
    navRoles: '角色',
    navAudit: '审计日志',
    navTokens: 'API 令牌',
    userMenu: '用户菜单',
    logout: '退出登录',
    forbidden: '您没有权限查看此页面。',
    accountManager: '客户经理',
  },
} as const;
export type Lang = keyof typeof TEXT;

/**
 * A whitespace-tolerant button name: antd writes a space into two-character Chinese
 * labels ("登录" is shown as "登 录"), and a button that was loading can keep its
 * (hidden) "loading" icon name in front of the label for a while.
 */
export function label(text: string): RegExp {
  const esc = [...text].map(escapeRegExp);
  return new RegExp(`(^|\\s)${esc.join('\\s?')}\\s*$`);
}

/** text with the characters that are special in a regular expression escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The navigation menu (side bar on wide screens). */
export function nav(page: Page): Locator {
  return page.getByRole('menu').first();
}

/** Picks `option` in the antd Select that `trigger` opens. */
export async function choose(page: Page, trigger: Locator, option: string | RegExp) {
  await trigger.click();
  // A dropdown that is still animating closed (its motion class ends in -leave) belongs to the previous
  // select; clicking into it loses the choice.
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])').last();
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** Opens the accounts list from the navigation (English UI). */
export async function openAccounts(page: Page) {
  await nav(page).getByRole('menuitem', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
}

/** Opens the "New account" dialog from the accounts list with the name filled in; returns the dialog. */
export async function newAccount(page: Page, name: string): Promise<Locator> {
  await openAccounts(page);
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  return dialog;
}

/** Opens an account's page (customer 360) from the accounts list. */
export async function openAccount(page: Page, name: string) {
  await openAccounts(page);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${escapeRegExp(name)} \\(`) })).toBeVisible();
}

/** Switches the language with the selector shown on the login page and in the header. */
export async function switchLanguage(page: Page, from: Lang, to: Lang) {
  await choose(page, page.getByRole('combobox', { name: from === 'en' ? 'Language' : '语言' }), TEXT[to].language);
}

/** Fills and submits the login form in the page's current language. */
export async function submitLogin(page: Page, lang: Lang, email: string, password: string) {
  const t = TEXT[lang];
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: label(t.loginButton) }).click();
}

/** Logs in from /login and waits for the home page. */
export async function login(page: Page, lang: Lang, who: { name: string; email: string; password: string }) {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: label(TEXT.en.loginButton) })).toBeVisible();
  if (lang !== 'en') await switchLanguage(page, 'en', lang);
  await submitLogin(page, lang, who.email, who.password);
  await expect(page.getByRole('heading', { name: TEXT[lang].welcome(who.name) })).toBeVisible();
}

/** Logs out through the user menu and waits for the login page. */
export async function logout(page: Page, lang: Lang) {
  const t = TEXT[lang];
  await page.getByRole('button', { name: t.userMenu }).click();
  await page.getByRole('menuitem', { name: t.logout }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: label(t.loginButton) })).toBeVisible();
}
