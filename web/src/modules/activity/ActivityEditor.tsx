// Log / edit an activity in a modal, with the metadata-driven RecordForm.
import { useState } from 'react';
import { Card, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, idempotent, ifMatch, unwrap } from '../../api/client';
import { RecordForm } from '../../components/record';
import type { Activity, ActivityCreate, ActivityPatch } from './types';
import { CommentThread } from '../collab/CommentThread';

const FIELDS = ['type', 'subject', 'content', 'dueAt', 'status', 'outcome', 'nextFollowUpAt'];

export interface ActivityEditorProps {
  activity: Activity | null;
  /** Links a new activity to this account. */
  accountId?: number;
  open: boolean;
  onClose: () => void;
  onSaved: (a: Activity) => void;
}

export function ActivityEditor({ activity, accountId, open, onClose, onSaved }: ActivityEditorProps) {
  const { t } = useTranslation('activity');
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const fields = activity ? FIELDS.filter((f) => f !== 'nextFollowUpAt') : FIELDS;

  const submit = async (values: Record<string, unknown>) => {
    const saved = activity
      ? await unwrap(api.PATCH('/api/v1/activities/{id}', { params: { path: { id: activity.id }, header: { 'If-Match': ifMatch(activity.version) } }, body: values as ActivityPatch }))
      : await unwrap(api.POST('/api/v1/activities', { ...idempotent(), body: { ...values, accountId } as ActivityCreate }));
    onSaved(saved);
  };

  return (
    <Modal
      title={activity ? t('edit') : t('create')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common:save')}
      cancelText={t('common:cancel')}
      destroyOnHidden
      width={640}
    >
      <RecordForm
        entity="activity"
        form={form}
        fields={fields}
        record={activity ?? undefined}
        initialValues={activity ? undefined : { type: 'call', status: 'open' }}
        onSubmit={submit}
        onBusyChange={setBusy}
        hideSubmit
      />
      {/* collab: the discussion on this activity (SPEC X1) */}
      {activity && (
        <Card title={t('collab:comment.title')} size="small" style={{ marginTop: 8 }}>
          <CommentThread entity="activity" recordId={activity.id} />
        </Card>
      )}
    </Modal>
  );
}
