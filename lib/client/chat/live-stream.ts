// Follows a conversation live with EventSource (cookie auth, automatic reconnection).
import type { StreamEvent, StreamEventName } from '@/lib/live/events';
import { reconnectDelay } from '../reconnect';
import { toStreamEvent } from './parse-event';

const EVENTS: StreamEventName[] = [
  'session',
  'generation',
  'snapshot',
  'token',
  'reset',
  'citations',
  'escalation',
  'done',
  'error',
  'message',
];

export interface LiveHandlers {
  onEvent: (event: StreamEvent) => void;
  /**
   * The stream is open: what happened between reading the conversation and subscribing, or during
   * a break (`reconnected`), was not sent on it, so read the conversation again.
   */
  onOpen: (reconnected: boolean) => void;
}

/** Opens `GET /api/sessions/:id/stream`; returns the function that closes it. */
export function openLiveStream(sessionId: string, handlers: LiveHandlers): () => void {
  const url = `/api/sessions/${encodeURIComponent(sessionId)}/stream`;
  let source: EventSource | null = null;
  let closed = false;
  let failures = 0;
  let broken = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (closed) return;
    const es = new EventSource(url, { withCredentials: true });
    source = es;
    es.onopen = () => {
      handlers.onOpen(broken);
      broken = false;
      failures = 0;
    };
    for (const name of EVENTS) {
      es.addEventListener(name, (e) => {
        // `error` is also the name of EventSource's own connection errors, which carry no data.
        if (!(e instanceof MessageEvent) || typeof e.data !== 'string') return;
        const event = toStreamEvent(name, e.data);
        if (event) handlers.onEvent(event);
      });
    }
    es.onerror = (e) => {
      if (e instanceof MessageEvent) return; // an `error` event sent by the server, handled above
      broken = true;
      // CONNECTING: the browser retries by itself. CLOSED (e.g. a 5xx or 401): retry with backoff.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        failures++;
        timer = setTimeout(connect, reconnectDelay(failures));
      }
    };
  };

  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}
