// Right names the UI checks. Rights are `resource:action` strings; the user's
// effective rights arrive as the `me.rights` map (right → scope).
import type { Me } from '../api/types';

export type Rights = Me['rights'];

export const RIGHTS = {
  userRead: 'user:read',
  userCreate: 'user:create',
  userUpdate: 'user:update',
  teamRead: 'team:read',
  teamCreate: 'team:create',
  teamUpdate: 'team:update',
  teamDelete: 'team:delete',
  roleRead: 'role:read',
  roleCreate: 'role:create',
  roleUpdate: 'role:update',
  roleDelete: 'role:delete',
  auditRead: 'audit:read',
  dictionaryCreate: 'dictionary:create',
  dictionaryUpdate: 'dictionary:update',
  dictionaryDelete: 'dictionary:delete',
  customFieldCreate: 'custom_field:create',
  customFieldUpdate: 'custom_field:update',
  customFieldDelete: 'custom_field:delete',
} as const;

export function hasRight(rights: Rights | undefined, right: string | undefined): boolean {
  if (!right) return true;
  return !!rights && Object.prototype.hasOwnProperty.call(rights, right);
}
