// POST /api/chat and read its event stream: the outcome says what the caller must do next.
import type { StreamEvent } from '@/lib/live/events';
import { ApiError, NetworkError } from '../fetch';
import { readEventStream } from '../sse-parser';
import { chatApi, type ChatBody } from './api';
import { fromSse } from './parse-event';

export type ChatRun =
  /** `finished`: the stream ended with `done` or `error`; otherwise it broke or was aborted mid-way. */
  | { ok: true; started: boolean; finished: boolean }
  /** Refused before anything was stored (400, 409, 413, 429…). */
  | { ok: false; error: ApiError }
  /** The request never reached the server. */
  | { ok: false; network: true };

export async function streamChat(body: ChatBody, onEvent: (event: StreamEvent) => void, signal: AbortSignal): Promise<ChatRun> {
  let started = false;
  let finished = false;
  try {
    const res = await chatApi.chat(body, signal);
    if (!res.body) return { ok: true, started, finished };
    await readEventStream(
      res.body,
      (raw) => {
        const event = fromSse(raw);
        if (!event) return;
        if (event.type === 'session' && 'sessionId' in event) started = true;
        if (event.type === 'done' || event.type === 'error') finished = true;
        onEvent(event);
      },
      signal,
    );
  } catch (e) {
    if (!signal.aborted && e instanceof ApiError) return { ok: false, error: e };
    if (!signal.aborted && e instanceof NetworkError) return { ok: false, network: true };
    // Aborted, or the stream broke mid-way: the live stream and a reload fill in.
  }
  return { ok: true, started, finished };
}
