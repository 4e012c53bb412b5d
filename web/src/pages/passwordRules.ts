// Client-side password checks; the server's policy is authoritative and its
// field errors are shown the same way.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

export const MIN_PASSWORD_LENGTH = 8;

export function passwordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('auth:passwordRequired') },
    { min: MIN_PASSWORD_LENGTH, message: t('auth:passwordTooShort', { count: MIN_PASSWORD_LENGTH }) },
  ];
}

/** Requires the field to equal the field named `other`. */
export function confirmPasswordRule(t: TFunction, other: string): FormRule {
  return ({ getFieldValue }) => ({
    validator(_, value) {
      if (!value || getFieldValue(other) === value) return Promise.resolve();
      return Promise.reject(new Error(t('auth:passwordMismatch')));
    },
  });
}
