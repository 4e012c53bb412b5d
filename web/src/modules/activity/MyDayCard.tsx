// "My day" on the home page: the user's open activities due today (in their time zone) and overdue.
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchMyDay, myDayKey } from './api';
import { CompleteButton } from './CompleteButton';
import { splitDay, type Activity } from './types';

function when(a: Activity, timeZone: string, locale: string) {
  if (!a.dueAt) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(a.dueAt));
}

export function MyDayCard() {
  const { t, i18n } = useTranslation('activity');
  const { data, isLoading } = useQuery({ queryKey: myDayKey, queryFn: fetchMyDay });
  const items = (data?.items ?? []) as Activity[];
  const { overdue, today } = splitDay(items);
  const render = (a: Activity) => (
    <List.Item actions={[<CompleteButton key="c" activity={a} />]} data-testid={`myday-${a.id}`}>
      <Space>
        {a.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
        <Typography.Text>{a.subject}</Typography.Text>
        {a.accountId ? <Link to={`/accounts/${a.accountId}`}>{a.accountName ?? a.accountId}</Link> : null}
        <Typography.Text type="secondary">{when(a, data?.timeZone ?? 'UTC', i18n.language)}</Typography.Text>
        {a.remindAt ? (
          <Typography.Text type="secondary" data-testid={`myday-reminder-${a.id}`}>
            <BellOutlined /> {new Intl.DateTimeFormat(i18n.language, { timeZone: data?.timeZone ?? 'UTC', timeStyle: 'short' }).format(new Date(a.remindAt))}
          </Typography.Text>
        ) : null}
      </Space>
    </List.Item>
  );
  return (
    <Card title={t('myDay.title')} size="small" loading={isLoading} style={{ marginBottom: 16 }} extra={<Link to="/activities">{t('title')}</Link>}>
      {items.length === 0 ? (
        <Empty description={t('myDay.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          {overdue.length > 0 && <List size="small" header={t('myDay.overdue', { count: overdue.length })} dataSource={overdue} renderItem={render} />}
          {today.length > 0 && <List size="small" header={t('myDay.today', { count: today.length })} dataSource={today} renderItem={render} />}
        </>
      )}
    </Card>
  );
}
