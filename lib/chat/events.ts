// The frames of POST /api/chat in the form lib/chat/turn.ts writes them; the events and their
// encoder are lib/live's (a turn opens with a `session` event, TurnStartedEvent).
import type { StreamEvent, TurnStartedEvent } from '@/lib/live/events';
import { sseFrame as frame } from '@/lib/live/sse';

export { SSE_HEADERS } from '@/lib/live/sse';

export function sseFrame(event: StreamEvent | { type: 'session-started'; data: Omit<TurnStartedEvent, 'type'> }): Uint8Array {
  return event.type === 'session-started' ? frame({ type: 'session', ...event.data }) : frame(event);
}
