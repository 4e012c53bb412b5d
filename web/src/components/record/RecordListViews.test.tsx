import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { RecordList } from './RecordList';
import { fromFilterParams, toFilterParams } from './filterParams';
import { readState, writeState } from './useListState';
import type { EntityMeta, ListQuery } from './types';
import { renderWithProviders, testMe } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

/** This machine is shared and slow: give the UI time to settle. */
const slow = { timeout: 10_000 };
vi.setConfig({ testTimeout: 90_000 });

const meta: EntityMeta = {
  name: 'account',
  label: 'Account',
  fields: [
    { name: 'name', type: 'string', label: 'Name', required: true, filterable: true, sortable: true, sensitive: false, readOnly: false },
    { name: 'email', type: 'email', label: 'Email', required: false, filterable: true, sortable: false, sensitive: false, readOnly: false },
    {
      name: 'lifecycle', type: 'enum', label: 'Lifecycle', required: false, filterable: true, sortable: true, sensitive: false, readOnly: false,
      options: [{ value: 'lead', label: 'Lead' }, { value: 'customer', label: 'Customer' }],
    },
    { name: 'tags', type: 'tags', label: 'Tags', required: false, filterable: true, sortable: false, sensitive: false, readOnly: false },
    { name: 'creditLimit', type: 'money', label: 'Credit limit', required: false, filterable: true, sortable: true, sensitive: false, readOnly: false },
  ],
};

const rows = [
  { id: 1, name: 'Ada', email: 'ada@example.com', lifecycle: 'lead', tags: ['vip'], creditLimit: 0 },
  { id: 2, name: 'Bo', email: 'bo@example.com', lifecycle: 'customer', tags: [], creditLimit: 0 },
];

const views = [
  { id: 1, entity: 'account', name: 'Key accounts', filters: ['name:contains:Ada', 'creditLimit:gte:1000'], q: '', sort: 'name', columns: ['name', 'email'], shared: false, mine: true, ownerId: 1, position: 10, version: 3, updatedAt: '2026-11-23T00:00:00Z' },
  { id: 9, entity: 'account', name: 'Team view', filters: [], q: '', sort: '', columns: [], shared: true, mine: false, ownerId: 5, position: 10, version: 1, updatedAt: '2026-11-23T00:00:00Z' },
];

/** Stubs the API: views, tags and bulk answers; records every request. */
function stubApi() {
  const calls: { method: string; url: URL; body: unknown; headers: Headers }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
      const url = new URL(req.url);
      const text = req.method === 'GET' ? '' : await req.text();
      calls.push({ method: req.method, url, body: text ? JSON.parse(text) : undefined, headers: req.headers });
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
      if (url.pathname === '/api/v1/views' && req.method === 'GET') return json(200, { items: views });
      if (url.pathname === '/api/v1/views' && req.method === 'POST') return json(201, { ...views[0], id: 5, name: 'New one', version: 1 });
      if (url.pathname.startsWith('/api/v1/views/')) return json(200, { ...views[0], version: 4 });
      if (url.pathname === '/api/v1/tags') return json(200, { items: ['vip', 'vip-2026'] });
      if (url.pathname.endsWith('/bulk')) return json(200, { matched: 2, changed: 1 });
      return json(200, {});
    }),
  );
  return calls;
}

function setup(route = '/', rights: Record<string, string> = {}) {
  const fetchPage = vi.fn(async (_q: ListQuery) => ({ items: rows, nextCursor: null as string | null }));
  const done = vi.fn();
  renderWithProviders(
    <RecordList
      entity="account"
      meta={meta}
      queryKey={['t-views', route]}
      fetchPage={fetchPage}
      views
      bulk={{ url: '/api/v1/accounts/bulk', actions: ['addTags', 'delete'], onDone: done }}
    />,
    { route, me: { ...testMe, rights } },
  );
  return { fetchPage, done };
}

