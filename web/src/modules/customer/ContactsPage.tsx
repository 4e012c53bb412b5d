// Customers → Contacts: every contact in the user's scope, linked to its account.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RecordList, useEntityMeta, type ListQuery } from '../../components/record';
import { PageHeader } from '../../components/PageHeader';
import { contactsKey, fetchContacts } from './api';
import type { Contact } from './types';

export default function ContactsPage() {
  const { t } = useTranslation('customer');
  const { meta } = useEntityMeta('contact');
  return (
    <>
      <PageHeader title={t('contacts.title')} />
      <RecordList<Contact>
        entity="contact"
        queryKey={[...contactsKey, 'list']}
        fetchPage={(q: ListQuery) => fetchContacts(q, meta?.fields ?? undefined)}
        defaultColumns={['name', 'title', 'accountId', 'buyingRole', 'preferredChannel', 'ownerId']}
        exclude={['id', 'version', 'custom']}
        render={{ accountId: (v, c) => <Link to={`/accounts/${String(v)}`}>{c.accountName ?? String(v)}</Link> }}
        extraColumns={[
          { key: 'mobile', title: t('fields.mobile'), dataIndex: 'mobile' },
          { key: 'email', title: t('fields.email'), dataIndex: 'email' },
        ]}
      />
    </>
  );
}
