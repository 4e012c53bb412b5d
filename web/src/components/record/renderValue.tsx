// Read-only rendering of a field value in lists, by field type.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { FieldMeta, RefOptions } from './types';

interface Formatters {
  dateTime: (v: string | null | undefined) => string;
  date: (v: string | null | undefined) => string;
  number: (v: number | null | undefined) => string;
}

/**
 * Renders `value` of `field` in `record`. For a ref field named `xxxId`, the
 * record's `xxxName` is shown when present (e.g. teamId → teamName), else
 * the label from refOptions, else the raw id.
 */
export function renderValue(field: FieldMeta, value: unknown, record: Record<string, unknown>, fmt: Formatters, t: TFunction, refOptions?: RefOptions): ReactNode {
  if (value === null || value === undefined || value === '') {
    if (field.type !== 'ref') return '—';
  }
  switch (field.type) {
    case 'bool':
      return value ? <Tag color="green">{t('yes')}</Tag> : <Tag>{t('no')}</Tag>;
    case 'enum':
      return field.options?.find((o) => o.value === String(value))?.label ?? String(value);
    case 'datetime':
      return fmt.dateTime(String(value));
    case 'date':
      return fmt.date(String(value));
    case 'number':
    case 'money':
      return typeof value === 'number' ? fmt.number(value) : String(value);
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
