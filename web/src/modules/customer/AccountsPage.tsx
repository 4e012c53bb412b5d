// Customers → Accounts: metadata-driven list with filters, sorting, columns and
// cursor paging; create/edit in a modal; names link to the account page.
import { useState } from 'react';
import { App, Button, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RecordList, allowedBulkActions, useEntityMeta, type ListQuery } from '../../components/record';
import { PageHeader } from '../../components/PageHeader';
import { ImportButton } from '../importer/ImportButton';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { AccountEditor } from './AccountEditor';
import { TransferDialog } from './TransferDialog';
import { accountsExportUrl, accountsKey, exportParams, fetchAccounts } from './api';
import { CUSTOMER_RIGHTS, type Account } from './types';

/** Fields the server lets a bulk edit set on accounts (internal/customer/bulk.go). */
const ACCOUNT_BULK_FIELDS = ['type', 'level', 'industry', 'region', 'source', 'lifecycle', 'website', 'address', 'creditLimit', 'currency', 'satisfaction'];

export default function AccountsPage() {
  const { t } = useTranslation('customer');
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { meta } = useEntityMeta('account');
  const [editing, setEditing] = useState<Account | null>(null);
  const [open, setOpen] = useState(false);
  const canCreate = hasRight(me.rights, CUSTOMER_RIGHTS.accountCreate);
  const canUpdate = hasRight(me.rights, CUSTOMER_RIGHTS.accountUpdate);
  const canExport = hasRight(me.rights, CUSTOMER_RIGHTS.accountExport);
  const canAssign = hasRight(me.rights, CUSTOMER_RIGHTS.accountAssign);
  const [transfer, setTransfer] = useState<{ from: { id: number; name: string }; ids: number[]; clear: () => void } | null>(null);
  const edit = (a: Account | null) => {
    setEditing(a);
    setOpen(true);
  };

  return (
    <>
      <PageHeader title={t('accounts.title')} extra={<ImportButton entity="account" />} />
      <RecordList<Account>
        entity="account"
        queryKey={[...accountsKey, 'list']}
        fetchPage={(q: ListQuery) => fetchAccounts(q, meta?.fields ?? undefined)}
        defaultColumns={['number', 'name', 'level', 'lifecycle', 'industry', 'ownerId', 'updatedAt']}
        exclude={['id', 'version', 'custom']}
        exportUrl={canExport ? accountsExportUrl : undefined}
        exportParams={(q) => exportParams(q, meta?.fields ?? undefined)}
        render={{ name: (v, a) => <Link to={`/accounts/${a.id}`}>{String(v)}</Link> }}
        views
        bulk={{
          url: '/api/v1/accounts/bulk',
          actions: allowedBulkActions(me.rights, {
            update: CUSTOMER_RIGHTS.accountUpdate,
            assign: CUSTOMER_RIGHTS.accountAssign,
            delete: CUSTOMER_RIGHTS.accountDelete,
          }),
          editFields: ACCOUNT_BULK_FIELDS,
          onDone: () => void qc.invalidateQueries({ queryKey: accountsKey }),
        }}
        extraColumns={[
          { key: 'phone', title: t('fields.phone'), dataIndex: 'phone' },
          { key: 'email', title: t('fields.email'), dataIndex: 'email' },
        ]}
        toolbar={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
              {t('accounts.create')}
            </Button>
          )
        }
        bulkActions={
          canAssign
            ? (selected, clear) => {
                const owners = new Set(selected.map((a) => a.ownerId ?? 0));
                const single = owners.size === 1 && !owners.has(0);
                const first = selected[0];
                return (
                  <Tooltip title={single ? undefined : t('transfer.oneOwner')}>
                    <Button
                      size="small"
                      disabled={!single}
                      onClick={() =>
                        setTransfer({ from: { id: first.ownerId ?? 0, name: first.ownerName ?? '' }, ids: selected.map((a) => a.id), clear })
                      }
                    >
                      {t('transfer.bulk')}
                    </Button>
                  </Tooltip>
                );
              }
            : undefined
        }
        rowActions={(a) =>
          canUpdate && (
            <Button size="small" onClick={() => edit(a)}>
              {t('common:edit')}
            </Button>
          )
        }
      />
      <AccountEditor
        account={editing}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          message.success(t('common:saved'));
          void qc.invalidateQueries({ queryKey: accountsKey });
        }}
      />
      {transfer && (
        <TransferDialog
          open
          from={transfer.from}
          accountIds={transfer.ids}
          onClose={() => setTransfer(null)}
          onDone={() => {
            transfer.clear();
            setTransfer(null);
            void qc.invalidateQueries({ queryKey: accountsKey });
          }}
        />
      )}
    </>
  );
}
