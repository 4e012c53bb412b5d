// Converts between API values and antd form values: dates are dayjs in forms, money (integer minor
// units in the API) is a decimal in forms, in the record's currency (CNY when it has none). Custom
// fields (`custom.<key>`) are read from and written into the record's `custom` object; a custom field
// left empty is sent as null, which clears it.
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldMeta } from './types';
import { currencyDigits } from '../../lib/format';
import { getFieldValue, isCustomField, setFieldValue } from './customField';

function digitsOf(values: Record<string, unknown>): number {
  return currencyDigits(typeof values.currency === 'string' && values.currency ? values.currency : 'CNY');
}

export function toFormValues(fields: FieldMeta[], record: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!record) return {};
  const out: Record<string, unknown> = { ...record };
  for (const f of fields) {
    const v = getFieldValue(record, f.name);
    if ((f.type === 'date' || f.type === 'datetime') && typeof v === 'string' && v) setFieldValue(out, f.name, dayjs(v));
    if (f.type === 'money' && typeof v === 'number') setFieldValue(out, f.name, v / 10 ** digitsOf(record));
  }
  return out;
}

export function fromFormValues(fields: FieldMeta[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields) {
    const v = getFieldValue(values, f.name);
    if (isCustomField(f.name) && (v === undefined || v === '' || (Array.isArray(v) && v.length === 0))) {
      setFieldValue(out, f.name, null);
      continue;
    }
    if (f.type === 'money' && typeof v === 'number') {
      setFieldValue(out, f.name, Math.round(v * 10 ** digitsOf(values)));
      continue;
    }
    if (!dayjs.isDayjs(v)) continue;
    setFieldValue(out, f.name, f.type === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : (v as Dayjs).toISOString());
  }
  return out;
}
