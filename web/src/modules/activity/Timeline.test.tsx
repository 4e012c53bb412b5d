import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import { Timeline, changeValue } from './Timeline';
import { FeedCard, absoluteFeedURL } from './FeedCard';

const me = { ...testMe, rights: { 'account:read': 'own', 'activity:read': 'own' } } as typeof testMe;

function page(cursor: string | null) {
  if (cursor === null) {
    return {
      items: [
        { kind: 'activity', id: 7, at: '2030-05-10T02:00:00Z', entity: 'activity', recordId: 7, actorId: 2, actorName: 'Li Lei',
          activity: { type: 'call', subject: 'Budget call', content: 'Budget frozen until Q4', outcome: 'Call back in Q3', status: 'done', dueAt: null, doneAt: null, nextFollowUpAt: '2030-09-25T01:00:00Z', contactId: null } },
        { kind: 'change', id: 9, at: '2030-05-09T02:00:00Z', entity: 'account', recordId: 1, actorId: 2, actorName: 'Li Lei',
          change: { action: 'update', fields: [
            { field: 'name', label: 'Name', old: 'Acme', new: 'Acme Ltd', masked: false },
            { field: 'phone', label: 'Phone', old: null, new: null, masked: true },
            { field: 'ownerId', label: 'Owner', old: 2, new: 3, oldText: 'Li Lei', newText: 'Han Meimei', masked: false },
          ] } },
      ],
      nextCursor: 'c1',
    };
  }
  return { items: [{ kind: 'merge', id: 3, at: '2030-05-01T00:00:00Z', entity: 'account', recordId: 1, actorId: 2, actorName: 'Li Lei', merge: { mergedId: 5, mergedName: 'Acme (dup)' } }], nextCursor: null };
}

afterEach(() => vi.unstubAllGlobals());

describe('Timeline', () => {
  it('shows activities, labelled changes with masked values, and loads older pages', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const url = new URL(req.url);
      calls.push(url.pathname + url.search);
      if (url.pathname === '/api/v1/accounts/1/timeline') return jsonResponse(200, page(url.searchParams.get('cursor')));
      if (url.pathname.startsWith('/api/v1/dictionar')) return jsonResponse(200, { items: [] });
      throw new Error(`unexpected ${url.pathname}`);
    }));
    renderWithProviders(<Timeline entity="account" id={1} />, { me });
    expect(await screen.findByText('Budget call')).toBeTruthy();
    expect(screen.getByText('Budget frozen until Q4')).toBeTruthy();
    expect(screen.getByText('Acme Ltd')).toBeTruthy();
    expect(screen.getByText('Han Meimei')).toBeTruthy();
    expect(screen.getByText('changed (hidden)')).toBeTruthy();
    expect(screen.queryByText(/Acme \(dup\)/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(/merged “Acme \(dup\)” into this record/)).toBeTruthy();
    expect(calls.some((c) => c.includes('cursor=c1'))).toBe(true);
    // Filtering by kind asks the server for that kind only.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Comments' }));
    await waitFor(() => expect(calls.some((c) => c.includes('types=activity%2Cchange%2Cmerge'))).toBe(true));
  });

  it('reads change values as people would', () => {
    const dt = (s: string) => `at ${s}`;
    expect(changeValue(null, null, dt)).toBe('—');
    expect(changeValue(['a', 'b'], null, dt)).toBe('a, b');
    expect(changeValue(3, 'Han Meimei', dt)).toBe('Han Meimei');
    expect(changeValue('2030-05-01T00:00:00Z', null, dt)).toBe('at 2030-05-01T00:00:00Z');
    expect(changeValue(true, null, dt)).toBe('✓');
  });
});

describe('FeedCard', () => {
  it('creates the subscription address and shows it once, absolute', async () => {
    let active = false;
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const url = new URL(req.url);
      if (req.method === 'GET' && url.pathname === '/api/v1/me/calendar-feed') return jsonResponse(200, { active });
      if (req.method === 'POST' && url.pathname === '/api/v1/me/calendar-feed') {
        active = true;
        return jsonResponse(201, { url: '/api/v1/calendar/feed/kcal_secret.ics', token: 'kcal_secret' });
      }
      throw new Error(`unexpected ${req.method} ${url.pathname}`);
    }));
    renderWithProviders(<FeedCard />, { me });
    fireEvent.click(await screen.findByRole('button', { name: 'Create subscription address' }));
    const shown = await screen.findByTestId('feed-url');
    expect(shown.textContent).toContain(`${window.location.origin}/api/v1/calendar/feed/kcal_secret.ics`);
    expect(await screen.findByText('A subscription address is active')).toBeTruthy();
    expect(absoluteFeedURL('https://crm.example.com/x.ics', 'http://localhost')).toBe('https://crm.example.com/x.ics');
  });
});
