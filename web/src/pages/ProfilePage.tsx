// Own profile (name, language, time zone) and password change.
import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { MePatch } from '../api/types';
import { meKey, useMe } from '../app/session';
import { LANGUAGE_NAMES } from '../components/LanguageSwitch';
import { PageHeader } from '../components/PageHeader';
import { useErrorNotifier } from '../components/useErrorNotifier';
import { LANGUAGES, rememberLanguage } from '../i18n/language';
import { timeZones } from '../lib/format';
import { confirmPasswordRule, passwordRules } from './passwordRules';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ProfilePage() {
  const me = useMe();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const [profileForm] = Form.useForm<MePatch>();
  const [passwordForm] = Form.useForm<PasswordValues>();
  const [saving, setSaving] = useState(false);
  const [changing, setChanging] = useState(false);

  const saveProfile = async (body: MePatch) => {
    setSaving(true);
    try {
      const updated = await unwrap(api.PATCH('/api/v1/me', { body }));
      if (updated.locale !== i18n.language) {
        await i18n.changeLanguage(updated.locale);
        rememberLanguage(updated.locale);
      }
      qc.setQueryData(meKey, updated);
      message.success(t('saved'));
    } catch (err) {
      notifyError(err, profileForm);
    } finally {
      setSaving(false);
    }
  };

  const changePassword = async ({ currentPassword, newPassword }: PasswordValues) => {
    setChanging(true);
    try {
      await unwrap(api.POST('/api/v1/me/password', { body: { currentPassword, newPassword } }));
      passwordForm.resetFields();
      message.success(t('profile.passwordChanged'));
    } catch (err) {
      notifyError(err, passwordForm);
    } finally {
      setChanging(false);
    }
  };

  return (
    <>
      <PageHeader title={t('nav.profile')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('profile.details')}>
            <Form form={profileForm} layout="vertical" onFinish={saveProfile} initialValues={{ name: me.name, locale: me.locale, timeZone: me.timeZone, notifyEmail: me.notifyEmail }}>
              <Form.Item label={t('auth:email')}>
                <Input value={me.email} disabled />
              </Form.Item>
              <Form.Item name="name" label={t('auth:name')} rules={[{ required: true, message: t('auth:nameRequired') }]}>
                <Input autoComplete="name" />
              </Form.Item>
              <Form.Item name="locale" label={t('language')}>
                <Select options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
              </Form.Item>
              <Form.Item name="timeZone" label={t('timeZone')}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={timeZones().map((z) => ({ value: z, label: z }))} />
              </Form.Item>
              <Form.Item name="notifyEmail" label={t('collab:profile.notifyEmail')} extra={t('collab:profile.notifyEmailHint')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('profile.changePassword')}>
            <Form form={passwordForm} layout="vertical" onFinish={changePassword}>
              <Form.Item name="currentPassword" label={t('auth:currentPassword')} rules={[{ required: true, message: t('auth:passwordRequired') }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item name="newPassword" label={t('auth:newPassword')} rules={passwordRules(t)} hasFeedback>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="confirm" label={t('auth:confirmPassword')} dependencies={['newPassword']} rules={[confirmPasswordRule(t, 'newPassword')]} hasFeedback>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={changing}>
                {t('profile.changePassword')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
