// Create / edit a user in a modal: metadata-driven fields plus password (on
// create) and roles.
import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ifMatch, unwrap, idempotent } from '../../api/client';
import type { User, UserCreate, UserPatch } from '../../api/types';
import { RecordForm, type RefOptions } from '../../components/record';
import { LANGUAGE_NAMES } from '../../components/LanguageSwitch';
import { LANGUAGES, currentLanguage } from '../../i18n/language';
import { browserTimeZone, timeZones } from '../../lib/format';
import { passwordRules } from '../passwordRules';

export interface UserEditorProps {
  /** The user to edit, or null to create one. */
  user: User | null;
  open: boolean;
  onClose: () => void;
  onSaved: (u: User) => void;
  refOptions: RefOptions;
  roleOptions: { value: number; label: string }[];
}

const FIELDS = ['name', 'email', 'locale', 'timeZone', 'teamId'];

export function UserEditor({ user, open, onClose, onSaved, refOptions, roleOptions }: UserEditorProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Record<string, unknown>) => {
    const saved = user
      ? await unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id }, header: { 'If-Match': ifMatch(user.version) } }, body: values as UserPatch }))
      : await unwrap(api.POST('/api/v1/users', { ...idempotent(), body: { roleIds: [], ...values } as unknown as UserCreate }));
    onSaved(saved);
  };

  const controls = {
    locale: <Select options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />,
    timeZone: <Select showSearch={{ optionFilterProp: 'label' }} options={timeZones().map((z) => ({ value: z, label: z }))} />,
  };

  return (
    <Modal
      title={user ? t('admin:users.edit') : t('admin:users.create')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('save')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      <RecordForm
        entity="user"
        form={form}
        fields={FIELDS}
        record={user ? { ...user, roleIds: (user.roles ?? []).map((r) => r.id) } : undefined}
        initialValues={user ? undefined : { locale: currentLanguage(), timeZone: browserTimeZone(), roleIds: [] }}
        refOptions={refOptions}
        controls={controls}
        onSubmit={submit}
        onBusyChange={setBusy}
        hideSubmit
      >
        {!user && (
          <Form.Item name="password" label={t('auth:password')} rules={passwordRules(t)}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roleIds" label={t('admin:users.roles')}>
          <Select mode="multiple" options={roleOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </RecordForm>
    </Modal>
  );
}
