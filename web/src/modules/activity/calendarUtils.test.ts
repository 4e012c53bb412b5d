import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { dayKey, dueOnDay, groupByDay, monthWindow, ownersOf, weekDays } from './calendarUtils';

describe('calendar helpers', () => {
  it('put an instant on its day in the user time zone', () => {
    // 2030-05-10 18:30 UTC is already the 11th in Shanghai, still the 10th in New York.
    expect(dayKey('2030-05-10T18:30:00Z', 'Asia/Shanghai')).toBe('2030-05-11');
    expect(dayKey('2030-05-10T18:30:00Z', 'America/New_York')).toBe('2030-05-10');
    expect(dayKey('2030-05-10T18:30:00Z', 'Not/AZone')).toMatch(/^2030-05-1[01]$/);
  });

  it('group items by day and skip undated ones', () => {
    const items = [
      { id: 1, dueAt: '2030-05-10T01:00:00Z' },
      { id: 2, dueAt: null },
      { id: 3, dueAt: '2030-05-10T03:00:00Z' },
      { id: 4, dueAt: '2030-05-11T01:00:00Z' },
    ];
    const g = groupByDay(items, 'Asia/Shanghai');
    expect(g.get('2030-05-10')?.map((i) => i.id)).toEqual([1, 3]);
    expect(g.get('2030-05-11')?.map((i) => i.id)).toEqual([4]);
    expect([...g.values()].flat()).toHaveLength(3);
  });

  it('fetch a month with margins, within the server limit of 62 days', () => {
    for (const m of ['2030-01-15', '2030-02-01', '2030-12-31']) {
      const w = monthWindow(dayjs(m));
      const days = dayjs(w.to).diff(dayjs(w.from), 'day', true);
      expect(days).toBeGreaterThan(40);
      expect(days).toBeLessThanOrEqual(62);
      expect(dayjs(w.from).isBefore(dayjs(m).startOf('month'))).toBe(true);
      expect(dayjs(w.to).isAfter(dayjs(m).endOf('month'))).toBe(true);
    }
  });

  it('start weeks on Monday and create at nine', () => {
    const days = weekDays(dayjs('2030-05-12')); // a Sunday
    expect(days[0].format('YYYY-MM-DD ddd')).toBe('2030-05-06 Mon');
    expect(days[6].format('YYYY-MM-DD')).toBe('2030-05-12');
    expect(dueOnDay(dayjs('2030-05-12T17:45:00')).format('HH:mm')).toBe('09:00');
  });

  it('list the owners of the everyone view once each, by name', () => {
    const items = [{ ownerId: 3, ownerName: 'Wang' }, { ownerId: 2, ownerName: 'Li' }, { ownerId: 3, ownerName: 'Wang' }, { ownerId: null }];
    expect(ownersOf(items)).toEqual([{ id: 2, name: 'Li' }, { id: 3, name: 'Wang' }]);
  });
});
