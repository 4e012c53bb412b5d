// The state of a RecordList that a saved view captures — search text, filter
// conditions, sort, columns and the chosen view — kept in the URL
// (?view=&q=&filter=&sort=&cols=) when `inUrl` is set, so a reload, the back
// button or a shared link restores the same list; in component state otherwise.
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

export interface ListState {
  viewId?: number;
  q?: string;
  /** Conditions `field:op:value`, as the list endpoints and saved views take them. */
  filters: string[];
  sort?: string;
  /** Visible columns; undefined = the user's default choice. */
  columns?: string[];
}

export const EMPTY_STATE: ListState = { filters: [] };

export function readState(p: URLSearchParams): ListState {
  const view = Number(p.get('view'));
  const cols = p.get('cols');
  return {
    viewId: Number.isInteger(view) && view > 0 ? view : undefined,
    q: p.get('q') || undefined,
    filters: p.getAll('filter').filter(Boolean),
    sort: p.get('sort') || undefined,
    columns: cols ? cols.split(',').filter(Boolean) : undefined,
  };
}

export function writeState(s: ListState, base = new URLSearchParams()): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of ['view', 'q', 'filter', 'sort', 'cols']) p.delete(k);
  if (s.viewId) p.set('view', String(s.viewId));
  if (s.q) p.set('q', s.q);
  for (const f of s.filters) p.append('filter', f);
  if (s.sort) p.set('sort', s.sort);
  if (s.columns?.length) p.set('cols', s.columns.join(','));
  return p;
}

export function useListState(inUrl: boolean): [ListState, (next: ListState) => void] {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState<ListState>(EMPTY_STATE);
  const fromUrl = useMemo(() => readState(params), [params]);
  const set = useCallback(
    (next: ListState) => {
      if (inUrl) setParams((prev) => writeState(next, prev), { replace: true });
      else setLocal(next);
    },
    [inUrl, setParams],
  );
  return [inUrl ? fromUrl : local, set];
}

/** Whether the list shows exactly what the view saved (columns count only when the view saved some). */
export function sameAsView(s: ListState, v: { q: string; filters: string[] | null; sort: string; columns: string[] | null }): boolean {
  const eq = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const cols = v.columns ?? [];
  return (
    (s.q ?? '') === v.q &&
    eq(s.filters, v.filters ?? []) &&
    (s.sort ?? '') === v.sort &&
    (cols.length === 0 ? !s.columns : eq(s.columns ?? [], cols))
  );
}
