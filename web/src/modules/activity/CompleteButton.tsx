// "Complete" action: records the follow-up — what was discussed (objections, budget cycle …), the
// outcome — and an optional next follow-up date, which becomes a task with a reminder (SPEC L8).
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { activitiesKey, calendarKey, completeActivity, myDayKey, timelineKey } from './api';
import { ReminderField } from './ReminderField';
import { FOLLOW_UP_PRESETS, remindAtFor, type ReminderPreset } from './reminder';
import type { Activity } from './types';

type Values = { content?: string; outcome?: string; next?: Dayjs; followUpReminder?: ReminderPreset; followUpReminderAt?: Dayjs };

export function CompleteButton({ activity, size = 'small' }: { activity: Activity; size?: 'small' | 'middle' }) {
  const { t } = useTranslation('activity');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  if (activity.status !== 'open') return null;

  const submit = async (v: Values) => {
    let followUpRemindAt: string | undefined;
    if (v.next && v.followUpReminder && v.followUpReminder !== 'atDue') {
      const at = remindAtFor(v.followUpReminder, v.next, v.followUpReminderAt);
      if (!at) {
        form.setFields([{ name: 'followUpReminder', errors: [t('reminder.needsDue')] }]);
        return;
      }
      followUpRemindAt = at;
    }
    setBusy(true);
    try {
      await completeActivity(activity.id, activity.version, {
        outcome: v.outcome ?? '',
        content: v.content?.trim() ? v.content : undefined,
        nextFollowUpAt: v.next?.toISOString(),
        followUpRemindAt,
      });
      message.success(v.next ? t('completedWithFollowUp') : t('completed'));
      setOpen(false);
      await Promise.all([activitiesKey, myDayKey, calendarKey, timelineKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size={size} type="link" onClick={() => setOpen(true)}>
        {t('complete')}
      </Button>
      <Modal title={t('completeTitle', { subject: activity.subject })} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={busy} okText={t('complete')} cancelText={t('common:cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ content: activity.content, followUpReminder: 'atDue' }}>
          <Form.Item name="content" label={t('followUpContent')} extra={t('followUpContentHint')} rules={[{ max: 10000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="outcome" label={t('outcome')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="next" label={t('nextFollowUp')} extra={t('nextFollowUpHint')}>
            <DatePicker showTime aria-label={t('nextFollowUp')} />
          </Form.Item>
          <ReminderField name="followUpReminder" customName="followUpReminderAt" presets={FOLLOW_UP_PRESETS} label={t('reminder.followUpLabel')} />
        </Form>
      </Modal>
    </>
  );
}
