// Step 2: map each column of the file to a field (suggestions pre-filled) and choose what happens to
// duplicates.
import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Radio, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateMode, ImportDetail } from './api';

export interface MapResult {
  mapping: Record<string, string>;
  duplicateMode: DuplicateMode;
}

export function MapStep({ job, samples, busy, onNext }: {
  job: ImportDetail;
  /** First data rows (cells as uploaded), shown as examples. */
  samples: string[][];
  busy: boolean;
  onNext: (r: MapResult) => void;
}) {
  const { t } = useTranslation('importer');
  const [mapping, setMapping] = useState<Record<string, string>>(() => ({ ...(job.mapping ?? {}) }));
  const [mode, setMode] = useState<DuplicateMode>(job.duplicateMode);
  const fields = job.fields ?? [];
  const used = new Set(Object.values(mapping).filter(Boolean));
  const missing = fields.filter((f) => f.required && !used.has(f.name));

  const rows = useMemo(
    () => (job.headers ?? []).map((h, i) => ({ key: String(i), header: h, sample: samples.map((r) => r[i] ?? '').filter(Boolean).slice(0, 2).join(' / ') })),
    [job.headers, samples],
  );

  return (
    <Flex vertical gap="middle">
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('map.column'), dataIndex: 'header', key: 'header', render: (h: string) => <Typography.Text strong>{h || '—'}</Typography.Text> },
          { title: t('map.sample'), dataIndex: 'sample', key: 'sample', render: (s: string) => <Typography.Text type="secondary">{s}</Typography.Text> },
          {
            title: t('map.field'),
            key: 'field',
            width: 280,
            render: (_: unknown, r: { key: string }) => (
              <Select
                aria-label={t('map.fieldFor', { column: rows[Number(r.key)]?.header })}
                style={{ width: '100%' }}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('map.ignore')}
                value={mapping[r.key] || undefined}
                onChange={(v?: string) => setMapping((m) => ({ ...m, [r.key]: v ?? '' }))}
                options={fields.map((f) => ({
                  value: f.name,
                  label: f.required ? `${f.label} *` : f.label,
                  disabled: used.has(f.name) && mapping[r.key] !== f.name,
                }))}
              />
            ),
          },
        ]}
      />
      {missing.length > 0 && (
        <Alert type="warning" showIcon title={t('map.missing', { fields: missing.map((f) => f.label).join(', ') })} />
      )}
      <Flex vertical gap="small">
        <Typography.Text strong>{t('map.duplicates')}</Typography.Text>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as DuplicateMode)}>
          <Flex vertical gap={4}>
            <Radio value="skip">{t('mode.skip')}</Radio>
            <Radio value="update">{t('mode.update')}</Radio>
            <Radio value="create">{t('mode.create')}</Radio>
          </Flex>
        </Radio.Group>
      </Flex>
      <Flex justify="end">
        <Button type="primary" loading={busy} disabled={missing.length > 0} onClick={() => onNext({ mapping, duplicateMode: mode })}>
          {t('map.next')}
        </Button>
      </Flex>
    </Flex>
  );
}
