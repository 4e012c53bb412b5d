// The interaction history (SPEC C3) of an account or contact: activities, comments, field changes and
// merges, newest first, filtered by kind, loaded page by page.
import { useState } from 'react';
import { Checkbox, Empty, Space, Tag, Timeline as AntTimeline, Typography } from 'antd';
import { CommentOutlined, EditOutlined, MergeCellsOutlined, PhoneOutlined, CalendarOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { DictLabel } from '../../components/dictionary';
import { LoadMore } from '../../components/LoadMore';
import { QueryErrorView } from '../../components/QueryErrorView';
import { useFormat } from '../../lib/useFormat';
import { fetchTimeline, timelineKey, type TimelineKind } from './api';

export type TimelineItem = components['schemas']['Item'];
type FieldChange = components['schemas']['FieldChange'];

export const TIMELINE_KINDS: TimelineKind[] = ['activity', 'comment', 'change', 'merge'];

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** How one side of a field change reads: names for people and teams, dates formatted, lists joined. */
export function changeValue(v: unknown, text: string | null | undefined, dateTime: (s: string) => string): string {
  if (text) return text;
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '—';
  if (typeof v === 'string' && ISO.test(v)) return dateTime(v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function FieldLine({ f }: { f: FieldChange }) {
  const { t } = useTranslation('activity');
  const fmt = useFormat();
  if (f.masked) {
    return (
      <div>
        <Typography.Text strong>{f.label}</Typography.Text> <Typography.Text type="secondary">{t('timeline.masked')}</Typography.Text>
      </div>
    );
  }
  return (
    <div>
      <Typography.Text strong>{f.label}</Typography.Text>{' '}
      <Typography.Text delete type="secondary">{changeValue(f.old, f.oldText, fmt.dateTime)}</Typography.Text> →{' '}
      <Typography.Text>{changeValue(f.new, f.newText, fmt.dateTime)}</Typography.Text>
    </div>
  );
}

function ItemBody({ it }: { it: TimelineItem }) {
  const { t } = useTranslation('activity');
  const fmt = useFormat();
  const who = it.actorName ?? t('timeline.someone');
  if (it.activity) {
    const a = it.activity;
    return (
      <div data-testid={`timeline-activity-${it.id}`}>
        <Space wrap size={4}>
          <Tag><DictLabel kind="activity_type" value={a.type} /></Tag>
          <Typography.Text strong>{a.subject}</Typography.Text>
          <Tag color={a.status === 'done' ? 'green' : a.status === 'open' ? 'blue' : 'default'}>{t(`status.${a.status}`)}</Tag>
          <Typography.Text type="secondary">{who}</Typography.Text>
        </Space>
        {a.content && <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{a.content}</Typography.Paragraph>}
        {a.outcome && <div><Typography.Text type="secondary">{t('outcome')}: </Typography.Text>{a.outcome}</div>}
        {a.dueAt && <div><Typography.Text type="secondary">{t('timeline.due')}: {fmt.dateTime(a.dueAt)}</Typography.Text></div>}
        {a.nextFollowUpAt && <div><Typography.Text type="secondary">{t('nextFollowUp')}: {fmt.dateTime(a.nextFollowUpAt)}</Typography.Text></div>}
      </div>
    );
  }
  if (it.comment) {
    return (
      <div>
        <Typography.Text type="secondary">{t('timeline.commented', { who })}</Typography.Text>
        <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{it.comment.body}</Typography.Paragraph>
      </div>
    );
  }
  if (it.merge) {
    return <Typography.Text>{t('timeline.merged', { who, name: it.merge.mergedName || `#${it.merge.mergedId}` })}</Typography.Text>;
  }
  if (it.change) {
    return (
      <div>
        <Typography.Text type="secondary">{t(`timeline.change.${it.change.action}`, { who, entity: t(`timeline.entity.${it.entity}`) })}</Typography.Text>
        {(it.change.fields ?? []).map((f) => (
          <FieldLine key={f.field} f={f} />
        ))}
      </div>
    );
  }
  return null;
}

function iconOf(it: TimelineItem) {
  switch (it.kind) {
    case 'activity':
      return it.activity?.type === 'call' ? <PhoneOutlined /> : <CalendarOutlined />;
    case 'comment':
      return <CommentOutlined />;
    case 'merge':
      return <MergeCellsOutlined />;
    default:
      return <EditOutlined />;
  }
}

export function Timeline({ entity, id }: { entity: 'account' | 'contact'; id: number }) {
  const { t } = useTranslation('activity');
  const fmt = useFormat();
  const [kinds, setKinds] = useState<TimelineKind[]>(TIMELINE_KINDS);
  const q = useInfiniteQuery({
    queryKey: [...timelineKey, entity, id, kinds.join(',')],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchTimeline(entity, id, kinds, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: kinds.length > 0,
  });
  const items = (q.data?.pages ?? []).flatMap((p) => p.items ?? []);
  return (
    <div data-testid="timeline">
      <Checkbox.Group
        style={{ marginBottom: 12 }}
        value={kinds}
        onChange={(v) => setKinds(v as TimelineKind[])}
        options={TIMELINE_KINDS.map((k) => ({ value: k, label: t(`timeline.kinds.${k}`) }))}
      />
      {q.error && <QueryErrorView error={q.error} />}
      {!q.isLoading && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />
      ) : (
        <AntTimeline
          items={items.map((it) => ({
            key: `${it.kind}-${it.id}`,
            icon: iconOf(it),
            content: (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmt.dateTime(it.at)}</Typography.Text>
                <ItemBody it={it} />
              </div>
            ),
          }))}
        />
      )}
      <LoadMore hasMore={!!q.hasNextPage} loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()} />
    </div>
  );
}
