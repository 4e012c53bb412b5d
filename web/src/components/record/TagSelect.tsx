// A tag picker that suggests the tags already used on the entity's records
// the user may read (GET /api/v1/tags). `allowNew` lets the user type new tags
// (adding tags); without it only existing tags can be picked (filtering).
import { useState } from 'react';
import { Select } from 'antd';
import { useTagSuggestions } from './savedViews';

export interface TagSelectProps {
  entity: string;
  value?: string[];
  onChange?: (tags: string[]) => void;
  allowNew?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  id?: string;
  style?: React.CSSProperties;
}

export function TagSelect({ entity, value, onChange, allowNew, placeholder, style, ...rest }: TagSelectProps) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const tags = useTagSuggestions(entity, search, opened);
  return (
    <Select
      {...rest}
      mode={allowNew ? 'tags' : 'multiple'}
      allowClear
      placeholder={placeholder}
      style={{ minWidth: 180, ...style }}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      onSearch={setSearch}
      filterOption={false}
      loading={tags.isFetching}
      tokenSeparators={allowNew ? [',', '，'] : undefined}
      options={(tags.data ?? []).map((t) => ({ value: t, label: t }))}
      onBlur={() => setSearch('')}
      onOpenChange={(open) => open && setOpened(true)}
    />
  );
}
