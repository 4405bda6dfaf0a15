// The answer being written, as the live hub shares it between instances: its text, who follows
// it, and stop requests, which reach the background task that writes it (lib/chat/registry).
import 'server-only';
import { liveHub, type LiveHub } from '@/lib/live/hub';
import { CHAT_POLICY } from '@/lib/policies';
import { singleton } from '@/lib/singleton';
import { store } from '@/lib/store';
import { stop } from './registry';

function stopHere(hub: LiveHub, sessionId: string): void {
  const messageId = hub.localGeneration(sessionId);
  if (messageId) stop(messageId, 'stopped');
}

/** The hub, with stop requests for answers written on this instance routed to their task. */
function answers(): LiveHub {
  const hub = liveHub();
  hub.handleStops((sessionId) => stopHere(hub, sessionId));
  return hub;
}

export const publishToken = (sessionId: string, messageId: string, text: string, offset: number) =>
  answers().publishToken(sessionId, messageId, text, offset);
export const resetText = (sessionId: string, messageId: string) => answers().resetText(sessionId, messageId);
export const markGenerating = (sessionId: string, messageId: string, ttlSeconds: number) =>
  answers().markGenerating(sessionId, messageId, ttlSeconds);
export const clearGenerating = (sessionId: string, messageId: string) => answers().clearGenerating(sessionId, messageId);
export const currentGeneration = (sessionId: string) => answers().currentGeneration(sessionId);
export const requestStop = (sessionId: string) => answers().requestStop(sessionId);

/** Readers on this instance, by conversation, until when their marker holds (epoch ms). */
const watchedHere = () => singleton('fixlineWatchedHere', () => new Map<string, number>());

/**
 * A reader follows the conversation: marked here and in the store (readers on other instances).
 * The mark in this process survives the store switching between Redis and its fallback.
 */
export async function touchWatch(sessionId: string, ttlSeconds: number): Promise<void> {
  const here = watchedHere();
  const now = Date.now();
  here.set(sessionId, Math.max(here.get(sessionId) ?? 0, now + ttlSeconds * 1000));
  if (here.size > 1_000) for (const [id, until] of here) if (until <= now) here.delete(id);
  await answers().touchWatch(sessionId, ttlSeconds);
}

/**
 * Whether anyone still reads the conversation. Only a clear "no" stops an answer: while the store
 * has switched (Redis went away or came back) within the last grace period, a reader elsewhere may
 * have written its marker to the other one, and has not rewritten it yet.
 */
export async function isWatched(sessionId: string): Promise<boolean> {
  const until = watchedHere().get(sessionId);
  if (until !== undefined) {
    if (until > Date.now()) return true;
    watchedHere().delete(sessionId);
  }
  if (await answers().isWatched(sessionId)) return true;
  const switchedAt = store().lastSwitchAt();
  return switchedAt !== null && Date.now() - switchedAt < CHAT_POLICY.detachGraceSeconds * 1000;
}
