// Display texts of built-in roles. The server seeds a built-in role's name and
// description once, in Chinese, and does not translate them per request. While an
// administrator has not changed them, the UI shows the text from its own catalogue
// in the current language; a renamed role shows exactly as typed.
import type { TFunction } from 'i18next';
import { resources } from '../locales';

type Builtins = typeof resources['zh-CN']['admin']['builtinRoles'];
type Field = 'name' | 'description';

interface RoleLike {
  key?: string | null;
  name: string;
  description?: string;
}

function seeded(key: string | null | undefined, field: Field, value: string | undefined): key is keyof Builtins {
  if (!key || !value || !(key in resources['zh-CN'].admin.builtinRoles)) return false;
  const k = key as keyof Builtins;
  return value === resources['zh-CN'].admin.builtinRoles[k][field] || value === resources.en.admin.builtinRoles[k][field];
}

/** The role's name in the UI language. */
export function roleName(role: RoleLike, t: TFunction): string {
  return seeded(role.key, 'name', role.name) ? t(`admin:builtinRoles.${role.key}.name`) : role.name;
}

/** The role's description in the UI language. */
export function roleDescription(role: RoleLike, t: TFunction): string {
  const d = role.description ?? '';
  return seeded(role.key, 'description', d) ? t(`admin:builtinRoles.${role.key}.description`) : d;
}
