// Field metadata from GET /api/v1/meta (labels are localised, so the query
// key includes the language).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { EntityMeta } from './types';

export function useMeta() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['meta', i18n.language],
    queryFn: () => unwrap(api.GET('/api/v1/meta')),
    staleTime: 5 * 60_000,
  });
}

/** The metadata of one entity; `override` (e.g. in tests) skips the request. */
export function useEntityMeta(entity: string, override?: EntityMeta) {
  const q = useMeta();
  if (override) return { meta: override, isPending: false, error: null as unknown };
  const meta = q.data?.entities?.find((e) => e.name === entity);
  const error = q.error ?? (q.data && !meta ? new Error(`unknown entity "${entity}"`) : null);
  return { meta, isPending: q.isPending, error: error as unknown };
}
