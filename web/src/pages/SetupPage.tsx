// First run: creates the first administrator (only while no user exists).
import { useState } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Locale } from '../api/types';
import { meKey, setupKey, useSetupStatus } from '../app/session';
import { FullPageSpin } from '../components/FullPageSpin';
import { LANGUAGES, currentLanguage } from '../i18n/language';
import { LANGUAGE_NAMES } from '../components/LanguageSwitch';
import { useErrorNotifier } from '../components/useErrorNotifier';
import { AuthLayout } from './AuthLayout';
import { browserTimeZone } from '../lib/format';
import { confirmPasswordRule, passwordRules } from './passwordRules';

interface SetupValues {
  email: string;
  name: string;
  password: string;
  confirm: string;
  locale: Locale;
}

export default function SetupPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SetupValues>();
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const setup = useSetupStatus();
  const notifyError = useErrorNotifier();

  if (setup.isPending) return <FullPageSpin />;
  // Setup is done (by us a moment ago, or earlier): home, or the login page for visitors.
  if (setup.data && !setup.data.needed) return <Navigate to="/" replace />;

  const submit = async ({ confirm: _confirm, ...body }: SetupValues) => {
    setBusy(true);
    try {
      const me = await unwrap(api.POST('/api/v1/setup', { body: { ...body, timeZone: browserTimeZone() } }));
      await i18n.changeLanguage(me.locale);
      qc.setQueryData(meKey, me);
      qc.setQueryData(setupKey, { needed: false });
      navigate('/', { replace: true });
    } catch (err) {
      notifyError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth:setup.title')}>
      <Alert type="info" showIcon title={t('auth:setup.intro')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ locale: currentLanguage() }}>
        <Form.Item name="name" label={t('auth:name')} rules={[{ required: true, message: t('auth:nameRequired') }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('auth:email')} rules={[{ required: true, type: 'email', message: t('auth:emailInvalid') }]}>
          <Input autoComplete="username" type="email" />
        </Form.Item>
        <Form.Item name="password" label={t('auth:password')} rules={passwordRules(t)} hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('auth:confirmPassword')} dependencies={['password']} rules={[confirmPasswordRule(t, 'password')]} hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="locale" label={t('language')}>
          <Select options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth:setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
