import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import DuplicatesPage from './DuplicatesPage';

const pair = {
  a: { id: 1, name: '上海示例科技有限公司', ownerId: 2, ownerName: 'Li', updatedAt: '2026-01-01T00:00:00Z' },
  b: { id: 2, name: '上海示例科技', ownerName: '', updatedAt: '2026-01-02T00:00:00Z' },
  kinds: ['phone', 'name'],
  score: 90,
};

function mockFetch() {
  const calls: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      calls.push(req);
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/duplicates' && url.searchParams.get('entity') === 'account')
        return jsonResponse(200, { items: calls.some((c) => c.method === 'POST') ? [] : [pair], nextCursor: null });
      if (url.pathname === '/api/v1/duplicates') return jsonResponse(200, { items: [], nextCursor: null });
      if (url.pathname === '/api/v1/duplicates/dismiss' && req.method === 'POST') return jsonResponse(204, null);
      throw new Error(`unexpected ${req.method} ${url.pathname}`);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('DuplicatesPage', () => {
  it('lists pairs side by side with what matched, and dismisses one', async () => {
    const calls = mockFetch();
    renderWithProviders(<DuplicatesPage />, {
      me: { ...testMe, rights: { 'account:read': 'all', 'account:update': 'all', 'account:delete': 'all' } },
    });
    expect(await screen.findByRole('link', { name: '上海示例科技有限公司' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: '上海示例科技' }).getAttribute('href')).toBe('/accounts/2');
    expect(screen.getByText('Owner: Li')).toBeTruthy();
    expect(screen.getByText('No owner')).toBeTruthy();
    expect(screen.getByText('Phone')).toBeTruthy();
    expect(screen.getByText('Score 90')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Merge' })).toBeTruthy();
    // Without contact:read there is no contacts tab.
    expect(screen.queryByRole('tab', { name: 'Contacts' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Not duplicates' }));
    fireEvent.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() => expect(calls.some((c) => new URL(c.url).pathname === '/api/v1/duplicates/dismiss')).toBe(true));
    const post = calls.find((c) => new URL(c.url).pathname === '/api/v1/duplicates/dismiss')!;
    expect(await post.json()).toEqual({ entity: 'account', aId: 1, bId: 2 });
    await waitFor(() => expect(screen.queryByRole('link', { name: '上海示例科技有限公司' })).toBeNull());
  });

  it('offers neither dismissal nor merge to a reader', async () => {
    mockFetch();
    renderWithProviders(<DuplicatesPage />, { me: { ...testMe, rights: { 'account:read': 'all', 'contact:read': 'all' } } });
    expect(await screen.findByRole('link', { name: '上海示例科技有限公司' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Contacts' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Merge' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Not duplicates' })).toBeNull();
  });
});
