// 360 section: the account's open activities, overdue first (SPEC C4, T2).
import { Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/useFormat';
import { activitiesKey, fetchActivities } from '../../activity/api';
import { CompleteButton } from '../../activity/CompleteButton';
import type { Activity } from '../../activity/types';
import type { C360SectionProps } from './registry';

export function OpenTasks({ account }: C360SectionProps) {
  const { t } = useTranslation('activity');
  const fmt = useFormat();
  const q = useQuery({
    queryKey: [...activitiesKey, 'open', account.id],
    queryFn: () => fetchActivities({ filters: {}, sort: 'dueAt', limit: 50 }, undefined, account.id, { status: 'open' }),
  });
  const items = (q.data?.items ?? []) as Activity[];
  const overdue = items.filter((a) => a.overdue).length;
  return (
    <>
      {overdue > 0 && <Tag color="red" style={{ marginBottom: 8 }}>{t('c360.overdueCount', { count: overdue })}</Tag>}
      <List
        size="small"
        loading={q.isLoading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('c360.noOpen')} /> }}
        renderItem={(a) => (
          <List.Item actions={[<CompleteButton key="c" activity={a} />]} data-testid={`open-task-${a.id}`}>
            <Space direction="vertical" size={0}>
              <Space size={4}>
                {a.overdue && <Tag color="red">{t('overdue')}</Tag>}
                <Typography.Text>{a.subject}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.dueAt ? fmt.dateTime(a.dueAt) : t('c360.noDue')}
                {a.remindAt ? ` · ${t('c360.reminder', { at: fmt.dateTime(a.remindAt) })}` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
