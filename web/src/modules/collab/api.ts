// Fetch functions of the collaboration module.
import { api, idempotent, unwrap } from '../../api/client';
import type { CommentEntity } from './types';

export const commentsKey = ['comments'] as const;
export const notificationsKey = ['me', 'notifications'] as const;
export const unreadKey = ['me', 'notifications', 'unread'] as const;

export function fetchComments(entity: CommentEntity, id: number, cursor?: string) {
  const params = { params: { path: { id }, query: { cursor, limit: 50 } } };
  switch (entity) {
    case 'account':
      return unwrap(api.GET('/api/v1/accounts/{id}/comments', params));
    case 'contact':
      return unwrap(api.GET('/api/v1/contacts/{id}/comments', params));
    case 'activity':
      return unwrap(api.GET('/api/v1/activities/{id}/comments', params));
  }
}

export function createComment(entity: CommentEntity, id: number, body: string, mentions: number[]) {
  const opts = { ...idempotent(), params: { path: { id } }, body: { body, mentions } };
  switch (entity) {
    case 'account':
      return unwrap(api.POST('/api/v1/accounts/{id}/comments', opts));
    case 'contact':
      return unwrap(api.POST('/api/v1/contacts/{id}/comments', opts));
    case 'activity':
      return unwrap(api.POST('/api/v1/activities/{id}/comments', opts));
  }
}

export function updateComment(id: number, body: string, mentions: number[]) {
  return unwrap(api.PATCH('/api/v1/comments/{id}', { params: { path: { id } }, body: { body, mentions } }));
}

export function deleteComment(id: number) {
  return unwrap(api.DELETE('/api/v1/comments/{id}', { params: { path: { id } } }));
}

export function searchDirectory(q: string) {
  return unwrap(api.GET('/api/v1/directory/users', { params: { query: { q } } }));
}

export function fetchNotifications(unread: boolean, cursor?: string, limit = 20) {
  return unwrap(api.GET('/api/v1/me/notifications', { params: { query: { unread: unread || undefined, cursor, limit } } }));
}

export function fetchUnreadCount() {
  return unwrap(api.GET('/api/v1/me/notifications/unread-count'));
}

export function markRead(id: number) {
  return unwrap(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } }));
}

export function markAllRead() {
  return unwrap(api.POST('/api/v1/me/notifications/read-all'));
}
