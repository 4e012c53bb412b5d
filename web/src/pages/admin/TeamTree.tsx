// The team hierarchy as a tree.
import { useMemo } from 'react';
import { Empty, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../api/types';

export function buildTeamTree(teams: Team[], label: (t: Team) => string): TreeDataNode[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<number | null, Team[]>();
  for (const t of teams) {
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const build = (parent: number | null): TreeDataNode[] =>
    (children.get(parent) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({ key: t.id, title: label(t), children: build(t.id) }));
  return build(null);
}

export function TeamTree({ teams, onSelect }: { teams: Team[]; onSelect?: (t: Team) => void }) {
  const { t } = useTranslation();
  const data = useMemo(() => buildTeamTree(teams, (x) => t('admin:teams.treeLabel', { name: x.name, count: x.memberCount })), [teams, t]);
  if (!teams.length) return <Empty description={t('admin:teams.none')} />;
  return (
    <Tree
      treeData={data}
      defaultExpandAll
      showLine
      onSelect={(keys) => {
        const team = teams.find((x) => x.id === keys[0]);
        if (team) onSelect?.(team);
      }}
    />
  );
}
