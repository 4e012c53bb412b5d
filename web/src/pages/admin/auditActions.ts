// Known audit actions and their i18n keys ("login.success" → admin:audit.actions.login_success,
// because "." separates i18n key levels).
export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'login.success', 'login.failure', 'logout', 'password.change',
  'password.reset', 'token.create', 'token.revoke', 'token.use', 'permission.change',
];

export function auditActionKey(action: string): string {
  return `admin:audit.actions.${action.replace(/\./g, '_')}`;
}
