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
import { AccountPicker, ContactPicker, type PickedOption } from '../customer/RecordPickers';

const FIELDS = ['type', 'subject', 'accountId', 'contactId', 'content', 'dueAt', 'status', 'outcome', 'tags', 'nextFollowUpAt'];

type Link = { accountId?: number | null; contactId?: number | null };

/**
 * The account and contact links of the request: on create, the chosen (or the page's) ones; on edit,
 * only what changed (0 clears a link), so that an unchanged link to a record the user can no longer
 * read is not sent back for checking.
 */
export function linkBody(chosen: Link, fixedAccountId: number | undefined, stored: Link | null): Link {
  const account = fixedAccountId ?? chosen.accountId ?? null;
  const contact = chosen.contactId ?? null;
  if (!stored) {
    const out: Link = {};
    if (account) out.accountId = account;
    if (contact) out.contactId = contact;
    return out;
  }
  const out: Link = {};
  if (account !== (stored.accountId ?? null)) out.accountId = account ?? 0;
  if (contact !== (stored.contactId ?? null)) out.contactId = contact ?? 0;
  return out;
}

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
  const watchedAccount = Form.useWatch('accountId', form) as number | null | undefined;
  const watchedContact = Form.useWatch('contactId', form) as number | null | undefined;
  const fields = FIELDS.filter((f) => !(activity && f === 'nextFollowUpAt') && !(accountId && f === 'accountId'));
  const controls = {
    accountId: (
      <LinkedAccount
        currentLabel={watchedAccount === activity?.accountId ? activity?.accountName : undefined}
        onPicked={() => form.setFieldValue('contactId', null)}
      />
    ),
    contactId: (
      <LinkedContact
        accountId={accountId ?? watchedAccount}
        currentLabel={watchedContact === activity?.contactId ? activity?.contactName : undefined}
        onPicked={(o) => {
          if (!accountId && o?.accountId && o.accountId !== watchedAccount) form.setFieldValue('accountId', o.accountId);
        }}
      />
    ),
  };

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
    const { accountId: chosenAccount, contactId: chosenContact, ...other } = rest as Record<string, unknown> & Link;
    const links = linkBody({ accountId: chosenAccount, contactId: chosenContact }, accountId, activity);
    const body: Record<string, unknown> = { ...other, ...extra, ...links };
    if (activity && !rest.dueAt && activity.dueAt) body.clearDueAt = true;
    const saved = activity
      ? await unwrap(api.PATCH('/api/v1/activities/{id}', { params: { path: { id: activity.id }, header: { 'If-Match': ifMatch(activity.version) } }, body: body as ActivityPatch }))
      : await unwrap(api.POST('/api/v1/activities', { ...idempotent(), body: body as ActivityCreate }));
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
        controls={controls}
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

interface LinkedProps {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  currentLabel?: string | null;
  onPicked: (o?: PickedOption) => void;
}

/** The form's account control: picking another account drops the contact of the previous one. */
function LinkedAccount({ value, onChange, id, currentLabel, onPicked }: LinkedProps) {
  return (
    <AccountPicker id={id} value={value} currentLabel={currentLabel} onChange={(v, o) => { onChange?.(v); onPicked(o); }} />
  );
}

/** The form's contact control: a contact picked without an account brings its account. */
function LinkedContact({ value, onChange, id, currentLabel, onPicked, accountId }: LinkedProps & { accountId?: number | null }) {
  return (
    <ContactPicker id={id} value={value} accountId={accountId} currentLabel={currentLabel} onChange={(v, o) => { onChange?.(v); onPicked(o); }} />
  );
}
