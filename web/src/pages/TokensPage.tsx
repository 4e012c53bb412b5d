// Personal API tokens: list, create (plaintext shown once), revoke.
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, idempotent } from '../api/client';
import type { ApiToken, ApiTokenCreated } from '../api/types';
import { LoadMore } from '../components/LoadMore';
import { PageHeader } from '../components/PageHeader';
import { QueryErrorView } from '../components/QueryErrorView';
import { useErrorNotifier } from '../components/useErrorNotifier';
import { useCursorList } from '../lib/useCursorList';
import { useFormat } from '../lib/useFormat';

const tokensKey = ['api-tokens'];

interface CreateValues {
  name: string;
  scopes?: string[];
  expiresAt?: Dayjs;
}

export default function TokensPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const [form] = Form.useForm<CreateValues>();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);

  const list = useCursorList<ApiToken>(tokensKey, (cursor) => unwrap(api.GET('/api/v1/api-tokens', { params: { query: { cursor } } })));

  const create = async (v: CreateValues) => {
    setBusy(true);
    try {
      const body = { name: v.name, scopes: v.scopes?.length ? v.scopes : undefined, expiresAt: v.expiresAt?.endOf('day').toISOString() };
      const token = await unwrap(api.POST('/api/v1/api-tokens', { body, ...idempotent() }));
      setCreating(false);
      form.resetFields();
      setCreated(token);
      await qc.invalidateQueries({ queryKey: tokensKey });
    } catch (err) {
      notifyError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: number) => {
    try {
      await unwrap(api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id } } }));
      message.success(t('tokens.revoked'));
      await qc.invalidateQueries({ queryKey: tokensKey });
    } catch (err) {
      notifyError(err);
    }
  };

  if (list.isError) return <QueryErrorView error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.tokens')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: t('tokens.scopes'), dataIndex: 'scopes', render: (s: string[] | null) => (s?.length ? s.map((x) => <Tag key={x}>{x}</Tag>) : t('tokens.allScopes')) },
          { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? fmt.dateTime(v) : t('tokens.never')) },
          { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? fmt.dateTime(v) : '—') },
          { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => fmt.dateTime(v) },
          {
            title: t('actions'),
            key: 'actions',
            render: (_, r) =>
              r.revokedAt ? (
                <Tag>{t('tokens.revokedAt', { at: fmt.dateTime(r.revokedAt) })}</Tag>
              ) : (
                <Popconfirm title={t('tokens.revokeConfirm')} okText={t('tokens.revoke')} okButtonProps={{ danger: true }} cancelText={t('cancel')} onConfirm={() => revoke(r.id)}>
                  <Button danger size="small">
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />

      <Modal title={t('tokens.create')} open={creating} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={busy} okText={t('create')} cancelText={t('cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, message: t('required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scopes" label={t('tokens.scopes')} extra={t('tokens.scopesHint')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('tokens.expiresAt')} extra={t('tokens.expiresHint')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>

      {/* destroyOnHidden: the secret must not stay in the (hidden) DOM once closed. */}
      <Modal title={t('tokens.createdTitle')} open={!!created} onCancel={() => setCreated(null)} footer={<Button type="primary" onClick={() => setCreated(null)}>{t('tokens.done')}</Button>} maskClosable={false} destroyOnHidden>
        <Alert type="warning" showIcon title={t('tokens.onceWarning')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: created?.token ?? '' }} code style={{ wordBreak: 'break-all' }}>
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
