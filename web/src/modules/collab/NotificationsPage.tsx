// /notifications — all of the user's notifications, newest first, with an unread filter.
import { useState } from 'react';
import { Button, Card, Segmented, Space } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { LoadMore } from '../../components/LoadMore';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { fetchNotifications, markAllRead, notificationsKey } from './api';
import { NotificationList } from './NotificationList';

export default function NotificationsPage() {
  const { t } = useTranslation('collab');
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const [unread, setUnread] = useState(false);
  const list = useInfiniteQuery({
    queryKey: [...notificationsKey, 'page', unread],
    queryFn: ({ pageParam }) => fetchNotifications(unread, pageParam, 50),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const readAll = async () => {
    try {
      await markAllRead();
      await qc.invalidateQueries({ queryKey: notificationsKey });
    } catch (err) {
      notifyError(err);
    }
  };
  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Space>
            <Segmented
              value={unread ? 'unread' : 'all'}
              onChange={(v) => setUnread(v === 'unread')}
              options={[
                { value: 'all', label: t('filterAll') },
                { value: 'unread', label: t('filterUnread') },
              ]}
            />
            <Button onClick={() => void readAll()}>{t('readAll')}</Button>
          </Space>
        }
      />
      <Card size="small">
        {list.error ? (
          <QueryErrorView error={list.error} />
        ) : (
          <NotificationList items={list.data?.pages.flatMap((p) => p.items ?? []) ?? []} loading={list.isPending} />
        )}
        <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      </Card>
    </>
  );
}
