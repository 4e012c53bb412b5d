import { describe, expect, it } from 'vitest';
import { activeNavKey, navRegistry, visibleNav } from './nav';
import { hasRight } from './rights';

describe('navigation filtering by rights', () => {
  const keys = (rights: Record<string, 'own' | 'team' | 'subtree' | 'all'>) => visibleNav(navRegistry, rights).map((i) => i.key);

  it('hides every admin entry from a user without admin rights', () => {
    expect(keys({})).toEqual(['home', 'profile', 'notifications', 'tokens']);
  });

  it('shows exactly the admin entries the user has rights for', () => {
    expect(keys({ 'user:read': 'all', 'audit:read': 'all' })).toEqual(['home', 'users', 'audit', 'profile', 'notifications', 'tokens']);
  });

  it('shows all entries to an administrator, sections in order', () => {
    const all = keys({ 'user:read': 'all', 'team:read': 'all', 'role:read': 'all', 'audit:read': 'team' });
    expect(all).toEqual(['home', 'users', 'teams', 'roles', 'audit', 'profile', 'notifications', 'tokens']);
  });

  it('any scope counts as having the right', () => {
    expect(hasRight({ 'team:read': 'own' }, 'team:read')).toBe(true);
    expect(hasRight({ 'team:read': 'own' }, 'team:update')).toBe(false);
    expect(hasRight(undefined, undefined)).toBe(true);
  });

  it('finds the active entry by longest path prefix', () => {
    expect(activeNavKey(navRegistry, '/')).toBe('home');
    expect(activeNavKey(navRegistry, '/admin/users')).toBe('users');
    expect(activeNavKey(navRegistry, '/admin/users/5')).toBe('users');
    expect(activeNavKey(navRegistry, '/nowhere')).toBeUndefined();
  });
});
