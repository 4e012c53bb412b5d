import { useRef, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { isApiError } from '../api/problem';
import { meKey, useSetupStatus } from '../app/session';
import { safeNext } from '../lib/safeNext';
import { normalizeLanguage } from '../i18n/language';
import { AuthLayout } from './AuthLayout';

interface LoginValues {
  email: string;
  password: string;
}

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const setup = useSetupStatus();
  // A language picked on this page wins over the one saved in the profile (and is saved there).
  const languageOnArrival = useRef(i18n.language);

  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      let me = await unwrap(api.POST('/api/v1/auth/login', { body: values }));
      const picked = normalizeLanguage(i18n.language);
      if (picked && i18n.language !== languageOnArrival.current && picked !== me.locale) {
        me = await unwrap(api.PATCH('/api/v1/me', { body: { locale: picked } })).catch(() => me);
      }
      if (me.locale && me.locale !== i18n.language) await i18n.changeLanguage(me.locale);
      qc.setQueryData(meKey, me);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (isApiError(err)) {
        if (err.fieldErrors.length) form.setFields(err.fieldErrors as Parameters<typeof form.setFields>[0]);
        setError(err.problem.detail || (err.status === 401 ? t('auth:login.invalid') : err.problem.title));
      } else {
        setError(t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth:login.title')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="email" label={t('auth:email')} rules={[{ required: true, message: t('auth:emailRequired') }]}>
          <Input prefix={<MailOutlined />} autoComplete="username" type="email" />
        </Form.Item>
        <Form.Item name="password" label={t('auth:password')} rules={[{ required: true, message: t('auth:passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth:login.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/forgot-password">{t('auth:login.forgot')}</Link>
      </div>
    </AuthLayout>
  );
}
