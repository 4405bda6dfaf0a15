import 'server-only';
import { CHAT_POLICY } from '@/lib/policies';
import type { UserEvent } from './events';
import { liveHub } from './hub';
import { SSE_HEADERS, SSE_HEARTBEAT, sseUserFrame } from './sse';

/**
 * An SSE response that follows one user's own events from every instance. It subscribes before
 * reading `first` (the current state), so nothing falls between the two.
 */
export async function openUserStream({
  userId,
  first,
  signal,
}: {
  userId: string;
  first: () => Promise<UserEvent>;
  signal?: AbortSignal;
}): Promise<Response> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const held: { heartbeat?: NodeJS.Timeout; unsubscribe?: () => Promise<void> } = {};
  const early: UserEvent[] = [];
  let ready = false;

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(held.heartbeat);
    void held.unsubscribe?.();
    try {
      controller.close();
    } catch {
      // Already closed by the client.
    }
  };
  const write = (event: UserEvent) => {
    if (!closed) controller.enqueue(sseUserFrame(event));
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });
  held.unsubscribe = await liveHub().subscribeUser(userId, (event) => (ready ? write(event) : early.push(event)));
  try {
    write(await first());
  } catch (error) {
    close();
    throw error;
  }
  ready = true;
  // Events that crossed the first read carry newer counts: send them after it.
  for (const event of early.splice(0)) write(event);
  held.heartbeat = setInterval(() => {
    if (!closed) controller.enqueue(SSE_HEARTBEAT);
  }, CHAT_POLICY.heartbeatSeconds * 1000);
  signal?.addEventListener('abort', close, { once: true });
  return new Response(body, { headers: SSE_HEADERS });
}
