// The form control for one field type.
import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { FieldMeta, RefOptions } from './types';

export interface FieldInputProps {
  field: FieldMeta;
  refOptions?: RefOptions;
  disabled?: boolean;
  // value/onChange/id are injected by Form.Item
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
}

export function FieldInput({ field, refOptions, disabled, ...control }: FieldInputProps) {
  const common = { id: control.id, disabled, 'aria-label': field.label };
  const value = control.value as never;
  const onChange = control.onChange as never;
  switch (field.type) {
    case 'text':
      return <Input.TextArea {...common} value={value} onChange={onChange} autoSize={{ minRows: 2, maxRows: 8 }} />;
    case 'email':
      return <Input {...common} value={value} onChange={onChange} type="email" autoComplete="off" />;
    case 'enum':
      return <Select {...common} value={value} onChange={onChange} allowClear={!field.required} options={field.options ?? []} />;
    case 'ref':
      return (
        <Select
          {...common}
          value={value}
          onChange={(v: unknown) => control.onChange?.(v ?? null)}
          allowClear={!field.required}
          showSearch={{ optionFilterProp: 'label' }}
          options={refOptions?.[field.name] ?? []}
        />
      );
    case 'bool':
      return <Switch id={common.id} disabled={disabled} checked={!!control.value} onChange={onChange} />;
    case 'date':
      return <DatePicker {...common} value={value} onChange={onChange} style={{ width: '100%' }} />;
    case 'datetime':
      return <DatePicker {...common} value={value} onChange={onChange} showTime style={{ width: '100%' }} />;
    case 'number':
      return <InputNumber {...common} value={value} onChange={onChange} style={{ width: '100%' }} />;
    case 'money':
      return <InputNumber {...common} value={value} onChange={onChange} precision={2} style={{ width: '100%' }} />;
    default:
      return <Input {...common} value={value} onChange={onChange} />;
  }
}
