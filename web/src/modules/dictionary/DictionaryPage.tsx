// Administration → Data dictionary (SPEC B1): the kinds on the left (a select on phones), the
// selected kind's items on the right with create/edit, activate/deactivate, delete (custom items
// only) and move up/down.
import { useState } from 'react';
import { App, Button, Flex, Grid, Menu, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ifMatch, unwrap } from '../../api/client';
import type { DictionaryItem } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { dictionaryKey, useDictionary } from '../../components/dictionary';
import { hasRight, RIGHTS } from '../../app/rights';
import { useMe } from '../../app/session';
import { ItemEditor } from './ItemEditor';

export const kindsKey = ['dictionary-kinds'];

export default function DictionaryPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();
  const screens = Grid.useBreakpoint();
  const kinds = useQuery({ queryKey: [...kindsKey, i18n.language], queryFn: () => unwrap(api.GET('/api/v1/dictionary')) });
  const [kind, setKind] = useState<string | undefined>();
  const current = kind ?? kinds.data?.items?.[0]?.kind;
  const dict = useDictionary(current);
  const [editing, setEditing] = useState<DictionaryItem | null>(null);
  const [open, setOpen] = useState(false);
  const canCreate = hasRight(me.rights, RIGHTS.dictionaryCreate);
  const canUpdate = hasRight(me.rights, RIGHTS.dictionaryUpdate);
  const canDelete = hasRight(me.rights, RIGHTS.dictionaryDelete);

  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: dictionaryKey(current) }), qc.invalidateQueries({ queryKey: kindsKey })]);
  const run = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) message.success(done);
    } catch (err) {
      notifyError(err);
    }
    await refresh();
  };
  const setActive = (it: DictionaryItem, active: boolean) =>
    run(
      () =>
        unwrap(api.PATCH('/api/v1/dictionary/items/{id}', { params: { path: { id: it.id }, header: { 'If-Match': ifMatch(it.version) } }, body: { active } })),
      t('saved'),
    );
  const remove = (it: DictionaryItem) =>
    run(() => unwrap(api.DELETE('/api/v1/dictionary/items/{id}', { params: { path: { id: it.id } } })), t('deleted'));
  const move = (index: number, delta: -1 | 1) => {
    const ids = dict.items.map((i) => i.id);
    const j = index + delta;
    [ids[index], ids[j]] = [ids[j], ids[index]];
    return run(() => unwrap(api.POST('/api/v1/dictionary/{kind}/reorder', { params: { path: { kind: current! } }, body: { ids } })));
  };

  if (kinds.isError) return <QueryErrorView error={kinds.error} onRetry={() => void kinds.refetch()} />;
  const kindOptions = (kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: `${k.label} (${k.itemCount})` }));
  const kindLabel = kinds.data?.items?.find((k) => k.kind === current)?.label;

  return (
    <>
      <PageHeader
        title={t('dictionary:title')}
        extra={
          canCreate &&
          current && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => (setEditing(null), setOpen(true))}>
              {t('dictionary:create')}
            </Button>
          )
        }
      />
      <Flex gap="middle" vertical={!screens.md}>
        {screens.md ? (
          <Menu
            aria-label={t('dictionary:kinds')}
            style={{ width: 220, flex: 'none' }}
            selectedKeys={current ? [current] : []}
            onClick={(e) => setKind(e.key)}
            items={kindOptions.map((o) => ({ key: o.value, label: o.label }))}
          />
        ) : (
          <Select aria-label={t('dictionary:kinds')} value={current} onChange={setKind} options={kindOptions} />
        )}
        <div style={{ flex: 1, minWidth: 0 }}>
          {kindLabel && <Typography.Title level={5}>{kindLabel}</Typography.Title>}
          {dict.isError ? (
            <QueryErrorView error={dict.error} onRetry={() => void dict.refetch()} />
          ) : (
            <Table<DictionaryItem>
              rowKey="id"
              size="middle"
              loading={dict.isPending && !!current}
              dataSource={dict.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'code', dataIndex: 'code', title: t('dictionary:code') },
                { key: 'labelZh', dataIndex: 'labelZh', title: t('dictionary:labelZh') },
                { key: 'labelEn', dataIndex: 'labelEn', title: t('dictionary:labelEn') },
                {
                  key: 'status',
                  title: t('dictionary:status'),
                  render: (_: unknown, it) => (
                    <Space size={4}>
                      {it.active ? <Tag color="green">{t('dictionary:active')}</Tag> : <Tag>{t('dictionary:inactive')}</Tag>}
                      {it.builtin && <Tag color="blue">{t('dictionary:builtin')}</Tag>}
                    </Space>
                  ),
                },
                {
                  key: 'actions',
                  title: t('actions'),
                  render: (_: unknown, it, index) => (
                    <Space size={4} wrap>
                      {canUpdate && (
                        <>
                          <Tooltip title={t('dictionary:moveUp')}>
                            <Button size="small" aria-label={t('dictionary:moveUp')} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => void move(index, -1)} />
                          </Tooltip>
                          <Tooltip title={t('dictionary:moveDown')}>
                            <Button
                              size="small"
                              aria-label={t('dictionary:moveDown')}
                              icon={<ArrowDownOutlined />}
                              disabled={index === dict.items.length - 1}
                              onClick={() => void move(index, 1)}
                            />
                          </Tooltip>
                          <Button size="small" onClick={() => (setEditing(it), setOpen(true))}>
                            {t('edit')}
                          </Button>
                          <Button size="small" onClick={() => void setActive(it, !it.active)}>
                            {it.active ? t('dictionary:deactivate') : t('dictionary:activate')}
                          </Button>
                        </>
                      )}
                      {canDelete && !it.builtin && (
                        <Popconfirm title={t('dictionary:confirmDelete', { label: it.code })} onConfirm={() => remove(it)}>
                          <Button size="small" danger>
                            {t('delete')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </div>
      </Flex>
      {current && <ItemEditor open={open} kind={current} item={editing} onClose={() => setOpen(false)} onSaved={refresh} />}
    </>
  );
}
