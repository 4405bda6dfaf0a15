// Same-origin calls to the chat API; every failure becomes an ApiError with a message fit to show.
import type { EscalationSummary, Message, Session, SessionDetail, Urgency } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from `Retry-After` on 429/503. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** fetch() itself failed: offline, DNS, connection reset. */
export class NetworkError extends Error {
  constructor() {
    super('Could not reach Fixline. Check your connection and try again.');
    this.name = 'NetworkError';
  }
}

const FALLBACK: Record<number, string> = {
  401: 'Your sign-in has expired. Sign in again to continue.',
  403: 'You are not allowed to do this.',
  404: 'This conversation no longer exists.',
  409: 'An answer is still being written in this conversation.',
  413: 'The message is too long.',
  429: 'You are sending messages quickly. Try again in a moment.',
};

export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds the ApiError of a non-2xx response from its `{ error: { code, message } }` body. */
export async function toApiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const message = body?.error?.message || FALLBACK[res.status] || (res.status >= 500 ? 'Fixline is having trouble right now. Try again in a moment.' : `The request failed (HTTP ${res.status}).`);
  return new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, message, parseRetryAfter(res.headers.get('retry-after')));
}

export async function request(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...rest,
      headers: { ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), Accept: 'application/json', ...headers },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new NetworkError();
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

async function json<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  return (await (await request(url, init)).json()) as T;
}

const enc = encodeURIComponent;

export const chatApi = {
  listSessions: () => json<{ sessions: Session[] }>('/api/sessions').then((r) => r.sessions),
  getSession: (id: string, signal?: AbortSignal) => json<SessionDetail>(`/api/sessions/${enc(id)}`, { signal }),
  patchSession: (id: string, changes: { title?: string; machineModel?: string | null; serialNumber?: string | null }) =>
    json<{ session: Session }>(`/api/sessions/${enc(id)}`, { method: 'PATCH', json: changes }).then((r) => r.session),
  deleteSession: async (id: string) => {
    await request(`/api/sessions/${enc(id)}`, { method: 'DELETE' });
  },
  stop: async (id: string) => {
    await request(`/api/sessions/${enc(id)}/stop`, { method: 'POST', json: {} });
  },
  feedback: (messageId: string, body: { helpful: boolean; comment?: string }) =>
    json<{ message: Message }>(`/api/messages/${enc(messageId)}/feedback`, { method: 'POST', json: body }).then((r) => r.message),
  escalate: (id: string, body: { urgency: Urgency; note?: string; phone?: string }) =>
    json<{ escalation: EscalationSummary }>(`/api/sessions/${enc(id)}/escalate`, { method: 'POST', json: body }).then((r) => r.escalation),
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
  chat: (body: { sessionId?: string; message?: string; machineModel?: string | null; serialNumber?: string | null; regenerate?: true }, signal?: AbortSignal) =>
    request('/api/chat', { method: 'POST', json: body, signal, headers: { Accept: 'text/event-stream' } }),
};
