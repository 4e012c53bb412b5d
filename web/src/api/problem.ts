// RFC 9457 problem+json handling: turns error bodies into a typed ApiError
// and maps `errors[].location` (e.g. "body.email") onto form field names.

export interface ProblemFieldError {
  location?: string;
  message?: string;
  value?: unknown;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
}

/** A field path as antd Form understands it, e.g. ['grants', 0, 'scope']. */
export type FieldPath = (string | number)[];

export interface FieldError {
  name: FieldPath;
  errors: string[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Errors that belong to a request body field, grouped per field. */
  get fieldErrors(): FieldError[] {
    return fieldErrorsOf(this.problem);
  }

  /** Errors not tied to a body field (query, header, or no location). */
  get otherErrors(): string[] {
    return (this.problem.errors ?? [])
      .filter((e) => !locationToPath(e.location))
      .map((e) => e.message ?? '')
      .filter(Boolean);
  }
}

function isProblemLike(body: unknown): body is Partial<Problem> {
  return typeof body === 'object' && body !== null && ('title' in body || 'detail' in body || 'status' in body);
}

/** Builds an ApiError from an HTTP status and whatever the server sent. */
export function toApiError(status: number, body: unknown, statusText = ''): ApiError {
  if (isProblemLike(body)) {
    return new ApiError({
      type: body.type,
      title: body.title || statusText || `HTTP ${status}`,
      status: typeof body.status === 'number' ? body.status : status,
      detail: body.detail,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
    });
  }
  const detail = typeof body === 'string' && body.trim() !== '' && body.length < 500 ? body : undefined;
  return new ApiError({ title: statusText || `HTTP ${status}`, status, detail });
}

/**
 * "body.email" → ['email']; "body.grants[0].scope" → ['grants', 0, 'scope'];
 * anything not under "body" → null.
 */
export function locationToPath(location: string | undefined): FieldPath | null {
  if (!location) return null;
  const parts = location.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
  if (parts[0] !== 'body' || parts.length < 2) return null;
  return parts.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function fieldErrorsOf(problem: Problem): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const e of problem.errors ?? []) {
    const name = locationToPath(e.location);
    if (!name) continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message ?? problem.title);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
