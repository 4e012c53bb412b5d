import { describe, expect, it } from 'vitest';
import { barParts, typeColumns, type KPILine } from './kpiUtils';

const line = (userId: number, total: number, done: number): KPILine => ({ userId, userName: `u${userId}`, total, done, open: total - done, cancelled: 0, overdue: 0, byType: {}, gapAccounts: 0 });

describe('KPI helpers', () => {
  it('order type columns by frequency', () => {
    expect(typeColumns({ note: 1, call: 5, visit: 5 })).toEqual(['call', 'visit', 'note']);
    expect(typeColumns({})).toEqual([]);
  });

  it('scale bars to the busiest person', () => {
    const bars = barParts([line(1, 10, 5), line(2, 4, 4), line(3, 0, 0)]);
    expect(bars.get(1)).toEqual({ done: 50, rest: 50 });
    expect(bars.get(2)).toEqual({ done: 40, rest: 0 });
    expect(bars.get(3)).toEqual({ done: 0, rest: 0 });
  });
});
