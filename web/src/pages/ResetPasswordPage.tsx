import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { isApiError } from '../api/problem';
import { AuthLayout } from './AuthLayout';
import { confirmPasswordRule, passwordRules } from './passwordRules';

interface ResetValues {
  password: string;
  confirm: string;
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<ResetValues>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ password }: ResetValues) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/auth/reset-password', { body: { token, password } }));
      setDone(true);
    } catch (err) {
      if (isApiError(err)) {
        const fields = err.fieldErrors.filter((f) => f.name[0] === 'password');
        if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
        else setError(err.problem.detail || t('auth:reset.invalidToken'));
      } else setError(t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <AuthLayout title={t('auth:reset.title')}>
        <Result status="warning" title={t('auth:reset.missingToken')} extra={<Link to="/forgot-password">{t('auth:reset.requestNew')}</Link>} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth:reset.title')}>
      {done ? (
        <Result status="success" title={t('auth:reset.done')} extra={<Link to="/login">{t('auth:backToLogin')}</Link>} />
      ) : (
        <>
          {error && (
            <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} description={<Link to="/forgot-password">{t('auth:reset.requestNew')}</Link>} />
          )}
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item name="password" label={t('auth:newPassword')} rules={passwordRules(t)} hasFeedback>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="confirm" label={t('auth:confirmPassword')} dependencies={['password']} rules={[confirmPasswordRule(t, 'password')]} hasFeedback>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('auth:reset.submit')}
            </Button>
          </Form>
        </>
      )}
    </AuthLayout>
  );
}
