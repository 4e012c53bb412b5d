import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DictLabel, DictSelect } from './DictSelect';
import { renderValue } from '../record/renderValue';
import { renderWithProviders, jsonResponse } from '../../test/render';
import type { FieldMeta } from '../record/types';

const items = [
  { id: 1, kind: 'customer_level', code: 'ordinary', label: 'Ordinary', labelZh: '普通客户', labelEn: 'Ordinary', sortOrder: 10, active: true, builtin: true, createdAt: '', updatedAt: '', version: 1 },
  { id: 2, kind: 'customer_level', code: 'key', label: 'Key', labelZh: '重点客户', labelEn: 'Key', sortOrder: 20, active: true, builtin: true, createdAt: '', updatedAt: '', version: 1 },
  { id: 3, kind: 'customer_level', code: 'old', label: 'Old', labelZh: '旧等级', labelEn: 'Old level', sortOrder: 30, active: false, builtin: false, createdAt: '', updatedAt: '', version: 2 },
];

function mockDictionary() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (req) => {
    const url = new URL((req as Request).url, 'http://localhost');
    if (url.pathname === '/api/v1/dictionary/customer_level/items') return jsonResponse(200, { items });
    return jsonResponse(404, { title: 'Not found', status: 404 }, 'application/problem+json');
  });
}

afterEach(() => vi.restoreAllMocks());

describe('DictSelect', () => {
  it('offers the active items of the kind, labelled in the current language', async () => {
    const fetch = mockDictionary();
    const onChange = vi.fn();
    renderWithProviders(<DictSelect kind="customer_level" aria-label="Level" onChange={onChange} />);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Level' }));
    expect(await screen.findByTitle('Ordinary')).toBeTruthy();
    expect(screen.getByTitle('Key')).toBeTruthy();
    expect(screen.queryByTitle('Old level')).toBeNull();
    fireEvent.click(screen.getByTitle('Key'));
    expect(onChange).toHaveBeenCalledWith('key');
    const req = fetch.mock.calls[0][0] as Request;
    expect(new URL(req.url, 'http://localhost').searchParams.get('includeInactive')).toBe('true');
  });

  it('keeps a deactivated current value visible', async () => {
    mockDictionary();
    renderWithProviders(<DictSelect kind="customer_level" aria-label="Level" value="old" />);
    expect(await screen.findByText('Old level')).toBeTruthy();
  });

  it('renders labels of codes, falling back to the code', async () => {
    mockDictionary();
    renderWithProviders(
      <span data-testid="l">
        <DictLabel kind="customer_level" value={['key', 'gone']} />
      </span>,
    );
    await waitFor(() => expect(screen.getByTestId('l').textContent).toBe('Key, gone'));
  });

  it('is what record lists render for dict fields', async () => {
    mockDictionary();
    const field = { name: 'level', label: 'Level', type: 'dict', dict: 'customer_level' } as FieldMeta;
    const fmt = { dateTime: String, date: String, number: String };
    renderWithProviders(<span data-testid="v">{renderValue(field, 'ordinary', {}, fmt, ((k: string) => k) as never)}</span>);
    await waitFor(() => expect(screen.getByTestId('v').textContent).toBe('Ordinary'));
  });
});
