// Header dropdown: profile, API tokens, API docs, logout.
import { Avatar, Button, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { ApiOutlined, IdcardOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { meKey, useMe } from './session';

export function UserMenu({ compact }: { compact?: boolean }) {
  const me = useMe();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  const logout = async () => {
    try {
      await api.POST('/api/v1/auth/logout');
    } finally {
      qc.clear();
      qc.setQueryData(meKey, null);
      navigate('/login', { replace: true });
    }
  };

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <IdcardOutlined />, label: t('nav.profile'), onClick: () => navigate('/profile') },
    { key: 'tokens', icon: <KeyOutlined />, label: t('nav.tokens'), onClick: () => navigate('/tokens') },
    { key: 'docs', icon: <ApiOutlined />, label: <a href="/api/docs" target="_blank" rel="noreferrer">{t('nav.apiDocs')}</a> },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void logout() },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" aria-label={t('nav.userMenu')} icon={<Avatar size="small" icon={<UserOutlined />} />}>
        {!compact && me.name}
      </Button>
    </Dropdown>
  );
}
