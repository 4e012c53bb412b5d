// All teams and roles (small lists) for selects, trees and labels.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Role, Team } from '../../api/types';
import { fetchAll } from '../../lib/useCursorList';

export const teamsKey = ['teams'] as const;
export const rolesKey = ['roles'] as const;
export const usersKey = ['users'] as const;

export function useAllTeams(enabled = true) {
  return useQuery({
    queryKey: [...teamsKey, 'all'],
    queryFn: () => fetchAll<Team>((cursor) => unwrap(api.GET('/api/v1/teams', { params: { query: { cursor, limit: 200 } } }))),
    enabled,
  });
}

export function useAllRoles(enabled = true) {
  return useQuery({
    queryKey: [...rolesKey, 'all'],
    queryFn: () => fetchAll<Role>((cursor) => unwrap(api.GET('/api/v1/roles', { params: { query: { cursor, limit: 200 } } }))),
    enabled,
  });
}

/** Ids of `rootId` and all teams below it. */
export function subtreeIds(teams: Team[], rootId: number): Set<number> {
  const ids = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams) {
      if (t.parentId !== null && ids.has(t.parentId) && !ids.has(t.id)) {
        ids.add(t.id);
        grew = true;
      }
    }
  }
  return ids;
}
