// The live events of a conversation: published by chat and escalation, carried between instances
// by the store, framed as Server-Sent Events (lib/live/sse.ts) and read back by the browser
// (lib/client/chat/parse-event.ts). The SSE event name is `type`.
import 'server-only';
import type { Citation } from '@/db/schema';
import type { EscalationRef, MessageView, SessionView } from '@/lib/conversations/views';

export type AnswerStatus = 'complete' | 'stopped' | 'interrupted' | 'failed';
export type AnswerMode = 'ai' | 'manuals_only';

/** Everything that happens live in a conversation; every reader of the conversation gets it. */
export type LiveEvent =
  | { type: 'generation'; messageId: string }
  | { type: 'token'; messageId: string; text: string; offset: number }
  | { type: 'reset'; messageId: string }
  /** `text`: the answer's final text, when its citation markers were renumbered in the order they appear. */
  | { type: 'citations'; messageId: string; citations: Citation[]; text?: string }
  /** On the wire the kind is the data's `type` field. */
  | { type: 'escalation'; kind: 'offer' | 'created' | 'status'; reason?: string; message?: string; escalation?: EscalationRef }
  | {
      type: 'done';
      messageId: string;
      status: AnswerStatus;
      mode: AnswerMode | null;
      model: string | null;
      fallbackUsed: boolean;
      usage: { promptTokens: number; completionTokens: number };
    }
  | { type: 'error'; messageId?: string; code: string; message: string }
  | { type: 'message'; message: MessageView }
  | { type: 'session'; session: SessionView };

/** The first event of `POST /api/chat` (a `session` event with `sessionId`): the conversation and the ids of the stored messages. */
export interface TurnStartedEvent {
  type: 'session';
  sessionId: string;
  userMessageId: string | null;
  assistantMessageId: string | null;
  title: string;
  created: boolean;
  session?: SessionView;
}

/** The text of the answer being written, for a reader joining mid-answer. */
export interface SnapshotEvent {
  type: 'snapshot';
  messageId: string;
  text: string;
}

/** Every event the chat's SSE streams carry. */
export type StreamEvent = LiveEvent | TurnStartedEvent | SnapshotEvent;

export type StreamEventName = StreamEvent['type'];

/** A support reply as a notification shows it. */
export interface ReplyNotice {
  sessionId: string;
  messageId: string;
  title: string;
  authorName: string | null;
  /** The start of the reply, as plain text. */
  preview: string;
}

/**
 * Events for every open tab of one user (`GET /api/sessions/unread/stream`): the unread support
 * replies per conversation, sent whole each time, with the reply that changed them, if any.
 */
export type UserEvent = { type: 'unread'; sessions: Record<string, number>; total: number; reply?: ReplyNotice };
