// Customers → Contacts: every contact in the user's scope, linked to its account.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RecordList, allowedBulkActions, useEntityMeta, type ListQuery } from '../../components/record';
import { PageHeader } from '../../components/PageHeader';
import { ImportButton } from '../importer/ImportButton';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { contactsExportUrl, contactsKey, exportParams, fetchContacts } from './api';
import { CUSTOMER_RIGHTS, type Contact } from './types';

/** Fields the server lets a bulk edit set on contacts (internal/customer/bulk.go; moving accounts is left to the editor). */
const CONTACT_BULK_FIELDS = ['title', 'buyingRole', 'preferredChannel', 'consent'];

export default function ContactsPage() {
  const { t } = useTranslation('customer');
  const { meta } = useEntityMeta('contact');
  const me = useMe();
  const canExport = hasRight(me.rights, CUSTOMER_RIGHTS.contactExport);
  const qc = useQueryClient();
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
        views
        bulk={{
          url: '/api/v1/contacts/bulk',
          actions: allowedBulkActions(me.rights, { update: CUSTOMER_RIGHTS.contactUpdate, delete: CUSTOMER_RIGHTS.contactDelete }, [
            'addTags',
            'removeTags',
            'edit',
            'delete',
          ]),
          editFields: CONTACT_BULK_FIELDS,
          onDone: () => void qc.invalidateQueries({ queryKey: contactsKey }),
        }}
        extraColumns={[
          { key: 'mobile', title: t('fields.mobile'), dataIndex: 'mobile' },
          { key: 'email', title: t('fields.email'), dataIndex: 'email' },
        ]}
      />
    </>
  );
}
