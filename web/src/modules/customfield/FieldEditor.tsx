// Create or edit one custom field: key and type (only on create), both labels, options for the select
// types, and the required / filterable / sensitive / active flags.
import { useEffect } from 'react';
import { App, Button, Checkbox, Flex, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, idempotent, ifMatch, unwrap } from '../../api/client';
import type { CustomField, CustomFieldOption, CustomFieldType } from '../../api/types';
import { useErrorNotifier } from '../../components/useErrorNotifier';

export const FIELD_TYPES: CustomFieldType[] = ['text', 'number', 'money', 'date', 'select', 'multiselect', 'boolean', 'user'];
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export const hasOptions = (type: CustomFieldType | undefined) => type === 'select' || type === 'multiselect';

interface Values {
  key: string;
  type: CustomFieldType;
  labelZh: string;
  labelEn: string;
  options: CustomFieldOption[];
  flags: ('required' | 'filterable' | 'sensitive')[];
  active: boolean;
}

export interface FieldEditorProps {
  open: boolean;
  entity: string;
  field: CustomField | null;
  onClose: () => void;
  onSaved: () => unknown;
}

export function FieldEditor({ open, entity, field, onClose, onSaved }: FieldEditorProps) {
  const { t } = useTranslation('customfield');
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      field
        ? {
            key: field.key,
            type: field.type,
            labelZh: field.labelZh,
            labelEn: field.labelEn,
            options: field.options ?? [],
            flags: (['required', 'filterable', 'sensitive'] as const).filter((f) => field[f]),
            active: field.active,
          }
        : { key: '', type: 'text', labelZh: '', labelEn: '', options: [], flags: [], active: true },
    );
  }, [open, field, form]);

  const save = async (v: Values) => {
    const flags = { required: v.flags.includes('required'), filterable: v.flags.includes('filterable'), sensitive: v.flags.includes('sensitive') };
    const options = hasOptions(v.type) ? (v.options ?? []) : undefined;
    try {
      if (field) {
        await unwrap(
          api.PATCH('/api/v1/custom-fields/{id}', {
            params: { path: { id: field.id }, header: { 'If-Match': ifMatch(field.version) } },
            body: { labelZh: v.labelZh, labelEn: v.labelEn, options, active: v.active, ...flags },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/v1/custom-fields', {
            ...idempotent(),
            body: { entity, key: v.key, type: v.type, labelZh: v.labelZh, labelEn: v.labelEn, options, active: v.active, ...flags },
          }),
        );
      }
      message.success(t('common:saved'));
      await onSaved();
      onClose();
    } catch (err) {
      notifyError(err, form);
    }
  };

  return (
    <Modal
      open={open}
      title={field ? t('edit') : t('create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:save')}
      cancelText={t('common:cancel')}
      destroyOnHidden
      forceRender
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="key" label={t('key')} extra={field ? t('keyFixed') : t('keyHint')} rules={[{ required: true, pattern: KEY_PATTERN, message: t('keyHint') }]}>
          <Input disabled={!!field} autoComplete="off" />
        </Form.Item>
        <Form.Item name="type" label={t('type')} rules={[{ required: true }]}>
          <Select disabled={!!field} options={FIELD_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))} />
        </Form.Item>
        <Form.Item name="labelZh" label={t('labelZh')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="labelEn" label={t('labelEn')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        {hasOptions(type) && (
          <Form.Item label={t('options')} extra={t('optionsHint')} required>
            <Form.List name="options">
              {(items, { add, remove }) => (
                <Flex vertical gap={8}>
                  {items.map(({ key, name }) => (
                    <Space key={key} align="baseline" wrap>
                      <Form.Item name={[name, 'value']} noStyle rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,50}$/ }]}>
                        <Input placeholder={t('optionValue')} aria-label={t('optionValue')} style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[name, 'labelZh']} noStyle rules={[{ required: true, whitespace: true }]}>
                        <Input placeholder={t('labelZh')} aria-label={t('labelZh')} style={{ width: 150 }} />
                      </Form.Item>
                      <Form.Item name={[name, 'labelEn']} noStyle rules={[{ required: true, whitespace: true }]}>
                        <Input placeholder={t('labelEn')} aria-label={t('labelEn')} style={{ width: 150 }} />
                      </Form.Item>
                      <Button type="text" aria-label={t('removeOption')} icon={<MinusCircleOutlined />} onClick={() => remove(name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', labelZh: '', labelEn: '' })}>
                    {t('addOption')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Form.Item name="flags" label={t('flags')}>
          <Checkbox.Group
            options={[
              { value: 'required', label: t('required') },
              { value: 'filterable', label: t('filterable') },
              { value: 'sensitive', label: t('sensitive') },
            ]}
          />
        </Form.Item>
        <Form.Item name="active" label={t('active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
