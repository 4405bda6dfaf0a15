import 'server-only';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { singleton } from '@/lib/singleton';
import { store, type RateLimitPolicy, type Store } from '@/lib/store';

/** One limiter per policy and store, so counts accumulate across requests. */
export function limiter(policy: RateLimitPolicy): RateLimiterAbstract {
  const s = store();
  const byStore = singleton('fixlineLimiters', () => new WeakMap<Store, Map<string, RateLimiterAbstract>>());
  let byName = byStore.get(s);
  if (!byName) byStore.set(s, (byName = new Map()));
  const key = `${policy.name}:${policy.points}:${policy.durationSeconds}:${policy.blockSeconds ?? 0}`;
  let l = byName.get(key);
  if (!l) byName.set(key, (l = s.rateLimiter(policy)));
  return l;
}

/** Counts one use; throws 429 with Retry-After once the policy is exhausted. */
export async function consumeOrThrow(
  policy: RateLimitPolicy,
  key: string,
  message = 'Too many requests. Try again shortly.',
): Promise<void> {
  try {
    await limiter(policy).consume(key);
  } catch (result) {
    if (result instanceof RateLimiterRes) {
      throw new AppError('rate_limited', message, { retryAfterSeconds: result.msBeforeNext / 1000 });
    }
    // The limiter's own store failed: never block users for our outage.
    log().warn({ err: (result as Error)?.message, policy: policy.name }, 'rate limiter unavailable');
  }
}

/** True when the key has used up the policy (without counting a use). */
export async function isExhausted(policy: RateLimitPolicy, key: string): Promise<boolean> {
  try {
    const res = await limiter(policy).get(key);
    return Boolean(res && res.consumedPoints >= policy.points);
  } catch {
    return false;
  }
}

export async function penalise(policy: RateLimitPolicy, key: string): Promise<void> {
  await limiter(policy)
    .consume(key)
    .catch(() => {});
}

export async function resetLimit(policy: RateLimitPolicy, key: string): Promise<void> {
  await limiter(policy)
    .delete(key)
    .catch(() => {});
}

/** Seconds until the key may be used again when it has used up the policy, or null while it may (without counting a use). */
export async function retryAfterSeconds(policy: RateLimitPolicy, key: string): Promise<number | null> {
  try {
    const res = await limiter(policy).get(key);
    if (!res || res.consumedPoints < policy.points) return null;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  } catch (error) {
    log().warn({ err: (error as Error)?.message, policy: policy.name }, 'rate limiter unavailable');
    return null;
  }
}
