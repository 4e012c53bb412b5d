// The saved views of a list: pick one (own first, then those others shared),
// save the current filters/search/sort/columns as a new view, save changes to
// the chosen view, rename, share or unshare (with saved_view:share), delete.
import { useState } from 'react';
import { App, Button, Checkbox, Dropdown, Flex, Form, Input, Modal, Select, Tag } from 'antd';
import { DownOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createView, deleteView, updateView, useSavedViews, viewsKey, type SavedView } from './savedViews';
import { EMPTY_STATE, sameAsView, type ListState } from './useListState';
import { useErrorNotifier } from '../useErrorNotifier';

export interface ViewsBarProps {
  entity: string;
  state: ListState;
  /** Shows a state (a chosen view's, or the empty one). */
  onApply: (state: ListState) => void;
  /** The user holds saved_view:share. */
  canShare: boolean;
}

/** The list state a view stands for. */
export function stateOfView(v: SavedView): ListState {
  return {
    viewId: v.id,
    q: v.q || undefined,
    filters: v.filters ?? [],
    sort: v.sort || undefined,
    columns: v.columns?.length ? v.columns : undefined,
  };
}

function contentOf(s: ListState) {
  return { q: s.q ?? '', filters: s.filters, sort: s.sort ?? '', columns: s.columns ?? [] };
}

export function ViewsBar({ entity, state, onApply, canShare }: ViewsBarProps) {
  const { t } = useTranslation('record');
  const { message, modal } = App.useApp();
  const notifyError = useErrorNotifier();
  const qc = useQueryClient();
  const views = useSavedViews(entity);
  const [naming, setNaming] = useState<null | { mode: 'create' | 'rename'; view?: SavedView }>(null);
  const [form] = Form.useForm<{ name: string; shared?: boolean }>();
  const list = views.data ?? [];
  const current = list.find((v) => v.id === state.viewId);
  const dirty = !!current && !sameAsView(state, { ...current, filters: current.filters ?? [], columns: current.columns ?? [] });
  const refresh = () => qc.invalidateQueries({ queryKey: viewsKey(entity) });

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      await refresh();
      return true;
    } catch (err) {
      notifyError(err, naming ? form : undefined);
      return false;
    }
  };

  const submitName = async (values: { name: string; shared?: boolean }) => {
    if (!naming) return;
    let saved: SavedView | undefined;
    const ok = await run(async () => {
      saved =
        naming.mode === 'create'
          ? await createView({ entity, name: values.name, shared: canShare ? !!values.shared : undefined, ...contentOf(state) })
          : await updateView(naming.view!, { name: values.name });
    }, t('views.saved'));
    if (ok) {
      setNaming(null);
      if (saved && naming.mode === 'create') onApply(stateOfView(saved));
    }
  };

  const own = list.filter((v) => v.mine);
  const shared = list.filter((v) => !v.mine);
  const options = [
    ...(own.length ? [{ label: t('views.mine'), options: own.map((v) => ({ value: v.id, label: v.name, shared: v.shared })) }] : []),
    ...(shared.length ? [{ label: t('views.sharedWithMe'), options: shared.map((v) => ({ value: v.id, label: v.name, shared: true })) }] : []),
  ];

  const more = current?.mine
    ? [
        { key: 'rename', label: t('views.rename') },
        ...(canShare ? [{ key: 'share', label: current.shared ? t('views.unshare') : t('views.share') }] : []),
        { key: 'delete', label: t('views.delete'), danger: true },
      ]
    : [];
  const onMore = ({ key }: { key: string }) => {
    if (!current) return;
    if (key === 'rename') {
      form.setFieldsValue({ name: current.name });
      setNaming({ mode: 'rename', view: current });
    } else if (key === 'share') {
      void run(() => updateView(current, { shared: !current.shared }), current.shared ? t('views.unshared') : t('views.sharedDone'));
    } else if (key === 'delete') {
      modal.confirm({
        title: t('views.deleteConfirm', { name: current.name }),
        okButtonProps: { danger: true },
        okText: t('views.delete'),
        onOk: async () => {
          if (await run(() => deleteView(current.id), t('views.deleted'))) onApply(EMPTY_STATE);
        },
      });
    }
  };

  return (
    <Flex gap="small" wrap align="center" style={{ marginBottom: 12 }} data-testid="views-bar">
      <Select
        aria-label={t('views.label')}
        style={{ minWidth: 220 }}
        placeholder={t('views.all')}
        allowClear
        loading={views.isPending}
        value={current?.id}
        options={options}
        optionRender={(o) => (
          <Flex justify="space-between" gap="small">
            <span>{o.label}</span>
            {(o.data as { shared?: boolean }).shared && <Tag>{t('views.shared')}</Tag>}
          </Flex>
        )}
        onChange={(id?: number) => {
          const v = list.find((x) => x.id === id);
          onApply(v ? stateOfView(v) : EMPTY_STATE);
        }}
      />
      {current && dirty && <Tag color="orange">{t('views.modified')}</Tag>}
      {current?.mine && dirty && (
        <Button icon={<SaveOutlined />} onClick={() => void run(() => updateView(current, contentOf(state)), t('views.saved'))}>
          {t('views.update')}
        </Button>
      )}
      <Button
        onClick={() => {
          form.resetFields();
          setNaming({ mode: 'create' });
        }}
      >
        {t('views.saveAs')}
      </Button>
      {more.length > 0 && (
        <Dropdown menu={{ items: more, onClick: onMore }}>
          <Button aria-label={t('views.more')}>
            {t('views.more')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <Modal
        open={!!naming}
        title={naming?.mode === 'rename' ? t('views.rename') : t('views.saveAs')}
        okText={t('common:save')}
        onCancel={() => setNaming(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submitName(v)} preserve={false}>
          <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true, message: t('required', { label: t('views.name') }) }, { max: 100 }]}>
            <Input autoFocus maxLength={100} />
          </Form.Item>
          {naming?.mode === 'create' && canShare && (
            <Form.Item name="shared" valuePropName="checked">
              <Checkbox>{t('views.share')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
