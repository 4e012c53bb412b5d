import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { RecordForm } from './RecordForm';
import { RecordList } from './RecordList';
import { fromFormValues, toFormValues } from './formValues';
import { getFieldValue, namePath, setFieldValue } from './customField';
import type { EntityMeta, FieldMeta } from './types';
import { renderWithProviders } from '../../test/render';

const f = (name: string, type: string, label: string, extra: Record<string, unknown> = {}) =>
  ({ name, type, label, required: false, filterable: false, sortable: false, sensitive: false, readOnly: false, ...extra }) as FieldMeta;

const meta: EntityMeta = {
  name: 'account',
  label: 'Account',
  fields: [
    f('name', 'string', 'Name', { required: true }),
    f('custom', 'custom', 'Custom fields'),
    f('custom.note', 'string', 'Note'),
    f('custom.budget', 'money', 'Budget'),
    f('custom.since', 'date', 'Since'),
    f('custom.grade', 'enum', 'Grade', { options: [{ value: 'a', label: 'Alpha' }, { value: 'b', label: 'Beta' }] }),
    f('custom.topics', 'tags', 'Topics', { options: [{ value: 'x', label: 'Ex' }, { value: 'y', label: 'Why' }] }),
    f('custom.secret', 'string', 'Secret', { sensitive: true }),
  ],
};

describe('custom field helpers', () => {
  it('read and write values inside the custom object', () => {
    const rec = { name: 'A', custom: { note: 'n' } };
    expect(getFieldValue(rec, 'custom.note')).toBe('n');
    expect(getFieldValue(rec, 'name')).toBe('A');
    expect(namePath('custom.note')).toEqual(['custom', 'note']);
    expect(namePath('name')).toBe('name');
    const out: Record<string, unknown> = { ...rec };
    setFieldValue(out, 'custom.budget', 5);
    expect(out.custom).toEqual({ note: 'n', budget: 5 });
    expect(rec.custom).toEqual({ note: 'n' });
  });

  it('converts dates and money of custom fields and clears empty ones with null', () => {
    const fields = meta.fields!;
    const form = toFormValues(fields, { name: 'A', custom: { budget: 12345, since: '2024-02-29' } });
    const custom = form.custom as Record<string, unknown>;
    expect(custom.budget).toBe(123.45);
    expect(dayjs.isDayjs(custom.since)).toBe(true);
    const api = fromFormValues(fields, { name: 'A', custom: { budget: 1.5, since: dayjs('2024-03-01'), note: '', topics: [] } });
    expect(api.custom).toEqual({ budget: 150, since: '2024-03-01', note: null, topics: null, grade: null, secret: null });
  });
});

describe('RecordForm with custom fields', () => {
  it('appends the custom fields to the listed ones and submits them inside custom', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(
      <RecordForm entity="account" meta={meta} fields={['name']} record={{ name: 'A', custom: { note: 'hello', grade: 'b' } }} onSubmit={onSubmit} />,
    );
    const note = await screen.findByLabelText('Note');
    expect((note as HTMLInputElement).value).toBe('hello');
    expect(screen.getByLabelText('Secret')).toBeTruthy();
    expect(screen.queryByLabelText('Custom fields')).toBeNull();
    fireEvent.change(note, { target: { value: 'changed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    const values = onSubmit.mock.calls[0][0] as Record<string, unknown>;
    expect(values.name).toBe('A');
    expect(values.custom).toMatchObject({ note: 'changed', grade: 'b', budget: null });
  });

  it('leaves sensitive custom fields out of a masked record', async () => {
    renderWithProviders(<RecordForm entity="account" meta={meta} fields={['name']} record={{ name: 'A', masked: true, custom: {} }} onSubmit={vi.fn()} />);
    expect(await screen.findByLabelText('Note')).toBeTruthy();
    expect(screen.queryByLabelText('Secret')).toBeNull();
  });
});

describe('RecordList with custom fields', () => {
  it('shows custom values from the custom object with option labels', async () => {
    renderWithProviders(
      <RecordList
        entity="account"
        meta={meta}
        queryKey={['test-accounts']}
        defaultColumns={['name', 'custom.note', 'custom.grade', 'custom.topics']}
        fetchPage={async () => ({ items: [{ id: 1, name: 'Acme', custom: { note: 'big', grade: 'a', topics: ['x', 'y'], secret: '****' } }], nextCursor: null })}
      />,
    );
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Note', 'Grade', 'Topics']);
    expect(await screen.findByText('big')).toBeTruthy();
    expect(screen.getByText('Alpha')).toBeTruthy();
    expect(screen.getByText('Ex')).toBeTruthy();
    expect(screen.getByText('Why')).toBeTruthy();
  });
});
