// /activities — every activity in the user's scope: list, log, edit, complete.
import { useState } from 'react';
import { Button, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RecordList, allowedBulkActions, useEntityMeta, type ListQuery } from '../../components/record';
import { PageHeader } from '../../components/PageHeader';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { activitiesExportUrl, activitiesKey, activityExportParams, fetchActivities, myDayKey } from './api';
import { ActivityEditor } from './ActivityEditor';
import { CompleteButton } from './CompleteButton';
import { ACTIVITY_RIGHTS, type Activity } from './types';
import { OpenActivityFromQuery } from '../collab/OpenActivityFromQuery';

export interface ActivityListProps {
  /** Only this account's activities (and new ones are linked to it). */
  accountId?: number;
  /** Saved views and URL state (the /activities page; not the account page's section). */
  views?: boolean;
}

/** Fields the server lets a bulk edit set on activities (internal/activity/bulk.go). */
const ACTIVITY_BULK_FIELDS = ['type', 'status', 'dueAt', 'outcome'];

/** The activity list with its actions; used by the page and by the account page. */
export function ActivityList({ accountId, views }: ActivityListProps) {
  const { t } = useTranslation('activity');
  const { meta } = useEntityMeta('activity');
  const me = useMe();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Activity | null>(null);
  const [open, setOpen] = useState(false);
  const canCreate = hasRight(me.rights, ACTIVITY_RIGHTS.create);
  const canUpdate = hasRight(me.rights, ACTIVITY_RIGHTS.update);
  const canExport = hasRight(me.rights, ACTIVITY_RIGHTS.export);
  const refresh = () => Promise.all([activitiesKey, myDayKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
  return (
    <>
      <RecordList<Activity>
        entity="activity"
        queryKey={[...activitiesKey, 'list', accountId ?? 0]}
        fetchPage={(q: ListQuery) => fetchActivities(q, meta?.fields ?? undefined, accountId)}
        defaultColumns={['type', 'subject', 'dueAt', 'status', 'accountId', 'ownerId']}
        exclude={['id', 'version']}
        views={views}
        exportUrl={canExport ? activitiesExportUrl : undefined}
        exportParams={(q) => activityExportParams(q, meta?.fields ?? undefined, accountId)}
        bulk={{
          url: '/api/v1/activities/bulk',
          actions: allowedBulkActions(me.rights, { update: ACTIVITY_RIGHTS.update, assign: ACTIVITY_RIGHTS.update, delete: ACTIVITY_RIGHTS.delete }),
          editFields: ACTIVITY_BULK_FIELDS,
          onDone: () => void refresh(),
        }}
        render={{
          accountId: (v, a) => (v ? <Link to={`/accounts/${String(v)}`}>{a.accountName ?? String(v)}</Link> : null),
          status: (v, a) => (a.overdue ? <Tag color="red">{t('overdue')}</Tag> : <Tag>{t(`status.${String(v)}`)}</Tag>),
        }}
        toolbar={
          canCreate ? (
            <Button type="primary" onClick={() => { setEditing(null); setOpen(true); }}>
              {t('create')}
            </Button>
          ) : undefined
        }
        rowActions={(a) =>
          canUpdate ? (
            <Space size={0}>
              <CompleteButton activity={a} />
              <Button size="small" type="link" onClick={() => { setEditing(a); setOpen(true); }}>
                {t('common:edit')}
              </Button>
            </Space>
          ) : null
        }
      />
      <ActivityEditor
        activity={editing}
        accountId={accountId}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          void refresh();
        }}
      />
    </>
  );
}

export default function ActivitiesPage() {
  const { t } = useTranslation('activity');
  return (
    <>
      <PageHeader title={t('title')} />
      <ActivityList views />
      <OpenActivityFromQuery />
    </>
  );
}
