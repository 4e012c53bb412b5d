import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import AccountsPage from './AccountsPage';
import AccountDetailPage from './AccountDetailPage';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import { navRegistry, visibleNav } from '../../app/nav';
import type { EntityMeta } from '../../api/types';

const f = (name: string, type: string, label: string, extra: Record<string, unknown> = {}) => ({
  name, type, label, required: false, filterable: true, sortable: false, sensitive: false, readOnly: false, ...extra,
});

const accountMeta = {
  name: 'account',
  label: 'Account',
  fields: [
    f('number', 'string', 'Number', { readOnly: true }),
    f('name', 'string', 'Name', { required: true, sortable: true }),
    f('lifecycle', 'enum', 'Lifecycle stage', { options: [{ value: 'customer', label: 'Customer' }] }),
    f('phone', 'phone', 'Phone', { sensitive: true }),
    f('email', 'email', 'Email', { sensitive: true }),
  ],
} as EntityMeta;
const contactMeta = { name: 'contact', label: 'Contact', fields: [f('name', 'string', 'Name', { required: true }), f('title', 'string', 'Title')] } as EntityMeta;

const account = {
  id: 5, number: 'KH000005', name: '华为技术', type: 'company', level: '', industry: '', region: '', source: '', lifecycle: 'customer',
  phone: '138****5678', email: 'l***@example.com', website: '', address: '', creditLimit: 0, currency: 'CNY', satisfaction: null,
  tags: [], custom: {}, ownerId: 2, ownerName: 'Li', teamId: null, teamName: null, masked: true,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
};

function mockFetch() {
  const calls: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      calls.push(req);
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/meta') return jsonResponse(200, { entities: [accountMeta, contactMeta] });
      if (path === '/api/v1/accounts') return jsonResponse(200, { items: [account], nextCursor: null });
      if (path === '/api/v1/accounts/5') return jsonResponse(200, account);
      if (path === '/api/v1/users')
        return jsonResponse(200, { items: [{ id: 2, name: 'Li', email: 'li@kehu.test' }, { id: 3, name: 'Wang', email: 'wang@kehu.test' }], nextCursor: null });
      if (path === '/api/v1/accounts/transfer' && req.method === 'POST') return jsonResponse(200, { accounts: 1, contacts: 2 });
      if (path === '/api/v1/accounts/5/contacts')
        return jsonResponse(200, { items: [{ id: 9, accountId: 5, name: '王芳', title: 'CTO', mobile: '139****4321', email: 'w***@example.com', masked: true }], nextCursor: null });
      throw new Error(`unexpected ${req.method} ${path}`);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('customer pages', () => {
  it('lists accounts with masked values shown as returned and links to the account', async () => {
    mockFetch();
    renderWithProviders(<AccountsPage />, { me: { ...testMe, rights: { 'account:read': 'own' } } });
    expect(await screen.findByText('138****5678', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('l***@example.com')).toBeTruthy();
    expect(screen.getByRole('link', { name: '华为技术' }).getAttribute('href')).toBe('/accounts/5');
    // without account:create there is no create button
    expect(screen.queryByRole('button', { name: /New account/ })).toBeNull();
  });

  it('offers account creation with account:create', async () => {
    mockFetch();
    renderWithProviders(<AccountsPage />, { me: { ...testMe, rights: { 'account:read': 'own', 'account:create': 'own' } } });
    expect(await screen.findByRole('button', { name: /New account/ }, { timeout: 5000 })).toBeTruthy();
  });

  it('requests the account list with paging parameters', async () => {
    const calls = mockFetch();
    renderWithProviders(<AccountsPage />, { me: { ...testMe, rights: { 'account:read': 'own' } } });
    await screen.findByText('138****5678', {}, { timeout: 5000 });
    const list = calls.find((r) => new URL(r.url).pathname === '/api/v1/accounts');
    expect(list).toBeTruthy();
    expect(new URL(list!.url).searchParams.get('limit')).toBeTruthy();
  });

  it('transfers selected accounts to another owner with account:assign', async () => {
    const calls = mockFetch();
    renderWithProviders(<AccountsPage />, { me: { ...testMe, rights: { 'account:read': 'subtree', 'account:assign': 'subtree' } } });
    await screen.findByText('138****5678', {}, { timeout: 5000 });
    const boxes = screen.getAllByRole('checkbox');
    fireEvent.click(boxes[boxes.length - 1]);
    fireEvent.click(await screen.findByRole('button', { name: 'Transfer to…' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
    expect(within(dialog).getByText('Transfer customers of Li')).toBeTruthy();
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'New owner' }));
    fireEvent.click(await screen.findByTitle('Wang <wang@kehu.test>', {}, { timeout: 5000 }));
    expect(screen.queryByTitle('Li <li@kehu.test>')).toBeNull(); // not the current owner
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(await screen.findByText('Transferred 1 accounts and 2 contacts.', {}, { timeout: 5000 })).toBeTruthy();
    const post = calls.find((r) => new URL(r.url).pathname === '/api/v1/accounts/transfer');
    expect(await post!.json()).toEqual({ fromOwnerId: 2, toOwnerId: 3, accountIds: [5] });
  }, 60000);

  it('offers no transfer without account:assign', async () => {
    mockFetch();
    renderWithProviders(<AccountsPage />, { me: { ...testMe, rights: { 'account:read': 'own', 'account:update': 'own' } } });
    await screen.findByText('138****5678', {}, { timeout: 5000 });
    // With account:update the rows can be selected for bulk tags and edits, but neither the transfer
    // nor the bulk assign is offered.
    const boxes = screen.getAllByRole('checkbox');
    fireEvent.click(boxes[boxes.length - 1]);
    const bar = await screen.findByTestId('bulk-bar', {}, { timeout: 5000 });
    expect(within(bar).getByRole('button', { name: 'Add tags' })).toBeTruthy();
    expect(within(bar).queryByRole('button', { name: 'Assign owner' })).toBeNull();
    expect(within(bar).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Transfer/ })).toBeNull();
  }, 60000);

  it('offers no row selection without account:update', async () => {
    mockFetch();
    renderWithProviders(<AccountsPage />, { me: { ...testMe, rights: { 'account:read': 'own' } } });
    await screen.findByText('138****5678', {}, { timeout: 5000 });
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  }, 60000);

  it('shows the account profile and its contacts', async () => {
    mockFetch();
    renderWithProviders(
      <Routes>
        <Route path="/accounts/:id" element={<AccountDetailPage />} />
      </Routes>,
      { route: '/accounts/5', me: { ...testMe, rights: { 'account:read': 'own', 'contact:read': 'own', 'contact:create': 'own' } } },
    );
    expect(await screen.findByText('华为技术 (KH000005)', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('Sensitive fields are masked for you')).toBeTruthy();
    expect(await screen.findByText('王芳', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('139****4321')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: /Add contact/ })).toBeTruthy());
    expect(screen.queryByRole('button', { name: /Edit account/ })).toBeNull();
  });

  it('shows the customer nav entries by right', () => {
    const keys = (rights: Record<string, 'own' | 'all'>) => visibleNav(navRegistry, rights).map((i) => i.key);
    expect(keys({})).not.toContain('accounts');
    expect(keys({ 'account:read': 'own' })).toEqual(['home', 'accounts', 'profile', 'notifications', 'tokens']);
    expect(keys({ 'account:read': 'all', 'contact:read': 'all' })).toEqual(['home', 'accounts', 'contacts', 'profile', 'notifications', 'tokens']);
  });
});
