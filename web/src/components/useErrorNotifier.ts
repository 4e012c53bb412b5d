// Shows an API error the way the UI agreed: field errors next to the form
// fields, a stale-version warning for 412, everything else as a notification
// with the problem's detail (or title).
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';

export function useErrorNotifier() {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (isApiError(err)) {
        if (err.status === 401) return; // the client redirects to /login
        if (err.status === 412) {
          notification.warning({ title: t('errors.staleTitle'), description: t('errors.stale') });
          return;
        }
        const fields = err.fieldErrors;
        if (form && fields.length) {
          form.setFields(fields);
          if (err.otherErrors.length === 0) return;
        }
        const description = [err.problem.detail, ...err.otherErrors].filter(Boolean).join('\n');
        notification.error({ title: err.problem.title, description: description || undefined });
        return;
      }
      notification.error({ title: t('errors.network'), description: err instanceof Error ? err.message : String(err) });
    },
    [notification, t],
  );
}
