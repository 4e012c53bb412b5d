// Fetch functions of the duplicate review (SPEC C6).
import { api, ifMatch, unwrap } from '../../api/client';
import type { MergeRecord } from './mergeChoices';
import type { Choice, CheckValues, DedupEntity } from './types';

export const duplicatesKey = ['duplicates'] as const;

export function checkDuplicates(entity: DedupEntity, values: CheckValues) {
  return unwrap(api.POST('/api/v1/duplicates/check', { body: { entity, values } }));
}

export function fetchPairs(entity: DedupEntity, cursor?: string) {
  return unwrap(api.GET('/api/v1/duplicates', { params: { query: { entity, cursor, limit: 20 } } }));
}

export function dismissPair(entity: DedupEntity, aId: number, bId: number) {
  return unwrap(api.POST('/api/v1/duplicates/dismiss', { body: { entity, aId, bId } }));
}

export function previewMerge(entity: DedupEntity, survivorId: number, mergeId: number) {
  return unwrap(api.GET('/api/v1/duplicates/preview', { params: { query: { entity, survivorId, mergeId } } }));
}

/** One record as the merge dialog compares it (values as the API shows them, masked where it masks). */
export async function fetchRecord(entity: DedupEntity, id: number): Promise<MergeRecord> {
  const rec =
    entity === 'account'
      ? await unwrap(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } }))
      : await unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } }));
  return rec as unknown as MergeRecord;
}

export function mergeRecords(entity: DedupEntity, survivorId: number, version: number, mergeId: number, fields: Record<string, Choice>) {
  const params = { path: { id: survivorId }, header: { 'If-Match': ifMatch(version) } };
  const body = { mergeId, fields };
  return entity === 'account'
    ? unwrap(api.POST('/api/v1/accounts/{id}/merge', { params, body }))
    : unwrap(api.POST('/api/v1/contacts/{id}/merge', { params, body }));
}
