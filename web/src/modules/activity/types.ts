// API shapes of the activity module, derived from the generated OpenAPI types.
import type { BodyOf, ResponseOf } from '../../api/types';

export type Activity = ResponseOf<'/api/v1/activities/{id}', 'get'>;
export type ActivityCreate = BodyOf<'/api/v1/activities', 'post'>;
export type ActivityPatch = BodyOf<'/api/v1/activities/{id}', 'patch'>;

export const ACTIVITY_RIGHTS = {
  read: 'activity:read',
  create: 'activity:create',
  update: 'activity:update',
  delete: 'activity:delete',
  export: 'activity:export',
} as const;

/** Splits "my day" into overdue and today's items (the server already sorts by due time). */
export function splitDay<T extends { overdue: boolean }>(items: T[]): { overdue: T[]; today: T[] } {
  return { overdue: items.filter((i) => i.overdue), today: items.filter((i) => !i.overdue) };
}
