// The customer 360 page's section registry (SPEC C4). The page shows the account's profile and quick
// actions, then every registered section the user has the right for, in order, in its column. A later
// module (opportunities, quotes, orders, tickets …) adds its section by calling register360Section from
// a file the page imports (see sections.ts) — no placeholder screens for modules that do not exist yet.
import type { ComponentType } from 'react';
import { hasRight, type Rights } from '../../../app/rights';
import type { Account } from '../types';

export interface C360SectionProps {
  account: Account;
}

export interface C360Section {
  /** Unique key (also the test id: c360-<key>). */
  key: string;
  /** i18n key of the card title (namespace-qualified). */
  titleKey: string;
  /** The right a user needs to see the section. */
  right?: string;
  /** main: the wide column (timeline); side: the narrow one (contacts, tasks …). */
  column: 'main' | 'side';
  order: number;
  Component: ComponentType<C360SectionProps>;
}

const registry: C360Section[] = [];

/** Adds a section, or replaces the one with the same key. */
export function register360Section(s: C360Section) {
  const i = registry.findIndex((x) => x.key === s.key);
  if (i >= 0) registry[i] = s;
  else registry.push(s);
}

/** The sections of a column the user may see, in order. */
export function sections360(column: C360Section['column'], rights: Rights | undefined, list: C360Section[] = registry): C360Section[] {
  return list.filter((s) => s.column === column && hasRight(rights, s.right)).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
