import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes, useParams } from 'react-router';
import { GlobalSearch, hitPath } from './GlobalSearch';
import { renderWithProviders, jsonResponse, testMe } from '../test/render';
import type { Me } from '../api/types';

const items = [
  { entity: 'account', id: 7, title: '上海客户关系管理科技有限公司', subtitle: 'KH-0007', score: 2.5 },
  { entity: 'contact', id: 9, title: '王芳', subtitle: '采购经理 · 上海客户关系管理科技有限公司', accountId: 7, score: 0.4 },
];

function mockSearch() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (req) => {
    const url = new URL((req as Request).url, 'http://localhost');
    if (url.pathname === '/api/v1/search') return jsonResponse(200, { items });
    return jsonResponse(404, { title: 'Not found', status: 404 }, 'application/problem+json');
  });
}

function AccountPage() {
  const { id } = useParams();
  return <div>account page {id}</div>;
}

const me: Me = { ...testMe, rights: { 'account:read': 'own', 'contact:read': 'own' } };

function renderSearch(rights: Me['rights'] = me.rights) {
  return renderWithProviders(
    <>
      <GlobalSearch />
      <Routes>
        <Route path="/" element={<div>home</div>} />
        <Route path="/accounts/:id" element={<AccountPage />} />
      </Routes>
    </>,
    { me: { ...me, rights } },
  );
}

afterEach(() => vi.restoreAllMocks());

describe('GlobalSearch', () => {
  it('searches after typing pauses and groups the hits by type', async () => {
    const fetch = mockSearch();
    renderSearch();
    const input = screen.getByRole('combobox', { name: 'Search accounts and contacts' });
    fireEvent.change(input, { target: { value: '科' } });
    fireEvent.change(input, { target: { value: '科技' } });
    expect(await screen.findByText('KH-0007')).toBeTruthy();
    expect(screen.getByText('Accounts')).toBeTruthy();
    expect(screen.getByText('Contacts')).toBeTruthy();
    expect(screen.getByText('王芳')).toBeTruthy();
    // Debounced: one request, for the final text, with the types the user may read.
    expect(fetch).toHaveBeenCalledTimes(1);
    const url = new URL((fetch.mock.calls[0][0] as Request).url, 'http://localhost');
    expect(url.searchParams.get('q')).toBe('科技');
    expect(url.searchParams.get('types')).toBe('account,contact');
  });

  it('opens a contact on its account page with the keyboard', async () => {
    mockSearch();
    renderSearch();
    const input = screen.getByRole('combobox', { name: 'Search accounts and contacts' });
    fireEvent.change(input, { target: { value: '王' } });
    await screen.findByText('王芳');
    fireEvent.keyDown(input, { key: 'ArrowDown', keyCode: 40, which: 40 });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13, which: 13 });
    expect(await screen.findByText('account page 7')).toBeTruthy();
  });

  it('asks only for readable types and hides without any', async () => {
    const fetch = mockSearch();
    const { unmount } = renderSearch({ 'account:read': 'all' });
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'acme' } });
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(new URL((fetch.mock.calls[0][0] as Request).url, 'http://localhost').searchParams.get('types')).toBe('account');
    unmount();
    renderSearch({});
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it("labels an activity hit with its type's dictionary label, not its code", async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (req) => {
      const url = new URL((req as Request).url, 'http://localhost');
      if (url.pathname === '/api/v1/search')
        return jsonResponse(200, { items: [{ entity: 'activity', id: 3, title: '回访报价', subtitle: 'visit', accountId: 7, score: 1 }] });
      if (url.pathname === '/api/v1/dictionary/activity_type/items')
        return jsonResponse(200, { items: [{ id: 1, kind: 'activity_type', code: 'visit', labelZh: '拜访', labelEn: 'Visit', sort: 1, active: true, builtin: true, version: 1 }] });
      return jsonResponse(404, { title: 'Not found', status: 404 }, 'application/problem+json');
    });
    renderSearch({ 'activity:read': 'own' });
    fireEvent.change(screen.getByRole('combobox'), { target: { value: '回访' } });
    expect(await screen.findByText('回访报价')).toBeTruthy();
    expect(await screen.findByText('Visit')).toBeTruthy();
    expect(screen.queryByText('visit')).toBeNull();
  });

  it('maps hits to pages', () => {
    expect(hitPath(items[0] as never)).toBe('/accounts/7');
    expect(hitPath(items[1] as never)).toBe('/accounts/7');
    expect(hitPath({ entity: 'contact', id: 1, title: 'x', subtitle: '', score: 0 } as never)).toBeNull();
  });
});
