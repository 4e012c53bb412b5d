// 360 section: the account's contacts (add / edit / delete).
import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { RecordList, useEntityMeta, type ListQuery } from '../../../components/record';
import { useErrorNotifier } from '../../../components/useErrorNotifier';
import { hasRight } from '../../../app/rights';
import { useMe } from '../../../app/session';
import { ContactEditor } from '../ContactEditor';
import { accountsKey, contactsKey, fetchAccountContacts } from '../api';
import { CUSTOMER_RIGHTS, type Contact } from '../types';
import type { C360SectionProps } from './registry';

export function ContactsSection({ account }: C360SectionProps) {
  const { t } = useTranslation('customer');
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const contactMeta = useEntityMeta('contact').meta;
  const [contact, setContact] = useState<Contact | null>(null);
  const [open, setOpen] = useState(false);
  const id = account.id;
  const canAdd = hasRight(me.rights, CUSTOMER_RIGHTS.contactCreate);
  const canEdit = hasRight(me.rights, CUSTOMER_RIGHTS.contactUpdate);
  const canDelete = hasRight(me.rights, CUSTOMER_RIGHTS.contactDelete);
  const refresh = () => Promise.all([accountsKey, contactsKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
  const remove = async (c: Contact) => {
    try {
      await unwrap(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: c.id } } }));
      message.success(t('contacts.deleted'));
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };
  return (
    <>
      <RecordList<Contact>
        entity="contact"
        queryKey={[...contactsKey, 'account', id]}
        fetchPage={(q: ListQuery) => fetchAccountContacts(id, q, contactMeta?.fields ?? undefined)}
        defaultColumns={['name', 'title', 'buyingRole', 'preferredChannel']}
        exclude={['id', 'version', 'custom', 'accountId']}
        render={{ name: (v, c) => <Link to={`/contacts/${c.id}`}>{String(v)}</Link> }}
        extraColumns={[
          { key: 'mobile', title: t('fields.mobile'), dataIndex: 'mobile' },
          { key: 'email', title: t('fields.email'), dataIndex: 'email' },
        ]}
        toolbar={
          canAdd && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setContact(null); setOpen(true); }}>
              {t('contacts.create')}
            </Button>
          )
        }
        rowActions={(c) => (
          <Space size="small">
            {canEdit && (
              <Button size="small" onClick={() => { setContact(c); setOpen(true); }}>
                {t('common:edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm title={t('contacts.deleteConfirm', { name: c.name })} okText={t('common:delete')} cancelText={t('common:cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(c)}>
                <Button size="small" danger>
                  {t('common:delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      />
      <ContactEditor
        accountId={id}
        contact={contact}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          message.success(t('common:saved'));
          void refresh();
        }}
      />
    </>
  );
}
