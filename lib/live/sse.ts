import 'server-only';
import type { StreamEvent, UserEvent } from './events';

const encoder = new TextEncoder();

/** One Server-Sent Event. The event name is the type; `escalation` keeps its kind as `type` in the data. */
export function sseFrame(event: StreamEvent): Uint8Array {
  if (event.type === 'escalation') {
    const { type, kind, ...data } = event;
    return encoder.encode(`event: ${type}\ndata: ${JSON.stringify({ ...data, type: kind })}\n\n`);
  }
  const { type, ...data } = event;
  return encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const SSE_HEARTBEAT = encoder.encode(': ping\n\n');

/**
 * The first frame of a conversation's streams: the response (and the browser's `open`) goes out at once, not
 * with the first event or heartbeat, so a client that reads again on `open` is not kept waiting.
 */
export const SSE_OPEN = encoder.encode(': open\n\n');

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** One Server-Sent Event of a user's own stream (lib/live/events.ts UserEvent). */
export function sseUserFrame(event: UserEvent): Uint8Array {
  const { type, ...data } = event;
  return encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}
