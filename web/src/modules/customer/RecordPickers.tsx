// AccountPicker and ContactPicker: searchable selects for linking a record (an activity) to an account
// and one of its contacts. Accounts are found through the search index (fast on millions, Chinese
// two-character words included); an account's contacts come from its contact list. The server applies
// data scope: only records the user may read are offered.
import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useDebounced } from '../../app/useDebounced';

/** How long typing must pause before a search is sent. */
export const PICKER_DEBOUNCE_MS = 250;

export interface PickedOption {
  value: number;
  label: string;
  /** A contact's account, so that picking a contact can fill the account in. */
  accountId?: number;
}

interface PickerProps {
  value?: number | null;
  onChange?: (v: number | null, option?: PickedOption) => void;
  /** The label of the current value (e.g. the record's accountName), shown before any search. */
  currentLabel?: string | null;
  disabled?: boolean;
  id?: string;
}

/** Keeps the current value's option in the list so that the select shows its name, not its id. */
export function withCurrent(options: PickedOption[], value?: number | null, label?: string | null): PickedOption[] {
  if (!value || options.some((o) => o.value === value)) return options;
  return [{ value, label: label ?? `#${value}` }, ...options];
}

export function AccountPicker({ value, onChange, currentLabel, disabled, id }: PickerProps) {
  const { t } = useTranslation('customer');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), PICKER_DEBOUNCE_MS);
  const { data, isFetching } = useQuery({
    queryKey: ['picker', 'account', q],
    enabled: q.length > 0,
    staleTime: 10_000,
    queryFn: () => unwrap(api.GET('/api/v1/search', { params: { query: { q, types: 'account', limit: 20 } } })),
  });
  const found = useMemo(() => (q ? (data?.items ?? []) : []).map((h) => ({ value: h.id, label: h.title })), [q, data]);
  // A value set from elsewhere (a picked contact's account) is named by reading the account.
  const unnamed = !!value && !currentLabel && !found.some((o) => o.value === value);
  const { data: named } = useQuery({
    queryKey: ['picker', 'account', 'name', value],
    enabled: unnamed,
    retry: false,
    staleTime: 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/accounts/{id}', { params: { path: { id: value! } } })),
  });
  const options = useMemo(() => withCurrent(found, value, currentLabel ?? named?.name), [found, value, currentLabel, named]);
  return (
    <SearchSelect {...{ id, value, onChange, disabled, options }} onSearch={setText} loading={isFetching} placeholder={t('picker.account')}
      empty={q ? (isFetching ? t('picker.searching') : t('picker.none')) : t('picker.typeToSearch')} />
  );
}

export interface ContactPickerProps extends PickerProps {
  /** Only this account's contacts; without it, contacts are searched across the user's scope. */
  accountId?: number | null;
}

export function ContactPicker({ value, onChange, currentLabel, disabled, id, accountId }: ContactPickerProps) {
  const { t } = useTranslation('customer');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), PICKER_DEBOUNCE_MS);
  const { data, isFetching } = useQuery({
    queryKey: ['picker', 'contact', accountId ?? 0, q],
    enabled: !!accountId || q.length > 0,
    staleTime: 10_000,
    queryFn: async (): Promise<PickedOption[]> => {
      if (accountId) {
        const page = await unwrap(api.GET('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId }, query: { q: q || undefined, limit: 50 } } }));
        return (page.items ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name, accountId }));
      }
      const hits = await unwrap(api.GET('/api/v1/search', { params: { query: { q, types: 'contact', limit: 20 } } }));
      return (hits.items ?? []).map((h) => ({ value: h.id, label: h.subtitle ? `${h.title} · ${h.subtitle}` : h.title, accountId: h.accountId }));
    },
  });
  const options = useMemo(() => withCurrent(data ?? [], value, currentLabel), [data, value, currentLabel]);
  return (
    <SearchSelect {...{ id, value, onChange, disabled, options }} onSearch={setText} loading={isFetching} placeholder={t('picker.contact')}
      empty={isFetching ? t('picker.searching') : accountId || q ? t('picker.none') : t('picker.typeToSearch')} />
  );
}

/** The select both pickers show: the server searches, so the options are not filtered again here. */
function SearchSelect({ id, value, onChange, disabled, options, onSearch, loading, placeholder, empty }: Omit<PickerProps, 'currentLabel'> & {
  options: PickedOption[];
  onSearch: (text: string) => void;
  loading: boolean;
  placeholder: string;
  empty: string;
}) {
  return (
    <Select<number | null, PickedOption>
      id={id}
      value={value ?? null}
      options={options}
      showSearch={{ filterOption: false, onSearch }}
      onChange={(v, o) => onChange?.(v ?? null, Array.isArray(o) ? undefined : o)}
      allowClear
      disabled={disabled}
      loading={loading}
      placeholder={placeholder}
      notFoundContent={empty}
    />
  );
}
