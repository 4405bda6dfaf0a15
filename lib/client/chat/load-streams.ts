// Loads the chat's event-stream code (./streams) once per page, after the first paint.
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
