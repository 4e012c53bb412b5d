// /accounts/:id — the customer 360 page (SPEC C4): profile, quick actions, and the registered sections
// (timeline, activities, open tasks, contacts; later modules add theirs in c360/sections.ts).
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { CalendarOutlined, CheckSquareOutlined, EnvironmentOutlined, FileTextOutlined, PhoneOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { getFieldValue, isCustomField, useEntityMeta } from '../../components/record';
import { renderValue } from '../../components/record/renderValue';
import { useFormat } from '../../lib/useFormat';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { FullPageSpin } from '../../components/FullPageSpin';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { AccountEditor, ACCOUNT_FIELDS } from './AccountEditor';
import { accountsKey } from './api';
import { CUSTOMER_RIGHTS, type Account } from './types';
import { ActivityEditor } from '../activity/ActivityEditor';
import { activitiesKey, calendarKey, myDayKey, timelineKey } from '../activity/api';
import { sections360 } from './c360/registry';
import './c360/sections';

/** A value with no metadata (owner and team names come resolved from the API). */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

/** The quick actions: what they log and how. */
export const QUICK_ACTIONS: { type: string; icon: typeof PhoneOutlined; done: boolean }[] = [
  { type: 'call', icon: PhoneOutlined, done: true },
  { type: 'visit', icon: EnvironmentOutlined, done: true },
  { type: 'meeting', icon: CalendarOutlined, done: true },
  { type: 'note', icon: FileTextOutlined, done: true },
  { type: 'task', icon: CheckSquareOutlined, done: false },
];

export default function AccountDetailPage() {
  const { t } = useTranslation('customer');
  const { t: ta } = useTranslation('activity');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const id = Number(useParams().id);
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const accountMeta = useEntityMeta('account').meta;
  const account = useQuery({
    queryKey: [...accountsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } })),
  });
  const [editAccount, setEditAccount] = useState(false);
  const [quick, setQuick] = useState<{ type: string; status: string; dueAt?: Dayjs } | null>(null);

  if (account.error) return <QueryErrorView error={account.error} />;
  if (account.isPending) return <FullPageSpin />;
  const a: Account = account.data;
  const fieldsByName = new Map((accountMeta?.fields ?? []).map((f) => [f.name, f]));
  const labels = new Map((accountMeta?.fields ?? []).map((f) => [f.name, f.label]));
  const canUpdate = hasRight(me.rights, CUSTOMER_RIGHTS.accountUpdate);
  const canLog = hasRight(me.rights, 'activity:create');
  const values = a as unknown as Record<string, unknown>;
  const refresh = () => Promise.all([accountsKey, activitiesKey, myDayKey, calendarKey, timelineKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
  const section = (column: 'main' | 'side') =>
    sections360(column, me.rights).map((s) => (
      <Card key={s.key} title={tc(s.titleKey)} size="small" style={{ marginBottom: 16 }} data-testid={`c360-${s.key}`}>
        <s.Component account={a} />
      </Card>
    ));

  return (
    <>
      <PageHeader
        title={`${a.name}${a.number ? ` (${a.number})` : ''}`}
        extra={
          <Space wrap>
            {canLog &&
              QUICK_ACTIONS.map((q) => (
                <Button key={q.type} icon={<q.icon />} onClick={() => setQuick({ type: q.type, status: q.done ? 'done' : 'open', dueAt: q.done ? dayjs() : undefined })}>
                  {ta(`quick.${q.type}`)}
                </Button>
              ))}
            {canUpdate && <Button onClick={() => setEditAccount(true)}>{t('accounts.edit')}</Button>}
          </Space>
        }
      />
      <Card title={t('accounts.profile')} size="small" style={{ marginBottom: 16 }} data-testid="c360-profile">
        <Space wrap style={{ marginBottom: 8 }}>
          {a.masked && <Tag color="orange">{t('masked')}</Tag>}
          {fieldsByName.get('lifecycle') && <Tag color="blue">{renderValue(fieldsByName.get('lifecycle')!, a.lifecycle, values, fmt, tc)}</Tag>}
          {(a.tags ?? []).map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={labels.get('ownerId') ?? 'ownerId'}>{show(a.ownerName)}</Descriptions.Item>
          <Descriptions.Item label={labels.get('teamId') ?? 'teamId'}>{show(a.teamName)}</Descriptions.Item>
          {ACCOUNT_FIELDS.filter((f) => f !== 'name' && f !== 'tags' && f !== 'lifecycle').map((f) => (
            <Descriptions.Item key={f} label={labels.get(f) ?? f}>
              {fieldsByName.has(f) ? renderValue(fieldsByName.get(f)!, values[f], values, fmt, tc) : show(values[f])}
            </Descriptions.Item>
          ))}
          {(accountMeta?.fields ?? [])
            .filter((f) => isCustomField(f.name))
            .map((f) => (
              <Descriptions.Item key={f.name} label={f.label}>
                {renderValue(f, getFieldValue(values, f.name), values, fmt, tc)}
              </Descriptions.Item>
            ))}
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          {section('main')}
        </Col>
        <Col xs={24} xl={9}>
          {section('side')}
        </Col>
      </Row>
      <AccountEditor
        account={a}
        open={editAccount}
        onClose={() => setEditAccount(false)}
        onSaved={() => {
          setEditAccount(false);
          message.success(t('common:saved'));
          void refresh();
        }}
      />
      <ActivityEditor
        activity={null}
        accountId={id}
        defaults={quick ?? undefined}
        open={quick !== null}
        onClose={() => setQuick(null)}
        onSaved={() => {
          setQuick(null);
          message.success(ta('logged'));
          void refresh();
        }}
      />
    </>
  );
}
