// Bulk actions on the selected rows of a RecordList, or on every record
// matching the list's current filters and search ("all matching", up to
// 10,000): assign an owner, add or remove tags, set one field, delete. The
// server runs them in one transaction (all or nothing); deletes and "all
// matching" runs ask for confirmation; the result says how many changed.
import { useState } from 'react';
import { App, Button, Flex, Form, Modal, Select, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { FieldMeta, RefOptions } from './types';
import { FieldInput } from './FieldInput';
import { TagSelect } from './TagSelect';
import { tagsKey } from './savedViews';
import { fromFormValues } from './formValues';
import { useErrorNotifier } from '../useErrorNotifier';

export type BulkAction = 'assign' | 'addTags' | 'removeTags' | 'edit' | 'delete';
export type BulkUrl = '/api/v1/accounts/bulk' | '/api/v1/contacts/bulk' | '/api/v1/activities/bulk';

export interface BulkConfig {
  /** The entity's bulk endpoint. */
  url: BulkUrl;
  /** Actions the user may run (decide by their rights). */
  actions: BulkAction[];
  /** Fields offered by "Edit field" (API names; the server's list for the entity). */
  editFields?: string[];
  /** Called after a successful run (invalidate the list). */
  onDone?: () => void;
}

export interface BulkBarProps {
  entity: string;
  config: BulkConfig;
  selectedIds: number[];
  /** The list's current search and conditions, for "all matching". */
  query: { q?: string; filters: string[] };
  fields: FieldMeta[];
  refOptions?: RefOptions;
  onClear: () => void;
}

interface BulkBody {
  ids?: number[];
  all?: boolean;
  filter?: string[];
  q?: string;
  action: BulkAction;
  ownerId?: number;
  tags?: string[];
  field?: string;
  value?: unknown;
}

function postBulk(url: BulkUrl, body: BulkBody) {
  // The three endpoints share one request and answer shape.
  return unwrap(api.POST(url as '/api/v1/accounts/bulk', { body: body as never }));
}

export function BulkBar({ entity, config, selectedIds, query, fields, refOptions, onClear }: BulkBarProps) {
  const { t } = useTranslation('record');
  const { message, modal } = App.useApp();
  const notifyError = useErrorNotifier();
  const [all, setAll] = useState(false);
  const [dialog, setDialog] = useState<BulkAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const editable = fields.filter((f) => (config.editFields ?? []).includes(f.name) || (f.name.startsWith('custom.') && config.editFields));
  const editField = Form.useWatch('field', form) as string | undefined;

  const run = async (body: BulkBody) => {
    const target = all ? { all: true, q: query.q, filter: query.filters } : { ids: selectedIds };
    setBusy(true);
    try {
      const res = await postBulk(config.url, { ...target, ...body });
      message.success(t('bulk.done', { changed: res.changed, matched: res.matched }));
      setDialog(null);
      setAll(false);
      onClear();
      config.onDone?.();
      if (body.action === 'addTags' || body.action === 'removeTags' || body.action === 'delete') void qc.invalidateQueries({ queryKey: tagsKey(entity) });
    } catch (err) {
      notifyError(err, dialog ? form : undefined);
    } finally {
      setBusy(false);
    }
  };

  // Deletes and "all matching" runs are confirmed first.
  const confirmed = (body: BulkBody) => {
    if (body.action !== 'delete' && !all) return void run(body);
    modal.confirm({
      title: t('bulk.confirmTitle'),
      content: [body.action === 'delete' ? t('bulk.confirmDelete', { count: all ? undefined : selectedIds.length }) : '', all ? t('bulk.confirmAll') : '']
        .filter(Boolean)
        .join(' '),
      okButtonProps: { danger: body.action === 'delete' },
      okText: t('bulk.run'),
      onOk: () => run(body),
    });
  };

  const submit = (values: Record<string, unknown>) => {
    const action = dialog!;
    if (action === 'assign') return confirmed({ action, ownerId: values.ownerId as number });
    if (action === 'addTags' || action === 'removeTags') return confirmed({ action, tags: values.tags as string[] });
    const field = editable.find((f) => f.name === values.field);
    if (!field) return;
    const converted = fromFormValues([{ ...field, name: 'value' }], { value: values.value });
    confirmed({ action: 'edit', field: field.name, value: converted.value ?? null });
  };

  const label = (a: BulkAction) => t(`bulk.${a}`);
  return (
    <Flex gap="small" wrap align="center" data-testid="bulk-bar">
      <Typography.Text strong>{all ? t('bulk.allMatchingOn') : t('selected', { count: selectedIds.length })}</Typography.Text>
      <Button size="small" type="link" onClick={() => setAll((x) => !x)}>
        {all ? t('bulk.onlySelected') : t('bulk.allMatching')}
      </Button>
      {config.actions.map((a) => (
        <Button
          key={a}
          size="small"
          danger={a === 'delete'}
          loading={busy && dialog === null && a === 'delete'}
          onClick={() => {
            if (a === 'delete') return confirmed({ action: 'delete' });
            form.resetFields();
            setDialog(a);
          }}
        >
          {label(a)}
        </Button>
      ))}
      <Button size="small" type="text" onClick={onClear}>
        {t('bulk.clear')}
      </Button>
      <Modal
        open={!!dialog}
        title={dialog ? label(dialog) : ''}
        okText={t('bulk.run')}
        confirmLoading={busy}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {all ? t('bulk.allMatchingOn') : t('selected', { count: selectedIds.length })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {dialog === 'assign' && (
            <Form.Item name="ownerId" label={t('bulk.owner')} rules={[{ required: true, message: t('required', { label: t('bulk.owner') }) }]}>
              <UserSelect />
            </Form.Item>
          )}
          {(dialog === 'addTags' || dialog === 'removeTags') && (
            <Form.Item name="tags" label={t('bulk.tags')} rules={[{ required: true, message: t('required', { label: t('bulk.tags') }) }]}>
              <TagSelect entity={entity} allowNew={dialog === 'addTags'} aria-label={t('bulk.tags')} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {dialog === 'edit' && (
            <>
              <Form.Item name="field" label={t('bulk.field')} rules={[{ required: true, message: t('required', { label: t('bulk.field') }) }]}>
                <Select aria-label={t('bulk.field')} options={editable.map((f) => ({ value: f.name, label: f.label }))} onChange={() => form.setFieldValue('value', undefined)} />
              </Form.Item>
              {editField && (
                <Form.Item name="value" label={t('bulk.value')}>
                  <FieldInput key={editField} field={editable.find((f) => f.name === editField)!} refOptions={refOptions} />
                </Form.Item>
              )}
            </>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}

/** Searches active users to pick a new owner (the server refuses owners outside the user's assign scope). */
function UserSelect(props: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const { t } = useTranslation('record');
  const [search, setSearch] = useState('');
  const users = useQuery({
    queryKey: ['users', 'bulk-owner', search],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: search || undefined, active: 'true', limit: 20 } } })),
  });
  return (
    <Select
      {...props}
      aria-label={t('bulk.owner')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))}
    />
  );
}
