// The reminder control: a preset relative to the due time, or a custom time.
import { DatePicker, Form, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { REMINDER_PRESETS, type ReminderPreset } from './reminder';

export interface ReminderFieldProps {
  /** Form field of the preset. */
  name: string;
  /** Form field of the custom time. */
  customName: string;
  label: string;
  extra?: string;
  presets?: readonly ReminderPreset[];
}

export function ReminderField({ name, customName, label, extra, presets = REMINDER_PRESETS }: ReminderFieldProps) {
  const { t } = useTranslation('activity');
  const preset = Form.useWatch(name) as string | undefined;
  return (
    <Form.Item label={label} extra={extra} style={{ marginBottom: 16 }}>
      <Space wrap>
        <Form.Item name={name} noStyle>
          <Select style={{ minWidth: 180 }} aria-label={label} options={presets.map((p) => ({ value: p, label: t(`reminder.${p}`) }))} />
        </Form.Item>
        {preset === 'custom' && (
          <Form.Item name={customName} noStyle rules={[{ required: true, message: t('reminder.customRequired') }]}>
            <DatePicker showTime aria-label={t('reminder.custom')} />
          </Form.Item>
        )}
      </Space>
    </Form.Item>
  );
}
