import { describe, expect, it } from 'vitest';
import { splitDay } from './types';
import { activitiesExportUrl, activityExportParams } from './api';
import { exportHref } from '../../components/record';
import type { FieldMeta } from '../../api/types';

describe('splitDay', () => {
  it('puts overdue items first and keeps the server order', () => {
    const items = [
      { id: 1, overdue: true },
      { id: 2, overdue: false },
      { id: 3, overdue: true },
    ];
    expect(splitDay(items)).toEqual({ overdue: [items[0], items[2]], today: [items[1]] });
  });
});

describe('activityExportParams', () => {
  const fields = [{ name: 'type', type: 'dict' }, { name: 'dueAt', type: 'datetime' }] as FieldMeta[];
  it('carries the list view and, on an account page, narrows to that account', () => {
    const q = { q: 'budget', filters: { type: ['call', 'visit'] }, rawFilters: ['status:eq:open'], sort: '-dueAt' };
    const all = activityExportParams(q, fields);
    expect(all).toEqual({ q: 'budget', filter: ['type:in:call,visit', 'status:eq:open'], sort: '-dueAt' });
    expect(activityExportParams(q, fields, 42).filter).toEqual(['type:in:call,visit', 'status:eq:open', 'accountId:eq:42']);
    expect(exportHref(activitiesExportUrl, 'xlsx', activityExportParams({ filters: {} }, fields, 7), ['subject'])).toBe(
      '/api/v1/activities/export?format=xlsx&filter=accountId%3Aeq%3A7&columns=subject',
    );
  });
});
