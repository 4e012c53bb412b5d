import { describe, expect, it } from 'vitest';
import { hitPath, SEARCH_TYPES } from '../../app/GlobalSearch';

describe('activities in global search', () => {
  it('are a search type and open on their account, or the activity list', () => {
    expect(SEARCH_TYPES).toContain('activity');
    expect(hitPath({ entity: 'activity', id: 7, title: '预算沟通', subtitle: 'call · 华东制造', accountId: 3, score: 1 })).toBe('/accounts/3');
    expect(hitPath({ entity: 'activity', id: 8, title: 'Note', subtitle: 'note', score: 1 })).toBe('/activities');
  });
});

describe('activity navigation', () => {
  it('offers the calendar and the KPIs with activity:read only', async () => {
    const { navRegistry, visibleNav } = await import('../../app/nav');
    const keys = (rights: Record<string, 'own' | 'all'>) => visibleNav(navRegistry, rights).map((i) => i.key);
    expect(keys({})).not.toContain('calendar');
    expect(keys({ 'activity:read': 'own' })).toEqual(expect.arrayContaining(['activities', 'calendar', 'activityKpis']));
  });
});
