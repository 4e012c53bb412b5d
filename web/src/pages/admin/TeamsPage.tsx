// Administration → Teams: hierarchy tree + metadata-driven list, with
// create / edit / delete.
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Popconfirm, Row, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Team } from '../../api/types';
import { RecordList, type ListQuery } from '../../components/record';
import { PageHeader } from '../../components/PageHeader';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { hasRight, RIGHTS } from '../../app/rights';
import { useMe } from '../../app/session';
import { TeamEditor } from './TeamEditor';
import { TeamTree } from './TeamTree';
import { teamsKey, useAllTeams, usersKey } from './useDirectory';

function fetchTeams(q: ListQuery) {
  return unwrap(
    api.GET('/api/v1/teams', {
      params: { query: { q: q.q, parentId: q.filters.parentId as number | undefined, sort: q.sort, cursor: q.cursor, limit: q.limit } },
    }),
  );
}

export default function TeamsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const all = useAllTeams();
  const teams = useMemo(() => all.data ?? [], [all.data]);
  const [editing, setEditing] = useState<Team | null>(null);
  const [open, setOpen] = useState(false);
  const canCreate = hasRight(me.rights, RIGHTS.teamCreate);
  const canUpdate = hasRight(me.rights, RIGHTS.teamUpdate);
  const canDelete = hasRight(me.rights, RIGHTS.teamDelete);

  const parentOptions = useMemo(() => teams.map((x) => ({ value: x.id, label: x.name })), [teams]);
  // Users show team and role names, so their lists are refreshed too.
  const refresh = () => Promise.all([teamsKey, usersKey].map((queryKey) => qc.invalidateQueries({ queryKey })));

  const edit = (team: Team | null) => {
    setEditing(team);
    setOpen(true);
  };

  const remove = async (team: Team) => {
    try {
      await unwrap(api.DELETE('/api/v1/teams/{id}', { params: { path: { id: team.id } } }));
      message.success(t('deleted'));
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.teams')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
              {t('admin:teams.create')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('admin:teams.hierarchy')} size="small" loading={all.isPending}>
            <TeamTree teams={teams} onSelect={canUpdate ? edit : undefined} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <RecordList<Team>
            entity="team"
            queryKey={[...teamsKey, 'list']}
            fetchPage={fetchTeams}
            defaultColumns={['name', 'description', 'parentId', 'memberCount']}
            exclude={['id', 'version']}
            filterFields={['parentId']}
            sortFields={['name', 'createdAt']}
            refOptions={{ parentId: parentOptions }}
            rowActions={(team) => (
              <Space size="small">
                {canUpdate && (
                  <Button size="small" onClick={() => edit(team)}>
                    {t('edit')}
                  </Button>
                )}
                {canDelete && (
                  <Popconfirm title={t('admin:teams.deleteConfirm', { name: team.name })} okText={t('delete')} cancelText={t('cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(team)}>
                    <Button size="small" danger>
                      {t('delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            )}
          />
        </Col>
      </Row>
      <TeamEditor
        team={editing}
        open={open}
        teams={teams}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          message.success(t('saved'));
          void refresh();
        }}
      />
    </>
  );
}
