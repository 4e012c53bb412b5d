// API shapes of the customer module, derived from the generated OpenAPI types.
import type { BodyOf, ResponseOf } from '../../api/types';

export type Account = ResponseOf<'/api/v1/accounts/{id}', 'get'>;
export type AccountCreate = BodyOf<'/api/v1/accounts', 'post'>;
export type AccountPatch = BodyOf<'/api/v1/accounts/{id}', 'patch'>;
export type Contact = ResponseOf<'/api/v1/contacts/{id}', 'get'>;
export type ContactCreate = BodyOf<'/api/v1/contacts', 'post'>;
export type ContactPatch = BodyOf<'/api/v1/contacts/{id}', 'patch'>;

export const CUSTOMER_RIGHTS = {
  accountRead: 'account:read',
  accountCreate: 'account:create',
  accountUpdate: 'account:update',
  accountDelete: 'account:delete',
  accountAssign: 'account:assign',
  accountExport: 'account:export',
  contactRead: 'contact:read',
  contactCreate: 'contact:create',
  contactUpdate: 'contact:update',
  contactDelete: 'contact:delete',
  contactExport: 'contact:export',
} as const;
