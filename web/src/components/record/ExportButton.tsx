// ExportButton: downloads the current list view (filters, search, sort, visible
// columns) as CSV or Excel from an export endpoint, with the browser's session.
import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/problem';
import { currentLanguage } from '../../i18n/language';
import { toFilterParams, type Typed } from './filterParams';
import type { ListQuery } from './types';

export type ExportFormat = 'csv' | 'xlsx';

/** List parameters of an export: the same `q`, `filter` and `sort` the list endpoint takes. */
export interface ExportParams {
  q?: string;
  filter?: string[];
  sort?: string;
}

export interface ExportButtonProps {
  /** The export endpoint, e.g. "/api/v1/accounts/export". */
  url: string;
  params: ExportParams;
  /** API field names of the visible columns (empty: the server's default, every field). */
  columns: string[];
}

/** The export's list parameters for the current view of a list (the same conditions as the list). */
export function listExportParams(q: Pick<ListQuery, 'q' | 'filters' | 'rawFilters' | 'sort'>, fields?: Typed[]): ExportParams {
  return { q: q.q || undefined, filter: [...toFilterParams(q.filters, fields), ...(q.rawFilters ?? [])], sort: q.sort };
}

/** Builds the export URL with the list's parameters. */
export function exportHref(url: string, format: ExportFormat, params: ExportParams, columns: string[]): string {
  const sp = new URLSearchParams();
  sp.set('format', format);
  if (params.q) sp.set('q', params.q);
  for (const f of params.filter ?? []) sp.append('filter', f);
  if (params.sort) sp.set('sort', params.sort);
  if (columns.length) sp.set('columns', columns.join(','));
  return `${url}?${sp.toString()}`;
}

/** The file name the server proposed (RFC 6266 filename* first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]! : fallback;
}

export function ExportButton({ url, params, columns }: ExportButtonProps) {
  const { t } = useTranslation('record');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const download = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const res = await fetch(exportHref(url, format, params, columns), {
        credentials: 'same-origin',
        headers: { 'Accept-Language': currentLanguage() },
      });
      if (!res.ok) {
        let body: unknown = null;
        try {
          body = await res.json();
        } catch {
          /* not JSON */
        }
        const err = toApiError(res.status, body, res.statusText);
        message.error([err.message, ...err.otherErrors].filter(Boolean).join(' — '));
        return;
      }
      const blob = await res.blob();
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = fileNameOf(res.headers.get('Content-Disposition'), `export.${format}`);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 0);
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('exportFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: t('exportCsv') },
          { key: 'xlsx', label: t('exportXlsx') },
        ],
        onClick: ({ key }) => void download(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="export-button">
        {t('export')}
      </Button>
    </Dropdown>
  );
}
