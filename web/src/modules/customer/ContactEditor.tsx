// Create / edit a contact of an account in a modal.
import { useState } from 'react';
import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, idempotent, ifMatch, unwrap } from '../../api/client';
import { RecordForm } from '../../components/record';
import type { Contact, ContactCreate, ContactPatch } from './types';
import { DuplicateWarning } from '../dedup/DuplicateWarning';

export const CONTACT_FIELDS = ['name', 'title', 'buyingRole', 'phone', 'mobile', 'email', 'birthday', 'preferredChannel', 'consent', 'tags'];
const SENSITIVE = ['phone', 'mobile', 'email', 'birthday'];

export interface ContactEditorProps {
  accountId: number;
  contact: Contact | null;
  open: boolean;
  onClose: () => void;
  onSaved: (c: Contact) => void;
}

export function ContactEditor({ accountId, contact, open, onClose, onSaved }: ContactEditorProps) {
  const { t } = useTranslation('customer');
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const fields = contact?.masked ? CONTACT_FIELDS.filter((f) => !SENSITIVE.includes(f)) : CONTACT_FIELDS;
  // Likely duplicates of what is typed (SPEC C6): a warning, never a block.
  const watched = {
    id: contact?.id,
    accountId,
    name: Form.useWatch('name', form) as string | undefined,
    phone: Form.useWatch('phone', form) as string | undefined,
    mobile: Form.useWatch('mobile', form) as string | undefined,
    email: Form.useWatch('email', form) as string | undefined,
  };

  const submit = async (values: Record<string, unknown>) => {
    const saved = contact
      ? await unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: contact.id }, header: { 'If-Match': ifMatch(contact.version) } }, body: values as ContactPatch }))
      : await unwrap(api.POST('/api/v1/contacts', { ...idempotent(), body: { ...values, accountId } as ContactCreate }));
    onSaved(saved);
  };

  return (
    <Modal
      title={contact ? t('contacts.edit') : t('contacts.create')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common:save')}
      cancelText={t('common:cancel')}
      destroyOnHidden
      width={640}
    >
      <DuplicateWarning entity="contact" values={watched} />
      <RecordForm
        entity="contact"
        form={form}
        fields={fields}
        record={contact ?? undefined}
        initialValues={contact ? undefined : { preferredChannel: 'phone', consent: false }}
        onSubmit={submit}
        onBusyChange={setBusy}
        hideSubmit
      />
    </Modal>
  );
}
