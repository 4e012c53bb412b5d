// Fetch functions of the activity module.
import { api, unwrap } from '../../api/client';
import type { FieldMeta } from '../../api/types';
import type { ListQuery } from '../../components/record';
import { toFilterParams } from '../customer/filters';

export const activitiesKey = ['activities'] as const;
export const myDayKey = ['me', 'day'] as const;

export function fetchActivities(q: ListQuery, fields?: FieldMeta[], accountId?: number) {
  return unwrap(
    api.GET('/api/v1/activities', {
      params: { query: { q: q.q || undefined, filter: [...toFilterParams(q.filters, fields), ...(q.rawFilters ?? [])], sort: q.sort, cursor: q.cursor, limit: q.limit, accountId } },
    }),
  );
}

export function fetchMyDay() {
  return unwrap(api.GET('/api/v1/me/day'));
}

export function completeActivity(id: number, version: number, outcome: string, nextFollowUpAt?: string) {
  return unwrap(
    api.POST('/api/v1/activities/{id}/complete', {
      params: { path: { id }, header: { 'If-Match': `"${version}"` } },
      body: { outcome, nextFollowUpAt },
    }),
  );
}