async function pick(label: string, option: string) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByTitle(option, {}, slow));
}

describe('filter conditions', () => {
  it('round-trip between the filter bar values and field:op:value, keeping what the bar cannot show', () => {
    const fields = meta.fields!;
    const params = toFilterParams({ name: 'Ada', lifecycle: 'lead', tags: ['vip', 'x:y'] }, fields);
    expect(params).toEqual(['name:contains:Ada', 'lifecycle:eq:lead', 'tags:has:vip', 'tags:has:x:y']);
    expect(fromFilterParams([...params, 'creditLimit:gte:1000', 'nope:eq:1'], fields)).toEqual({
      values: { name: 'Ada', lifecycle: 'lead', tags: ['vip', 'x:y'] },
      raw: ['creditLimit:gte:1000', 'nope:eq:1'],
    });
  });

  it('maps number and date ranges (inclusive) and reads them back', () => {
    const fields = [
      { name: 'custom.budget', type: 'number' as const },
      { name: 'dueAt', type: 'datetime' as const },
    ];
    const params = toFilterParams({ 'custom.budget': { from: '1000', to: '5000' }, dueAt: { to: '2026-11-30' } }, fields);
    expect(params).toEqual(['custom.budget:gte:1000', 'custom.budget:lte:5000', 'dueAt:lt:2026-12-01']);
    expect(fromFilterParams(params, fields)).toEqual({ values: { 'custom.budget': { from: '1000', to: '5000' }, dueAt: { to: '2026-11-30' } }, raw: [] });
    // Bounds the bar cannot show stay raw.
    expect(fromFilterParams(['custom.budget:gt:1', 'dueAt:gte:yesterday'], fields)).toEqual({ values: {}, raw: ['custom.budget:gt:1', 'dueAt:gte:yesterday'] });
  });

  it('keeps the list state in the URL', () => {
    const s = { viewId: 4, q: '科技', filters: ['name:contains:a', 'tags:has:vip'], sort: '-name', columns: ['name', 'email'] };
    const p = writeState(s, new URLSearchParams('tab=x'));
    expect(p.get('tab')).toBe('x');
    expect(readState(p)).toEqual(s);
    expect(readState(new URLSearchParams('view=abc'))).toEqual({ viewId: undefined, q: undefined, filters: [], sort: undefined, columns: undefined });
  });
});

