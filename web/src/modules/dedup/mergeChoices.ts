// Which fields a merge lets the user choose, and the default choice of each: the survivor's value
// unless it is empty and the other record's is not (the server applies the same rule to fields left
// out). Sensitive values the user only sees masked on the other record cannot be taken from it.
import type { FieldMeta } from '../../api/types';
import { getFieldValue, isCustomField } from '../../components/record';
import type { Choice, DedupEntity } from './types';

/** The choosable fields (the server's list): owner, team, account and tags are not chosen. */
export const MERGE_FIELDS: Record<DedupEntity, string[]> = {
  account: ['name', 'type', 'level', 'industry', 'region', 'source', 'lifecycle', 'phone', 'email', 'website', 'address', 'creditLimit', 'currency', 'satisfaction'],
  contact: ['name', 'title', 'buyingRole', 'phone', 'mobile', 'email', 'birthday', 'preferredChannel', 'consent'],
};

export type MergeRecord = Record<string, unknown> & { id: number; masked?: boolean };

export interface MergeRow {
  field: FieldMeta;
  survivor: unknown;
  merged: unknown;
  /** The values differ, so the user chooses. */
  differs: boolean;
  /** The merged record's value is masked for this user: only the survivor's can be kept. */
  locked: boolean;
  choice: Choice;
}

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || v === 0 || v === false || (Array.isArray(v) && v.length === 0);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The rows of the merge table, in metadata order (custom fields after the standard ones). */
export function mergeRows(entity: DedupEntity, fields: FieldMeta[], survivor: MergeRecord, merged: MergeRecord): MergeRow[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const names = [...MERGE_FIELDS[entity], ...fields.filter((f) => isCustomField(f.name)).map((f) => f.name)];
  const rows: MergeRow[] = [];
  for (const name of names) {
    const field = byName.get(name);
    if (!field) continue;
    const s = isCustomField(name) ? getFieldValue(survivor, name) : survivor[name];
    const m = isCustomField(name) ? getFieldValue(merged, name) : merged[name];
    const locked = !!merged.masked && (field.sensitive || isCustomField(name));
    const differs = !same(s, m);
    const choice: Choice = differs && !locked && isEmptyValue(s) && !isEmptyValue(m) ? 'merged' : 'survivor';
    rows.push({ field, survivor: s, merged: m, differs, locked, choice });
  }
  return rows;
}

/** The request's field choices: every differing field, explicitly. */
export function choicesOf(rows: MergeRow[], overrides: Record<string, Choice>): Record<string, Choice> {
  const out: Record<string, Choice> = {};
  for (const r of rows) {
    if (!r.differs) continue;
    out[r.field.name] = r.locked ? 'survivor' : (overrides[r.field.name] ?? r.choice);
  }
  return out;
}

/** Tags of both records, the survivor's first (a merge always unites them). */
export function unitedTags(survivor: MergeRecord, merged: MergeRecord): string[] {
  const out = [...((survivor.tags as string[] | null) ?? [])];
  for (const t of (merged.tags as string[] | null) ?? []) if (!out.includes(t)) out.push(t);
  return out;
}
