// Ownership transfer (SPEC C5): hand all (or the selected) accounts of one owner, with their
// contacts, to another active user. One request, all or nothing; the answer's counts are shown.
import { useState } from 'react';
import { App, Modal, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useErrorNotifier } from '../../components/useErrorNotifier';

export interface TransferDialogProps {
  open: boolean;
  /** The current owner. */
  from: { id: number; name: string };
  /** Only these accounts (of the current owner); omitted: all of them within your scope. */
  accountIds?: number[];
  onClose: () => void;
  onDone: (counts: { accounts: number; contacts: number }) => void;
}

export function TransferDialog({ open, from, accountIds, onClose, onDone }: TransferDialogProps) {
  const { t } = useTranslation('customer');
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const [search, setSearch] = useState('');
  const [to, setTo] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const users = useQuery({
    queryKey: ['users', 'transfer-targets', search],
    enabled: open,
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: search || undefined, active: 'true', limit: 20 } } })),
  });
  const options = (users.data?.items ?? []).filter((u) => u.id !== from.id).map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));

  const submit = async () => {
    if (to === undefined) return;
    setBusy(true);
    try {
      const res = await unwrap(
        api.POST('/api/v1/accounts/transfer', { body: { fromOwnerId: from.id, toOwnerId: to, accountIds: accountIds?.length ? accountIds : undefined } }),
      );
      message.success(t('transfer.done', { accounts: res.accounts, contacts: res.contacts }));
      setTo(undefined);
      onDone(res);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('transfer.title', { name: from.name })}
      okText={t('transfer.confirm')}
      cancelText={t('common:cancel')}
      okButtonProps={{ disabled: to === undefined, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {accountIds?.length ? t('transfer.selected', { count: accountIds.length }) : t('transfer.all', { name: from.name })}
      </Typography.Paragraph>
      <Select
        aria-label={t('transfer.target')}
        placeholder={t('transfer.target')}
        style={{ width: '100%' }}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        loading={users.isFetching}
        options={options}
        value={to}
        onChange={setTo}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('transfer.hint')}
      </Typography.Paragraph>
    </Modal>
  );
}
