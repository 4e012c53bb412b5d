// Lets the user choose the visible columns of a RecordList.
import { Button, Checkbox, Flex, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldMeta } from './types';

export interface ColumnPickerProps {
  fields: FieldMeta[];
  visible: string[];
  onChange: (visible: string[]) => void;
  onReset: () => void;
}

export function ColumnPicker({ fields, visible, onChange, onReset }: ColumnPickerProps) {
  const { t } = useTranslation();
  const content = (
    <Flex vertical gap="small">
      <Checkbox.Group
        value={visible}
        // keep the fields' order, not the click order
        onChange={(v) => onChange(fields.map((f) => f.name).filter((n) => (v as string[]).includes(n)))}
      >
        <Flex vertical gap={4}>
          {fields.map((f) => (
            <Checkbox key={f.name} value={f.name}>
              {f.label}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      <Button size="small" onClick={onReset}>
        {t('record:resetColumns')}
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} title={t('record:columns')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} aria-label={t('record:columns')}>
        {t('record:columns')}
      </Button>
    </Popover>
  );
}
