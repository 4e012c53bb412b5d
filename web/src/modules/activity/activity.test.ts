import { describe, expect, it } from 'vitest';
import { splitDay } from './types';

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
