// Saved list views (GET/POST /api/v1/views, PATCH/DELETE /api/v1/views/{id})
// and tag suggestions (GET /api/v1/tags) for RecordList.
import { useQuery } from '@tanstack/react-query';
import { api, idempotent, ifMatch, unwrap } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';

export type SavedView = ResponseOf<'/api/v1/views/{id}', 'get'>;
export type SavedViewCreate = BodyOf<'/api/v1/views', 'post'>;
export type SavedViewPatch = BodyOf<'/api/v1/views/{id}', 'patch'>;

export const viewsKey = (entity: string) => ['views', entity] as const;

export function useSavedViews(entity: string, enabled = true) {
  return useQuery({
    queryKey: viewsKey(entity),
    queryFn: async () => (await unwrap(api.GET('/api/v1/views', { params: { query: { entity } } }))).items ?? [],
    enabled,
  });
}

export function createView(body: SavedViewCreate) {
  return unwrap(api.POST('/api/v1/views', { body, ...idempotent() }));
}

export function updateView(view: Pick<SavedView, 'id' | 'version'>, body: SavedViewPatch) {
  return unwrap(api.PATCH('/api/v1/views/{id}', { params: { path: { id: view.id }, header: { 'If-Match': ifMatch(view.version) } }, body }));
}

export function deleteView(id: number) {
  return unwrap(api.DELETE('/api/v1/views/{id}', { params: { path: { id } } }));
}

export const tagsKey = (entity: string) => ['tags', entity] as const;

/**
 * Distinct tags on the records of entity that the user may read, containing q. Fetched only while
 * `enabled` (the picker is open); bulk tag changes invalidate tagsKey(entity).
 */
export function useTagSuggestions(entity: string | undefined, q: string, enabled = true) {
  return useQuery({
    queryKey: [...tagsKey(entity ?? ''), q],
    queryFn: async () => (await unwrap(api.GET('/api/v1/tags', { params: { query: { entity: entity!, q: q || undefined, limit: 50 } } }))).items ?? [],
    enabled: !!entity && enabled,
    staleTime: 30_000,
  });
}
