// The typed API client. Every request carries the session cookie and the
// current UI language; a 401 outside the login call sends the user to /login.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { toApiError } from './problem';
import { currentLanguage } from '../i18n/language';
import { uuid } from './uuid';

let onUnauthorized: () => void = () => {
  const path = window.location.pathname;
  if (!PUBLIC_PATHS.includes(path)) {
    window.location.assign(`/login?next=${encodeURIComponent(path + window.location.search)}`);
  }
};

/** Pages that work without a session; a 401 there is expected, not a redirect. */
export const PUBLIC_PATHS = ['/login', '/setup', '/forgot-password', '/reset-password'];

/** Lets the app replace the default full-page redirect (e.g. with router navigation). */
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

const languageAndAuth: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
  onResponse({ request, response }) {
    const url = new URL(request.url, window.location.origin);
    const quiet = url.pathname === '/api/v1/auth/login' || url.pathname === '/api/v1/me';
    if (response.status === 401 && !quiet) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  // Look fetch up per call (not once at import) so tests and polyfills can replace it.
  fetch: (request) => globalThis.fetch(request),
});
api.use(languageAndAuth);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the response data, or rejects with an ApiError built from problem+json. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error, response.statusText);
  return data as T;
}

/**
 * Request options carrying a fresh Idempotency-Key, for creates: `api.POST(path, { body, ...idempotent() })`.
 * The server handles the header in a middleware, so the spec does not list it as a parameter.
 */
export function idempotent(): { headers: Record<string, string> } {
  return { headers: { 'Idempotency-Key': uuid() } };
}

/** The If-Match value for a record version (the server's ETag is the quoted version). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
