import { describe, expect, it } from 'vitest';
import { ApiError, locationToPath, toApiError } from './problem';
import { unwrap } from './client';

describe('problem+json mapping', () => {
  const body = {
    type: 'about:blank',
    title: 'Unprocessable Entity',
    status: 422,
    detail: 'validation failed',
    errors: [
      { location: 'body.email', message: 'email is already taken', value: 'a@b.c' },
      { location: 'body.email', message: 'must be lower case' },
      { location: 'body.grants[1].scope', message: 'unknown scope' },
      { location: 'query.limit', message: 'too large' },
    ],
  };

  it('builds a typed ApiError from a problem body', () => {
    const err = toApiError(422, body);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.message).toBe('validation failed');
    expect(err.problem.title).toBe('Unprocessable Entity');
  });

  it('maps body locations onto form field paths, grouped per field', () => {
    const err = toApiError(422, body);
    expect(err.fieldErrors).toEqual([
      { name: ['email'], errors: ['email is already taken', 'must be lower case'] },
      { name: ['grants', 1, 'scope'], errors: ['unknown scope'] },
    ]);
    expect(err.otherErrors).toEqual(['too large']);
  });

  it('parses locations', () => {
    expect(locationToPath('body.email')).toEqual(['email']);
    expect(locationToPath('body.address.city')).toEqual(['address', 'city']);
    expect(locationToPath('body')).toBeNull();
    expect(locationToPath('header.If-Match')).toBeNull();
    expect(locationToPath(undefined)).toBeNull();
  });

  it('falls back to the HTTP status for non-problem bodies', () => {
    const err = toApiError(502, '<html>bad gateway</html>', 'Bad Gateway');
    expect(err.status).toBe(502);
    expect(err.problem.title).toBe('Bad Gateway');
    expect(err.fieldErrors).toEqual([]);
  });

  it('unwrap rejects with the ApiError and resolves data on success', async () => {
    const fail = unwrap(Promise.resolve({ error: body, response: new Response(null, { status: 422 }) }));
    await expect(fail).rejects.toMatchObject({ status: 422, problem: { detail: 'validation failed' } });
    const ok = unwrap(Promise.resolve({ data: { id: 1 }, response: new Response(null, { status: 200 }) }));
    await expect(ok).resolves.toEqual({ id: 1 });
  });
});
