// Administration → Custom fields (SPEC B2): pick an entity, list its fields (inactive ones too) with
// create/edit, activate/deactivate, delete and move up/down.
import { useState } from 'react';
import { App, Button, Popconfirm, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ifMatch, unwrap } from '../../api/client';
import type { CustomField } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { hasRight, RIGHTS } from '../../app/rights';
import { useMe } from '../../app/session';
import { FieldEditor } from './FieldEditor';

/** Entities that accept custom fields (the server accepts every entity with a `custom` column). */
export const CUSTOM_ENTITIES = ['account', 'contact'] as const;

export const customFieldsKey = (entity: string) => ['custom-fields', entity];

export default function CustomFieldsPage() {
  const { t, i18n } = useTranslation('customfield');
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const [entity, setEntity] = useState<string>(CUSTOM_ENTITIES[0]);
  const list = useQuery({
    queryKey: [...customFieldsKey(entity), i18n.language],
    queryFn: () => unwrap(api.GET('/api/v1/custom-fields', { params: { query: { entity, includeInactive: true } } })),
  });
  const items = list.data?.items ?? [];
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [open, setOpen] = useState(false);
  const canCreate = hasRight(me.rights, RIGHTS.customFieldCreate);
  const canUpdate = hasRight(me.rights, RIGHTS.customFieldUpdate);
  const canDelete = hasRight(me.rights, RIGHTS.customFieldDelete);

  // The metadata (forms, lists) shows custom fields too.
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: customFieldsKey(entity) }), qc.invalidateQueries({ queryKey: ['meta'] })]);
  const run = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) message.success(done);
    } catch (err) {
      notifyError(err);
    }
    await refresh();
  };
  const setActive = (f: CustomField, active: boolean) =>
    run(
      () => unwrap(api.PATCH('/api/v1/custom-fields/{id}', { params: { path: { id: f.id }, header: { 'If-Match': ifMatch(f.version) } }, body: { active } })),
      t('common:saved'),
    );
  const remove = (f: CustomField) => run(() => unwrap(api.DELETE('/api/v1/custom-fields/{id}', { params: { path: { id: f.id } } })), t('common:deleted'));
  const move = (index: number, delta: -1 | 1) => {
    const ids = items.map((i) => i.id);
    const j = index + delta;
    [ids[index], ids[j]] = [ids[j], ids[index]];
    return run(() => unwrap(api.POST('/api/v1/custom-fields/reorder', { body: { entity, ids } })));
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => (setEditing(null), setOpen(true))}>
              {t('create')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <span>{t('entity')}</span>
        <Segmented aria-label={t('entity')} value={entity} onChange={(v) => setEntity(String(v))} options={CUSTOM_ENTITIES.map((e) => ({ value: e, label: t(`entities.${e}`) }))} />
      </Space>
      {list.isError ? (
        <QueryErrorView error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CustomField>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('empty') }}
          columns={[
            { key: 'key', dataIndex: 'key', title: t('key') },
            { key: 'label', dataIndex: 'label', title: i18n.language === 'zh-CN' ? t('labelZh') : t('labelEn') },
            { key: 'type', dataIndex: 'type', title: t('type'), render: (v: string) => t(`types.${v}`) },
            {
              key: 'status',
              title: t('status'),
              render: (_: unknown, f) => (
                <Space size={4} wrap>
                  {f.active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>}
                  {f.required && <Tag color="red">{t('required')}</Tag>}
                  {f.filterable && <Tag color="blue">{t('filterable')}</Tag>}
                  {f.sensitive && <Tag color="orange">{t('sensitive')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'actions',
              title: t('common:actions'),
              render: (_: unknown, f, index) => (
                <Space size={4} wrap>
                  {canUpdate && (
                    <>
                      <Tooltip title={t('moveUp')}>
                        <Button size="small" aria-label={t('moveUp')} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => void move(index, -1)} />
                      </Tooltip>
                      <Tooltip title={t('moveDown')}>
                        <Button size="small" aria-label={t('moveDown')} icon={<ArrowDownOutlined />} disabled={index === items.length - 1} onClick={() => void move(index, 1)} />
                      </Tooltip>
                      <Button size="small" onClick={() => (setEditing(f), setOpen(true))}>
                        {t('common:edit')}
                      </Button>
                      <Button size="small" onClick={() => void setActive(f, !f.active)}>
                        {f.active ? t('deactivate') : t('activate')}
                      </Button>
                    </>
                  )}
                  {canDelete && (
                    <Popconfirm title={t('confirmDelete', { label: f.label })} onConfirm={() => remove(f)} okText={t('common:delete')} cancelText={t('common:cancel')}>
                      <Button size="small" danger>
                        {t('common:delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <FieldEditor open={open} entity={entity} field={editing} onClose={() => setOpen(false)} onSaved={refresh} />
    </>
  );
}
