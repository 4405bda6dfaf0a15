// The answer being written, as the live hub shares it between instances: its text, who follows
// it, and stop requests, which reach the background task that writes it (lib/chat/registry).
import 'server-only';
import { liveHub, type LiveHub } from '@/lib/live/hub';
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
export const touchWatch = (sessionId: string, ttlSeconds: number) => answers().touchWatch(sessionId, ttlSeconds);
export const isWatched = (sessionId: string) => answers().isWatched(sessionId);
