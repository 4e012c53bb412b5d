// Customers → Contacts: every contact in the user's scope, linked to its account.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RecordList, useEntityMeta, type ListQuery } from '../../components/record';
import { PageHeader } from '../../components/PageHeader';
import { ImportButton } from '../importer/ImportButton';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { contactsExportUrl, contactsKey, exportParams, fetchContacts } from './api';
import { CUSTOMER_RIGHTS, type Contact } from './types';

export default function ContactsPage() {
  const { t } = useTranslation('customer');
  const { meta } = useEntityMeta('contact');
  const me = useMe();
  const canExport = hasRight(me.rights, CUSTOMER_RIGHTS.contactExport);
  return (
    <>
      <PageHeader title={t('contacts.title')} extra={<ImportButton entity="contact" />} />
      <RecordList<Contact>
        entity="contact"
        queryKey={[...contactsKey, 'list']}
        fetchPage={(q: ListQuery) => fetchContacts(q, meta?.fields ?? undefined)}
        defaultColumns={['name', 'title', 'accountId', 'buyingRole', 'preferredChannel', 'ownerId']}
        exclude={['id', 'version', 'custom']}
        exportUrl={canExport ? contactsExportUrl : undefined}
        exportParams={(q) => exportParams(q, meta?.fields ?? undefined)}
        render={{ accountId: (v, c) => <Link to={`/accounts/${String(v)}`}>{c.accountName ?? String(v)}</Link> }}
        extraColumns={[
          { key: 'mobile', title: t('fields.mobile'), dataIndex: 'mobile' },
          { key: 'email', title: t('fields.email'), dataIndex: 'email' },
        ]}
      />
    </>
  );
}
