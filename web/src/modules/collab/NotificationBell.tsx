// The bell in the header: the unread count (polled every 30 s and when the window regains focus) and a
// dropdown with the latest notifications.
import { useState } from 'react';
import { Badge, Button, Flex, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { fetchNotifications, fetchUnreadCount, markAllRead, notificationsKey, unreadKey } from './api';
import { NotificationList } from './NotificationList';

export const POLL_MS = 30_000;

export function NotificationBell() {
  const { t } = useTranslation('collab');
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const [open, setOpen] = useState(false);
  const unread = useQuery({ queryKey: unreadKey, queryFn: fetchUnreadCount, refetchInterval: POLL_MS, refetchOnWindowFocus: true });
  const latest = useQuery({ queryKey: [...notificationsKey, 'latest'], queryFn: () => fetchNotifications(false, undefined, 8), enabled: open });
  const count = unread.data?.count ?? 0;

  const readAll = async () => {
    try {
      await markAllRead();
      await qc.invalidateQueries({ queryKey: notificationsKey });
    } catch (err) {
      notifyError(err);
    }
  };

  const content = (
    <div style={{ width: 340, maxWidth: '80vw' }} data-testid="notification-dropdown">
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('title')}</Typography.Text>
        <Button size="small" type="link" disabled={count === 0} onClick={() => void readAll()}>
          {t('readAll')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 400, overflowY: 'auto' }}>
        <NotificationList items={latest.data?.items ?? []} loading={latest.isPending} onOpen={() => setOpen(false)} compact />
      </div>
      <Flex justify="center" style={{ marginTop: 4 }}>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('viewAll')}
        </Link>
      </Flex>
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void qc.invalidateQueries({ queryKey: notificationsKey });
      }}
      placement="bottomRight"
    >
      <Badge count={count} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('bell', { count })} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
