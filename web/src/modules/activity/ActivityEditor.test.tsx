import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import type { EntityMeta } from '../../api/types';
import { ActivityEditor, linkBody } from './ActivityEditor';

const f = (name: string, type: string, label: string, extra: Record<string, unknown> = {}) => ({
  name, type, label, required: false, filterable: true, sortable: false, sensitive: false, readOnly: false, ...extra,
});

const activityMeta = {
  name: 'activity',
  label: 'Activity',
  fields: [
    f('type', 'enum', 'Type', { required: true, options: [{ value: 'call', label: 'Call' }] }),
    f('subject', 'string', 'Subject', { required: true }),
    f('accountId', 'ref', 'Account', { ref: 'account' }),
    f('contactId', 'ref', 'Contact', { ref: 'contact' }),
  ],
} as EntityMeta;

const me = { ...testMe, rights: { 'activity:create': 'own', 'account:read': 'own', 'contact:read': 'own' } } as typeof testMe;

function mockFetch() {
  const posted: unknown[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const path = url.pathname;
    if (path === '/api/v1/meta') return jsonResponse(200, { entities: [activityMeta] });
    if (path === '/api/v1/search' && url.searchParams.get('types') === 'contact')
      return jsonResponse(200, { items: [{ entity: 'contact', id: 9, title: '王芳', subtitle: 'CTO · 东方科技', accountId: 5 }] });
    if (path === '/api/v1/accounts/5') return jsonResponse(200, { id: 5, name: '东方科技' });
    if (path === '/api/v1/accounts/5/contacts')
      return jsonResponse(200, { items: [{ id: 9, accountId: 5, name: '王芳', title: 'CTO' }], nextCursor: null });
    if (path === '/api/v1/activities' && req.method === 'POST') {
      const body = await req.json();
      posted.push(body);
      return jsonResponse(201, { id: 1, version: 1, ...body });
    }
    throw new Error(`unexpected ${req.method} ${path}${url.search}`);
  }));
  return posted;
}

afterEach(() => vi.unstubAllGlobals());

describe('ActivityEditor links', () => {
  it('sends on create what was chosen, and on edit only the links that changed', () => {
    expect(linkBody({ accountId: 5, contactId: null }, undefined, null)).toEqual({ accountId: 5 });
    expect(linkBody({ contactId: 9 }, 7, null)).toEqual({ accountId: 7, contactId: 9 });
    expect(linkBody({ accountId: 5, contactId: 9 }, undefined, { accountId: 5, contactId: 9 })).toEqual({});
    expect(linkBody({ accountId: null, contactId: null }, undefined, { accountId: 5, contactId: 9 })).toEqual({ accountId: 0, contactId: 0 });
    expect(linkBody({ accountId: 5, contactId: 3 }, undefined, { accountId: 5, contactId: 9 })).toEqual({ contactId: 3 });
  });

  it('finds a contact by name and fills in its account', async () => {
    const posted = mockFetch();
    const onSaved = vi.fn();
    renderWithProviders(<ActivityEditor activity={null} open onClose={() => {}} onSaved={onSaved} />, { me });
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(await within(dialog).findByLabelText('Subject'), { target: { value: 'Budget call' } });
    const contact = within(dialog).getByLabelText('Contact');
    fireEvent.mouseDown(contact);
    fireEvent.change(contact, { target: { value: '王' } });
    fireEvent.click(await screen.findByText('王芳 · CTO · 东方科技', {}, { timeout: 3000 }));
    // The account is filled in and named by reading it.
    expect(await within(dialog).findByText('东方科技', {}, { timeout: 3000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Save/ }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(posted[0]).toMatchObject({ subject: 'Budget call', accountId: 5, contactId: 9 });
  });
});
