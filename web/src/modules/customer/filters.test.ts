import { describe, expect, it } from 'vitest';
import { toFilterParams } from './filters';

describe('toFilterParams', () => {
  const fields = [
    { name: 'name', type: 'string' as const },
    { name: 'phone', type: 'phone' as const },
    { name: 'lifecycle', type: 'enum' as const },
    { name: 'level', type: 'dict' as const },
    { name: 'ownerId', type: 'ref' as const },
    { name: 'consent', type: 'bool' as const },
  ];

  it('maps each filter value by field type', () => {
    expect(
      toFilterParams({ name: '科技', lifecycle: 'customer', level: ['key', 'major'], ownerId: 7, consent: false, phone: '138' }, fields),
    ).toEqual(['name:contains:科技', 'lifecycle:eq:customer', 'level:in:key,major', 'ownerId:eq:7', 'consent:eq:false', 'phone:contains:138']);
  });

  it('skips empty values', () => {
    expect(toFilterParams({ name: '', level: [], ownerId: undefined }, fields)).toEqual([]);
  });
});
