// A list of notifications (used by the bell's dropdown and the notifications page): unread ones are
// marked, a click marks it read and opens the record.
import { Badge, List, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { markRead, notificationsKey } from './api';
import { notificationLink, notificationText } from './notificationView';
import type { Notification } from './types';

export interface NotificationListProps {
  items: Notification[];
  loading?: boolean;
  /** Called after a click (the bell closes its dropdown). */
  onOpen?: () => void;
  compact?: boolean;
}

export function NotificationList({ items, loading, onOpen, compact }: NotificationListProps) {
  const { t } = useTranslation('collab');
  const fmt = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();

  const open = async (n: Notification) => {
    if (!n.readAt) {
      try {
        await markRead(n.id);
      } finally {
        void qc.invalidateQueries({ queryKey: notificationsKey });
      }
    }
    onOpen?.();
    const to = notificationLink(n);
    if (to) void navigate(to);
  };

  return (
    <List
      loading={loading}
      dataSource={items}
      rowKey="id"
      size={compact ? 'small' : 'default'}
      locale={{ emptyText: t('empty') }}
      renderItem={(n) => (
        <List.Item
          data-testid={`notification-${n.id}`}
          onClick={() => void open(n)}
          style={{ cursor: 'pointer', paddingInline: 8 }}
          role="button"
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void open(n);
          }}
        >
          <List.Item.Meta
            avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
            title={<Typography.Text strong={!n.readAt}>{notificationText(n, t)}</Typography.Text>}
            description={
              <>
                {n.body && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: compact ? 1 : 3 }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                    {n.body}
                  </Typography.Paragraph>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmt.dateTime(n.createdAt)}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
