import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { renderValue, safeUrl } from './renderValue';
import { fromFormValues, toFormValues } from './formValues';
import { formatMoney, currencyDigits } from '../../lib/format';
import type { FieldMeta } from './types';

const f = (name: string, type: string) => ({ name, label: name, type }) as FieldMeta;
const fmt = {
  dateTime: (v: string | null | undefined) => `dt:${v}`,
  date: (v: string | null | undefined) => `d:${v}`,
  number: (v: number | null | undefined) => `n:${v}`,
  money: (v: number | null | undefined, c?: string) => formatMoney(v, 'en', c),
};
const t = ((k: string) => k) as never;

describe('record field types', () => {
  it('formats money from integer minor units in the record currency, CNY by default', () => {
    expect(formatMoney(123456, 'en')).toBe('CN¥1,234.56');
    expect(formatMoney(1500, 'en', 'USD')).toBe('$15.00');
    expect(formatMoney(1500, 'en', 'JPY')).toBe('¥1,500');
    expect(currencyDigits('JPY')).toBe(0);
    render(<span data-testid="m">{renderValue(f('amount', 'money'), 250, { currency: 'USD' }, fmt, t)}</span>);
    expect(screen.getByTestId('m').textContent).toBe('$2.50');
  });

  it('edits money as a decimal and sends minor units', () => {
    const fields = [f('amount', 'money'), f('due', 'date')];
    expect(toFormValues(fields, { amount: 123456 }).amount).toBe(1234.56);
    expect(fromFormValues(fields, { amount: 1234.56 }).amount).toBe(123456);
    expect(fromFormValues(fields, { amount: 0.1 + 0.2 }).amount).toBe(30);
    expect(fromFormValues(fields, { amount: 15, currency: 'JPY' }).amount).toBe(15);
  });

  it('renders phones and urls as links, never unsafe schemes', () => {
    render(
      <div>
        <span data-testid="p">{renderValue(f('phone', 'phone'), '+86 138-0000-0000', {}, fmt, t)}</span>
        <span data-testid="u">{renderValue(f('website', 'url'), 'example.com', {}, fmt, t)}</span>
        <span data-testid="x">{renderValue(f('website', 'url'), 'javascript:alert(1)', {}, fmt, t)}</span>
      </div>,
    );
    expect(screen.getByTestId('p').querySelector('a')?.getAttribute('href')).toBe('tel:+8613800000000');
    const a = screen.getByTestId('u').querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.com/');
    expect(a?.getAttribute('rel')).toContain('noopener');
    expect(screen.getByTestId('x').querySelector('a')).toBeNull();
    expect(safeUrl('http://kehu.test/x')).toBe('http://kehu.test/x');
  });

  it('renders tags as tags and dates with the date formatter', () => {
    render(
      <div>
        <span data-testid="tags">{renderValue(f('tags', 'tags'), ['vip', '华东'], {}, fmt, t)}</span>
        <span data-testid="date">{renderValue(f('due', 'date'), '2026-05-01', {}, fmt, t)}</span>
        <span data-testid="empty">{renderValue(f('tags', 'tags'), [], {}, fmt, t)}</span>
      </div>,
    );
    expect(screen.getByTestId('tags').querySelectorAll('.ant-tag').length).toBe(2);
    expect(screen.getByTestId('tags').textContent).toBe('vip华东');
    expect(screen.getByTestId('date').textContent).toBe('d:2026-05-01');
    expect(screen.getByTestId('empty').textContent).toBe('—');
  });
});
