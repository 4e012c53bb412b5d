// The form control for one field type.
import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { FieldMeta, RefOptions } from './types';
import { DictSelect } from '../dictionary';
import { isCustomField } from './customField';

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
    case 'phone':
      return <Input {...common} value={value} onChange={onChange} type="tel" autoComplete="off" />;
    case 'url':
      return <Input {...common} value={value} onChange={onChange} type="url" placeholder="https://" autoComplete="off" />;
    case 'tags':
      if (field.options?.length)
        return <Select {...common} mode="multiple" value={value ?? []} onChange={onChange} allowClear options={field.options} />;
      return <Select {...common} mode="tags" value={value ?? []} onChange={onChange} tokenSeparators={[',', '，']} open={false} suffixIcon={null} />;
    case 'dict':
      return field.dict ? (
        <DictSelect {...common} kind={field.dict} value={value} onChange={(v) => control.onChange?.(v)} allowClear={!field.required} />
      ) : (
        <Input {...common} value={value} onChange={onChange} />
      );
    case 'enum':
      return <Select {...common} value={value} onChange={onChange} allowClear={!field.required} options={field.options ?? []} />;
    case 'ref':
      // Without options for the field (e.g. a custom "user" field on a page that loads no users) the id is typed.
      if (isCustomField(field.name) && !refOptions?.[field.name])
        return <InputNumber {...common} value={value} onChange={onChange} min={1} precision={0} style={{ width: '100%' }} />;
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
      // Edited as a decimal; formValues converts to and from integer minor units.
      return <InputNumber {...common} value={value} onChange={onChange} precision={2} min={0} style={{ width: '100%' }} />;
    default:
      return <Input {...common} value={value} onChange={onChange} />;
  }
}
