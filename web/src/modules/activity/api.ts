// Fetch functions of the activity module.
import { api, unwrap } from '../../api/client';
import type { FieldMeta } from '../../api/types';
import { listExportParams, type ExportParams, type ListQuery } from '../../components/record';
import { toFilterParams } from '../customer/filters';

export const activitiesKey = ['activities'] as const;
export const myDayKey = ['me', 'day'] as const;
export const calendarKey = ['calendar'] as const;
export const kpiKey = ['activity-kpis'] as const;
export const timelineKey = ['timeline'] as const;
export const feedKey = ['me', 'calendar-feed'] as const;

export function fetchActivities(q: ListQuery, fields?: FieldMeta[], accountId?: number, extra?: { status?: 'open' | 'done' | 'cancelled'; contactId?: number }) {
  return unwrap(
    api.GET('/api/v1/activities', {
      params: { query: { q: q.q || undefined, filter: [...toFilterParams(q.filters, fields), ...(q.rawFilters ?? [])], sort: q.sort, cursor: q.cursor, limit: q.limit, accountId, ...extra } },
    }),
  );
}

export const activitiesExportUrl = '/api/v1/activities/export';

/** The export's parameters for the current view; on an account's page, only that account's activities. */
export function activityExportParams(q: Pick<ListQuery, 'q' | 'filters' | 'rawFilters' | 'sort'>, fields?: FieldMeta[], accountId?: number): ExportParams {
  const p = listExportParams(q, fields);
  return accountId ? { ...p, filter: [...(p.filter ?? []), `accountId:eq:${accountId}`] } : p;
}

export function fetchMyDay() {
  return unwrap(api.GET('/api/v1/me/day'));
}

export interface Completion {
  outcome: string;
  content?: string;
  nextFollowUpAt?: string;
  followUpRemindAt?: string;
}

export function completeActivity(id: number, version: number, c: Completion) {
  return unwrap(
    api.POST('/api/v1/activities/{id}/complete', {
      params: { path: { id }, header: { 'If-Match': `"${version}"` } },
      body: c,
    }),
  );
}

export function fetchCalendar(from: string, to: string, everyone: boolean) {
  return unwrap(api.GET('/api/v1/calendar', { params: { query: { from, to, everyone: everyone || undefined } } }));
}

export function fetchKPIs(q: { from?: string; to?: string; teamId?: number; gapDays?: number }) {
  return unwrap(api.GET('/api/v1/activity-kpis', { params: { query: q } }));
}

export function fetchFeedStatus() {
  return unwrap(api.GET('/api/v1/me/calendar-feed'));
}

export function createFeed() {
  return unwrap(api.POST('/api/v1/me/calendar-feed'));
}

export function revokeFeed() {
  return unwrap(api.DELETE('/api/v1/me/calendar-feed'));
}

export type TimelineKind = 'activity' | 'comment' | 'change' | 'merge';

export function fetchTimeline(entity: 'account' | 'contact', id: number, kinds: TimelineKind[], cursor?: string) {
  const query = { types: kinds.length ? kinds.join(',') : undefined, cursor, limit: 30 };
  return entity === 'account'
    ? unwrap(api.GET('/api/v1/accounts/{id}/timeline', { params: { path: { id }, query } }))
    : unwrap(api.GET('/api/v1/contacts/{id}/timeline', { params: { path: { id }, query } }));
}
