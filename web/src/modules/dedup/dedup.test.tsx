import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import { MergeDialog } from './MergeDialog';
import { DuplicateWarning } from './DuplicateWarning';
import { choicesOf, mergeRows, type MergeRecord } from './mergeChoices';
import type { EntityMeta, FieldMeta } from '../../api/types';

const f = (name: string, type: string, label: string, extra: Record<string, unknown> = {}) =>
  ({ name, type, label, required: false, filterable: true, sortable: false, sensitive: false, readOnly: false, ...extra }) as FieldMeta;

const accountMeta = {
  name: 'account',
  label: 'Account',
  fields: [
    f('name', 'string', 'Name', { required: true }),
    f('phone', 'phone', 'Phone', { sensitive: true }),
    f('email', 'email', 'Email', { sensitive: true }),
    f('website', 'url', 'Website'),
    f('address', 'text', 'Address'),
    f('tags', 'tags', 'Tags'),
    f('custom.budget', 'string', 'Budget'),
  ],
} as EntityMeta;

const base = { type: 'company', level: '', industry: '', region: '', source: '', lifecycle: 'prospect', creditLimit: 0, currency: 'CNY', satisfaction: null, ownerId: 2, ownerName: 'Li', teamId: null, masked: false };
const older = { ...base, id: 1, version: 3, name: '上海示例科技有限公司', phone: '', email: 'a@example.cn', website: '', address: '浦东', tags: ['vip'], custom: { budget: '100' } };
const newer = { ...base, id: 2, version: 1, name: '上海示例科技', phone: '13800138000', email: 'b@example.cn', website: 'example.cn', address: '浦东', tags: ['key'], custom: {} };

