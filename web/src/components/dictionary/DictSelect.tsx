// A Select of a dictionary kind's active items, labelled in the current language. A current value
// whose item was deactivated stays selectable, so editing a record never silently drops it.
import { Select } from 'antd';
import { useDictionary, itemLabel } from './useDictionary';

export interface DictSelectProps {
  kind: string;
  /** A code, or codes with `multiple`. */
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple?: boolean;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

export function DictSelect({ kind, value, onChange, multiple, allowClear = true, ...rest }: DictSelectProps) {
  const dict = useDictionary(kind);
  const current = value == null ? [] : Array.isArray(value) ? value : [value];
  const options = dict.items
    .filter((i) => i.active || current.includes(i.code))
    .map((i) => ({ value: i.code, label: itemLabel(i, dict.lang) }));
  for (const code of current) {
    if (!options.some((o) => o.value === code)) options.push({ value: code, label: code });
  }
  return (
    <Select
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      loading={dict.isPending}
      value={multiple ? current : (value ?? undefined)}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? (multiple ? [] : null))}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
    />
  );
}

/** The label of one code (or several) of a kind. */
export function DictLabel({ kind, value }: { kind: string; value: string | string[] }) {
  const dict = useDictionary(kind);
  const codes = Array.isArray(value) ? value : [value];
  return <>{codes.map((c) => dict.label(c)).join(', ')}</>;
}
