// Converts between RecordList's filter values (keyed by field name) and the
// API's `filter=field:op:value` conditions, by field type: text types match
// "contains", lists of codes "in", tags "has" (one condition per tag, all must
// match), number ranges "gte"/"lte", date ranges "gte"/"lt" the day after the
// last one (so the range is inclusive), everything else "eq". Conditions the filter bar cannot show (e.g.
// `creditLimit:gte:1000` from a saved view) are kept aside as raw conditions.
import type { FieldMeta } from '../../api/types';
import dayjs from 'dayjs';
import type { FilterValue, RangeValue } from './types';

const RANGE_TYPES = new Set(['number', 'date', 'datetime']);
const isDate = (t: string) => t === 'date' || t === 'datetime';

function isRange(v: FilterValue): v is RangeValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const TEXT_TYPES = new Set(['string', 'email', 'phone', 'url', 'text']);

export type Typed = Pick<FieldMeta, 'name' | 'type'>;

export function toFilterParams(filters: Record<string, FilterValue>, fields: Typed[] = []): string[] {
  const types = new Map(fields.map((f) => [f.name, f.type]));
  const out: string[] = [];
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    const type = types.get(name) ?? 'string';
    if (isRange(value)) {
      if (value.from) out.push(`${name}:gte:${value.from}`);
      if (value.to) out.push(isDate(type) ? `${name}:lt:${dayjs(value.to).add(1, 'day').format('YYYY-MM-DD')}` : `${name}:lte:${value.to}`);
    } else if (Array.isArray(value)) {
      if (!value.length) continue;
      if (type === 'tags') out.push(...value.map((v) => `${name}:has:${v}`));
      else out.push(`${name}:in:${value.join(',')}`);
    } else if (typeof value === 'string' && TEXT_TYPES.has(type)) {
      out.push(`${name}:contains:${value}`);
    } else {
      out.push(`${name}:eq:${String(value)}`);
    }
  }
  return out;
}

/** The inverse of toFilterParams: the values the filter bar shows, and the conditions it cannot. */
export function fromFilterParams(params: string[], fields: Typed[] = []): { values: Record<string, FilterValue>; raw: string[] } {
  const types = new Map(fields.map((f) => [f.name, f.type]));
  const values: Record<string, FilterValue> = {};
  const raw: string[] = [];
  for (const p of params) {
    const [name, op, ...rest] = p.split(':');
    const value = rest.join(':');
    const type = types.get(name);
    if (!type || !name) {
      raw.push(p);
      continue;
    }
    if (op === 'contains' && TEXT_TYPES.has(type) && values[name] === undefined) values[name] = value;
    else if (op === 'has' && type === 'tags') values[name] = [...((values[name] as string[] | undefined) ?? []), value];
    else if (op === 'in' && (type === 'dict' || type === 'enum')) values[name] = value.split(',');
    else if (op === 'eq' && type === 'bool') values[name] = value === 'true';
    else if (op === 'eq' && type === 'ref' && /^\d+$/.test(value)) values[name] = Number(value);
    else if (op === 'eq' && (type === 'enum' || type === 'dict')) values[name] = type === 'dict' ? [value] : value;
    else if (RANGE_TYPES.has(type) && rangePart(values, name, type, op, value)) continue;
    else raw.push(p);
  }
  return { values, raw };
}

/** Reads one bound of a range condition into values[name]; false when the condition is not one. */
function rangePart(values: Record<string, FilterValue>, name: string, type: string, op: string, value: string): boolean {
  const cur = values[name];
  if (cur !== undefined && !isRange(cur)) return false;
  const range: RangeValue = { ...(cur ?? {}) };
  if (isDate(type)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    if (op === 'gte' && !range.from) range.from = value;
    else if (op === 'lt' && !range.to) range.to = dayjs(value).subtract(1, 'day').format('YYYY-MM-DD');
    else return false;
  } else {
    if (value === '' || Number.isNaN(Number(value))) return false;
    if (op === 'gte' && !range.from) range.from = value;
    else if (op === 'lte' && !range.to) range.to = value;
    else return false;
  }
  values[name] = range;
  return true;
}
