import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, nextAttempt, RETRY_POLICY, retryAfterMs } from '@/lib/llm/retry';

const policy = { ...RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('backoff with full jitter', () => {
  it('grows exponentially up to the cap, scaled by the random draw', () => {
    expect(backoffDelayMs(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(199);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBe(799);
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(200);
  });

  it('can be zero (full jitter spreads retries from the start of the window)', () => {
    expect(backoffDelayMs(4, policy, () => 0)).toBe(0);
  });
});

describe('retry-after headers', () => {
  it('prefers retry-after-ms, then Retry-After seconds', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0.5' }))).toBe(500);
    expect(retryAfterMs({ 'Retry-After': '3' })).toBe(3000);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }), now)).toBe(0);
  });

  it('ignores absent and malformed values', () => {
    expect(retryAfterMs(undefined)).toBeNull();
    expect(retryAfterMs(new Headers())).toBeNull();
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '-1' }))).toBeNull();
  });
});

describe('retryable statuses', () => {
  it('retries rate limits, timeouts and server errors only', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(isRetryableStatus(s)).toBe(false);
  });
});

describe('next attempt', () => {
  const base = { models: 2, remainingMs: 60_000, attemptMs: 5_000, policy, random: () => 0.5 };
  const retryable = { retryable: true };

  it('retries the same model with backoff, then moves to the fallback', () => {
    expect(nextAttempt({ ...base, at: { model: 0, retry: 0 }, failure: retryable })).toEqual({ model: 0, retry: 1, delayMs: 50 });
    expect(nextAttempt({ ...base, at: { model: 0, retry: 1 }, failure: retryable })).toEqual({ model: 0, retry: 2, delayMs: 100 });
    expect(nextAttempt({ ...base, at: { model: 0, retry: 2 }, failure: retryable })).toEqual({ model: 1, retry: 0, delayMs: 0 });
    expect(nextAttempt({ ...base, at: { model: 1, retry: 2 }, failure: retryable })).toBeNull();
  });

  it('does not retry a rejected request on the same model, but still tries the fallback', () => {
    expect(nextAttempt({ ...base, at: { model: 0, retry: 0 }, failure: { retryable: false } })).toEqual({ model: 1, retry: 0, delayMs: 0 });
    expect(nextAttempt({ ...base, at: { model: 1, retry: 0 }, failure: { retryable: false } })).toBeNull();
  });

  it('waits what the server asked for, and skips a model that asks for too long', () => {
    expect(nextAttempt({ ...base, at: { model: 0, retry: 0 }, failure: { retryable: true, retryAfterMs: 3_000 } })).toEqual({
      model: 0,
      retry: 1,
      delayMs: 3_000,
    });
    expect(nextAttempt({ ...base, at: { model: 0, retry: 0 }, failure: { retryable: true, retryAfterMs: 0 } })).toEqual({
      model: 0,
      retry: 1,
      delayMs: 0,
    });
    expect(nextAttempt({ ...base, at: { model: 0, retry: 0 }, failure: { retryable: true, retryAfterMs: 30_000 } })).toEqual({
      model: 1,
      retry: 0,
      delayMs: 0,
    });
  });

  it('keeps enough of the budget for one fallback attempt', () => {
    // 12 s left: a retry (5 s) plus the fallback's attempt (5 s) still fit.
    expect(nextAttempt({ ...base, remainingMs: 12_000, at: { model: 0, retry: 0 }, failure: retryable })?.model).toBe(0);
    // 9 s left: retrying the primary would starve the fallback.
    expect(nextAttempt({ ...base, remainingMs: 9_000, at: { model: 0, retry: 0 }, failure: retryable })).toEqual({
      model: 1,
      retry: 0,
      delayMs: 0,
    });
    // The last model needs room for its own attempt only.
    expect(nextAttempt({ ...base, remainingMs: 6_000, at: { model: 1, retry: 0 }, failure: retryable })?.retry).toBe(1);
    expect(nextAttempt({ ...base, remainingMs: 4_000, at: { model: 1, retry: 0 }, failure: retryable })).toBeNull();
  });

  it('always gives the fallback its first attempt, even with the budget spent', () => {
    expect(nextAttempt({ ...base, remainingMs: -1_000, at: { model: 0, retry: 0 }, failure: retryable })).toEqual({
      model: 1,
      retry: 0,
      delayMs: 0,
    });
  });

  it('with a single model, gives up after the retries', () => {
    expect(nextAttempt({ ...base, models: 1, at: { model: 0, retry: 2 }, failure: retryable })).toBeNull();
  });
});
