// The chat API's calls, typed by the shapes the server sends.
import type { getSessionDetail } from '@/lib/chat/sessions';
import type { EscalationRef, MessageView, SessionView, Urgency } from '@/lib/conversations/views';
import { request, requestJson, type Fallbacks, type RequestOptions } from '../fetch';

/** GET /api/sessions/:id. */
export type SessionDetail = Awaited<ReturnType<typeof getSessionDetail>>;

const CHAT_FALLBACKS: Fallbacks = {
  404: 'This conversation no longer exists.',
  409: 'An answer is still being written in this conversation.',
  413: 'The message is too long.',
  429: 'You are sending messages quickly. Try again in a moment.',
};

const call = (url: string, init: RequestOptions = {}) => request(url, { ...init, fallbacks: CHAT_FALLBACKS });
const json = <T>(url: string, init: RequestOptions = {}) => requestJson<T>(url, { ...init, fallbacks: CHAT_FALLBACKS });

const enc = encodeURIComponent;

/** Unread support replies per conversation, and in all. */
export interface UnreadCounts {
  sessions: Record<string, number>;
  total: number;
}

export type ChatBody = {
  sessionId?: string;
  message?: string;
  machineModel?: string | null;
  serialNumber?: string | null;
  regenerate?: true;
};

export const chatApi = {
  listSessions: () => json<{ sessions: SessionView[] }>('/api/sessions').then((r) => r.sessions),
  getSession: (id: string, signal?: AbortSignal) => json<SessionDetail>(`/api/sessions/${enc(id)}`, { signal }),
  patchSession: (id: string, changes: { title?: string; machineModel?: string | null; serialNumber?: string | null }) =>
    json<{ session: SessionView }>(`/api/sessions/${enc(id)}`, { method: 'PATCH', json: changes }).then((r) => r.session),
  deleteSession: async (id: string) => {
    await call(`/api/sessions/${enc(id)}`, { method: 'DELETE' });
  },
  stop: async (id: string) => {
    await call(`/api/sessions/${enc(id)}/stop`, { method: 'POST', json: {} });
  },
  feedback: (messageId: string, body: { helpful: boolean; comment?: string }) =>
    json<{ message: MessageView }>(`/api/messages/${enc(messageId)}/feedback`, { method: 'POST', json: body }).then((r) => r.message),
  escalate: (id: string, body: { urgency: Urgency; note?: string; phone?: string }) =>
    json<{ escalation: EscalationRef }>(`/api/sessions/${enc(id)}/escalate`, { method: 'POST', json: body }).then((r) => r.escalation),
  dismissOffer: async (id: string) => {
    await call(`/api/sessions/${enc(id)}/escalation-offer`, { method: 'DELETE' });
  },
  /** Marks the conversation read; returns the unread support replies left. */
  markRead: (id: string) => json<UnreadCounts>(`/api/sessions/${enc(id)}/read`, { method: 'POST', json: {} }),
  /** Machine models the manuals cover; an empty list when the endpoint is missing or fails. */
  models: async () => {
    try {
      const r = await json<{ models?: unknown }>('/api/knowledge/models');
      return Array.isArray(r.models) ? r.models.filter((m): m is string => typeof m === 'string') : [];
    } catch {
      return [];
    }
  },
  /** Starts an answer; the response body is the event stream. */
  chat: (body: ChatBody, signal?: AbortSignal) =>
    call('/api/chat', { method: 'POST', json: body, signal, headers: { Accept: 'text/event-stream' } }),
};
