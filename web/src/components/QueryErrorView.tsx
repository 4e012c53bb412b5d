// Renders a failed query: 403 → the permission page, otherwise the problem.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';
import { Forbidden } from './Forbidden';

export function QueryErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 403) return <Forbidden />;
  const title = isApiError(error) ? error.problem.title : t('errors.network');
  const detail = isApiError(error) ? error.problem.detail : error instanceof Error ? error.message : undefined;
  return (
    <Result
      status="error"
      title={title}
      subTitle={detail}
      extra={onRetry && <Button onClick={onRetry}>{t('retry')}</Button>}
    />
  );
}
