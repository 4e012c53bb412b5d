import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import ImportWizardPage from './ImportWizardPage';
import ImportsPage from './ImportsPage';
import { ImportButton } from './ImportButton';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import { navRegistry, visibleNav } from '../../app/nav';

const fields = [
  { name: 'name', type: 'string', label: 'Name', required: true },
  { name: 'phone', type: 'phone', label: 'Phone', required: false },
  { name: 'email', type: 'email', label: 'Email', required: false },
];

function job(over: Record<string, unknown> = {}) {
  return {
    id: 7, userId: 1, entity: 'account', fileName: 'a.csv', format: 'csv', encoding: 'utf-8',
    headers: ['公司名称', '电话', '备注'], mapping: { '0': 'name', '1': 'phone' }, duplicateMode: 'skip', status: 'uploaded',
    totalRows: 3, nextRow: 0, createdCount: 0, updatedCount: 0, skippedCount: 0, failedCount: 0, errors: [], error: '',
    startedAt: null, finishedAt: null, createdAt: '2026-11-23T07:00:00Z', version: 1, fields, ...over,
  };
}

const preview = {
  invalid: 1,
  duplicates: 1,
  rows: [
    { row: 1, cells: ['星辰科技', '021-1234567', 'x'], values: { name: '星辰科技', phone: '021-1234567' }, errors: [], duplicates: [{ id: 42, name: '星辰科技有限公司', kinds: ['name'] }], hiddenMatches: 0, duplicateOfRow: 0 },
    { row: 2, cells: ['', 'abc', ''], values: { phone: 'abc' }, errors: [{ row: 2, field: 'name', code: 'field.required', message: 'This field is required.' }, { row: 2, field: 'phone', code: 'field.invalid_phone', message: 'Enter a valid phone number.' }], duplicates: [], hiddenMatches: 0, duplicateOfRow: 0 },
    { row: 3, cells: ['海风', '', ''], values: { name: '海风' }, errors: [], duplicates: [], hiddenMatches: 0, duplicateOfRow: 0 },
  ],
};

function mockFetch(states: Record<string, unknown>[]) {
  const calls: { method: string; path: string; body: string }[] = [];
  let current = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const path = new URL(req.url, 'http://localhost').pathname;
      calls.push({ method: req.method, path, body: req.method === 'GET' ? '' : await req.clone().text() });
      if (path === '/api/v1/imports/7' && req.method === 'GET') {
        const s = states[Math.min(current, states.length - 1)];
        if (current < states.length - 1 && s.status !== 'uploaded') current++;
        return jsonResponse(200, s, 'application/json');
      }
      if (path === '/api/v1/imports/7' && req.method === 'PATCH') {
        const body = JSON.parse(await req.text());
        return jsonResponse(200, job({ ...body, version: 2 }));
      }
      if (path === '/api/v1/imports/7/preview') return jsonResponse(200, preview);
      if (path === '/api/v1/imports/7/start') {
        current = 1;
        return jsonResponse(200, job({ status: 'queued', version: 3 }));
      }
      if (path === '/api/v1/imports' && req.method === 'POST')
        return jsonResponse(422, { title: 'Unprocessable Entity', status: 422, detail: 'Some fields are invalid.', errors: [{ location: 'body.file', message: 'The file is empty.' }] }, 'application/problem+json');
      throw new Error(`unexpected ${req.method} ${path}`);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

const me = { ...testMe, rights: { 'import:create': 'own', 'account:create': 'own', 'account:read': 'own' } };

function renderWizard(route = '/imports/7') {
  return renderWithProviders(
    <Routes>
      <Route path="/imports/new" element={<ImportWizardPage />} />
      <Route path="/imports/:id" element={<ImportWizardPage />} />
    </Routes>,
    { route, me },
  );
}

describe('import wizard', () => {
  it('maps columns with the suggestions, previews errors and duplicates, and starts', async () => {
    const calls = mockFetch([job(), job({ status: 'running', nextRow: 1, createdCount: 1, version: 4 })]);
    renderWizard();
    // Suggested mapping is preselected; the unknown column is left out.
    const nameSelect = await screen.findByRole('combobox', { name: 'Field for column 公司名称' }, { timeout: 5000 });
    expect(within(nameSelect.closest('.ant-select') as HTMLElement).getByText('Name *')).toBeTruthy();
    expect(await screen.findByText('021-1234567 / abc', {}, { timeout: 5000 })).toBeTruthy(); // example values from the file
    fireEvent.click(screen.getByLabelText('Update the existing record with the row\'s values'));
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    // The preview: the bad row is highlighted with its messages, the duplicate is flagged.
    const bad = await screen.findByTestId('preview-row-2', {}, { timeout: 5000 });
    expect(within(bad).getByText(/This field is required\./)).toBeTruthy();
    expect(within(bad).getByText(/Enter a valid phone number\./)).toBeTruthy();
    expect(bad.getAttribute('style')).toContain('background');
    expect(screen.getByText('Matches 星辰科技有限公司 (#42)')).toBeTruthy();
    expect(screen.getByText('1 row with errors')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(JSON.parse(patch!.body)).toEqual({ mapping: { '0': 'name', '1': 'phone' }, duplicateMode: 'update' });
    fireEvent.click(screen.getByRole('button', { name: 'Import 3 rows' }));
    expect(await screen.findByText('1 of 3 rows processed', {}, { timeout: 5000 })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/imports/7/start')).toBe(true);
  }, 30000);

  it('shows the summary with the errors and the error report', async () => {
    mockFetch([
      job({
        status: 'done', nextRow: 3, createdCount: 2, failedCount: 1, version: 9,
        errors: [{ row: 2, field: 'name', code: 'field.required', message: 'This field is required.' }],
      }),
    ]);
    renderWizard();
    expect(await screen.findByText('Import finished', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('1 row was not imported')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Download error report/ })).toBeTruthy();
    expect(screen.getByText('This field is required.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open accounts' }).getAttribute('href')).toBe('/accounts');
  });

  it('explains why an upload is refused', async () => {
    mockFetch([job()]);
    const { container } = renderWizard('/imports/new?entity=contact');
    expect(await screen.findByText('Click or drop a CSV or Excel file here', {}, { timeout: 5000 })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Contacts' }) as HTMLInputElement).checked).toBe(true);
    const input = container.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([''], 'empty.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('The file is empty.', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('offers the Import button and the history only with import:create', async () => {
    renderWithProviders(<ImportButton entity="account" />, { me });
    expect(screen.getByRole('button', { name: /Import/ })).toBeTruthy();
    const keys = (rights: Record<string, string>) => visibleNav(navRegistry, rights as never).map((n) => n.key);
    expect(keys({ 'import:create': 'own' })).toContain('imports');
    expect(keys({ 'account:read': 'own' })).not.toContain('imports');
  });

  it('hides the Import button without the right', () => {
    renderWithProviders(<ImportButton entity="contact" />, { me: { ...testMe, rights: { 'contact:create': 'own' } } });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lists past imports with their status and counts', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const req = input instanceof Request ? input : new Request(input, init);
        if (new URL(req.url, 'http://localhost').pathname === '/api/v1/imports')
          return jsonResponse(200, { items: [job({ status: 'done', fileName: '客户.csv', createdCount: 2, failedCount: 1 })], nextCursor: null });
        throw new Error(`unexpected ${req.url}`);
      }),
    );
    renderWithProviders(<ImportsPage />, { me });
    const link = await screen.findByRole('link', { name: '客户.csv' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe('/imports/7');
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Done')).toBeTruthy();
    expect(within(row).getByText('Accounts')).toBeTruthy();
  });
});
