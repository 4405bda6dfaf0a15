import 'server-only';
import { CHAT_POLICY } from '@/lib/policies';
import type { LiveEvent } from '@/lib/live/events';
import { subscribe } from '@/lib/live/hub';
import { SSE_HEADERS, SSE_HEARTBEAT, SSE_OPEN, sseFrame } from '@/lib/live/sse';
import { currentGeneration, touchWatch } from './live';

type TokenEvent = Extract<LiveEvent, { type: 'token' }>;

interface Options {
  sessionId: string;
  /** Close the stream after this answer's `done` or `error` (the POST /api/chat stream). */
  untilDoneOf?: string;
  /** Frames sent first (e.g. the `session` event). */
  prelude?: Uint8Array[];
  /** Start with the text generated so far (a reader joining mid-answer). */
  snapshot?: boolean;
  signal?: AbortSignal;
}

/**
 * An SSE response that follows a conversation live. It subscribes before reading the snapshot,
 * so no token falls between the two; tokens already in the snapshot are skipped by offset.
 */
export async function openLiveResponse({ sessionId, untilDoneOf, prelude = [], snapshot = false, signal }: Options): Promise<Response> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let ready = false;
  const pending: LiveEvent[] = [];
  const covered = new Map<string, number>();
  const timers: NodeJS.Timeout[] = [];
  const subscription: { unsubscribe?: () => Promise<void> } = {};
  // Tokens held back in the current window, sent as one event when it ends.
  let held: TokenEvent | null = null;
  let tokenWindow: NodeJS.Timeout | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    timers.forEach(clearInterval);
    if (tokenWindow) clearTimeout(tokenWindow);
    void subscription.unsubscribe?.();
    try {
      controller.close();
    } catch {
      // Already closed by the client.
    }
  };

  const releaseHeld = () => {
    if (!held) return;
    controller.enqueue(sseFrame(held));
    held = null;
  };
  const windowEnds = () => {
    tokenWindow = null;
    if (!held || closed) return;
    releaseHeld();
    tokenWindow = setTimeout(windowEnds, CHAT_POLICY.tokenWindowMs);
  };

  const write = (event: LiveEvent) => {
    if (closed) return;
    if (event.type === 'token') {
      const upTo = covered.get(event.messageId) ?? 0;
      if (event.offset + event.text.length <= upTo) return;
      if (held && held.messageId === event.messageId && held.offset + held.text.length === event.offset) {
        held = { ...held, text: held.text + event.text };
        return;
      }
      releaseHeld();
      if (tokenWindow) {
        held = event;
        return;
      }
      controller.enqueue(sseFrame(event));
      tokenWindow = setTimeout(windowEnds, CHAT_POLICY.tokenWindowMs);
      return;
    }
    // Text held back goes before whatever follows it.
    releaseHeld();
    if (event.type === 'reset') covered.delete(event.messageId);
    controller.enqueue(sseFrame(event));
    if (untilDoneOf && (event.type === 'done' || event.type === 'error') && (event.messageId ?? untilDoneOf) === untilDoneOf) close();
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(SSE_OPEN);
      for (const frame of prelude) c.enqueue(frame);
    },
    cancel() {
      close();
    },
  });

  // The stream of a new answer follows it from this instance; only a reader joining mid-answer
  // needs the store's subscription in place before it reads the text so far.
  subscription.unsubscribe = await subscribe(sessionId, (event) => (ready ? write(event) : pending.push(event)), { confirmed: snapshot });
  if (snapshot) {
    const gen = await currentGeneration(sessionId);
    if (gen) {
      controller.enqueue(sseFrame({ type: 'snapshot', messageId: gen.messageId, text: gen.text }));
      covered.set(gen.messageId, gen.text.length);
    }
  }
  ready = true;
  for (const event of pending.splice(0)) write(event);

  const watchTtl = CHAT_POLICY.detachGraceSeconds;
  // Read by the answer's first checkpoint, seconds from now: no need to wait for it.
  void touchWatch(sessionId, watchTtl).catch(() => {});
  timers.push(
    setInterval(() => {
      if (!closed) controller.enqueue(SSE_HEARTBEAT);
    }, CHAT_POLICY.heartbeatSeconds * 1000),
    setInterval(() => void touchWatch(sessionId, watchTtl), Math.max(250, (watchTtl * 1000) / 3)),
  );
  signal?.addEventListener('abort', close, { once: true });
  return new Response(body, { headers: SSE_HEADERS });
}
