// Customers → Imports: the history of your imports (and, with import:read, your team's), newest first.
import { Button, Table, Tag } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { fetchImports, importsKey, type ImportJob } from './api';

const statusColor: Record<string, string> = { done: 'green', failed: 'red', cancelled: 'default', running: 'blue', queued: 'blue', uploaded: 'gold' };

export default function ImportsPage() {
  const { t, i18n } = useTranslation('importer');
  const navigate = useNavigate();
  const list = useQuery({ queryKey: [...importsKey, 'list'], queryFn: () => fetchImports() });
  if (list.error) return <QueryErrorView error={list.error} />;
  return (
    <>
      <PageHeader
        title={t('history.title')}
        extra={
          <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate('/imports/new')}>
            {t('history.new')}
          </Button>
        }
      />
      <Table<ImportJob>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('history.file'), dataIndex: 'fileName', key: 'file', render: (n: string, r) => <Link to={`/imports/${r.id}`}>{n || `#${r.id}`}</Link> },
          { title: t('history.entity'), dataIndex: 'entity', key: 'entity', render: (e: string) => t(`entity.${e}`) },
          { title: t('history.status'), dataIndex: 'status', key: 'status', render: (s: string) => <Tag color={statusColor[s]}>{t(`status.${s}`)}</Tag> },
          { title: t('count.rows'), dataIndex: 'totalRows', key: 'rows' },
          { title: t('count.created'), dataIndex: 'createdCount', key: 'created' },
          { title: t('count.updated'), dataIndex: 'updatedCount', key: 'updated' },
          { title: t('count.skipped'), dataIndex: 'skippedCount', key: 'skipped' },
          { title: t('count.failed'), dataIndex: 'failedCount', key: 'failed' },
          {
            title: t('history.when'),
            dataIndex: 'createdAt',
            key: 'when',
            render: (d: string) => new Date(d).toLocaleString(i18n.language),
          },
        ]}
      />
    </>
  );
}
