// Create / edit a team in a modal, with parent selection (a team cannot be
// moved below itself or its own sub-teams).
import { useMemo, useState } from 'react';
import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ifMatch, unwrap, idempotent } from '../../api/client';
import type { Team, TeamCreate } from '../../api/types';
import { RecordForm } from '../../components/record';
import { subtreeIds } from './useDirectory';

export interface TeamEditorProps {
  team: Team | null;
  open: boolean;
  teams: Team[];
  onClose: () => void;
  onSaved: (t: Team) => void;
}

export function TeamEditor({ team, open, teams, onClose, onSaved }: TeamEditorProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);

  const parentOptions = useMemo(() => {
    const blocked = team ? subtreeIds(teams, team.id) : new Set<number>();
    return teams.filter((x) => !blocked.has(x.id)).map((x) => ({ value: x.id, label: x.name }));
  }, [team, teams]);

  const submit = async (values: Record<string, unknown>) => {
    const body = { ...values, parentId: values.parentId ?? null } as TeamCreate;
    const saved = team
      ? await unwrap(api.PATCH('/api/v1/teams/{id}', { params: { path: { id: team.id }, header: { 'If-Match': ifMatch(team.version) } }, body }))
      : await unwrap(api.POST('/api/v1/teams', { ...idempotent(), body }));
    onSaved(saved);
  };

  return (
    <Modal title={team ? t('admin:teams.edit') : t('admin:teams.create')} open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('save')} cancelText={t('cancel')} destroyOnHidden>
      <RecordForm entity="team" form={form} fields={['name', 'description', 'parentId']} record={team ?? undefined} refOptions={{ parentId: parentOptions }} onSubmit={submit} onBusyChange={setBusy} hideSubmit />
    </Modal>
  );
}
