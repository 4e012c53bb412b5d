// Create or edit one dictionary item: code (only on create), both labels, active.
import { useEffect } from 'react';
import { App, Form, Input, Modal, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, idempotent, ifMatch, unwrap } from '../../api/client';
import type { DictionaryItem } from '../../api/types';
import { useErrorNotifier } from '../../components/useErrorNotifier';

interface Values {
  code: string;
  labelZh: string;
  labelEn: string;
  active: boolean;
}

export function ItemEditor({ open, kind, item, onClose, onSaved }: { open: boolean; kind: string; item: DictionaryItem | null; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (open) form.setFieldsValue(item ? { code: item.code, labelZh: item.labelZh, labelEn: item.labelEn, active: item.active } : { code: '', labelZh: '', labelEn: '', active: true });
  }, [open, item, form]);

  const save = async (v: Values) => {
    try {
      if (item) {
        await unwrap(
          api.PATCH('/api/v1/dictionary/items/{id}', {
            params: { path: { id: item.id }, header: { 'If-Match': ifMatch(item.version) } },
            body: { labelZh: v.labelZh, labelEn: v.labelEn, active: v.active },
          }),
        );
      } else {
        await unwrap(api.POST('/api/v1/dictionary/{kind}/items', { params: { path: { kind } }, body: v, ...idempotent() }));
      }
      message.success(t('saved'));
      await onSaved();
      onClose();
    } catch (err) {
      notifyError(err, form);
    }
  };

  return (
    <Modal open={open} title={item ? t('dictionary:edit') : t('dictionary:create')} onCancel={onClose} onOk={() => form.submit()} okText={t('save')} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="code"
          label={t('dictionary:code')}
          extra={item ? t('dictionary:codeFixed') : t('dictionary:codeHint')}
          rules={[{ required: true, pattern: /^[a-z0-9_]{1,50}$/, message: t('dictionary:codeHint') }]}
        >
          <Input disabled={!!item} autoComplete="off" />
        </Form.Item>
        <Form.Item name="labelZh" label={t('dictionary:labelZh')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="labelEn" label={t('dictionary:labelEn')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('dictionary:active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
