// Subscribe to one's activities from any calendar app (SPEC T3): the secret address is shown once,
// can be rotated and revoked.
import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createFeed, feedKey, fetchFeedStatus, revokeFeed } from './api';
import { useErrorNotifier } from '../../components/useErrorNotifier';

/** An address the server gave relative (no public URL configured) is completed with this origin. */
export function absoluteFeedURL(url: string, origin: string): string {
  return /^https?:\/\//.test(url) ? url : `${origin}${url}`;
}

export function FeedCard() {
  const { t } = useTranslation('activity');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const status = useQuery({ queryKey: feedKey, queryFn: fetchFeedStatus });
  const [url, setURL] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createFeed,
    onSuccess: async (r) => {
      setURL(absoluteFeedURL(r.url, window.location.origin));
      await qc.invalidateQueries({ queryKey: feedKey });
    },
    onError: (e) => notifyError(e),
  });
  const revoke = useMutation({
    mutationFn: revokeFeed,
    onSuccess: async () => {
      setURL(null);
      message.success(t('feed.revoked'));
      await qc.invalidateQueries({ queryKey: feedKey });
    },
    onError: (e) => notifyError(e),
  });
  const active = status.data?.active ?? false;
  return (
    <Card size="small" title={t('feed.title')} loading={status.isLoading}>
      <Typography.Paragraph type="secondary">{t('feed.hint')}</Typography.Paragraph>
      {url && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('feed.once')}
          description={
            <Typography.Paragraph copyable={{ text: url }} style={{ marginBottom: 0, wordBreak: 'break-all' }} data-testid="feed-url">
              {url}
            </Typography.Paragraph>
          }
        />
      )}
      <Space wrap>
        {active ? (
          <Popconfirm title={t('feed.rotateConfirm')} okText={t('feed.rotate')} cancelText={t('common:cancel')} onConfirm={() => create.mutate()}>
            <Button loading={create.isPending}>{t('feed.rotate')}</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" loading={create.isPending} onClick={() => create.mutate()}>
            {t('feed.create')}
          </Button>
        )}
        {active && (
          <Popconfirm title={t('feed.revokeConfirm')} okText={t('feed.revoke')} cancelText={t('common:cancel')} okButtonProps={{ danger: true }} onConfirm={() => revoke.mutate()}>
            <Button danger loading={revoke.isPending}>
              {t('feed.revoke')}
            </Button>
          </Popconfirm>
        )}
        <Typography.Text type="secondary">{active ? t('feed.active') : t('feed.inactive')}</Typography.Text>
      </Space>
    </Card>
  );
}
