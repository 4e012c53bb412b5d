// RecordForm: an antd Form built from field metadata. See README.md.
import { useMemo, useState, type ReactNode } from 'react';
import { Button, Form } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldInput } from './FieldInput';
import { fromFormValues, toFormValues } from './formValues';
import { isCustomField, namePath } from './customField';
import { useEntityMeta } from './useEntityMeta';
import type { EntityMeta, FieldMeta, RefOptions } from './types';
import { FullPageSpin } from '../FullPageSpin';
import { QueryErrorView } from '../QueryErrorView';
import { useErrorNotifier } from '../useErrorNotifier';

export interface RecordFormProps<V extends Record<string, unknown> = Record<string, unknown>> {
  /** Entity name in /api/v1/meta. */
  entity: string;
  /** Metadata to use instead of fetching /api/v1/meta. */
  meta?: EntityMeta;
  /** Pass your own instance to submit from outside (e.g. a Modal's OK button). */
  form?: FormInstance;
  /**
   * Fields to show, in order (default: every editable, non-sensitive field). The entity's custom
   * fields (`custom.<key>`) follow the listed ones unless customFields is false; sensitive custom
   * fields are left out when the record is masked for the user (`record.masked`).
   */
  fields?: string[];
  /** Append the entity's custom fields to `fields` (default true). */
  customFields?: boolean;
  /** The record being edited (API shape); dates are converted for the pickers. */
  record?: Partial<V>;
  /** Extra initial values (e.g. defaults on create). */
  initialValues?: Record<string, unknown>;
  /**
   * Called with the values in API shape. Reject with an ApiError and its
   * `errors[].location` (body.xxx) are shown under the matching fields;
   * other errors become a notification.
   */
  onSubmit: (values: V) => Promise<unknown>;
  /** Options for ref fields, keyed by field name. */
  refOptions?: RefOptions;
  /** Custom controls by field name (e.g. a time zone select for a string field). */
  controls?: Record<string, ReactNode>;
  /** Extra Form.Items after the generated ones (e.g. password, roles). */
  children?: ReactNode;
  /** Label of the built-in submit button; omit the button with hideSubmit. */
  submitText?: string;
  hideSubmit?: boolean;
  /** Called when submission starts/ends (for a Modal's confirmLoading). */
  onBusyChange?: (busy: boolean) => void;
}

export function RecordForm<V extends Record<string, unknown>>(props: RecordFormProps<V>) {
  const { meta, isPending, error } = useEntityMeta(props.entity, props.meta);
  if (error) return <QueryErrorView error={error} />;
  if (isPending || !meta) return <FullPageSpin />;
  return <RecordFormView {...props} meta={meta} />;
}

function rulesFor(f: FieldMeta, t: (k: string, o?: Record<string, unknown>) => string): FormRule[] {
  const rules: FormRule[] = [];
  if (f.required) rules.push({ required: true, message: t('record:required', { label: f.label }) });
  if (f.type === 'email') rules.push({ type: 'email', message: t('record:invalidEmail') });
  return rules;
}

function RecordFormView<V extends Record<string, unknown>>({
  meta,
  form: external,
  fields: names,
  customFields = true,
  record,
  initialValues,
  onSubmit,
  refOptions,
  controls,
  children,
  submitText,
  hideSubmit,
  onBusyChange,
}: RecordFormProps<V> & { meta: EntityMeta }) {
  const { t } = useTranslation();
  const [own] = Form.useForm();
  const form = external ?? own;
  const notifyError = useErrorNotifier();
  const [busy, setBusy] = useState(false);

  const fields = useMemo(() => {
    const all = meta.fields ?? [];
    if (!names) return all.filter((f) => !f.readOnly && !f.sensitive && f.type !== 'custom');
    const listed = names.map((n) => all.find((f) => f.name === n)).filter((f): f is FieldMeta => !!f);
    if (!customFields) return listed;
    const masked = (record as Record<string, unknown> | undefined)?.masked === true;
    const custom = all.filter((f) => isCustomField(f.name) && !names.includes(f.name) && !f.readOnly && !(f.sensitive && masked));
    return [...listed, ...custom];
  }, [meta, names, customFields, record]);

  const initial = useMemo(
    () => ({ ...initialValues, ...toFormValues(fields, record as Record<string, unknown> | undefined) }),
    [fields, record, initialValues],
  );

  const setBusyBoth = (b: boolean) => {
    setBusy(b);
    onBusyChange?.(b);
  };

  const finish = async (values: Record<string, unknown>) => {
    setBusyBoth(true);
    try {
      await onSubmit(fromFormValues(fields, values) as V);
    } catch (err) {
      notifyError(err, form);
    } finally {
      setBusyBoth(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={finish} scrollToFirstError>
      {fields.map((f) => (
        <Form.Item key={f.name} name={namePath(f.name)} label={f.label} rules={rulesFor(f, t)}>
          {controls?.[f.name] ?? <FieldInput field={f} refOptions={refOptions} disabled={f.readOnly} />}
        </Form.Item>
      ))}
      {children}
      {!hideSubmit && (
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitText ?? t('save')}
        </Button>
      )}
    </Form>
  );
}
