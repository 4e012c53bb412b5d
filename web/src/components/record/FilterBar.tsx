// Filter controls built from the filterable fields: a text box ("contains")
// for string/email/text/phone/url, a select for enum and ref, a multi-select of
// dictionary items for dict (any of), yes/no for bool, and for tags a picker of
// the tags in use (all picked tags must be present).
import { useEffect, useState } from 'react';
import { DatePicker, Flex, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FieldMeta, FilterValue, RangeValue, RefOptions } from './types';
import { DictSelect } from '../dictionary';
import { TagSelect } from './TagSelect';

export interface FilterBarProps {
  fields: FieldMeta[];
  values: Record<string, FilterValue>;
  onChange: (name: string, value: FilterValue) => void;
  refOptions?: RefOptions;
  /** Show the free-text search box (`q`). */
  search?: { value: string | undefined; onChange: (q: string | undefined) => void };
  /** The entity whose tags the tag filter suggests (tags fields get no filter without it). */
  entity?: string;
}

/** Filter types the bar can render. */
export function isFilterSupported(f: FieldMeta, refOptions?: RefOptions, entity?: string): boolean {
  if (!f.filterable || f.sensitive) return false;
  if (f.type === 'tags') return !!f.options?.length || (!!entity && !f.name.startsWith('custom.'));
  if (f.type === 'ref') return !!refOptions?.[f.name];
  if (f.type === 'dict') return !!f.dict;
  return ['string', 'email', 'phone', 'url', 'text', 'enum', 'bool', 'number', 'date', 'datetime'].includes(f.type);
}

export function FilterBar({ fields, values, onChange, refOptions, search, entity }: FilterBarProps) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap="small" style={{ marginBottom: 12 }} role="search">
      {search && <TextFilter label={t('record:search')} value={search.value} onCommit={search.onChange} />}
      {fields
        .filter((f) => isFilterSupported(f, refOptions, entity))
        .map((f) => {
          const value = values[f.name];
          switch (f.type) {
            case 'number':
              return <NumberRange key={f.name} field={f} value={value as RangeValue | undefined} onChange={(v) => onChange(f.name, v)} />;
            case 'date':
            case 'datetime': {
              const r = value as RangeValue | undefined;
              return (
                <DatePicker.RangePicker
                  key={f.name}
                  aria-label={f.label}
                  placeholder={[`${f.label} ${t('record:from')}`, t('record:to')]}
                  allowEmpty={[true, true]}
                  value={[r?.from ? dayjs(r.from) : null, r?.to ? dayjs(r.to) : null]}
                  onChange={(d) => {
                    const from = d?.[0]?.format('YYYY-MM-DD');
                    const to = d?.[1]?.format('YYYY-MM-DD');
                    onChange(f.name, from || to ? { from, to } : undefined);
                  }}
                />
              );
            }
            case 'tags':
              if (f.options?.length)
                return (
                  <Select
                    key={f.name}
                    mode="multiple"
                    aria-label={f.label}
                    placeholder={f.label}
                    allowClear
                    style={{ minWidth: 180 }}
                    value={(value as string[] | undefined) ?? []}
                    onChange={(v: string[]) => onChange(f.name, v.length ? v : undefined)}
                    options={f.options}
                  />
                );
              return (
                <TagSelect
                  key={f.name}
                  entity={entity!}
                  aria-label={f.label}
                  placeholder={f.label}
                  value={(value as string[] | undefined) ?? []}
                  onChange={(v) => onChange(f.name, v.length ? v : undefined)}
                />
              );
            case 'dict':
              return (
                <DictSelect
                  key={f.name}
                  kind={f.dict!}
                  multiple
                  aria-label={f.label}
                  placeholder={f.label}
                  style={{ minWidth: 180 }}
                  value={(value as string[] | undefined) ?? []}
                  onChange={(v) => onChange(f.name, Array.isArray(v) && v.length ? v : undefined)}
                />
              );
            case 'enum':
            case 'ref': {
              const options = f.type === 'enum' ? (f.options ?? []) : (refOptions?.[f.name] ?? []);
              return (
                <Select
                  key={f.name}
                  aria-label={f.label}
                  placeholder={f.label}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ minWidth: 160 }}
                  value={value as string | number | undefined}
                  onChange={(v) => onChange(f.name, v ?? undefined)}
                  options={options}
                />
              );
            }
            case 'bool':
              return (
                <Select
                  key={f.name}
                  aria-label={f.label}
                  placeholder={f.label}
                  allowClear
                  style={{ minWidth: 120 }}
                  value={value === undefined ? undefined : value ? 'true' : 'false'}
                  onChange={(v) => onChange(f.name, v === undefined ? undefined : v === 'true')}
                  options={[
                    { value: 'true', label: `${f.label}: ${t('yes')}` },
                    { value: 'false', label: `${f.label}: ${t('no')}` },
                  ]}
                />
              );
            default:
              return (
                <TextFilter
                  key={f.name}
                  label={t('record:contains', { label: f.label })}
                  value={value as string | undefined}
                  onCommit={(v) => onChange(f.name, v)}
                />
              );
          }
        })}
    </Flex>
  );
}

/** A text box that applies its value on Enter, on the search button or on blur. */
function TextFilter({ label, value, onCommit }: { label: string; value: string | undefined; onCommit: (v: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = (v: string) => {
    const next = v.trim() || undefined;
    if (next !== value) onCommit(next);
  };
  return (
    <Input.Search
      aria-label={label}
      placeholder={label}
      allowClear
      style={{ width: 200 }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={commit}
      onBlur={() => commit(text)}
    />
  );
}

/** A from–to pair of numbers, applied when a box loses focus or on Enter. */
function NumberRange({ field, value, onChange }: { field: FieldMeta; value: RangeValue | undefined; onChange: (v: RangeValue | undefined) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<number | null>(value?.from ? Number(value.from) : null);
  const [to, setTo] = useState<number | null>(value?.to ? Number(value.to) : null);
  useEffect(() => {
    setFrom(value?.from ? Number(value.from) : null);
    setTo(value?.to ? Number(value.to) : null);
  }, [value?.from, value?.to]);
  const commit = () => {
    const next = { from: from === null ? undefined : String(from), to: to === null ? undefined : String(to) };
    if (next.from === value?.from && next.to === value?.to) return;
    onChange(next.from || next.to ? next : undefined);
  };
  return (
    <Space.Compact>
      <InputNumber aria-label={`${field.label} ${t('record:from')}`} placeholder={`${field.label} ${t('record:from')}`} value={from} onChange={setFrom} onBlur={commit} onPressEnter={commit} style={{ width: 130 }} />
      <InputNumber aria-label={`${field.label} ${t('record:to')}`} placeholder={t('record:to')} value={to} onChange={setTo} onBlur={commit} onPressEnter={commit} style={{ width: 100 }} />
    </Space.Compact>
  );
}
