// The header's global search (SPEC C8): debounced, results grouped by type in
// a dropdown, arrow keys and Enter to pick, opening the record's page (a
// contact opens on its account's page). Each type is offered only with its
// read right; the server applies data scope and field-level security.
import { useMemo, useState } from 'react';
import { AutoComplete, Input, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { DictLabel } from '../components/dictionary';
import type { components } from '../api/schema';
import { hasRight } from './rights';
import { useMe } from './session';
import { useDebounced } from './useDebounced';

type Hit = components['schemas']['HitDTO'];

/** The searchable types, in display order. */
export const SEARCH_TYPES = ['account', 'contact', 'activity'] as const;

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;

/** The longest query the server accepts. */
const MAX_QUERY = 100;

/** The page that shows a hit: its own for accounts, its account's for contacts and activities. */
export function hitPath(h: Hit): string | null {
  if (h.entity === 'account') return `/accounts/${h.id}`;
  if (h.accountId) return `/accounts/${h.accountId}`;
  return h.entity === 'activity' ? '/activities' : null;
}

export function GlobalSearch({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const types = SEARCH_TYPES.filter((tp) => hasRight(me.rights, `${tp}:read`));
  const enabled = q.length > 0 && q.length <= MAX_QUERY && types.length > 0;

  const { data, isFetching } = useQuery({
    queryKey: ['search', q, types.join(',')],
    enabled,
    staleTime: 10_000,
    queryFn: () => unwrap(api.GET('/api/v1/search', { params: { query: { q, types: types.join(','), limit: 20 } } })),
  });
  const hits = useMemo(() => (enabled ? (data?.items ?? []) : []), [enabled, data]);

  const options = useMemo(
    () =>
      SEARCH_TYPES.map((tp) => ({
        label: t(`search.types.${tp}`),
        options: hits
          .filter((h) => h.entity === tp)
          .map((h) => ({
            value: `${h.entity}:${h.id}`,
            label: (
              <div style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                <Typography.Text ellipsis>{h.title}</Typography.Text>
                {h.subtitle && (
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                    {/* An activity's subtitle is its type's dictionary code. */}
                    {h.entity === 'activity' ? <DictLabel kind="activity_type" value={h.subtitle} /> : h.subtitle}
                  </Typography.Text>
                )}
              </div>
            ),
          })),
      })).filter((g) => g.options.length > 0),
    [hits, t],
  );

  if (types.length === 0) return null;

  const open = (value: string) => {
    const h = hits.find((x) => `${x.entity}:${x.id}` === value);
    const path = h && hitPath(h);
    setText('');
    if (path) navigate(path);
  };

  const settled = enabled && !isFetching && q === text.trim();
  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={(v) => setText(v)}
      onSelect={open}
      filterOption={false}
      defaultActiveFirstOption
      notFoundContent={settled && hits.length === 0 ? t('search.empty') : null}
      popupMatchSelectWidth={compact ? 300 : 400}
      style={{ width: compact ? '100%' : 320, maxWidth: compact ? 220 : 320, minWidth: 0 }}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        maxLength={MAX_QUERY}
      />
    </AutoComplete>
  );
}
