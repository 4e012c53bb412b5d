// Step 3: the first rows as they would be saved, problems highlighted, duplicates flagged.
import { Alert, Button, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportPreview, ImportPreviewRow } from './api';

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${show(x)}`).join('; ');
  return String(v);
}

export function PreviewStep({ job, preview, busy, onBack, onStart }: {
  job: ImportDetail;
  preview: ImportPreview;
  busy: boolean;
  onBack: () => void;
  onStart: () => void;
}) {
  const { t } = useTranslation('importer');
  const fields = job.fields ?? [];
  const mapped = Object.values(job.mapping ?? {}).filter(Boolean);
  const shown = fields.filter((f) => mapped.includes(f.name));
  const rows = preview.rows ?? [];
  const valueOf = (r: ImportPreviewRow, name: string) =>
    name.startsWith('custom.') ? (r.values?.custom as Record<string, unknown> | undefined)?.[name.slice(7)] : r.values?.[name];
  const columnOf = Object.fromEntries(Object.entries(job.mapping ?? {}).map(([col, name]) => [name, Number(col)]));
  const cellError = (r: ImportPreviewRow, name: string) => (r.errors ?? []).find((e) => e.field === name || e.field === `custom.${name}`);

  return (
    <Flex vertical gap="middle">
      <Space wrap>
        <Typography.Text>{t('preview.summary', { shown: rows.length, total: job.totalRows })}</Typography.Text>
        <Tag color={preview.invalid ? 'red' : 'green'}>{t('preview.invalid', { count: preview.invalid })}</Tag>
        <Tag color={preview.duplicates ? 'orange' : 'green'}>{t('preview.duplicates', { count: preview.duplicates })}</Tag>
        <Tag>{t(`mode.${job.duplicateMode}`)}</Tag>
      </Space>
      {preview.invalid > 0 && <Alert type="info" showIcon title={t('preview.invalidHint')} />}
      <Table<ImportPreviewRow>
        size="small"
        rowKey="row"
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={rows}
        rowClassName={(r) => ((r.errors ?? []).length ? 'import-row-error' : '')}
        onRow={(r) => ({ 'data-testid': `preview-row-${r.row}`, style: (r.errors ?? []).length ? { background: '#fff1f0' } : undefined }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('preview.row'), dataIndex: 'row', key: 'row', width: 60, fixed: 'left' },
          ...shown.map((f) => ({
            title: f.label,
            key: f.name,
            render: (_: unknown, r: ImportPreviewRow) => {
              const err = cellError(r, f.name);
              // References and coded values read best as typed in the file (a name, a label), not as ids or codes.
              const asTyped = err || f.type === 'ref' || f.type === 'dict' || f.type === 'enum';
              const text = asTyped ? (r.cells ?? [])[columnOf[f.name] ?? -1] ?? '' : show(valueOf(r, f.name));
              return err ? (
                <Tooltip title={err.message}>
                  <Typography.Text type="danger">{text || '—'}</Typography.Text>
                </Tooltip>
              ) : (
                text
              );
            },
          })),
          {
            title: t('preview.status'),
            key: 'status',
            render: (_: unknown, r: ImportPreviewRow) => {
              const errs = r.errors ?? [];
              if (errs.length)
                return (
                  <Flex vertical gap={2}>
                    {errs.map((e, i) => (
                      <Typography.Text key={i} type="danger">
                        {(fields.find((f) => f.name === e.field)?.label ?? e.field) ? `${fields.find((f) => f.name === e.field)?.label ?? e.field}: ` : ''}
                        {e.message}
                      </Typography.Text>
                    ))}
                  </Flex>
                );
              const dups = r.duplicates ?? [];
              if (dups.length || r.duplicateOfRow)
                return (
                  <Flex vertical gap={2}>
                    {dups.map((d) => (
                      <Tag key={d.id} color="orange">
                        {t('preview.duplicateOf', { name: d.name, id: d.id })}
                      </Tag>
                    ))}
                    {r.duplicateOfRow > 0 && <Tag color="orange">{t('preview.duplicateOfRow', { row: r.duplicateOfRow })}</Tag>}
                  </Flex>
                );
              if (r.hiddenMatches > 0) return <Tag>{t('preview.hidden', { count: r.hiddenMatches })}</Tag>;
              return <Tag color="green">{t('preview.ok')}</Tag>;
            },
          },
        ]}
      />
      <Flex justify="space-between">
        <Button onClick={onBack}>{t('preview.back')}</Button>
        <Button type="primary" loading={busy} onClick={onStart}>
          {t('preview.start', { count: job.totalRows })}
        </Button>
      </Flex>
    </Flex>
  );
}
