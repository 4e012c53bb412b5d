// API shapes of the collaboration module, derived from the generated OpenAPI types.
import type { BodyOf, ResponseOf } from '../../api/types';

export type CommentEntity = 'account' | 'contact' | 'activity';
type ListOf<L> = L extends { items: (infer T)[] | null } ? T : never;
export type Comment = ListOf<ResponseOf<'/api/v1/accounts/{id}/comments', 'get'>>;
export type CommentSaved = ResponseOf<'/api/v1/accounts/{id}/comments', 'post', 201>;
export type CommentBody = BodyOf<'/api/v1/accounts/{id}/comments', 'post'>;
export type Notification = ListOf<ResponseOf<'/api/v1/me/notifications', 'get'>>;
export type DirectoryUser = ListOf<ResponseOf<'/api/v1/directory/users', 'get'>>;
export type NotNotified = NonNullable<CommentSaved['notNotified']>[number];

/** A user picked in the mention picker. */
export interface Picked {
  id: number;
  name: string;
}
