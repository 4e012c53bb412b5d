// Read-only rendering of a field value in lists, by field type.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { FieldMeta, RefOptions } from './types';
import { DictLabel } from '../dictionary';

interface Formatters {
  dateTime: (v: string | null | undefined) => string;
  date: (v: string | null | undefined) => string;
  number: (v: number | null | undefined) => string;
  /** Integer minor units in a currency (default CNY). */
  money?: (v: number | null | undefined, currency?: string) => string;
}

/** Only http(s) links are rendered as links (never javascript: or data:). */
export function safeUrl(v: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renders `value` of `field` in `record`. For a ref field named `xxxId`, the
 * record's `xxxName` is shown when present (e.g. teamId → teamName), else
 * the label from refOptions, else the raw id. Money is in integer minor units,
 * in the record's `currency` when it has one, else CNY.
 */
export function renderValue(field: FieldMeta, value: unknown, record: Record<string, unknown>, fmt: Formatters, t: TFunction, refOptions?: RefOptions): ReactNode {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (field.type !== 'ref') return '—';
  }
  switch (field.type) {
    case 'bool':
      return value ? <Tag color="green">{t('yes')}</Tag> : <Tag>{t('no')}</Tag>;
    case 'enum':
      return field.options?.find((o) => o.value === String(value))?.label ?? String(value);
    case 'dict':
      return field.dict ? <DictLabel kind={field.dict} value={value as string | string[]} /> : String(value);
    case 'datetime':
      return fmt.dateTime(String(value));
    case 'date':
      return fmt.date(String(value));
    case 'number':
      return typeof value === 'number' ? fmt.number(value) : String(value);
    case 'money': {
      if (typeof value !== 'number') return String(value);
      const currency = typeof record.currency === 'string' && record.currency ? record.currency : 'CNY';
      return fmt.money ? fmt.money(value, currency) : fmt.number(value);
    }
    case 'phone':
      return <a href={`tel:${String(value).replace(/[^\d+]/g, '')}`}>{String(value)}</a>;
    case 'url': {
      const href = safeUrl(String(value));
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {String(value)}
        </a>
      ) : (
        String(value)
      );
    }
    case 'tags': {
      // A multi-select custom field has options: show their labels.
      const label = (v: unknown) => field.options?.find((o) => o.value === String(v))?.label ?? String(v);
      return Array.isArray(value) ? value.map((v) => <Tag key={String(v)}>{label(v)}</Tag>) : <Tag>{label(value)}</Tag>;
    }
    case 'ref': {
      const nameKey = field.name.endsWith('Id') ? `${field.name.slice(0, -2)}Name` : `${field.name}Name`;
      const name = record[nameKey];
      if (typeof name === 'string' && name) return name;
      if (value === null || value === undefined) return '—';
      return refOptions?.[field.name]?.find((o) => o.value === value)?.label ?? String(value);
    }
    default:
      return String(value);
  }
}
