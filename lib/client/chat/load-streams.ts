// Loads the chat's event-stream code (./streams) once per page, after the first paint.
import { reconnectDelay } from '../reconnect';
import type { LiveHandlers } from './live-stream';
import type * as StreamsModule from './streams';

export type Streams = typeof StreamsModule;

let loading: Promise<Streams> | null = null;

export function loadStreams(): Promise<Streams> {
  loading ??= import('./streams').catch((error: unknown) => {
    loading = null; // a failed load (offline) is tried again next time
    throw error;
  });
  return loading;
}

/**
 * `openLiveStream` as soon as its code is here; returns the function that closes the stream (or
 * stops waiting for it). Code that cannot be fetched (offline) is tried again, as the stream is.
 */
export function openLiveStreamWhenLoaded(sessionId: string, handlers: LiveHandlers): () => void {
  let close: (() => void) | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = (failures: number): Promise<void> =>
    loadStreams().then(
      ({ openLiveStream }) => {
        if (!closed) close = openLiveStream(sessionId, handlers);
      },
      () => {
        if (!closed) timer = setTimeout(() => void open(failures + 1), reconnectDelay(failures));
      },
    );
  void open(0);
  return () => {
    closed = true;
    clearTimeout(timer);
    close?.();
  };
}
