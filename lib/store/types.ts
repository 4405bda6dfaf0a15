import 'server-only';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

export type StoreHealth = { status: 'ok' | 'embedded' | 'degraded'; message?: string };
export type Unsubscribe = () => Promise<void>;

export interface RateLimitPolicy {
  /** Name of the limit, part of every key. */
  name: string;
  points: number;
  durationSeconds: number;
  /** Once exhausted, block for this long instead of just until the window ends. */
  blockSeconds?: number;
}

/**
 * What app instances share: key-value with TTL, counters, rate limiters and publish/subscribe.
 * Redis when REDIS_URL is set, in-process otherwise; both behave the same to callers.
 */
export interface Store {
  readonly mode: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Sets the value only when the key does not exist (a lock); true when it was set. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Deletes the key only while it still holds `value` (releasing one's own lock, not a successor's). */
  delIfEquals(key: string, value: string): Promise<void>;
  /** Adds to a counter, starting its TTL when it is created; returns the new value. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /** Appends to a string value, refreshing its TTL; returns the new length. */
  append(key: string, value: string, ttlSeconds: number): Promise<number>;
  /** Appends to a string value and publishes a message in one atomic step (a reader never sees one without the other). */
  appendAndPublish(key: string, value: string, ttlSeconds: number, channel: string, message: string): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe>;
  rateLimiter(policy: RateLimitPolicy): RateLimiterAbstract;
  health(): Promise<StoreHealth>;
  /**
   * When the store last moved between Redis and the in-process fallback (epoch ms), or null if it
   * never did: values written before then may be in the other one.
   */
  lastSwitchAt(): number | null;
  close(): Promise<void>;
}
