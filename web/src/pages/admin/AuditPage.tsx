// Administration → Audit log: filters, and a table whose rows expand to the
// changed fields (old → new).
import { useState } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { AuditEvent } from '../../api/types';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { hasRight, RIGHTS } from '../../app/rights';
import { useMe } from '../../app/session';
import { useCursorList } from '../../lib/useCursorList';
import { useFormat } from '../../lib/useFormat';
import { AuditChanges } from './AuditChanges';
import { useMeta } from '../../components/record';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';
import { AUDIT_ACTIONS, auditActionKey } from './auditActions';

export default function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const fmt = useFormat();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const from = filters.range?.[0]?.startOf('day').toISOString();
  const to = filters.range?.[1]?.endOf('day').toISOString();
  const query = { actorId: filters.actorId, entity: filters.entity, action: filters.action, from, to };

  const list = useCursorList<AuditEvent>(['audit-events', query], (cursor) =>
    unwrap(api.GET('/api/v1/audit-events', { params: { query: { ...query, cursor } } })),
  );

  if (list.isError) return <QueryErrorView error={list.error} onRetry={() => void list.refetch()} />;

  const meta = useMeta();
  const entityLabel = (name: string) => meta.data?.entities?.find((e) => e.name === name)?.label ?? name;
  const actionLabel = (a: string) => (AUDIT_ACTIONS.includes(a) ? t(auditActionKey(a)) : a);

  return (
    <>
      <PageHeader title={t('nav.audit')} />
      <AuditFilters value={filters} onChange={setFilters} canListUsers={hasRight(me.rights, RIGHTS.userRead)} />
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (e) => <AuditChanges changes={e.changes} />, rowExpandable: (e) => !!e.changes && Object.keys(e.changes).length > 0 }}
        columns={[
          { title: t('admin:audit.at'), dataIndex: 'at', render: (v: string) => fmt.dateTime(v) },
          {
            title: t('admin:audit.actor'),
            key: 'actor',
            render: (_, e) => (
              <Space size={4}>
                {e.actorName ?? '—'}
                <Tag>{t(`admin:audit.actorKinds.${e.actorKind}`)}</Tag>
              </Space>
            ),
          },
          { title: t('admin:audit.action'), dataIndex: 'action', render: (a: string) => <Tag color={a.includes('failure') ? 'red' : 'default'}>{actionLabel(a)}</Tag> },
          { title: t('admin:audit.entity'), key: 'entity', render: (_, e) => (e.entity ? `${entityLabel(e.entity)}${e.entityId !== null ? ` #${e.entityId}` : ''}` : '—') },
          { title: t('admin:audit.ip'), dataIndex: 'ip' },
          { title: t('admin:audit.requestId'), dataIndex: 'requestId', render: (v: string) => <Typography.Text type="secondary" copyable={!!v}>{v}</Typography.Text> },
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </>
  );
}
