// Fetch functions of the customer lists.
import { api, unwrap } from '../../api/client';
import type { FieldMeta } from '../../api/types';
import type { ListQuery } from '../../components/record';
import { toFilterParams } from './filters';

export const accountsKey = ['accounts'] as const;
export const contactsKey = ['contacts'] as const;

function listQuery(q: ListQuery, fields?: FieldMeta[], extra: string[] = []) {
  return { q: q.q || undefined, filter: [...toFilterParams(q.filters, fields), ...(q.rawFilters ?? []), ...extra], sort: q.sort, cursor: q.cursor, limit: q.limit };
}

export function fetchAccounts(q: ListQuery, fields?: FieldMeta[]) {
  return unwrap(api.GET('/api/v1/accounts', { params: { query: listQuery(q, fields) } }));
}

export function fetchContacts(q: ListQuery, fields?: FieldMeta[]) {
  return unwrap(api.GET('/api/v1/contacts', { params: { query: listQuery(q, fields) } }));
}

export function fetchAccountContacts(accountId: number, q: ListQuery, fields?: FieldMeta[]) {
  return unwrap(api.GET('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId }, query: listQuery(q, fields) } }));
}

export const accountsExportUrl = '/api/v1/accounts/export';
export const contactsExportUrl = '/api/v1/contacts/export';

/** The export's list parameters for the current view (the same filters as the list). */
export { listExportParams as exportParams } from '../../components/record/ExportButton';
