import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { RecordList } from './RecordList';
import type { ListQuery } from './types';
import { renderWithProviders } from '../../test/render';
import { userMeta } from '../../test/userMeta';

const rows = [
  { id: 1, name: 'Ada', email: 'ada@example.com', locale: 'en', active: true, teamId: 7, teamName: 'Sales East', phone: '123', createdAt: '2026-01-02T03:04:05Z' },
  { id: 2, name: 'Bo', email: 'bo@example.com', locale: 'zh-CN', active: false, teamId: null, teamName: null, phone: '456', createdAt: '2026-02-03T03:04:05Z' },
];

function setup(fetchPage = vi.fn(async (_q: ListQuery) => ({ items: rows, nextCursor: null as string | null }))) {
  renderWithProviders(
    <RecordList
      entity="user"
      meta={userMeta}
      queryKey={['test-users']}
      fetchPage={fetchPage}
      refOptions={{ teamId: [{ value: 7, label: 'Sales East' }] }}
    />,
  );
  return fetchPage;
}

describe('RecordList', () => {
  it('renders a column per visible field from the metadata, never sensitive ones', async () => {
    setup();
    const table = await screen.findByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Email', 'Language', 'Active', 'Team', 'Created']);
    expect(headers).not.toContain('Phone');
    expect(await screen.findByText('ada@example.com')).toBeTruthy();
    // enum label, bool tag, ref name
    expect(screen.getByText('English')).toBeTruthy();
    expect(screen.getAllByText('Yes').length).toBeGreaterThan(0);
    expect(screen.getByText('Sales East')).toBeTruthy();
    expect(screen.queryByText('123')).toBeNull();
  });

  it('renders filter controls by field type', async () => {
    setup();
    await screen.findByRole('table');
    const bar = screen.getByRole('search');
    expect(within(bar).getByLabelText('Search')).toBeTruthy();
    expect(within(bar).getByLabelText('Name contains…')).toBeTruthy();
    expect(within(bar).getByLabelText('Email contains…')).toBeTruthy();
    // enum, bool and ref filters are selects
    expect(within(bar).getByRole('combobox', { name: 'Language' })).toBeTruthy();
    expect(within(bar).getByRole('combobox', { name: 'Active' })).toBeTruthy();
    expect(within(bar).getByRole('combobox', { name: 'Team' })).toBeTruthy();
    // sensitive and non-filterable fields get no filter
    expect(within(bar).queryByLabelText(/Phone/)).toBeNull();
    expect(within(bar).queryByLabelText(/Created/)).toBeNull();
  });

  it('passes text filters and sorting to the fetch function', async () => {
    const fetchPage = setup();
    await screen.findByText('ada@example.com');
    const box = screen.getByLabelText('Name contains…');
    fireEvent.change(box, { target: { value: 'Ada' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ filters: { name: 'Ada' } })));

    const emailHeader = within(screen.getByRole('table')).getAllByRole('columnheader').find((h) => h.textContent === 'Email')!;
    fireEvent.click(emailHeader);
    await waitFor(() => expect(fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'email' })));
  });

  it('loads the next page with the cursor', async () => {
    const fetchPage = vi.fn(async (q: ListQuery) =>
      q.cursor ? { items: [rows[1]], nextCursor: null } : { items: [rows[0]], nextCursor: 'c2' },
    );
    setup(fetchPage);
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('bo@example.com')).toBeTruthy();
    expect(fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'c2' }));
  });

  it("passes the selected rows to the page's bulk actions", async () => {
    const bulk = vi.fn((selected: { id: number }[]) => <button type="button">bulk {selected.map((r) => r.id).join(',')}</button>);
    renderWithProviders(
      <RecordList entity="user" meta={userMeta} queryKey={['bulk-users']} fetchPage={async () => ({ items: rows, nextCursor: null })} bulkActions={bulk} />,
    );
    await screen.findByText('bo@example.com');
    expect(screen.queryByText(/^bulk/)).toBeNull();
    const boxes = screen.getAllByRole('checkbox');
    fireEvent.click(boxes[boxes.length - 1]); // last row: Bo
    expect(await screen.findByText('bulk 2')).toBeTruthy();
    expect(screen.getByText('1 selected')).toBeTruthy();
  });
});
