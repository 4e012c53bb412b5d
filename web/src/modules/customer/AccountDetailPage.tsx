// /accounts/:id — the account's profile and its contacts (add / edit / delete).
import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { getFieldValue, isCustomField, RecordList, useEntityMeta, type ListQuery } from '../../components/record';
import { renderValue } from '../../components/record/renderValue';
import { useFormat } from '../../lib/useFormat';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { AccountEditor, ACCOUNT_FIELDS } from './AccountEditor';
import { ContactEditor } from './ContactEditor';
import { accountsKey, contactsKey, fetchAccountContacts } from './api';
import { CUSTOMER_RIGHTS, type Account, type Contact } from './types';
import { ActivityList } from '../activity/ActivitiesPage';
import { CommentThread } from '../collab/CommentThread';

/** A value with no metadata (owner and team names come resolved from the API). */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

export default function AccountDetailPage() {
  const { t } = useTranslation('customer');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const id = Number(useParams().id);
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const accountMeta = useEntityMeta('account').meta;
  const contactMeta = useEntityMeta('contact').meta;
  const account = useQuery({
    queryKey: [...accountsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } })),
  });
  const [editAccount, setEditAccount] = useState(false);
  const [contact, setContact] = useState<Contact | null>(null);
  const [contactOpen, setContactOpen] = useState(false);

  if (account.error) return <QueryErrorView error={account.error} />;
  if (account.isPending) return <FullPageSpin />;
  const a: Account = account.data;
  const fieldsByName = new Map((accountMeta?.fields ?? []).map((f) => [f.name, f]));
  const labels = new Map((accountMeta?.fields ?? []).map((f) => [f.name, f.label]));
  const canUpdate = hasRight(me.rights, CUSTOMER_RIGHTS.accountUpdate);
  const canAddContact = hasRight(me.rights, CUSTOMER_RIGHTS.contactCreate);
  const canEditContact = hasRight(me.rights, CUSTOMER_RIGHTS.contactUpdate);
  const canDeleteContact = hasRight(me.rights, CUSTOMER_RIGHTS.contactDelete);
  const refresh = () => Promise.all([accountsKey, contactsKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
  const removeContact = async (c: Contact) => {
    try {
      await unwrap(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: c.id } } }));
      message.success(t('contacts.deleted'));
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };
  const values = a as unknown as Record<string, unknown>;

  return (
    <>
      <PageHeader
        title={`${a.name}${a.number ? ` (${a.number})` : ''}`}
        extra={
          canUpdate && (
            <Button onClick={() => setEditAccount(true)}>{t('accounts.edit')}</Button>
          )
        }
      />
      <Card title={t('accounts.profile')} size="small" style={{ marginBottom: 16 }}>
        {a.masked && <Tag color="orange">{t('masked')}</Tag>}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          {ACCOUNT_FIELDS.map((f) => (
            <Descriptions.Item key={f} label={labels.get(f) ?? f}>
              {fieldsByName.has(f) ? renderValue(fieldsByName.get(f)!, values[f], values, fmt, tc) : show(values[f])}
            </Descriptions.Item>
          ))}
          {(accountMeta?.fields ?? [])
            .filter((f) => isCustomField(f.name))
            .map((f) => (
              <Descriptions.Item key={f.name} label={f.label}>
                {renderValue(f, getFieldValue(values, f.name), values, fmt, tc)}
              </Descriptions.Item>
            ))}
          <Descriptions.Item label={labels.get('ownerId') ?? 'ownerId'}>{show(a.ownerName)}</Descriptions.Item>
          <Descriptions.Item label={labels.get('teamId') ?? 'teamId'}>{show(a.teamName)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('contacts.title')} size="small">
        <RecordList<Contact>
          entity="contact"
          queryKey={[...contactsKey, 'account', id]}
          fetchPage={(q: ListQuery) => fetchAccountContacts(id, q, contactMeta?.fields ?? undefined)}
          defaultColumns={['name', 'title', 'buyingRole', 'preferredChannel', 'consent']}
          exclude={['id', 'version', 'custom', 'accountId']}
          extraColumns={[
            { key: 'mobile', title: t('fields.mobile'), dataIndex: 'mobile' },
            { key: 'email', title: t('fields.email'), dataIndex: 'email' },
          ]}
          toolbar={
            canAddContact && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setContact(null);
                  setContactOpen(true);
                }}
              >
                {t('contacts.create')}
              </Button>
            )
          }
          rowActions={(c) => (
            <Space size="small">
              {canEditContact && (
                <Button
                  size="small"
                  onClick={() => {
                    setContact(c);
                    setContactOpen(true);
                  }}
                >
                  {t('common:edit')}
                </Button>
              )}
              {canDeleteContact && (
                <Popconfirm title={t('contacts.deleteConfirm', { name: c.name })} okText={t('common:delete')} cancelText={t('common:cancel')} okButtonProps={{ danger: true }} onConfirm={() => removeContact(c)}>
                  <Button size="small" danger>
                    {t('common:delete')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )}
        />
      </Card>
      {hasRight(me.rights, 'activity:read') && (
        <Card title={t('activity:title')} size="small" style={{ marginTop: 16 }}>
          <ActivityList accountId={id} />
        </Card>
      )}
      {/* collab: the discussion on this account (SPEC X1) */}
      <Card title={t('collab:comment.title')} size="small" style={{ marginTop: 16 }}>
        <CommentThread entity="account" recordId={id} />
      </Card>
      <AccountEditor
        account={a}
        open={editAccount}
        onClose={() => setEditAccount(false)}
        onSaved={() => {
          setEditAccount(false);
          message.success(t('common:saved'));
          void refresh();
        }}
      />
      <ContactEditor
        accountId={id}
        contact={contact}
        open={contactOpen}
        onClose={() => setContactOpen(false)}
        onSaved={() => {
          setContactOpen(false);
          message.success(t('common:saved'));
          void refresh();
        }}
      />
    </>
  );
}
