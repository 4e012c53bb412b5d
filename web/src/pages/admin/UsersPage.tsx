// Administration → Users: metadata-driven list, create/edit, (de)activate.
import { useMemo, useState } from 'react';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { User } from '../../api/types';
import { RecordList, type ListQuery } from '../../components/record';
import { PageHeader } from '../../components/PageHeader';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { hasRight, RIGHTS } from '../../app/rights';
import { useMe } from '../../app/session';
import { UserEditor } from './UserEditor';
import { rolesKey, teamsKey, useAllRoles, useAllTeams, usersKey } from './useDirectory';
import { roleName } from '../../lib/roleText';
import { TransferDialog } from '../../modules/customer/TransferDialog';

// What GET /api/v1/users accepts (its query parameters and `sort` values).
const USER_FILTERS = ['teamId', 'active'];
const USER_SORTS = ['name', 'email', 'createdAt'];

function fetchUsers(q: ListQuery) {
  const f = q.filters;
  return unwrap(
    api.GET('/api/v1/users', {
      params: {
        query: {
          q: q.q,
          teamId: f.teamId as number | undefined,
          active: f.active === undefined || f.active === null ? undefined : f.active ? 'true' : 'false',
          roleId: f.roleId as number | undefined,
          sort: q.sort,
          cursor: q.cursor,
          limit: q.limit,
        },
      },
    }),
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const teams = useAllTeams(hasRight(me.rights, RIGHTS.teamRead));
  const roles = useAllRoles(hasRight(me.rights, RIGHTS.roleRead));
  const [editing, setEditing] = useState<User | null>(null);
  const [open, setOpen] = useState(false);
  const canCreate = hasRight(me.rights, RIGHTS.userCreate);
  const canUpdate = hasRight(me.rights, RIGHTS.userUpdate);
  const canTransfer = hasRight(me.rights, 'account:assign');
  const [transferFrom, setTransferFrom] = useState<User | null>(null);

  const refOptions = useMemo(
    () => ({
      teamId: teams.data?.map((x) => ({ value: x.id, label: x.name })),
      roleId: roles.data?.map((r) => ({ value: r.id, label: roleName(r, t) })),
    }),
    [teams.data, roles.data, t],
  );
  const roleOptions = refOptions.roleId ?? [];

  // User changes move team member counts and role user counts too.
  const refresh = () =>
    Promise.all([usersKey, teamsKey, rolesKey].map((queryKey) => qc.invalidateQueries({ queryKey })));

  const setActive = async (u: User, active: boolean) => {
    try {
      const path = active ? '/api/v1/users/{id}/activate' : '/api/v1/users/{id}/deactivate';
      await unwrap(api.POST(path, { params: { path: { id: u.id } } }));
      message.success(active ? t('admin:users.activated') : t('admin:users.deactivated'));
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };

  const deactivateAll = async (selected: User[], clear: () => void) => {
    try {
      for (const u of selected.filter((x) => x.active && x.id !== me.id)) {
        await unwrap(api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id: u.id } } }));
      }
      message.success(t('admin:users.deactivated'));
      clear();
    } catch (err) {
      notifyError(err);
    } finally {
      await refresh();
    }
  };

  const edit = (u: User | null) => {
    setEditing(u);
    setOpen(true);
  };

  return (
    <>
      <PageHeader title={t('nav.users')} />
      <RecordList<User>
        entity="user"
        queryKey={[...usersKey, 'list']}
        fetchPage={fetchUsers}
        defaultColumns={['name', 'email', 'teamId', 'active', 'lastLoginAt']}
        exclude={['id', 'version', 'roles', 'teamName']}
        filterFields={USER_FILTERS}
        sortFields={USER_SORTS}
        refOptions={refOptions}
        extraColumns={[
          {
            key: 'roles',
            title: t('admin:users.roles'),
            render: (_, u) => (u.roles ?? []).map((r) => <Tag key={r.id}>{roleName(r, t)}</Tag>),
          },
        ]}
        toolbar={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
              {t('admin:users.create')}
            </Button>
          )
        }
        bulkActions={
          canUpdate
            ? (selected, clear) => (
                <Popconfirm title={t('admin:users.deactivateSelectedConfirm', { count: selected.length })} okText={t('admin:users.deactivate')} cancelText={t('cancel')} okButtonProps={{ danger: true }} onConfirm={() => deactivateAll(selected, clear)}>
                  <Button size="small" danger>
                    {t('admin:users.deactivateSelected')}
                  </Button>
                </Popconfirm>
              )
            : undefined
        }
        rowActions={(u) =>
          (canUpdate || canTransfer) && (
            <Space size="small">
              {canTransfer && (
                <Button size="small" onClick={() => setTransferFrom(u)}>
                  {t('customer:transfer.action')}
                </Button>
              )}
              {canUpdate && (
                <Button size="small" onClick={() => edit(u)}>
                  {t('edit')}
                </Button>
              )}
              {canUpdate && u.active && (
                <Popconfirm title={t('admin:users.deactivateConfirm', { name: u.name })} okText={t('admin:users.deactivate')} cancelText={t('cancel')} okButtonProps={{ danger: true }} onConfirm={() => setActive(u, false)} disabled={u.id === me.id}>
                  <Button size="small" danger disabled={u.id === me.id}>
                    {t('admin:users.deactivate')}
                  </Button>
                </Popconfirm>
              )}
              {canUpdate && !u.active && (
                <Button size="small" onClick={() => void setActive(u, true)}>
                  {t('admin:users.activate')}
                </Button>
              )}
            </Space>
          )
        }
      />
      <UserEditor
        user={editing}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          message.success(t('saved'));
          void refresh();
        }}
        refOptions={refOptions}
        roleOptions={roleOptions}
      />
      {transferFrom && (
        <TransferDialog open from={{ id: transferFrom.id, name: transferFrom.name }} onClose={() => setTransferFrom(null)} onDone={() => setTransferFrom(null)} />
      )}
    </>
  );
}
