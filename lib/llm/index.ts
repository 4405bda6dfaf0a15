import 'server-only';
import { env, type Env } from '@/lib/env';
import { singleton } from '@/lib/singleton';
import { llmClient } from './client';
import { classifyError } from './errors';

export { resetLlmClients } from './client';
export { streamCompletion } from './stream';
export { completeText, type CompletionResult } from './complete';
export { embedTexts, embeddingsConfigured } from './embed';
export { fitContext } from './context';
export { estimateCost } from './pricing';
export { breakerStates, type BreakerView } from './breaker';
export { LlmUnavailableError, isAbortError, type AttemptError } from './errors';
export type { ChatMessage, ChatRole, LlmEvent, LlmResult, GenerationOptions } from './types';

/** True when a model API key is configured (otherwise the app answers from the manuals only). */
export function llmAvailable(): boolean {
  return env().llmConfigured;
}

export interface ModelApiStatus {
  status: 'ok' | 'not configured' | 'degraded';
  message?: string;
}

const PING_TIMEOUT_MS = 3_000;
const PING_CACHE_MS = 60_000;
/** A failure is re-checked sooner, so a recovered API shows as healthy again quickly. */
const PING_FAILURE_CACHE_MS = 10_000;

async function ping(): Promise<ModelApiStatus> {
  const signal = AbortSignal.timeout(PING_TIMEOUT_MS);
  try {
    const page = await llmClient().models.list({ timeout: PING_TIMEOUT_MS, signal });
    const ids = new Set(page.data.map((m) => m.id));
    const { OPENAI_MODEL, OPENAI_FALLBACK_MODEL } = env();
    // Only a hint: routers and local servers often answer to names (aliases) they do not list.
    const unlisted = ids.size ? [OPENAI_MODEL, OPENAI_FALLBACK_MODEL].filter((m): m is string => m !== undefined && !ids.has(m)) : [];
    return unlisted.length ? { status: 'ok', message: `reachable; ${unlisted.join(', ')} not in its model list` } : { status: 'ok' };
  } catch (error) {
    const failure = classifyError(error);
    if (signal.aborted) return { status: 'degraded', message: `model API unreachable: no answer within ${PING_TIMEOUT_MS / 1000} s` };
    if (failure.kind === 'http') return { status: 'degraded', message: `model API answered ${failure.message.slice(0, 200)}` };
    return { status: 'degraded', message: `model API unreachable: ${failure.message.slice(0, 200)}` };
  }
}

/** For the health check: lists the models (3 s timeout); the answer is kept for 60 s (a failure for 10 s). */
export function pingModelApi(): Promise<ModelApiStatus> {
  const settings = env();
  if (!settings.llmConfigured) return Promise.resolve({ status: 'not configured' });
  const isCurrent = (cached: { settings: Env; at: number; ttlMs: number }) =>
    cached.settings === settings && Date.now() - cached.at < cached.ttlMs;
  return singleton(
    'fixlinePing',
    () => {
      const entry = { settings, at: Date.now(), ttlMs: PING_CACHE_MS, result: ping() };
      void entry.result.then((r) => {
        if (r.status !== 'ok') entry.ttlMs = PING_FAILURE_CACHE_MS;
      });
      return entry;
    },
    isCurrent,
  ).result;
}
