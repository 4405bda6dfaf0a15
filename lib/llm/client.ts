import 'server-only';
import OpenAI from 'openai';
import { env } from '@/lib/env';
import { dropSingleton, singleton } from '@/lib/singleton';

/** Per-request timeout in whole milliseconds (OPENAI_TIMEOUT is in seconds and may be fractional). */
export function requestTimeoutMs(): number {
  return Math.max(1, Math.round(env().OPENAI_TIMEOUT * 1000));
}

/** The one OpenAI client, rebuilt when the settings change (tests call resetEnv between cases). */
export function llmClient(): OpenAI {
  const settings = env();
  return singleton(
    'fixlineLlm',
    () => ({ settings, client: createClient() }),
    (cached) => cached.settings === settings,
  ).client;
}

function createClient(): OpenAI {
  const settings = env();
  if (!settings.OPENAI_API_KEY) throw new Error('OPENAI_API_KEY is not set');
  return new OpenAI({
    apiKey: settings.OPENAI_API_KEY,
    baseURL: settings.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    timeout: requestTimeoutMs(),
    // Retries, backoff and fallback are ours (retry.ts): the SDK's would multiply the waits.
    maxRetries: 0,
  });
}

/** Drops the cached client so the next call reads the settings again. */
export function resetLlmClients(): void {
  dropSingleton('fixlineLlm');
}

/** Primary first, then the fallback if it is a different model. */
export function chatModels(): string[] {
  const { OPENAI_MODEL, OPENAI_FALLBACK_MODEL } = env();
  return OPENAI_FALLBACK_MODEL && OPENAI_FALLBACK_MODEL !== OPENAI_MODEL ? [OPENAI_MODEL, OPENAI_FALLBACK_MODEL] : [OPENAI_MODEL];
}

/** Reasoning models take max_completion_tokens and refuse a temperature other than the default. */
function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)(?!.*-chat)/i.test(model.split('/').pop() ?? model);
}

export function generationParams(model: string, opts: { maxTokens?: number; temperature?: number }) {
  const settings = env();
  const maxTokens = opts.maxTokens ?? settings.OPENAI_MAX_TOKENS;
  if (isReasoningModel(model)) return { model, max_completion_tokens: maxTokens };
  return { model, max_tokens: maxTokens, temperature: opts.temperature ?? settings.OPENAI_TEMPERATURE };
}
