// Fetch functions of the import wizard (SPEC I3). The upload is multipart, sent with fetch and FormData;
// everything else goes through the typed client.
import { api, ifMatch, unwrap } from '../../api/client';
import { toApiError } from '../../api/problem';
import { currentLanguage } from '../../i18n/language';
import type { ResponseOf } from '../../api/types';

export type ImportDetail = ResponseOf<'/api/v1/imports/{id}', 'get'>;
export type ImportJob = NonNullable<ResponseOf<'/api/v1/imports', 'get'>['items']>[number];
export type ImportField = NonNullable<ImportDetail['fields']>[number];
export type ImportPreview = ResponseOf<'/api/v1/imports/{id}/preview', 'get'>;
export type ImportPreviewRow = NonNullable<ImportPreview['rows']>[number];
export type ImportRowError = NonNullable<ImportDetail['errors']>[number];
export type ImportEntity = ImportDetail['entity'];
export type DuplicateMode = ImportDetail['duplicateMode'];

export const importsKey = ['imports'] as const;

/** Statuses after which nothing changes any more. */
export const FINISHED = ['done', 'failed', 'cancelled'] as const;
export const isFinished = (status: string) => (FINISHED as readonly string[]).includes(status);

export async function uploadImport(entity: ImportEntity, file: File): Promise<ImportDetail> {
  const form = new FormData();
  form.append('entity', entity);
  form.append('file', file, file.name);
  const res = await globalThis.fetch('/api/v1/imports', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'Accept-Language': currentLanguage() },
  });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw toApiError(res.status, body, res.statusText);
  return body as ImportDetail;
}

export function fetchImport(id: number) {
  return unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));
}

export function fetchImports(cursor?: string) {
  return unwrap(api.GET('/api/v1/imports', { params: { query: { cursor, limit: 50 } } }));
}

export function configureImport(job: ImportDetail, body: { mapping?: Record<string, string>; duplicateMode?: DuplicateMode }) {
  return unwrap(
    api.PATCH('/api/v1/imports/{id}', { params: { path: { id: job.id }, header: { 'If-Match': ifMatch(job.version) } }, body }),
  );
}

export function fetchPreview(id: number, limit = 50) {
  return unwrap(api.GET('/api/v1/imports/{id}/preview', { params: { path: { id }, query: { limit } } }));
}

export function startImport(id: number) {
  return unwrap(api.POST('/api/v1/imports/{id}/start', { params: { path: { id } } }));
}

export function cancelImport(id: number) {
  return unwrap(api.POST('/api/v1/imports/{id}/cancel', { params: { path: { id } } }));
}

export const errorsUrl = (id: number) => `/api/v1/imports/${id}/errors.csv`;
export const templateUrl = (entity: ImportEntity, format: 'csv' | 'xlsx') =>
  `/api/v1/imports/template?entity=${entity}&format=${format}`;

/** The file name the server proposed (RFC 6266 filename* first). */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      /* fall through */
    }
  }
  const plain = disposition && /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]! : fallback;
}

/** Downloads a file with the session and the UI language (labels in the file follow it). */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await globalThis.fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': currentLanguage() } });
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON */
    }
    throw toApiError(res.status, body, res.statusText);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 0);
}
