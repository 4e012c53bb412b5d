// Convenience names for the generated API types. They are derived from the
// operations (paths), not from component schema names, so they survive the
// server renaming its schemas.
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Method = 'get' | 'post' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer O } ? NonNullable<O> : never;
type Responses<P extends keyof paths, M extends Method> = Op<P, M> extends { responses: infer R } ? R : never;
/** JSON body of the given success status of an operation. */
export type ResponseOf<P extends keyof paths, M extends Method, C extends number = 200> =
  C extends keyof Responses<P, M> ? JsonOf<Responses<P, M>[C]> : never;
/** JSON request body of an operation. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
type Item<L> = L extends { items: (infer T)[] | null } ? T : never;

type MeDTO = ResponseOf<'/api/v1/me', 'get'>;
/** The signed-in user; `team` is absent when the user belongs to no team. */
export type Me = MeDTO;
export type MePatch = BodyOf<'/api/v1/me', 'patch'>;
export type User = ResponseOf<'/api/v1/users/{id}', 'get'>;
export type UserCreate = BodyOf<'/api/v1/users', 'post'>;
export type UserPatch = BodyOf<'/api/v1/users/{id}', 'patch'>;
export type Team = ResponseOf<'/api/v1/teams/{id}', 'get'>;
export type TeamCreate = BodyOf<'/api/v1/teams', 'post'>;
export type Role = ResponseOf<'/api/v1/roles/{id}', 'get'>;
export type RoleCreate = BodyOf<'/api/v1/roles', 'post'>;
export type Grant = NonNullable<Role['grants']>[number];
export type RightInfo = Item<ResponseOf<'/api/v1/rights', 'get'>>;
export type ApiToken = Item<ResponseOf<'/api/v1/api-tokens', 'get'>>;
export type ApiTokenCreated = ResponseOf<'/api/v1/api-tokens', 'post', 201>;
export type AuditEvent = Item<ResponseOf<'/api/v1/audit-events', 'get'>>;
export type Meta = ResponseOf<'/api/v1/meta', 'get'>;
export type EntityMeta = NonNullable<Meta['entities']>[number];
export type FieldMeta = NonNullable<EntityMeta['fields']>[number];
export type FieldType = FieldMeta['type'];
export type Scope = Grant['scope'];
export type Locale = Me['locale'];

export const SCOPES: Scope[] = ['own', 'team', 'subtree', 'all'];

/** A page of a cursor-paginated list. */
export interface Page<T> {
  /** The server sends [] for an empty page, but the spec marks Go slices as nullable. */
  items: T[] | null;
  nextCursor: string | null;
}
export type DictionaryKind = Item<ResponseOf<'/api/v1/dictionary', 'get'>>;
export type DictionaryItem = Item<ResponseOf<'/api/v1/dictionary/{kind}/items', 'get'>>;
export type DictionaryItemCreate = BodyOf<'/api/v1/dictionary/{kind}/items', 'post'>;
export type DictionaryItemPatch = BodyOf<'/api/v1/dictionary/items/{id}', 'patch'>;
export type CustomField = Item<ResponseOf<'/api/v1/custom-fields', 'get'>>;
export type CustomFieldCreate = BodyOf<'/api/v1/custom-fields', 'post'>;
export type CustomFieldPatch = BodyOf<'/api/v1/custom-fields/{id}', 'patch'>;
export type CustomFieldType = CustomField['type'];
export type CustomFieldOption = NonNullable<CustomField['options']>[number];
