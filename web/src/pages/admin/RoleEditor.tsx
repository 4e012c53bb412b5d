// Create / edit a role in a drawer: name, description and its grants.
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Flex, Form, Input, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roleName } from '../../lib/roleText';
import { api, ifMatch, unwrap, idempotent } from '../../api/client';
import type { Role, RoleCreate } from '../../api/types';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { GrantsEditor } from './GrantsEditor';

export interface RoleEditorProps {
  role: Role | null;
  open: boolean;
  onClose: () => void;
  onSaved: (r: Role) => void;
}

export function RoleEditor({ role, open, onClose, onSaved }: RoleEditorProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RoleCreate>();
  const [busy, setBusy] = useState(false);
  const notifyError = useErrorNotifier();
  const rights = useQuery({ queryKey: ['rights', i18n.language], queryFn: () => unwrap(api.GET('/api/v1/rights')), staleTime: 5 * 60_000, enabled: open });

  useEffect(() => {
    if (open) form.setFieldsValue({ name: role?.name ?? '', description: role?.description ?? '', grants: role?.grants ?? [] });
  }, [open, role, form]);

  const submit = async (body: RoleCreate) => {
    setBusy(true);
    try {
      const saved = role
        ? await unwrap(api.PATCH('/api/v1/roles/{id}', { params: { path: { id: role.id }, header: { 'If-Match': ifMatch(role.version) } }, body }))
        : await unwrap(api.POST('/api/v1/roles', { ...idempotent(), body: { ...body, grants: body.grants ?? [] } }));
      onSaved(saved);
    } catch (err) {
      notifyError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={role ? t('admin:roles.edit', { name: roleName(role, t) }) : t('admin:roles.create')}
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        <Flex gap="small">
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('save')}
          </Button>
        </Flex>
      }
    >
      {role?.builtin && <Alert type="info" showIcon title={t('admin:roles.builtinHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('admin:roles.name')} rules={[{ required: true, message: t('required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('admin:roles.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="grants" label={t('admin:roles.rights')}>
          {rights.isPending ? <Spin /> : <GrantsEditor rights={rights.data?.items ?? []} />}
        </Form.Item>
      </Form>
    </Drawer>
  );
}
