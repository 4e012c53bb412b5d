// Converts between API values and antd form values (dates are dayjs in forms).
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldMeta } from './types';

export function toFormValues(fields: FieldMeta[], record: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!record) return {};
  const out: Record<string, unknown> = { ...record };
  for (const f of fields) {
    const v = record[f.name];
    if ((f.type === 'date' || f.type === 'datetime') && typeof v === 'string' && v) out[f.name] = dayjs(v);
  }
  return out;
}

export function fromFormValues(fields: FieldMeta[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields) {
    const v = values[f.name];
    if (!dayjs.isDayjs(v)) continue;
    out[f.name] = f.type === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : (v as Dayjs).toISOString();
  }
  return out;
}
