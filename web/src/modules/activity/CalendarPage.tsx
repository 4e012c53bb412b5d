// /calendar — the user's activities by month or week, in their time zone (SPEC T3): click an activity
// to open it, click a day to log one due that day; managers switch to everyone in their scope.
import { useMemo, useState } from 'react';
import { Badge, Button, Calendar, Card, Col, Empty, List, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { BellOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { activitiesKey, calendarKey, fetchCalendar, myDayKey } from './api';
import { ActivityEditor } from './ActivityEditor';
import { FeedCard } from './FeedCard';
import { dayKey, dueOnDay, groupByDay, monthWindow, ownersOf, timeOf, weekDays, weekWindow } from './calendarUtils';
import { ACTIVITY_RIGHTS, type Activity } from './types';

type View = 'month' | 'week';

function ItemLine({ a, lang, tz, onOpen }: { a: Activity; lang: string; tz?: string; onOpen: (a: Activity) => void }) {
  const status = a.overdue ? 'error' : a.status === 'done' ? 'success' : a.status === 'cancelled' ? 'default' : 'processing';
  return (
    <div
      role="button"
      tabIndex={0}
      className="kehu-cal-item"
      data-testid={`cal-item-${a.id}`}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(a);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(a);
      }}
      style={{ cursor: 'pointer', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12 }}
      title={a.subject}
    >
      <Badge status={status} /> {a.dueAt ? timeOf(a.dueAt, lang, tz) : ''} {a.remindAt ? <BellOutlined aria-label="reminder" /> : null} {a.subject}
    </div>
  );
}

export default function CalendarPage() {
  const { t, i18n } = useTranslation('activity');
  const me = useMe();
  const qc = useQueryClient();
  const tz = me.timeZone;
  const [view, setView] = useState<View>('month');
  const [cursor, setCursor] = useState<Dayjs>(() => dayjs());
  const [everyone, setEveryone] = useState(false);
  const [owner, setOwner] = useState<number | undefined>();
  const [editing, setEditing] = useState<Activity | null>(null);
  const [newDue, setNewDue] = useState<Dayjs | undefined>();
  const [open, setOpen] = useState(false);
  const canCreate = hasRight(me.rights, ACTIVITY_RIGHTS.create);
  const win = view === 'month' ? monthWindow(cursor) : weekWindow(cursor);
  const q = useQuery({
    queryKey: [...calendarKey, win.from, win.to, everyone],
    queryFn: () => fetchCalendar(win.from, win.to, everyone),
  });
  const all = useMemo(() => (q.data?.items ?? []) as Activity[], [q.data]);
  const owners = useMemo(() => ownersOf(all), [all]);
  const shown = useMemo(() => (everyone && owner ? all.filter((a) => a.ownerId === owner) : all), [all, everyone, owner]);
  const byDay = useMemo(() => groupByDay(shown, tz), [shown, tz]);
  const openItem = (a: Activity) => {
    setEditing(a);
    setOpen(true);
  };
  const createOn = (d: Dayjs) => {
    if (!canCreate) return;
    setEditing(null);
    setNewDue(dueOnDay(d));
    setOpen(true);
  };
  const lang = i18n.language;

  const header = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Segmented<View> value={view} onChange={setView} options={[{ value: 'month', label: t('calendar.month') }, { value: 'week', label: t('calendar.week') }]} />
      <Button icon={<LeftOutlined />} aria-label={t('calendar.previous')} onClick={() => setCursor(cursor.subtract(1, view))} />
      <Button onClick={() => setCursor(dayjs())}>{t('calendar.today')}</Button>
      <Button icon={<RightOutlined />} aria-label={t('calendar.next')} onClick={() => setCursor(cursor.add(1, view))} />
      <Typography.Text strong>
        {view === 'month'
          ? new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long' }).format(cursor.toDate())
          : `${new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(weekDays(cursor)[0].toDate())} – ${new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(weekDays(cursor)[6].toDate())}`}
      </Typography.Text>
      <Segmented<string>
        value={everyone ? 'all' : 'mine'}
        onChange={(v) => {
          setEveryone(v === 'all');
          setOwner(undefined);
        }}
        options={[{ value: 'mine', label: t('calendar.mine') }, { value: 'all', label: t('calendar.everyone') }]}
      />
      {everyone && (
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('calendar.allOwners')}
          aria-label={t('calendar.owner')}
          value={owner}
          onChange={setOwner}
          options={owners.map((o) => ({ value: o.id, label: o.name }))}
        />
      )}
      {q.data?.truncated && <Tag color="orange">{t('calendar.truncated')}</Tag>}
      <Typography.Text type="secondary">{t('calendar.timeZone', { tz: tz || 'UTC' })}</Typography.Text>
    </Space>
  );

  return (
    <>
      <PageHeader title={t('calendar.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          <Card size="small">
            {header}
            {q.error && <QueryErrorView error={q.error} />}
            {view === 'month' ? (
              <Calendar
                value={cursor}
                headerRender={() => null}
                onSelect={(d, info) => {
                  setCursor(d);
                  if (info.source === 'date') createOn(d);
                }}
                cellRender={(d, info) => {
                  if (info.type !== 'date') return info.originNode;
                  const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
                  return (
                    <div data-testid={`cal-day-${d.format('YYYY-MM-DD')}`}>
                      {items.slice(0, 4).map((a) => (
                        <ItemLine key={a.id} a={a} lang={lang} tz={tz} onOpen={openItem} />
                      ))}
                      {items.length > 4 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('calendar.more', { count: items.length - 4 })}</Typography.Text>}
                    </div>
                  );
                }}
              />
            ) : (
              <List
                dataSource={weekDays(cursor)}
                renderItem={(d) => {
                  const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
                  const isToday = d.format('YYYY-MM-DD') === dayKey(new Date().toISOString(), tz);
                  return (
                    <List.Item
                      data-testid={`cal-day-${d.format('YYYY-MM-DD')}`}
                      extra={canCreate && <Button size="small" onClick={() => createOn(d)}>{t('calendar.add')}</Button>}
                    >
                      <div style={{ width: '100%' }}>
                        <Typography.Text strong type={isToday ? undefined : 'secondary'}>
                          {new Intl.DateTimeFormat(lang, { weekday: 'long', month: 'short', day: 'numeric' }).format(d.toDate())}
                        </Typography.Text>
                        {items.length === 0 ? (
                          <div><Typography.Text type="secondary">{t('calendar.nothing')}</Typography.Text></div>
                        ) : (
                          items.map((a) => (
                            <Space key={a.id} style={{ display: 'flex' }}>
                              <ItemLine a={a} lang={lang} tz={tz} onOpen={openItem} />
                              <Tag>{t(`status.${a.status}`)}</Tag>
                              {everyone && a.ownerName && <Typography.Text type="secondary">{a.ownerName}</Typography.Text>}
                              {a.accountName && <Typography.Text type="secondary">{a.accountName}</Typography.Text>}
                            </Space>
                          ))
                        )}
                      </div>
                    </List.Item>
                  );
                }}
              />
            )}
            {!q.isLoading && (q.data?.items?.length ?? 0) === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.empty')} />}
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <FeedCard />
        </Col>
      </Row>
      <ActivityEditor
        activity={editing}
        defaults={{ dueAt: newDue, type: 'task' }}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          void Promise.all([calendarKey, activitiesKey, myDayKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
        }}
      />
    </>
  );
}
