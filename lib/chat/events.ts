import type { Citation } from '@/db/schema';

export type AnswerStatus = 'complete' | 'stopped' | 'interrupted' | 'failed';

/** Everything that happens live in a conversation; carried between instances by the store. */
export type LiveEvent =
  | { type: 'generation'; messageId: string }
  | { type: 'token'; messageId: string; text: string; offset: number }
  | { type: 'reset'; messageId: string }
  /** `text`: the answer's final text, when its citation markers were renumbered in the order they appear. */
  | { type: 'citations'; messageId: string; citations: Citation[]; text?: string }
  | { type: 'escalation'; kind: 'offer' | 'created' | 'status'; reason?: string; message?: string; escalation?: { id: string; reference: number; status: string; urgency?: string } }
  | {
      type: 'done';
      messageId: string;
      status: AnswerStatus;
      mode: 'ai' | 'manuals_only' | null;
      model: string | null;
      fallbackUsed: boolean;
      usage: { promptTokens: number; completionTokens: number };
    }
  | { type: 'error'; messageId?: string; code: string; message: string }
  | { type: 'message'; message: unknown }
  | { type: 'session'; session: unknown };

const encoder = new TextEncoder();

/** One Server-Sent Event. The event name is the type; `escalation` keeps its kind as `type` in the data. */
export function sseFrame(event: LiveEvent | { type: 'snapshot'; messageId: string; text: string } | { type: 'session-started'; data: unknown }): Uint8Array {
  if (event.type === 'session-started') return encoder.encode(`event: session\ndata: ${JSON.stringify(event.data)}\n\n`);
  const { type, ...data } = event;
  const payload = type === 'escalation' ? { ...data, type: (data as { kind: string }).kind } : data;
  if (type === 'escalation') delete (payload as { kind?: string }).kind;
  return encoder.encode(`event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`);
}

export const SSE_HEARTBEAT = encoder.encode(': ping\n\n');

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;
