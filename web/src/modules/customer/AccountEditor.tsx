// Create / edit an account in a modal, with the metadata-driven RecordForm.
// Sensitive fields the user only sees masked are left out of the form.
import { useState } from 'react';
import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, idempotent, ifMatch, unwrap } from '../../api/client';
import { RecordForm } from '../../components/record';
import type { Account, AccountCreate, AccountPatch } from './types';
import { DuplicateWarning } from '../dedup/DuplicateWarning';

export const ACCOUNT_FIELDS = ['name', 'type', 'level', 'industry', 'region', 'source', 'lifecycle', 'phone', 'email', 'website', 'address', 'creditLimit', 'currency', 'satisfaction', 'tags'];
const SENSITIVE = ['phone', 'email'];

export interface AccountEditorProps {
  account: Account | null;
  open: boolean;
  onClose: () => void;
  onSaved: (a: Account) => void;
}

export function AccountEditor({ account, open, onClose, onSaved }: AccountEditorProps) {
  const { t } = useTranslation('customer');
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const fields = account?.masked ? ACCOUNT_FIELDS.filter((f) => !SENSITIVE.includes(f)) : ACCOUNT_FIELDS;
  // Likely duplicates of what is typed (SPEC C6): a warning, never a block.
  const watched = {
    id: account?.id,
    name: Form.useWatch('name', form) as string | undefined,
    phone: Form.useWatch('phone', form) as string | undefined,
    email: Form.useWatch('email', form) as string | undefined,
    website: Form.useWatch('website', form) as string | undefined,
  };

  const submit = async (values: Record<string, unknown>) => {
    const saved = account
      ? await unwrap(api.PATCH('/api/v1/accounts/{id}', { params: { path: { id: account.id }, header: { 'If-Match': ifMatch(account.version) } }, body: values as AccountPatch }))
      : await unwrap(api.POST('/api/v1/accounts', { ...idempotent(), body: values as AccountCreate }));
    onSaved(saved);
  };

  return (
    <Modal
      title={account ? t('accounts.edit') : t('accounts.create')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common:save')}
      cancelText={t('common:cancel')}
      destroyOnHidden
      width={720}
    >
      <DuplicateWarning entity="account" values={watched} />
      <RecordForm
        entity="account"
        form={form}
        fields={fields}
        record={account ?? undefined}
        initialValues={account ? undefined : { type: 'company', lifecycle: 'prospect', currency: 'CNY' }}
        onSubmit={submit}
        onBusyChange={setBusy}
        hideSubmit
      />
    </Modal>
  );
}
