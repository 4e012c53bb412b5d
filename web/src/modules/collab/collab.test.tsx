import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { jsonResponse, renderWithProviders, testMe } from '../../test/render';
import { CommentThread } from './CommentThread';
import { NotificationBell } from './NotificationBell';
import { mentionIds, splitMentions } from './mentions';
import { notificationLink } from './notificationView';

afterEach(() => vi.unstubAllGlobals());

const comment = (id: number, body: string, extra: Record<string, unknown> = {}) => ({
  id, entity: 'account', recordId: 5, accountId: 5, body, mentions: [], author: { id: 1, name: 'Ada Admin' },
  createdAt: '2026-11-23T01:00:00Z', updatedAt: '2026-11-23T01:00:00Z', edited: false, canEdit: true, canDelete: true, ...extra,
});

function stubFetch(handler: (req: Request, path: string) => Response | Promise<Response>) {
  const calls: { req: Request; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const text = req.method === 'GET' || req.method === 'DELETE' ? '' : await req.clone().text();
      calls.push({ req, body: text ? JSON.parse(text) : undefined });
      return handler(req, new URL(req.url).pathname);
    }),
  );
  return calls;
}

describe('mentions', () => {
  it('keeps only picked users whose @Name is still in the text, once', () => {
    const picked = [{ id: 2, name: 'Li Lei' }, { id: 3, name: '王芳' }, { id: 2, name: 'Li Lei' }];
    expect(mentionIds('hi @Li Lei and @王芳', picked)).toEqual([2, 3]);
    expect(mentionIds('hi @王芳', picked)).toEqual([3]);
    expect(mentionIds('no mention', picked)).toEqual([]);
  });

  it('splits a body into text and mention parts, preferring the longest name', () => {
    expect(splitMentions('a @Li Lei b @Li c', ['Li', 'Li Lei'])).toEqual([
      { text: 'a ', mention: false },
      { text: '@Li Lei', mention: true },
      { text: ' b ', mention: false },
      { text: '@Li', mention: true },
      { text: ' c', mention: false },
    ]);
  });

  it('links notifications to their record', () => {
    expect(notificationLink({ entity: 'account', recordId: 5, params: {} })).toBe('/accounts/5');
    expect(notificationLink({ entity: 'contact', recordId: 9, params: { accountId: '5' } })).toBe('/accounts/5');
    expect(notificationLink({ entity: 'activity', recordId: 7, params: {} })).toBe('/activities?open=7');
    expect(notificationLink({ entity: '', recordId: null, params: {} })).toBeUndefined();
  });
});

describe('CommentThread', () => {
  it('renders bodies as text, never as HTML', async () => {
    stubFetch((_req, path) => {
      if (path === '/api/v1/accounts/5/comments') return jsonResponse(200, { items: [comment(1, '<img src=x onerror=alert(1)><b>bold</b>')], nextCursor: null });
      throw new Error(`unexpected ${path}`);
    });
    const { container } = renderWithProviders(<CommentThread entity="account" recordId={5} />);
    expect(await screen.findByText('<img src=x onerror=alert(1)><b>bold</b>', {}, { timeout: 5000 })).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[data-testid="comment-body"] b')).toBeNull();
  });

  it('searches the directory on @ and posts the comment, telling who was not notified', async () => {
    const calls = stubFetch((req, path) => {
      if (path === '/api/v1/accounts/5/comments' && req.method === 'GET') return jsonResponse(200, { items: [], nextCursor: null });
      if (path === '/api/v1/directory/users') return jsonResponse(200, { items: [{ id: 7, name: 'Wang', teamName: 'East' }] });
      if (path === '/api/v1/accounts/5/comments' && req.method === 'POST')
        return jsonResponse(201, { comment: comment(2, 'hello @Wang'), notNotified: [{ user: { id: 7, name: 'Wang' }, reason: 'no_access' }] });
      throw new Error(`unexpected ${req.method} ${path}`);
    });
    renderWithProviders(<CommentThread entity="account" recordId={5} />);
    await screen.findByText('No comments yet', {}, { timeout: 5000 });
    const box = screen.getAllByRole('textbox', { name: 'Comment' })[0] as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: '@W' } });
    box.setSelectionRange(2, 2);
    fireEvent.keyUp(box, { key: 'W' });
    // The picker asks the directory for the typed prefix (the dropdown itself is exercised in e2e).
    await waitFor(() => {
      const dir = calls.find((c) => new URL(c.req.url).pathname === '/api/v1/directory/users');
      expect(dir && new URL(dir.req.url).searchParams.get('q')).toBe('W');
    }, { timeout: 3000 });
    fireEvent.change(box, { target: { value: 'hello @Wang' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(calls.some((c) => c.req.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.req.method === 'POST')!;
    // Wang was typed, not picked: no id is sent for plain text.
    expect(post.body).toEqual({ body: 'hello @Wang', mentions: [] });
    expect(post.req.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await screen.findByText('Wang cannot see this record, so was not notified.', {}, { timeout: 5000 })).toBeTruthy();
    await waitFor(() => expect(box.value).toBe(''));
  });

  it('offers edit and delete only where the server allows them', async () => {
    const calls = stubFetch((req, path) => {
      if (path === '/api/v1/accounts/5/comments')
        return jsonResponse(200, { items: [comment(1, 'mine'), comment(2, 'theirs', { canEdit: false, canDelete: false, author: { id: 9, name: 'Bo' } })], nextCursor: null });
      if (path === '/api/v1/comments/1' && req.method === 'DELETE') return jsonResponse(204, null);
      throw new Error(`unexpected ${req.method} ${path}`);
    });
    renderWithProviders(<CommentThread entity="account" recordId={5} />);
    const mine = await screen.findByTestId('comment-1', {}, { timeout: 5000 });
    const theirs = screen.getByTestId('comment-2');
    expect(within(theirs).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(theirs).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(mine).getByRole('button', { name: 'Edit' })).toBeTruthy();
    fireEvent.click(within(mine).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Delete this comment?', {}, { timeout: 5000 });
    fireEvent.click(screen.getAllByRole('button', { name: 'Delete' }).at(-1)!);
    await waitFor(() => expect(calls.some((c) => c.req.method === 'DELETE' && new URL(c.req.url).pathname === '/api/v1/comments/1')).toBe(true));
  });
});

describe('NotificationBell', () => {
  it('shows the unread count and lists notifications worded in the reader language', async () => {
    stubFetch((_req, path) => {
      if (path === '/api/v1/me/notifications/unread-count') return jsonResponse(200, { count: 3 });
      if (path === '/api/v1/me/notifications')
        return jsonResponse(200, {
          items: [
            { id: 11, kind: 'mention', title: '华为技术', body: '@Ada look', params: { accountId: '5' }, entity: 'account', recordId: 5, actor: { id: 2, name: 'Li' }, createdAt: '2026-11-23T01:00:00Z', readAt: null },
            { id: 10, kind: 'reminder', title: 'Call back', body: '', params: {}, entity: 'activity', recordId: 7, actor: null, createdAt: '2026-11-23T00:00:00Z', readAt: '2026-11-23T00:10:00Z' },
          ],
          nextCursor: null,
        });
      throw new Error(`unexpected ${path}`);
    });
    renderWithProviders(<NotificationBell />, { me: testMe });
    const bell = await screen.findByRole('button', { name: 'Notifications, 3 unread' }, { timeout: 5000 });
    fireEvent.click(bell);
    expect(await screen.findByText('Li mentioned you on 华为技术', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('Reminder: Call back')).toBeTruthy();
  });
});
