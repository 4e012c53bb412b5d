// /duplicates — the review screen (SPEC C6): likely duplicate pairs of accounts or contacts the user
// can read, side by side with what matched, best first; "not duplicates" dismisses a pair, "merge"
// opens the merge dialog.
import { useState } from 'react';
import { App, Button, Card, Col, Empty, Popconfirm, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { useFormat } from '../../lib/useFormat';
import { dismissPair, duplicatesKey, fetchPairs } from './api';
import { recordLink } from './DuplicateWarning';
import { MergeDialog } from './MergeDialog';
import { rightOf, type DedupEntity, type Pair, type PairSide } from './types';

function Side({ entity, side }: { entity: DedupEntity; side: PairSide }) {
  const { t } = useTranslation('dedup');
  const fmt = useFormat();
  return (
    <Space orientation="vertical" size={0}>
      <Link to={recordLink(entity, side)}>{side.name}</Link>
      <Typography.Text type="secondary">{side.ownerName ? t('owner', { name: side.ownerName }) : t('noOwner')}</Typography.Text>
      {entity === 'contact' && side.accountName && <Typography.Text type="secondary">{t('account', { name: side.accountName })}</Typography.Text>}
      <Typography.Text type="secondary">#{side.id} · {fmt.dateTime(side.updatedAt)}</Typography.Text>
    </Space>
  );
}

function PairList({ entity }: { entity: DedupEntity }) {
  const { t } = useTranslation('dedup');
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const [merging, setMerging] = useState<Pair | null>(null);
  const canDismiss = hasRight(me.rights, rightOf(entity, 'update'));
  const canMerge = canDismiss && hasRight(me.rights, rightOf(entity, 'delete'));
  const q = useInfiniteQuery({
    queryKey: [...duplicatesKey, 'pairs', entity],
    queryFn: ({ pageParam }) => fetchPairs(entity, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: duplicatesKey });
  const dismiss = async (p: Pair) => {
    try {
      await dismissPair(entity, p.a.id, p.b.id);
      message.success(t('dismissed'));
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };
  if (q.error) return <QueryErrorView error={q.error} onRetry={() => void q.refetch()} />;
  const pairs = q.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  if (!q.isPending && pairs.length === 0) return <Empty description={t('empty')} />;
  return (
    <>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {q.isPending && <Card loading />}
        {pairs.map((p) => (
          <Card
            key={`${p.a.id}-${p.b.id}`}
            size="small"
            data-testid={`pair-${p.a.id}-${p.b.id}`}
            title={
              <Space wrap>
                <Typography.Text type="secondary">{t('matched')}</Typography.Text>
                {(p.kinds ?? []).map((k) => (
                  <Tag key={k} color="orange">
                    {t(`kinds.${k}`)}
                  </Tag>
                ))}
                <Tag color={p.score >= 80 ? 'red' : p.score >= 50 ? 'orange' : 'default'}>{t('score', { score: p.score })}</Tag>
              </Space>
            }
            extra={
              <Space>
                {canDismiss && (
                  <Popconfirm title={t('dismissConfirm')} onConfirm={() => dismiss(p)}>
                    <Button size="small">{t('dismiss')}</Button>
                  </Popconfirm>
                )}
                {canMerge && (
                  <Button size="small" type="primary" onClick={() => setMerging(p)}>
                    {t('merge')}
                  </Button>
                )}
              </Space>
            }
          >
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Side entity={entity} side={p.a} />
              </Col>
              <Col xs={24} md={12}>
                <Side entity={entity} side={p.b} />
              </Col>
            </Row>
          </Card>
        ))}
      </Space>
      <LoadMore hasMore={!!q.hasNextPage} loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()} />
      {merging && (
        <MergeDialog
          entity={entity}
          a={merging.a}
          b={merging.b}
          open
          onClose={() => setMerging(null)}
          onDone={() => {
            setMerging(null);
            void qc.invalidateQueries();
          }}
        />
      )}
    </>
  );
}

export default function DuplicatesPage() {
  const { t } = useTranslation('dedup');
  const me = useMe();
  const tabs = (['account', 'contact'] as const)
    .filter((e) => hasRight(me.rights, rightOf(e, 'read')))
    .map((e) => ({ key: e, label: t(`tabs.${e}`), children: <PairList entity={e} /> }));
  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs items={tabs} destroyOnHidden />
    </>
  );
}
