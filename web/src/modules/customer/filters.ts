// Maps RecordList's filter values onto the list endpoints' `filter=field:op:value`
// conditions, by field type: text types match "contains", lists of codes "in",
// everything else "eq".
import type { FieldMeta } from '../../api/types';
import type { ListQuery } from '../../components/record';

const TEXT_TYPES = new Set(['string', 'email', 'phone', 'url', 'text']);

export function toFilterParams(filters: ListQuery['filters'], fields: Pick<FieldMeta, 'name' | 'type'>[] = []): string[] {
  const types = new Map(fields.map((f) => [f.name, f.type]));
  const out: string[] = [];
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out.push(`${name}:in:${value.join(',')}`);
    } else if (typeof value === 'string' && TEXT_TYPES.has(types.get(name) ?? 'string')) {
      out.push(`${name}:contains:${value}`);
    } else {
      out.push(`${name}:eq:${String(value)}`);
    }
  }
  return out;
}
