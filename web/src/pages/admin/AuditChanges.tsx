// The old → new values of one audit event.
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';

function show(v: unknown) {
  if (v === null || v === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Typography.Text code>{typeof v === 'string' ? v : JSON.stringify(v)}</Typography.Text>;
}

export function AuditChanges({ changes }: { changes: AuditEvent['changes'] }) {
  const { t } = useTranslation();
  const rows = Object.entries(changes ?? {}).map(([field, c]) => ({ field, old: c?.old, new: c?.new }));
  if (!rows.length) return <Typography.Text type="secondary">{t('admin:audit.noChanges')}</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('admin:audit.field'), dataIndex: 'field' },
        { title: t('admin:audit.old'), dataIndex: 'old', render: show },
        { title: t('admin:audit.new'), dataIndex: 'new', render: show },
      ]}
    />
  );
}
