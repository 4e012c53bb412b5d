import { describe, expect, it } from 'vitest';
import { sections360, type C360Section } from './registry';

const s = (key: string, column: 'main' | 'side', order: number, right?: string): C360Section => ({ key, titleKey: key, column, order, right, Component: () => null });

describe('customer 360 sections', () => {
  it('show the sections a user has the right for, per column, in order', () => {
    const list = [s('orders', 'main', 30, 'order:read'), s('timeline', 'main', 10, 'account:read'), s('contacts', 'side', 20, 'contact:read'), s('tasks', 'side', 10)];
    const rights = { 'account:read': 'own', 'contact:read': 'own' } as Record<string, string>;
    expect(sections360('main', rights, list).map((x) => x.key)).toEqual(['timeline']);
    expect(sections360('side', rights, list).map((x) => x.key)).toEqual(['tasks', 'contacts']);
    expect(sections360('main', { ...rights, 'order:read': 'all' }, list).map((x) => x.key)).toEqual(['timeline', 'orders']);
  });
});
