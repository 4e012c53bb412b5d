// Steps 4 and 5: progress while the import runs (the page polls), then the summary with the error report.
import { App, Button, Descriptions, Flex, Progress, Result, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download, errorsUrl, isFinished, type ImportDetail, type ImportRowError } from './api';

function Counts({ job }: { job: ImportDetail }) {
  const { t } = useTranslation('importer');
  return (
    <Descriptions size="small" column={{ xs: 2, sm: 4 }}>
      <Descriptions.Item label={t('count.created')}>{job.createdCount}</Descriptions.Item>
      <Descriptions.Item label={t('count.updated')}>{job.updatedCount}</Descriptions.Item>
      <Descriptions.Item label={t('count.skipped')}>{job.skippedCount}</Descriptions.Item>
      <Descriptions.Item label={t('count.failed')}>{job.failedCount}</Descriptions.Item>
    </Descriptions>
  );
}

export function RunStep({ job, busy, onCancel }: { job: ImportDetail; busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation('importer');
  const { message } = App.useApp();
  const percent = job.totalRows ? Math.floor((job.nextRow / job.totalRows) * 100) : 0;
  const listPath = job.entity === 'contact' ? '/contacts' : '/accounts';

  if (!isFinished(job.status)) {
    return (
      <Flex vertical gap="middle">
        <Typography.Text>{t(`status.${job.status}`)}</Typography.Text>
        <Progress percent={percent} status="active" aria-label={t('run.progress')} />
        <Typography.Text type="secondary">{t('run.rows', { done: job.nextRow, total: job.totalRows })}</Typography.Text>
        <Counts job={job} />
        <Flex justify="end">
          <Button danger loading={busy} onClick={onCancel}>
            {t('run.cancel')}
          </Button>
        </Flex>
      </Flex>
    );
  }

  const status = job.status === 'done' ? (job.failedCount ? 'warning' : 'success') : job.status === 'failed' ? 'error' : 'info';
  const errors = job.errors ?? [];
  return (
    <Flex vertical gap="middle">
      <Result
        status={status}
        title={t(`result.${job.status}`)}
        subTitle={job.error ? t('result.reason', { reason: job.error }) : t('run.rows', { done: job.nextRow, total: job.totalRows })}
        extra={[
          <Link key="list" to={listPath}>
            <Button type="primary">{t(`result.open.${job.entity}`)}</Button>
          </Link>,
          <Link key="again" to={`/imports/new?entity=${job.entity}`}>
            <Button>{t('result.again')}</Button>
          </Link>,
        ]}
      />
      <Counts job={job} />
      {job.failedCount > 0 && (
        <>
          <Flex justify="space-between" align="center" wrap gap="small">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('result.errors', { count: job.failedCount })}
            </Typography.Title>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(errorsUrl(job.id), `import-${job.id}-errors.csv`).catch((e: Error) => message.error(e.message))}
            >
              {t('result.report')}
            </Button>
          </Flex>
          <Table<ImportRowError>
            size="small"
            rowKey={(e) => `${e.row}-${e.field}-${e.code}`}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={errors}
            columns={[
              { title: t('preview.row'), dataIndex: 'row', key: 'row', width: 80 },
              { title: t('result.field'), dataIndex: 'field', key: 'field', width: 160, render: (f: string) => (job.fields ?? []).find((x) => x.name === f)?.label ?? f },
              { title: t('result.message'), dataIndex: 'message', key: 'message' },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
