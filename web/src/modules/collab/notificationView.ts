// How a notification reads and where it leads. Adding a kind: a `kind.<kind>` message in both locales
// (and a link rule here when it is about a record).
import type { TFunction } from 'i18next';
import type { Notification } from './types';

/** The app route of the record a notification is about, or undefined. */
export function notificationLink(n: Pick<Notification, 'entity' | 'recordId' | 'params'>): string | undefined {
  const id = n.recordId;
  if (!id) return undefined;
  switch (n.entity) {
    case 'account':
      return `/accounts/${id}`;
    case 'contact': {
      // Contacts are shown on their account's page.
      const acc = Number(n.params?.accountId ?? 0);
      return acc > 0 ? `/accounts/${acc}` : undefined;
    }
    case 'activity':
      return `/activities?open=${id}`;
    default:
      return undefined;
  }
}

/** The one-line headline in the reader's language. */
export function notificationText(n: Notification, t: TFunction): string {
  const vars = { actor: n.actor?.name ?? n.params?.actorName ?? '', title: n.title, ...n.params };
  const key = `collab:kind.${n.kind}`;
  return t(key, { ...vars, defaultValue: n.title });
}
