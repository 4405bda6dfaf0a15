// Reads the chat's SSE events back into the events the server framed (lib/live/events.ts).
import type { Citation } from '@/lib/conversations/views';
import type { EscalationRef, MessageView, SessionView } from '@/lib/conversations/views';
import type { AnswerStatus, StreamEvent } from '@/lib/live/events';
import type { SseMessage } from '../sse-parser';

type Data = Record<string, unknown>;

const str = (v: unknown): v is string => typeof v === 'string';

/** Turns one SSE message of the chat streams into a typed event; unknown or malformed ones give null. */
export function toStreamEvent(name: string, raw: string): StreamEvent | null {
  let data: Data;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return null;
    data = parsed as Data;
  } catch {
    return null;
  }
  switch (name) {
    case 'session':
      // POST /api/chat opens with { sessionId, … }; the live stream sends { session } on changes.
      if (str(data.sessionId)) {
        return {
          type: 'session',
          sessionId: data.sessionId,
          userMessageId: str(data.userMessageId) ? data.userMessageId : null,
          assistantMessageId: str(data.assistantMessageId) ? data.assistantMessageId : null,
          title: str(data.title) ? data.title : '',
          created: data.created === true,
          ...(data.session && typeof data.session === 'object' ? { session: data.session as SessionView } : {}),
        };
      }
      return data.session && typeof data.session === 'object' ? { type: 'session', session: data.session as SessionView } : null;
    case 'generation':
    case 'reset':
      return str(data.messageId) ? { type: name, messageId: data.messageId } : null;
    case 'snapshot':
      return str(data.messageId) && str(data.text) ? { type: 'snapshot', messageId: data.messageId, text: data.text } : null;
    case 'token':
      return str(data.messageId) && str(data.text) && typeof data.offset === 'number'
        ? { type: 'token', messageId: data.messageId, text: data.text, offset: data.offset }
        : null;
    case 'citations':
      return str(data.messageId) && Array.isArray(data.citations)
        ? {
            type: 'citations',
            messageId: data.messageId,
            citations: data.citations as Citation[],
            ...(typeof data.text === 'string' ? { text: data.text } : {}),
          }
        : null;
    case 'escalation': {
      const kind = data.type;
      if (kind !== 'offer' && kind !== 'created' && kind !== 'status') return null;
      return {
        type: 'escalation',
        kind,
        reason: str(data.reason) ? data.reason : undefined,
        message: str(data.message) ? data.message : undefined,
        escalation: data.escalation && typeof data.escalation === 'object' ? (data.escalation as EscalationRef) : undefined,
      };
    }
    case 'done': {
      if (!str(data.messageId) || !str(data.status)) return null;
      const usage = data.usage as { promptTokens?: unknown; completionTokens?: unknown } | undefined;
      return {
        type: 'done',
        messageId: data.messageId,
        status: data.status as AnswerStatus,
        mode: data.mode === 'ai' || data.mode === 'manuals_only' ? data.mode : null,
        model: str(data.model) ? data.model : null,
        fallbackUsed: data.fallbackUsed === true,
        usage: { promptTokens: Number(usage?.promptTokens) || 0, completionTokens: Number(usage?.completionTokens) || 0 },
      };
    }
    case 'error':
      return {
        type: 'error',
        messageId: str(data.messageId) ? data.messageId : undefined,
        code: str(data.code) ? data.code : 'error',
        message: str(data.message) ? data.message : 'Something went wrong while writing the answer.',
      };
    case 'message':
      return data.message && typeof data.message === 'object' ? { type: 'message', message: data.message as MessageView } : null;
    default:
      return null;
  }
}

export function fromSse(message: SseMessage): StreamEvent | null {
  return toStreamEvent(message.event, message.data);
}
