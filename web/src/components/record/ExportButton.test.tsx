import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RecordList } from './RecordList';
import { exportHref, fileNameOf } from './ExportButton';
import { renderWithProviders } from '../../test/render';
import { userMeta } from '../../test/userMeta';

afterEach(() => vi.unstubAllGlobals());

const rows = [{ id: 1, name: 'Ada', email: 'ada@example.com', locale: 'en', active: true, teamId: 7, teamName: 'Sales East' }];

describe('ExportButton', () => {
  it('builds the export URL from the list parameters and columns', () => {
    expect(exportHref('/api/v1/accounts/export', 'xlsx', { q: '科技', filter: ['level:in:key', 'name:contains:a'], sort: '-name' }, ['name', 'level'])).toBe(
      '/api/v1/accounts/export?format=xlsx&q=%E7%A7%91%E6%8A%80&filter=level%3Ain%3Akey&filter=name%3Acontains%3Aa&sort=-name&columns=name%2Clevel',
    );
    expect(exportHref('/x', 'csv', {}, [])).toBe('/x?format=csv');
  });

  it('takes the file name from Content-Disposition, Chinese included', () => {
    expect(fileNameOf(`attachment; filename="account-2026-11-23.xlsx"; filename*=UTF-8''%E5%AE%A2%E6%88%B7-2026-11-23.xlsx`, 'x')).toBe('客户-2026-11-23.xlsx');
    expect(fileNameOf('attachment; filename="a.csv"', 'x')).toBe('a.csv');
    expect(fileNameOf(null, 'export.csv')).toBe('export.csv');
  });

  it('is absent without an export URL', async () => {
    renderWithProviders(<RecordList entity="user" meta={userMeta} queryKey={['t-noexport']} fetchPage={async () => ({ items: rows, nextCursor: null })} />);
    await screen.findByText('Ada');
    expect(screen.queryByTestId('export-button')).toBeNull();
  });

  it('downloads the current view as Excel with the session', async () => {
    const calls: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const req = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
        calls.push(req);
        if (!req.url.includes('/export')) return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
        return new Response('xlsx', {
          status: 200,
          headers: { 'Content-Disposition': `attachment; filename*=UTF-8''%E7%94%A8%E6%88%B7.xlsx` },
        });
      }),
    );
    const created = vi.fn(() => 'blob:x');
    const revoked = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderWithProviders(
      <RecordList
        entity="user"
        meta={userMeta}
        queryKey={['t-export']}
        fetchPage={async () => ({ items: rows, nextCursor: null })}
        exportUrl="/api/v1/users/export"
        exportParams={(q) => ({ q: q.q, filter: ['active:eq:true'], sort: q.sort })}
      />,
    );
    await screen.findByText('Ada');
    fireEvent.click(screen.getByTestId('export-button'));
    fireEvent.click(await screen.findByText('Excel (.xlsx)'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const req = calls.find((c) => new URL(c.url).pathname.endsWith('/export'))!;
    const url = new URL(req.url);
    expect(url.pathname).toBe('/api/v1/users/export');
    expect(url.searchParams.get('format')).toBe('xlsx');
    expect(url.searchParams.getAll('filter')).toEqual(['active:eq:true']);
    expect(url.searchParams.get('columns')).toBeTruthy();
    expect(req.credentials).toBe('same-origin');
    expect(created).toHaveBeenCalled();
    click.mockRestore();
  });
});
