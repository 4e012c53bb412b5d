import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import CustomFieldsPage from './CustomFieldsPage';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import { navRegistry, visibleNav } from '../../app/nav';

const field = (id: number, key: string, extra: Record<string, unknown> = {}) => ({
  id, entity: 'account', key, label: `${key} label`, labelZh: `${key}中`, labelEn: `${key} label`, type: 'text', options: [],
  required: false, filterable: false, sensitive: false, sortOrder: id * 10, active: true,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1, ...extra,
});

const admin = { ...testMe, rights: { 'custom_field:create': 'all', 'custom_field:update': 'all', 'custom_field:delete': 'all' } } as typeof testMe;

function mockFetch() {
  const calls: { method: string; path: string; search: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const url = new URL(req.url);
      const text = req.method === 'GET' || req.method === 'DELETE' ? '' : await req.text();
      calls.push({ method: req.method, path: url.pathname, search: url.search, body: text ? JSON.parse(text) : undefined });
      if (req.method === 'GET' && url.pathname === '/api/v1/custom-fields') {
        const entity = url.searchParams.get('entity');
        return jsonResponse(200, { items: entity === 'account' ? [field(1, 'budget', { type: 'number', filterable: true }), field(2, 'grade', { active: false })] : [] });
      }
      if (req.method === 'POST' && url.pathname === '/api/v1/custom-fields') return jsonResponse(201, field(3, 'vip'));
      if (req.method === 'POST' && url.pathname === '/api/v1/custom-fields/reorder') return jsonResponse(200, { items: [] });
      if (req.method === 'DELETE') return jsonResponse(204, null);
      throw new Error(`unexpected ${req.method} ${url.pathname}`);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('custom fields admin page', () => {
  it('is in the admin menu only for holders of custom_field:update', () => {
    expect(visibleNav(navRegistry, {}).map((n) => n.key)).not.toContain('customFields');
    expect(visibleNav(navRegistry, { 'custom_field:update': 'all' }).map((n) => n.key)).toContain('customFields');
  });

  it('lists the fields of the chosen entity with their status', async () => {
    const calls = mockFetch();
    renderWithProviders(<CustomFieldsPage />, { me: admin });
    expect(await screen.findByText('budget')).toBeTruthy();
    expect(screen.getByText('Inactive')).toBeTruthy();
    expect(screen.getAllByText('Filterable').length).toBeGreaterThan(0);
    expect(calls[0].search).toContain('entity=account');
    fireEvent.click(screen.getByText('Contacts'));
    await waitFor(() => expect(calls.some((c) => c.search.includes('entity=contact'))).toBe(true));
    expect(await screen.findByText('No custom fields yet.')).toBeTruthy();
  });

  it('creates a select field with options', async () => {
    const calls = mockFetch();
    renderWithProviders(<CustomFieldsPage />, { me: admin });
    await screen.findByText('budget');
    fireEvent.click(screen.getByRole('button', { name: /New field/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Key'), { target: { value: 'tier' } });
    fireEvent.change(within(dialog).getByLabelText('Chinese label'), { target: { value: '层级' } });
    fireEvent.change(within(dialog).getByLabelText('English label'), { target: { value: 'Tier' } });
    fireEvent.mouseDown(within(dialog).getByLabelText('Type'));
    fireEvent.click(await screen.findByTitle('Select'));
    fireEvent.click(await within(dialog).findByRole('button', { name: /Add option/ }));
    fireEvent.change(within(dialog).getByPlaceholderText('Value'), { target: { value: 'gold' } });
    fireEvent.change(within(dialog).getAllByPlaceholderText('Chinese label')[0], { target: { value: '金' } });
    fireEvent.change(within(dialog).getAllByPlaceholderText('English label')[0], { target: { value: 'Gold' } });
    fireEvent.click(within(dialog).getByText('Filterable'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/custom-fields')).toBe(true));
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/custom-fields')!;
    expect(post.body).toMatchObject({
      entity: 'account', key: 'tier', type: 'select', labelZh: '层级', labelEn: 'Tier', filterable: true, required: false, active: true,
      options: [{ value: 'gold', labelZh: '金', labelEn: 'Gold' }],
    });
  });

  it('reorders and deletes after confirmation', async () => {
    const calls = mockFetch();
    renderWithProviders(<CustomFieldsPage />, { me: admin });
    await screen.findByText('budget');
    fireEvent.click(screen.getAllByRole('button', { name: 'Move down' })[0]);
    await waitFor(() => expect(calls.find((c) => c.path === '/api/v1/custom-fields/reorder')?.body).toEqual({ entity: 'account', ids: [2, 1] }));
    fireEvent.click(screen.getAllByRole('button', { name: 'Delete' })[0]);
    expect(await screen.findByText(/Delete the field budget label\?/)).toBeTruthy();
    const confirm = (await screen.findAllByRole('button', { name: 'Delete' })).at(-1)!;
    fireEvent.click(confirm);
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/custom-fields/1')).toBe(true));
  });
});