describe('RecordList saved views', () => {
  it("applies a chosen view's filters, sort and columns, and saves changes to it", async () => {
    const calls = stubApi();
    const { fetchPage } = setup();
    await screen.findByText('ada@example.com', {}, slow);
    await pick('View', 'Key accounts');
    await waitFor(() =>
      expect(fetchPage).toHaveBeenLastCalledWith(
        expect.objectContaining({ filters: { name: 'Ada' }, rawFilters: ['creditLimit:gte:1000'], sort: 'name' }),
      ),
    slow);
    const headers = within(screen.getByRole('table')).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.filter(Boolean)).toEqual(['Name', 'Email']);
    // The condition the bar cannot show is listed, and can be removed.
    expect(screen.getByText('creditLimit:gte:1000')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Save view/ })).toBeNull();

    const search = screen.getByLabelText('Search');
    fireEvent.change(search, { target: { value: '科技' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(await screen.findByText('Modified', {}, slow)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Save view/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true), slow);
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url.pathname).toBe('/api/v1/views/1');
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.body).toEqual({ q: '科技', filters: ['name:contains:Ada', 'creditLimit:gte:1000'], sort: 'name', columns: ['name', 'email'] });
  });

  it('saves the current list as a new view, shared only for users with saved_view:share', async () => {
    const calls = stubApi();
    setup('/?q=Ada&filter=lifecycle:eq:lead', { 'saved_view:share': 'own' });
    await screen.findByText('ada@example.com', {}, slow);
    fireEvent.click(screen.getByRole('button', { name: 'Save as new view' }));
    fireEvent.change(await screen.findByLabelText('View name', {}, slow), { target: { value: 'Leads' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Share with everyone/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/views')).toBe(true), slow);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ entity: 'account', name: 'Leads', shared: true, q: 'Ada', filters: ['lifecycle:eq:lead'], sort: '', columns: [] });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('filters by a tag picked from the suggestions of tags in use', async () => {
    const calls = stubApi();
    const { fetchPage } = setup();
    await screen.findByText('ada@example.com', {}, slow);
    expect(calls.some((c) => c.url.pathname === '/api/v1/tags')).toBe(false); // fetched only when opened
    fireEvent.mouseDown(within(screen.getByRole('search')).getByRole('combobox', { name: 'Tags' }));
    fireEvent.click(await screen.findByTitle('vip-2026', {}, slow));
    const tagCall = calls.find((c) => c.url.pathname === '/api/v1/tags')!;
    expect(tagCall.url.searchParams.get('entity')).toBe('account');
    await waitFor(() => expect(fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ filters: { tags: ['vip-2026'] } })), slow);
  });

  it('opens the view named in the URL (a reload or a shared link)', async () => {
    stubApi();
    const { fetchPage } = setup('/?view=1');
    await waitFor(() => expect(fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ filters: { name: 'Ada' }, sort: 'name' })), slow);
    expect(screen.getByTitle('Key accounts')).toBeTruthy();
  });

  it('offers no rename, share or delete for a view someone else shared', async () => {
    stubApi();
    setup('/?view=9');
    await screen.findByTitle('Team view', {}, slow);
    expect(screen.queryByRole('button', { name: /View actions/ })).toBeNull();
  });
});

describe('RecordList bulk bar', () => {
  it('tags the selected rows and reports the counts', async () => {
    const calls = stubApi();
    const { done } = setup();
    await screen.findByText('bo@example.com', {}, slow);
    const boxes = screen.getAllByRole('checkbox');
    fireEvent.click(boxes[boxes.length - 1]); // Bo
    const bar = await screen.findByTestId('bulk-bar', {}, slow);
    fireEvent.click(within(bar).getByRole('button', { name: 'Add tags' }));
    const dialog = await screen.findByRole('dialog', {}, slow);
    const input = within(dialog).getByRole('combobox', { name: 'Tags' });
    fireEvent.change(input, { target: { value: 'vip' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/accounts/bulk')).toBe(true), slow);
    expect(calls.find((c) => c.url.pathname === '/api/v1/accounts/bulk')!.body).toEqual({ ids: [2], action: 'addTags', tags: ['vip'] });
    expect(await screen.findByText('1 of 2 records changed', {}, slow)).toBeTruthy();
    expect(done).toHaveBeenCalled();
  });

  it('confirms a delete of all matching records and sends the filters instead of ids', async () => {
    const calls = stubApi();
    setup('/?q=o&filter=lifecycle:eq:customer');
    await screen.findByText('bo@example.com', {}, slow);
    const boxes = screen.getAllByRole('checkbox');
    fireEvent.click(boxes[boxes.length - 1]);
    const bar = await screen.findByTestId('bulk-bar', {}, slow);
    fireEvent.click(within(bar).getByRole('button', { name: 'Select all matching records' }));
    expect(within(bar).getByText(/All records matching/)).toBeTruthy();
    fireEvent.click(within(bar).getByRole('button', { name: 'Delete' }));
    expect((await screen.findAllByText('Confirm the bulk action', {}, slow)).length).toBeGreaterThan(0);
    expect(screen.getByText(/every record matching the current filters/)).toBeTruthy();
    expect(calls.some((c) => c.url.pathname.endsWith('/bulk'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/accounts/bulk')).toBe(true), slow);
    expect(calls.find((c) => c.url.pathname === '/api/v1/accounts/bulk')!.body).toEqual({
      all: true, q: 'o', filter: ['lifecycle:eq:customer'], action: 'delete',
    });
  });
});
