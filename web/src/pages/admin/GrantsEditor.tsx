// Rights grouped by resource: a checkbox and a scope select per right.
// Value: the role's grants [{right, scope}].
import { useMemo } from 'react';
import { Card, Checkbox, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCOPES, type Grant, type RightInfo, type Scope } from '../../api/types';

export interface GrantsEditorProps {
  rights: RightInfo[];
  value?: Grant[];
  onChange?: (grants: Grant[]) => void;
  disabled?: boolean;
}

export function groupRights(rights: RightInfo[]): { resource: string; label: string; rights: RightInfo[] }[] {
  const groups = new Map<string, { resource: string; label: string; rights: RightInfo[] }>();
  for (const r of rights) {
    const g = groups.get(r.resource) ?? { resource: r.resource, label: r.resourceLabel || r.resource, rights: [] };
    g.rights.push(r);
    groups.set(r.resource, g);
  }
  return [...groups.values()];
}

export function GrantsEditor({ rights, value = [], onChange, disabled }: GrantsEditorProps) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupRights(rights), [rights]);
  const scopeOf = new Map(value.map((g) => [g.right, g.scope]));
  const scopeOptions = SCOPES.map((s) => ({ value: s, label: t(`admin:scopes.${s}`) }));

  const set = (right: string, scope: Scope | null) => {
    const rest = value.filter((g) => g.right !== right);
    onChange?.(scope ? [...rest, { right, scope }] : rest);
  };

  return (
    <Flex vertical gap="small">
      {groups.map((g) => (
        <Card key={g.resource} size="small" title={g.label}>
          <Flex vertical gap={6}>
            {g.rights.map((r) => {
              const scope = scopeOf.get(r.right);
              return (
                <Flex key={r.right} align="center" justify="space-between" gap="small" wrap>
                  <Checkbox checked={!!scope} disabled={disabled} onChange={(e) => set(r.right, e.target.checked ? 'all' : null)}>
                    {r.actionLabel || r.action} <Typography.Text type="secondary" code>{r.right}</Typography.Text>
                  </Checkbox>
                  <Select<Scope>
                    size="small"
                    aria-label={t('admin:roles.scopeOf', { right: r.right })}
                    style={{ width: 140 }}
                    disabled={disabled || !scope}
                    value={scope}
                    placeholder={t('admin:roles.scope')}
                    onChange={(s) => set(r.right, s)}
                    options={scopeOptions}
                  />
                </Flex>
              );
            })}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
