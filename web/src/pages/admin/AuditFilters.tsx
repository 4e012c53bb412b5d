// Filter bar of the audit log: actor, entity, action, date range.
import { useState } from 'react';
import { DatePicker, Flex, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMeta } from '../../components/record';
import { AUDIT_ACTIONS, auditActionKey } from './auditActions';


export interface AuditFilterValues {
  actorId?: number;
  entity?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditFilters({ value, onChange, canListUsers }: { value: AuditFilterValues; onChange: (v: AuditFilterValues) => void; canListUsers: boolean }) {
  const { t } = useTranslation();
  const [userSearch, setUserSearch] = useState('');
  const meta = useMeta();
  const users = useQuery({
    queryKey: ['users', 'search', userSearch],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: userSearch || undefined, limit: 20 } } })),
    enabled: canListUsers,
  });
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });

  return (
    <Flex wrap gap="small" style={{ marginBottom: 12 }} role="search">
      {canListUsers && (
        <Select
          aria-label={t('admin:audit.actor')}
          placeholder={t('admin:audit.actor')}
          allowClear
          showSearch={{ filterOption: false, onSearch: setUserSearch }}
          style={{ minWidth: 180 }}
          value={value.actorId}
          onChange={(v) => set({ actorId: v ?? undefined })}
          options={users.data?.items?.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` })) ?? []}
        />
      )}
      <Select
        aria-label={t('admin:audit.entity')}
        placeholder={t('admin:audit.entity')}
        allowClear
        style={{ minWidth: 150 }}
        value={value.entity}
        onChange={(v) => set({ entity: v ?? undefined })}
        showSearch
        optionFilterProp="label"
        virtual={false}
        options={meta.data?.entities?.map((e) => ({ value: e.name, label: e.label })) ?? []}
      />
      <Select
        aria-label={t('admin:audit.action')}
        placeholder={t('admin:audit.action')}
        allowClear
        style={{ minWidth: 170 }}
        value={value.action}
        onChange={(v) => set({ action: v ?? undefined })}
        showSearch
        optionFilterProp="label"
        virtual={false}
        options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(auditActionKey(a)) }))}
      />
      <DatePicker.RangePicker value={value.range ?? null} onChange={(r) => set({ range: r as AuditFilterValues['range'] })} allowEmpty={[true, true]} />
    </Flex>
  );
}
