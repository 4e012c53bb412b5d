// /activity-kpis — activity KPIs for sales directors (SPEC T4): activities per user and type, done vs
// open, overdue tasks, follow-up gaps; within the reader's scope. The chart is plain bars (no chart
// library: one bar per user says it all).
import { useState } from 'react';
import { Card, Col, DatePicker, InputNumber, Row, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { useAllTeams } from '../../pages/admin/useDirectory';
import { hasRight, RIGHTS } from '../../app/rights';
import { useMe } from '../../app/session';
import { useFormat } from '../../lib/useFormat';
import { DictLabel } from '../../components/dictionary';
import { fetchKPIs, kpiKey } from './api';
import { barParts, typeColumns, type KPILine } from './kpiUtils';

export default function KPIPage() {
  const { t } = useTranslation('activity');
  const fmt = useFormat();
  const me = useMe();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(30, 'day').startOf('day'), dayjs().add(1, 'day').startOf('day')]);
  const [teamId, setTeamId] = useState<number | undefined>();
  const [gapDays, setGapDays] = useState(30);
  const canTeams = hasRight(me.rights, RIGHTS.teamRead);
  const teams = useAllTeams(canTeams);
  const q = useQuery({
    queryKey: [...kpiKey, range[0].toISOString(), range[1].toISOString(), teamId, gapDays],
    queryFn: () => fetchKPIs({ from: range[0].toISOString(), to: range[1].toISOString(), teamId, gapDays }),
  });
  const k = q.data;
  const lines = (k?.users ?? []) as KPILine[];
  const types = typeColumns((k?.byType ?? {}) as Record<string, number>);
  const bars = barParts(lines);

  return (
    <>
      <PageHeader title={t('kpi.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker value={range} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} aria-label={t('kpi.period')} />
        {canTeams && (
          <Select
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('kpi.allTeams')}
            value={teamId}
            onChange={setTeamId}
            options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
          />
        )}
        <Space>
          <Typography.Text>{t('kpi.gapDays')}</Typography.Text>
          <InputNumber min={1} max={365} value={gapDays} onChange={(v) => v && setGapDays(v)} aria-label={t('kpi.gapDays')} />
        </Space>
      </Space>
      {q.error && <QueryErrorView error={q.error} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          ['total', k?.total],
          ['done', k?.done],
          ['overdue', k?.overdue],
          ['gaps', k?.gaps],
        ].map(([key, v]) => (
          <Col key={key as string} xs={12} md={6}>
            <Card size="small" loading={q.isLoading}>
              <Statistic title={t(`kpi.${key as string}`)} value={(v as number | undefined) ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('kpi.perUser')} style={{ marginBottom: 16 }}>
        <Table<KPILine>
          size="small"
          rowKey="userId"
          loading={q.isLoading}
          dataSource={lines}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { key: 'user', title: t('kpi.user'), dataIndex: 'userName' },
            {
              key: 'bar',
              title: t('kpi.chart'),
              width: 220,
              render: (_, l) => {
                const b = bars.get(l.userId) ?? { done: 0, rest: 0 };
                return (
                  <Tooltip title={t('kpi.barHint', { done: l.done, open: l.total - l.done })}>
                    <div style={{ display: 'flex', height: 12, width: 200, background: 'rgba(0,0,0,0.04)' }} data-testid={`kpi-bar-${l.userId}`}>
                      <div style={{ width: `${b.done}%`, background: '#52c41a' }} />
                      <div style={{ width: `${b.rest}%`, background: '#1677ff' }} />
                    </div>
                  </Tooltip>
                );
              },
            },
            { key: 'total', title: t('kpi.total'), dataIndex: 'total', sorter: (a, b) => a.total - b.total },
            { key: 'done', title: t('kpi.done'), dataIndex: 'done', sorter: (a, b) => a.done - b.done },
            { key: 'open', title: t('kpi.open'), dataIndex: 'open' },
            ...types.map((code) => ({ key: `type-${code}`, title: <DictLabel kind="activity_type" value={code} />, render: (_: unknown, l: KPILine) => l.byType[code] ?? 0 })),
            { key: 'overdue', title: t('kpi.overdue'), dataIndex: 'overdue', sorter: (a, b) => a.overdue - b.overdue, render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
            { key: 'gaps', title: t('kpi.gapAccounts'), dataIndex: 'gapAccounts', sorter: (a, b) => a.gapAccounts - b.gapAccounts },
          ]}
        />
      </Card>
      <Card size="small" title={t('kpi.gapList', { days: k?.gapDays ?? gapDays })}>
        <Table
          size="small"
          rowKey="accountId"
          loading={q.isLoading}
          dataSource={k?.gapList ?? []}
          pagination={false}
          columns={[
            { key: 'account', title: t('kpi.account'), render: (_, g) => <Link to={`/accounts/${g.accountId}`}>{g.accountName}</Link> },
            { key: 'owner', title: t('kpi.owner'), render: (_, g) => g.ownerName ?? '—' },
            { key: 'updated', title: t('kpi.updatedAt'), render: (_, g) => fmt.dateTime(g.updatedAt) },
          ]}
        />
      </Card>
    </>
  );
}
