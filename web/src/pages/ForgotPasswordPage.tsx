import { useState } from 'react';
import { Button, Form, Input, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useErrorNotifier } from '../components/useErrorNotifier';
import { AuthLayout } from './AuthLayout';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string }>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const notifyError = useErrorNotifier();

  const submit = async (body: { email: string }) => {
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/auth/forgot-password', { body }));
      setSent(true);
    } catch (err) {
      notifyError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth:forgot.title')}>
      {sent ? (
        <Result status="success" title={t('auth:forgot.sent')} subTitle={t('auth:forgot.sentHint')} extra={<Link to="/login">{t('auth:backToLogin')}</Link>} />
      ) : (
        <>
          <p>{t('auth:forgot.intro')}</p>
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item name="email" label={t('auth:email')} rules={[{ required: true, type: 'email', message: t('auth:emailInvalid') }]}>
              <Input type="email" autoComplete="username" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('auth:forgot.submit')}
            </Button>
          </Form>
          <div style={{ marginTop: 16, textAlign: 'center' }}>
            <Link to="/login">{t('auth:backToLogin')}</Link>
          </div>
        </>
      )}
    </AuthLayout>
  );
}
