// Log / edit an activity in a modal, with the metadata-driven RecordForm (custom fields included) and
// the reminder presets.
import { useState } from 'react';
import { Card, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, idempotent, ifMatch, unwrap } from '../../api/client';
import { RecordForm } from '../../components/record';
import { ReminderField } from './ReminderField';
import { FOLLOW_UP_PRESETS, presetOf, remindAtFor, type ReminderPreset } from './reminder';
import type { Activity, ActivityCreate, ActivityPatch } from './types';
import { CommentThread } from '../collab/CommentThread';

const FIELDS = ['type', 'subject', 'content', 'dueAt', 'status', 'outcome', 'tags', 'nextFollowUpAt'];

export interface ActivityEditorProps {
  activity: Activity | null;
  /** Links a new activity to this account. */
  accountId?: number;
  /** Defaults of a new activity (quick actions, a calendar day). */
  defaults?: { type?: string; dueAt?: Dayjs; status?: string };
  open: boolean;
  onClose: () => void;
  onSaved: (a: Activity) => void;
}

type ReminderValues = { reminder?: ReminderPreset; reminderAt?: Dayjs | null; followUpReminder?: ReminderPreset; followUpReminderAt?: Dayjs | null };

/** Turns the reminder controls into API fields; a string is the form field to blame. */
export function reminderBody(v: ReminderValues & { dueAt?: string | null; nextFollowUpAt?: string | null }, had: boolean): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  const preset = v.reminder ?? 'none';
  const at = remindAtFor(preset, v.dueAt, v.reminderAt);
  if (at === undefined && preset !== 'atDue') return 'reminder';
  if (at) out.remindAt = at;
  else if (had) out.clearRemindAt = true;
  if (v.nextFollowUpAt && v.followUpReminder && v.followUpReminder !== 'atDue') {
    const fu = remindAtFor(v.followUpReminder, v.nextFollowUpAt, v.followUpReminderAt);
    if (fu === undefined) return 'followUpReminder';
    if (fu) out.followUpRemindAt = fu;
  }
  return out;
}

export function ActivityEditor({ activity, accountId, defaults, open, onClose, onSaved }: ActivityEditorProps) {
  const { t } = useTranslation('activity');
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const fields = activity ? FIELDS.filter((f) => f !== 'nextFollowUpAt') : FIELDS;

  const submit = async (values: Record<string, unknown>) => {
    const { reminder, reminderAt, followUpReminder, followUpReminderAt, ...rest } = values as Record<string, unknown> & ReminderValues;
    const extra = reminderBody(
      { reminder, reminderAt, followUpReminder, followUpReminderAt, dueAt: rest.dueAt as string | null, nextFollowUpAt: rest.nextFollowUpAt as string | null },
      !!activity?.remindAt,
    );
    if (typeof extra === 'string') {
      form.setFields([{ name: extra, errors: [t('reminder.needsDue')] }]);
      return;
    }
    const body = { ...rest, ...extra };
    if (activity && !rest.dueAt && activity.dueAt) body.clearDueAt = true;
    const saved = activity
      ? await unwrap(api.PATCH('/api/v1/activities/{id}', { params: { path: { id: activity.id }, header: { 'If-Match': ifMatch(activity.version) } }, body: body as ActivityPatch }))
      : await unwrap(api.POST('/api/v1/activities', { ...idempotent(), body: { ...body, accountId } as ActivityCreate }));
    onSaved(saved);
  };

  const initial = activity
    ? { reminder: presetOf(activity.remindAt, activity.dueAt), reminderAt: activity.remindAt ? dayjs(activity.remindAt) : undefined }
    : {
        type: defaults?.type ?? 'call',
        status: defaults?.status ?? 'open',
        dueAt: defaults?.dueAt,
        // Something already done (a logged call) needs no reminder; planned work reminds at its due time.
        reminder: defaults?.status === 'done' ? 'none' : 'atDue',
        followUpReminder: 'atDue',
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
        initialValues={initial}
        onSubmit={submit}
        onBusyChange={setBusy}
        hideSubmit
      >
        <ReminderField name="reminder" customName="reminderAt" label={t('reminder.label')} />
        {!activity && <ReminderField name="followUpReminder" customName="followUpReminderAt" presets={FOLLOW_UP_PRESETS} label={t('reminder.followUpLabel')} extra={t('reminder.followUpHint')} />}
      </RecordForm>
      {/* collab: the discussion on this activity (SPEC X1) */}
      {activity && (
        <Card title={t('collab:comment.title')} size="small" style={{ marginTop: 8 }}>
          <CommentThread entity="activity" recordId={activity.id} />
        </Card>
      )}
    </Modal>
  );
}
