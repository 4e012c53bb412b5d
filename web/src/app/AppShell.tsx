// The layout of the logged-in app: collapsible Sider on wide screens, a
// Drawer menu on phones, header with language switch and user menu.
import { Suspense, useState } from 'react';
import { Button, Drawer, Grid, Layout, Typography, theme } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';
import { GlobalSearch } from './GlobalSearch';
import { NotificationBell } from '../modules/collab/NotificationBell';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { FullPageSpin } from '../components/FullPageSpin';

const { Header, Sider, Content } = Layout;

export function AppShell() {
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { t } = useTranslation();
  const { token } = theme.useToken();

  const brand = (
    <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
      {t('appName')}
    </Typography.Text>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider theme="light" collapsible collapsed={collapsed} trigger={null} width={220} style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            {collapsed ? <Typography.Text strong>K</Typography.Text> : brand}
          </div>
          <SideMenu />
        </Sider>
      )}
      {mobile && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} title={brand} size={260} styles={{ body: { padding: 0 } }}>
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Header style={{ background: token.colorBgContainer, padding: '0 12px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Button
            type="text"
            aria-label={t('nav.toggleMenu')}
            icon={(mobile ? !drawerOpen : collapsed) ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (mobile ? setDrawerOpen(true) : setCollapsed(!collapsed))}
          />
          {mobile && brand}
          <div style={{ flex: 1, minWidth: 0, display: 'flex', justifyContent: mobile ? 'flex-end' : 'flex-start' }}>
            <GlobalSearch compact={mobile} />
          </div>
          <NotificationBell />
          <LanguageSwitch />
          <UserMenu compact={mobile} />
        </Header>
        <Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
