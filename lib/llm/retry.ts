/** Retry policy for model calls: pure functions, so the timing rules are unit tested. */

import 'server-only';
export interface RetryPolicy {
  /** Retries after the first attempt, per model. */
  maxRetriesPerModel: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking us to wait longer than this is skipped (fallback) rather than waited for. */
  maxRetryAfterMs: number;
  /** The whole call (all attempts, all models) aims to finish within this many OPENAI_TIMEOUTs. */
  budgetTimeouts: number;
}

export const RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetriesPerModel: 2,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
  budgetTimeouts: 4,
};

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^retry)). */
export function backoffDelayMs(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'> = RETRY_POLICY,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key ? record[key] : undefined;
  return Array.isArray(value) ? value[0] : value;
}

/** How long the server asked us to wait (`retry-after-ms`, then `Retry-After` in seconds or as a date), or null. */
export function retryAfterMs(headers: HeaderSource, now: number = Date.now()): number | null {
  const ms = Number.parseFloat(header(headers, 'retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number.parseFloat(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Statuses worth another try on the same model: timeouts, conflicts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export interface FailureInfo {
  retryable: boolean;
  /** What the server asked for, if it said. */
  retryAfterMs?: number | null;
}

export interface Position {
  /** Index into the list of models (0 = primary). */
  model: number;
  /** Retries already made on this model. */
  retry: number;
}

export interface NextAttemptInput {
  at: Position;
  models: number;
  failure: FailureInfo;
  /** Time left in the overall budget. */
  remainingMs: number;
  /** What one more attempt may cost in the worst case (the per-request timeout). */
  attemptMs: number;
  policy?: RetryPolicy;
  random?: () => number;
}

export type NextAttempt = Position & { delayMs: number };

/**
 * Where to go after a failed attempt: the same model after a delay, the next model at once, or
 * nowhere (null). Retries on one model never eat the time the next model needs for one attempt.
 */
export function nextAttempt({
  at,
  models,
  failure,
  remainingMs,
  attemptMs,
  policy = RETRY_POLICY,
  random = Math.random,
}: NextAttemptInput): NextAttempt | null {
  const hasNext = at.model + 1 < models;
  if (failure.retryable && at.retry < policy.maxRetriesPerModel) {
    const asked = failure.retryAfterMs ?? null;
    if (asked === null || asked <= policy.maxRetryAfterMs) {
      const delayMs = asked ?? backoffDelayMs(at.retry, policy, random);
      const reserveMs = hasNext ? attemptMs : 0;
      if (remainingMs - delayMs >= attemptMs + reserveMs) return { model: at.model, retry: at.retry + 1, delayMs };
    }
  }
  return hasNext ? { model: at.model + 1, retry: 0, delayMs: 0 } : null;
}
