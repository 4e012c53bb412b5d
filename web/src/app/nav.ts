// The navigation registry. Modules add entries here (or call registerNav);
// the menu, the home page's quick links and the route guards all read it, and
// entries whose `right` the user lacks are hidden.
import type { ComponentType } from 'react';
import {
  HomeOutlined,
  UserOutlined,
  TeamOutlined,
  SafetyCertificateOutlined,
  AuditOutlined,
  IdcardOutlined,
  KeyOutlined,
  BookOutlined,
  ShopOutlined,
  ContactsOutlined,
  FormOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { hasRight, RIGHTS, type Rights } from './rights';

export type NavSection = 'main' | 'customer' | 'admin' | 'personal';

export interface NavItem {
  /** Unique key, also the menu key. */
  key: string;
  /** Route path (absolute). */
  path: string;
  /** i18n key of the label (namespace-qualified if not in `common`). */
  labelKey: string;
  /** i18n key of a one-line description (used by quick links). */
  descriptionKey?: string;
  icon: ComponentType;
  section: NavSection;
  /** Right required to see the entry (and to open the page). */
  right?: string;
  order: number;
}

export const navRegistry: NavItem[] = [
  { key: 'home', path: '/', labelKey: 'nav.home', icon: HomeOutlined, section: 'main', order: 0 },
  { key: 'accounts', path: '/accounts', labelKey: 'customer:nav.accounts', descriptionKey: 'customer:nav.accountsHint', icon: ShopOutlined, section: 'customer', right: 'account:read', order: 10 },
  { key: 'contacts', path: '/contacts', labelKey: 'customer:nav.contacts', descriptionKey: 'customer:nav.contactsHint', icon: ContactsOutlined, section: 'customer', right: 'contact:read', order: 20 },
  { key: 'activities', path: '/activities', labelKey: 'activity:nav', descriptionKey: 'activity:navHint', icon: ScheduleOutlined, section: 'customer', right: 'activity:read', order: 30 },
  { key: 'users', path: '/admin/users', labelKey: 'nav.users', descriptionKey: 'nav.usersHint', icon: UserOutlined, section: 'admin', right: RIGHTS.userRead, order: 10 },
  { key: 'teams', path: '/admin/teams', labelKey: 'nav.teams', descriptionKey: 'nav.teamsHint', icon: TeamOutlined, section: 'admin', right: RIGHTS.teamRead, order: 20 },
  { key: 'roles', path: '/admin/roles', labelKey: 'nav.roles', descriptionKey: 'nav.rolesHint', icon: SafetyCertificateOutlined, section: 'admin', right: RIGHTS.roleRead, order: 30 },
  { key: 'audit', path: '/admin/audit', labelKey: 'nav.audit', descriptionKey: 'nav.auditHint', icon: AuditOutlined, section: 'admin', right: RIGHTS.auditRead, order: 40 },
  { key: 'dictionary', path: '/admin/dictionary', labelKey: 'dictionary:nav', descriptionKey: 'dictionary:navHint', icon: BookOutlined, section: 'admin', right: RIGHTS.dictionaryUpdate, order: 50 },
  { key: 'customFields', path: '/admin/custom-fields', labelKey: 'customfield:nav', descriptionKey: 'customfield:navHint', icon: FormOutlined, section: 'admin', right: RIGHTS.customFieldUpdate, order: 60 },
  { key: 'profile', path: '/profile', labelKey: 'nav.profile', descriptionKey: 'nav.profileHint', icon: IdcardOutlined, section: 'personal', order: 10 },
  { key: 'tokens', path: '/tokens', labelKey: 'nav.tokens', descriptionKey: 'nav.tokensHint', icon: KeyOutlined, section: 'personal', order: 20 },
];

export function registerNav(item: NavItem) {
  const i = navRegistry.findIndex((n) => n.key === item.key);
  if (i >= 0) navRegistry[i] = item;
  else navRegistry.push(item);
}

/** Entries the user may see, in section order then `order`. */
export function visibleNav(items: NavItem[], rights: Rights | undefined): NavItem[] {
  const sectionOrder: Record<NavSection, number> = { main: 0, customer: 1, admin: 2, personal: 3 };
  return items
    .filter((i) => hasRight(rights, i.right))
    .sort((a, b) => sectionOrder[a.section] - sectionOrder[b.section] || a.order - b.order);
}

/** The nav entry whose path is the longest prefix of `pathname`. */
export function activeNavKey(items: NavItem[], pathname: string): string | undefined {
  let best: NavItem | undefined;
  for (const i of items) {
    const match = i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`);
    if (match && (!best || i.path.length > best.path.length)) best = i;
  }
  return best?.key;
}

export function navByKey(key: string): NavItem | undefined {
  return navRegistry.find((n) => n.key === key);
}
