// API shapes of the duplicate review, derived from the generated OpenAPI types.
import type { BodyOf, ResponseOf } from '../../api/types';

export type DedupEntity = 'account' | 'contact';
export type CheckBody = BodyOf<'/api/v1/duplicates/check', 'post'>;
export type CheckValues = CheckBody['values'];
export type CheckResult = ResponseOf<'/api/v1/duplicates/check', 'post'>;
export type Candidate = NonNullable<CheckResult['items']>[number];
export type PairPage = ResponseOf<'/api/v1/duplicates', 'get'>;
export type Pair = NonNullable<PairPage['items']>[number];
export type PairSide = Pair['a'];
export type Moved = ResponseOf<'/api/v1/duplicates/preview', 'get'>;
export type MergeResult = ResponseOf<'/api/v1/accounts/{id}/merge', 'post'>;
export type Choice = 'survivor' | 'merged';

export const DEDUP_RIGHTS = {
  accountRead: 'account:read',
  accountUpdate: 'account:update',
  accountDelete: 'account:delete',
  contactRead: 'contact:read',
  contactUpdate: 'contact:update',
  contactDelete: 'contact:delete',
} as const;

export function rightOf(entity: DedupEntity, action: 'read' | 'update' | 'delete') {
  return `${entity}:${action}`;
}
