import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import i18next from 'i18next';
import AccountDetailPage from '../AccountDetailPage';
import { jsonResponse, renderWithProviders, testMe } from '../../../test/render';

const f = (name: string, type: string, label: string) => ({ name, type, label, required: false, filterable: true, sortable: false, sensitive: false, readOnly: false });
const meta = {
  entities: [
    { name: 'account', label: 'Account', fields: [f('name', 'string', 'Name'), f('lifecycle', 'enum', 'Lifecycle stage')] },
    { name: 'contact', label: 'Contact', fields: [f('name', 'string', 'Name')] },
    { name: 'activity', label: 'Activity', fields: [f('subject', 'string', 'Subject'), f('dueAt', 'datetime', 'Due')] },
  ],
};
const account = {
  id: 5, number: 'KH000005', name: '杭州云帆', type: 'company', level: '', industry: '', region: '', source: '', lifecycle: 'customer',
  phone: '', email: '', website: '', address: '', creditLimit: 0, currency: 'CNY', satisfaction: null, tags: ['重点'], custom: {},
  ownerId: 2, ownerName: 'Li', teamId: null, teamName: null, masked: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
};
const task = {
  id: 11, type: 'task', subject: 'Call back about the budget', content: '', accountId: 5, accountName: '杭州云帆', contactId: null, contactName: null,
  dueAt: '2020-01-01T00:00:00Z', status: 'open', overdue: true, outcome: '', doneAt: null, nextFollowUpAt: null, remindAt: '2020-01-01T00:00:00Z',
  remindedAt: null, tags: [], custom: {}, masked: false, ownerId: 2, ownerName: 'Li', teamId: null, teamName: null,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
};

afterEach(async () => {
  vi.unstubAllGlobals();
  await act(() => i18next.changeLanguage('en'));
});

describe('customer 360 page', () => {
  it('shows the profile, quick actions and the registered sections, and re-renders in the other language', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const url = new URL(req.url);
      asked.push(url.pathname + url.search);
      if (url.pathname === '/api/v1/meta') return jsonResponse(200, meta);
      if (url.pathname === '/api/v1/accounts/5') return jsonResponse(200, account);
      if (url.pathname === '/api/v1/activities') return jsonResponse(200, { items: url.searchParams.get('status') === 'open' ? [task] : [], nextCursor: null });
      if (url.pathname.startsWith('/api/v1/dictionar')) return jsonResponse(200, { items: [] });
      if (url.pathname.endsWith('/timeline') || url.pathname.endsWith('/comments') || url.pathname.endsWith('/contacts')) return jsonResponse(200, { items: [], nextCursor: null });
      return jsonResponse(200, { items: [], nextCursor: null });
    }));
    const rights = { 'account:read': 'own', 'contact:read': 'own', 'activity:read': 'own', 'activity:create': 'own', 'activity:update': 'own' };
    renderWithProviders(
      <Routes>
        <Route path="/accounts/:id" element={<AccountDetailPage />} />
      </Routes>,
      { route: '/accounts/5', me: { ...testMe, rights } as typeof testMe },
    );
    expect(await screen.findByText('杭州云帆 (KH000005)', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('重点')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Log call/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Add task/ })).toBeTruthy();
    expect(await screen.findByText('Interaction history')).toBeTruthy();
    expect(screen.getByText('Open tasks')).toBeTruthy();
    expect(await screen.findByText('Call back about the budget', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('1 overdue')).toBeTruthy();
    expect(asked.some((a) => a.startsWith('/api/v1/accounts/5/timeline'))).toBe(true);

    await act(() => i18next.changeLanguage('zh-CN'));
    expect(await screen.findByText('交往记录')).toBeTruthy();
    expect(screen.getByText('待办任务')).toBeTruthy();
    expect(screen.getByRole('button', { name: /记录电话/ })).toBeTruthy();
    expect(screen.queryByText('Interaction history')).toBeNull();
  }, 60_000);
});
