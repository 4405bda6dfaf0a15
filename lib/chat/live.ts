import { store } from '@/lib/store';
import type { LiveEvent } from './events';

const TEXT_TTL_SECONDS = 60 * 60;

export const keys = {
  channel: (sessionId: string) => `session:${sessionId}`,
  control: (sessionId: string) => `session:${sessionId}:control`,
  generating: (sessionId: string) => `session:${sessionId}:generating`,
  watchers: (sessionId: string) => `session:${sessionId}:watched`,
  text: (messageId: string) => `answer:${messageId}:text`,
};

export async function publish(sessionId: string, event: LiveEvent): Promise<void> {
  await store().publish(keys.channel(sessionId), JSON.stringify(event));
}

/**
 * Appends answer text and announces it. Both go out back to back on the same connection, so a
 * reader that subscribed and then read the text sees every token exactly once (by offset).
 */
export async function publishToken(sessionId: string, messageId: string, text: string, offset: number): Promise<void> {
  const s = store();
  await Promise.all([
    s.append(keys.text(messageId), text, TEXT_TTL_SECONDS),
    s.publish(keys.channel(sessionId), JSON.stringify({ type: 'token', messageId, text, offset } satisfies LiveEvent)),
  ]);
}

export async function resetText(sessionId: string, messageId: string): Promise<void> {
  await store().set(keys.text(messageId), '', TEXT_TTL_SECONDS);
  await publish(sessionId, { type: 'reset', messageId });
}

export async function markGenerating(sessionId: string, messageId: string, ttlSeconds: number): Promise<void> {
  await store().set(keys.generating(sessionId), messageId, ttlSeconds);
}

export async function clearGenerating(sessionId: string, messageId: string): Promise<void> {
  const s = store();
  if ((await s.get(keys.generating(sessionId))) === messageId) await s.del(keys.generating(sessionId));
  await s.del(keys.text(messageId));
}

export async function currentGeneration(sessionId: string): Promise<{ messageId: string; text: string } | null> {
  const s = store();
  const messageId = await s.get(keys.generating(sessionId));
  if (!messageId) return null;
  return { messageId, text: (await s.get(keys.text(messageId))) ?? '' };
}

export async function subscribe(sessionId: string, onEvent: (event: LiveEvent) => void) {
  return store().subscribe(keys.channel(sessionId), (raw) => {
    try {
      onEvent(JSON.parse(raw) as LiveEvent);
    } catch {
      // Not ours: ignore.
    }
  });
}

/** Readers mark the conversation as watched; an answer nobody watches any more is stopped. */
export async function touchWatch(sessionId: string, ttlSeconds: number): Promise<void> {
  await store().set(keys.watchers(sessionId), '1', ttlSeconds);
}

export async function isWatched(sessionId: string): Promise<boolean> {
  return (await store().get(keys.watchers(sessionId))) !== null;
}

export async function requestStop(sessionId: string): Promise<void> {
  await store().publish(keys.control(sessionId), 'stop');
}

export async function onStopRequest(sessionId: string, stop: () => void) {
  return store().subscribe(keys.control(sessionId), (m) => {
    if (m === 'stop') stop();
  });
}
