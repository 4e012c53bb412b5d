// "Complete" action: asks for the outcome and an optional next follow-up (which becomes a task).
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { activitiesKey, completeActivity, myDayKey } from './api';
import type { Activity } from './types';

export function CompleteButton({ activity, size = 'small' }: { activity: Activity; size?: 'small' | 'middle' }) {
  const { t } = useTranslation('activity');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ outcome?: string; next?: Dayjs }>();
  if (activity.status !== 'open') return null;

  const submit = async (v: { outcome?: string; next?: Dayjs }) => {
    setBusy(true);
    try {
      await completeActivity(activity.id, activity.version, v.outcome ?? '', v.next?.toISOString());
      message.success(t('completed'));
      setOpen(false);
      await Promise.all([activitiesKey, myDayKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
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
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="outcome" label={t('outcome')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="next" label={t('nextFollowUp')} extra={t('nextFollowUpHint')}>
            <DatePicker showTime />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