function mockFetch() {
  const calls: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      calls.push(req);
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/meta') return jsonResponse(200, { entities: [accountMeta] });
      if (url.pathname === '/api/v1/accounts/1') return jsonResponse(200, older);
      if (url.pathname === '/api/v1/accounts/2') return jsonResponse(200, newer);
      if (url.pathname === '/api/v1/duplicates/preview') return jsonResponse(200, { contacts: 2, activities: 5, comments: 1 });
      if (url.pathname === '/api/v1/accounts/1/merge' && req.method === 'POST')
        return jsonResponse(200, { survivorId: 1, mergedId: 2, version: 4, moved: { contacts: 2, activities: 5, comments: 1 }, choices: {} });
      if (url.pathname === '/api/v1/duplicates/check')
        return jsonResponse(200, { items: [{ id: 7, name: '北京字节跳动科技有限公司', ownerName: 'Wang', kinds: ['name'], score: 40 }], hidden: 2 });
      throw new Error(`unexpected ${req.method} ${url.pathname}`);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('merge choices', () => {
  it('defaults to the kept value unless it is empty, and never takes a masked value', () => {
    const rows = mergeRows('account', accountMeta.fields!, older as MergeRecord, newer as MergeRecord);
    const byName = Object.fromEntries(rows.map((r) => [r.field.name, r]));
    expect(byName.name.choice).toBe('survivor');
    expect(byName.phone.choice).toBe('merged');
    expect(byName.website.choice).toBe('merged');
    expect(byName.address.differs).toBe(false);
    expect(byName['custom.budget'].choice).toBe('survivor');
    expect(byName.tags).toBeUndefined();
    expect(choicesOf(rows, { name: 'merged' })).toEqual({ name: 'merged', phone: 'merged', email: 'survivor', website: 'merged', 'custom.budget': 'survivor' });

    const masked = mergeRows('account', accountMeta.fields!, older as MergeRecord, { ...newer, masked: true, phone: '138****8000' } as MergeRecord);
    const phone = masked.find((r) => r.field.name === 'phone')!;
    expect(phone.locked).toBe(true);
    expect(phone.choice).toBe('survivor');
    expect(choicesOf(masked, { phone: 'merged' }).phone).toBe('survivor');
  });
});

describe('MergeDialog', () => {
  it('shows both records field by field, lets the user pick a value and merges with If-Match', async () => {
    const calls = mockFetch();
    const onDone = vi.fn();
    const a = { id: 1, name: older.name, ownerName: 'Li', updatedAt: '2026-01-01T00:00:00Z' };
    const b = { id: 2, name: newer.name, ownerName: 'Li', updatedAt: '2026-01-02T00:00:00Z' };
    renderWithProviders(<MergeDialog entity="account" a={a} b={b} open onClose={() => {}} onDone={onDone} />);

    expect(await screen.findByText(/2 contacts, 5 activities, 1 comments/, {}, { timeout: 5000 })).toBeTruthy();
    const nameMerged = await screen.findByRole('radio', { name: 'Value to keep for Name: Merged record' });
    const nameKept = screen.getByRole('radio', { name: 'Value to keep for Name: Kept record' });
    expect((nameKept as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Value to keep for Phone: Merged record' }) as HTMLInputElement).checked).toBe(true);
    // The same address is shown once, without a choice.
    expect(screen.queryByRole('radio', { name: /Address/ })).toBeNull();
    // Tags are united.
    expect(screen.getByText('vip')).toBeTruthy();
    expect(screen.getByText('key')).toBeTruthy();

    fireEvent.click(nameMerged);
    expect((nameMerged as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(document.querySelector('.ant-modal-footer') as HTMLElement).getByRole('button', { name: /Merge/ }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = calls.find((r) => r.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe('/api/v1/accounts/1/merge');
    expect(post.headers.get('If-Match')).toBe('"3"');
    expect(await post.json()).toEqual({
      mergeId: 2,
      fields: { name: 'merged', phone: 'merged', email: 'survivor', website: 'merged', 'custom.budget': 'survivor' },
    });
  });

  it('merges the other way round when the user keeps the newer record', async () => {
    const calls = mockFetch();
    const a = { id: 1, name: older.name, ownerName: '', updatedAt: '2026-01-01T00:00:00Z' };
    const b = { id: 2, name: newer.name, ownerName: '', updatedAt: '2026-01-02T00:00:00Z' };
    renderWithProviders(<MergeDialog entity="account" a={a} b={b} open onClose={() => {}} onDone={() => {}} />);
    fireEvent.click(await screen.findByText(`${newer.name} (#2)`, {}, { timeout: 5000 }));
    await screen.findByRole('radio', { name: 'Value to keep for Name: Kept record' });
    await waitFor(() =>
      expect(calls.some((r) => new URL(r.url).search.includes('survivorId=2') && new URL(r.url).search.includes('mergeId=1'))).toBe(true),
    );
  });
});

describe('DuplicateWarning', () => {
  it('names a likely duplicate with its owner and counts the hidden ones', async () => {
    const calls = mockFetch();
    renderWithProviders(<DuplicateWarning entity="account" values={{ name: '北京字节跳动科技' }} delay={0} />, {
      me: { ...testMe, rights: { 'account:read': 'own' } },
    });
    const link = await screen.findByRole('link', { name: /Possible duplicate: 北京字节跳动科技有限公司 \(owner Wang\)/ }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe('/accounts/7');
    expect(screen.getByText('2 similar records you cannot see')).toBeTruthy();
    const body = await calls.find((r) => new URL(r.url).pathname === '/api/v1/duplicates/check')!.json();
    expect(body).toEqual({ entity: 'account', values: { name: '北京字节跳动科技' } });
  });

  it('stays silent without the read right or with nothing to check', async () => {
    const calls = mockFetch();
    renderWithProviders(<DuplicateWarning entity="account" values={{ name: '北京字节跳动科技' }} delay={0} />, { me: { ...testMe, rights: {} } });
    renderWithProviders(<DuplicateWarning entity="account" values={{ name: 'x' }} delay={0} />, { me: { ...testMe, rights: { 'account:read': 'own' } } });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((r) => new URL(r.url).pathname === '/api/v1/duplicates/check')).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
