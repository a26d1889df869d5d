/** Typed calls of the 消息中心 API (src/shared/schemas/notifications-api.ts is the contract). */
import type {
  MarkReadResponse,
  NotificationListResponse,
  ReadAllResponse,
  UnreadCountResponse,
} from '../../shared/schemas/notifications-api';
import { apiGet, apiPost } from './client';

const listeners = new Set<(count: number) => void>();

export const notificationsApi = {
  list: (q: { cursor?: string; limit?: number; unread?: boolean }) =>
    apiGet<NotificationListResponse>('/api/v1/notifications', {
      query: { cursor: q.cursor, limit: q.limit, unread: q.unread ? 'true' : undefined },
    }),
  unreadCount: () => apiGet<UnreadCountResponse>('/api/v1/notifications/unread-count'),
  markRead: (id: number) => apiPost<MarkReadResponse>(`/api/v1/notifications/${id}/read`),
  readAll: () => apiPost<ReadAllResponse>('/api/v1/notifications/read-all'),
  /** Tells the bell the new unread count (after marking read). */
  setUnread: (count: number) => listeners.forEach((l) => l(count)),
  onUnread: (l: (count: number) => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};
