// Administration → Roles: list, create/edit with the rights editor, delete
// (built-in roles cannot be deleted).
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Role } from '../../api/types';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { hasRight, RIGHTS } from '../../app/rights';
import { useMe } from '../../app/session';
import { useCursorList } from '../../lib/useCursorList';
import { RoleEditor } from './RoleEditor';
import { rolesKey, usersKey } from './useDirectory';
import { roleDescription, roleName } from '../../lib/roleText';

export default function RolesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const [editing, setEditing] = useState<Role | null>(null);
  const [open, setOpen] = useState(false);
  const list = useCursorList<Role>([...rolesKey, 'list'], (cursor) => unwrap(api.GET('/api/v1/roles', { params: { query: { cursor } } })));
  const canCreate = hasRight(me.rights, RIGHTS.roleCreate);
  const canUpdate = hasRight(me.rights, RIGHTS.roleUpdate);
  const canDelete = hasRight(me.rights, RIGHTS.roleDelete);
  // Users show team and role names, so their lists are refreshed too.
  const refresh = () => Promise.all([rolesKey, usersKey].map((queryKey) => qc.invalidateQueries({ queryKey })));

  const edit = (r: Role | null) => {
    setEditing(r);
    setOpen(true);
  };

  const remove = async (r: Role) => {
    try {
      await unwrap(api.DELETE('/api/v1/roles/{id}', { params: { path: { id: r.id } } }));
      message.success(t('deleted'));
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };

  if (list.isError) return <QueryErrorView error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
              {t('admin:roles.create')}
            </Button>
          )
        }
      />
      <Table<Role>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('admin:roles.name'), dataIndex: 'name', render: (_: string, r) => (<Space>{roleName(r, t)}{r.builtin && <Tag color="blue">{t('admin:roles.builtin')}</Tag>}</Space>) },
          { title: t('admin:roles.description'), dataIndex: 'description', render: (_: string, r) => roleDescription(r, t) },
          { title: t('admin:roles.rightsCount'), key: 'grants', render: (_, r) => r.grants?.length ?? 0 },
          { title: t('admin:roles.userCount'), dataIndex: 'userCount' },
          {
            title: t('actions'),
            key: 'actions',
            render: (_, r) => (
              <Space size="small">
                {canUpdate && (
                  <Button size="small" onClick={() => edit(r)}>
                    {t('edit')}
                  </Button>
                )}
                {canDelete &&
                  (r.builtin ? (
                    <Tooltip title={t('admin:roles.builtinNoDelete')}>
                      <Button size="small" danger disabled>
                        {t('delete')}
                      </Button>
                    </Tooltip>
                  ) : (
                    <Popconfirm title={t('admin:roles.deleteConfirm', { name: r.name })} okText={t('delete')} cancelText={t('cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(r)}>
                      <Button size="small" danger>
                        {t('delete')}
                      </Button>
                    </Popconfirm>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <RoleEditor
        role={editing}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          message.success(t('saved'));
          void refresh();
          void qc.invalidateQueries({ queryKey: ['me'] });
        }}
      />
    </>
  );
}
