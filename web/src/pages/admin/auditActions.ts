// Known audit actions and their i18n keys ("login.success" → admin:audit.actions.login_success,
// because "." separates i18n key levels).
export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'login.success', 'login.failure', 'logout', 'password.change',
  'password.reset', 'token.create', 'token.revoke', 'token.use', 'permission.change', 'export', 'transfer',
  'merge', 'import.start', 'import.finish', 'import.cancel', 'calendar_feed.create', 'calendar_feed.revoke',
];

export function auditActionKey(action: string): string {
  return `admin:audit.actions.${action.replace(/\./g, '_')}`;
}
