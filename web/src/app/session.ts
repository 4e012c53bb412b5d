// The logged-in user ("me") and first-run setup status, cached by React Query.
import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Me } from '../api/types';

export const meKey = ['me'] as const;
export const setupKey = ['setup'] as const;

/** The current user, or null when there is no valid session. */
export async function fetchMe(): Promise<Me | null> {
  const call = api.GET('/api/v1/me');
  const { response } = await call;
  if (response.status === 401) return null;
  return unwrap(call);
}

export function useMeQuery() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

export function useSetupStatus(enabled = true) {
  return useQuery({
    queryKey: setupKey,
    queryFn: () => unwrap(api.GET('/api/v1/setup')),
    enabled,
    staleTime: Infinity,
  });
}

export const MeContext = createContext<Me | null>(null);

/** The logged-in user; only valid below RequireAuth. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe must be used below RequireAuth');
  return me;
}

/** The logged-in user or null (for components shown before and after login). */
export function useOptionalMe(): Me | null {
  return useContext(MeContext);
}
