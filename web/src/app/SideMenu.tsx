// The navigation menu built from the registry, filtered by the user's rights.
import { createElement } from 'react';
import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { activeNavKey, navRegistry, visibleNav, type NavItem, type NavSection } from './nav';
import { useMe } from './session';

const SECTION_LABELS: Record<NavSection, string> = {
  main: '',
  customer: 'customer:nav.section',
  admin: 'nav.sectionAdmin',
  personal: 'nav.sectionPersonal',
};

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = visibleNav(navRegistry, me.rights);

  const toEntry = (i: NavItem) => ({ key: i.key, icon: createElement(i.icon), label: t(i.labelKey) });
  const menuItems: MenuProps['items'] = [];
  for (const section of ['main', 'customer', 'admin', 'personal'] as NavSection[]) {
    const entries = items.filter((i) => i.section === section).map(toEntry);
    if (!entries.length) continue;
    if (SECTION_LABELS[section]) menuItems.push({ type: 'group', key: section, label: t(SECTION_LABELS[section]), children: entries });
    else menuItems.push(...entries);
  }

  const selected = activeNavKey(items, pathname);
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={menuItems}
      onClick={({ key }) => {
        const item = items.find((i) => i.key === key);
        if (item) navigate(item.path);
        onNavigate?.();
      }}
    />
  );
}
