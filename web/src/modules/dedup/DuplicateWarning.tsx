// Non-blocking duplicate warning for the account and contact editors (SPEC C6): as the user types,
// the values are checked (debounced) and likely duplicates the user may read are listed with their
// owner and a link; matches the user cannot see are only counted.
import { useEffect, useState } from 'react';
import { Alert, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import { checkDuplicates, duplicatesKey } from './api';
import { rightOf, type Candidate, type CheckValues, type DedupEntity } from './types';

export interface DuplicateWarningProps {
  entity: DedupEntity;
  values: CheckValues;
  /** Debounce delay in ms (tests use 0). */
  delay?: number;
}

function useDebounced<T>(value: T, delay: number): T {
  const [v, setV] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), delay);
    return () => clearTimeout(h);
  }, [key, delay]);
  return v;
}

/** Something worth checking: a name of two characters or more, or a phone, e-mail or website. */
function worthChecking(v: CheckValues): boolean {
  return (v.name ?? '').trim().length >= 2 || !!(v.phone || v.mobile || v.email || v.website);
}

export function recordLink(entity: DedupEntity, c: { id: number; accountId?: number | null }): string {
  return entity === 'account' ? `/accounts/${c.id}` : `/accounts/${c.accountId ?? ''}`;
}

export function DuplicateWarning({ entity, values, delay = 400 }: DuplicateWarningProps) {
  const { t } = useTranslation('dedup');
  const me = useMe();
  const debounced = useDebounced(values, delay);
  const allowed = hasRight(me.rights, rightOf(entity, 'read'));
  const q = useQuery({
    queryKey: [...duplicatesKey, 'check', entity, debounced],
    enabled: allowed && worthChecking(debounced),
    queryFn: () => checkDuplicates(entity, debounced),
    staleTime: 30_000,
  });
  const items = q.data?.items ?? [];
  const hidden = q.data?.hidden ?? 0;
  if (!allowed || !worthChecking(debounced) || (items.length === 0 && hidden === 0)) return null;
  const label = (c: Candidate) =>
    c.ownerName ? t('warning.match', { name: c.name, owner: c.ownerName }) : t('warning.matchNoOwner', { name: c.name });
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('warning.title')}
      description={
        <Space orientation="vertical" size={2}>
          {items.slice(0, 5).map((c) => (
            <Typography.Link key={c.id} href={recordLink(entity, c)} target="_blank" rel="noopener noreferrer">
              {label(c)}
              {c.accountName && entity === 'contact' ? ` · ${c.accountName}` : ''}
            </Typography.Link>
          ))}
          {hidden > 0 && <Typography.Text type="secondary">{t('warning.hidden', { count: hidden })}</Typography.Text>}
          <Typography.Text type="secondary">{t('warning.hint')}</Typography.Text>
        </Space>
      }
    />
  );
}
