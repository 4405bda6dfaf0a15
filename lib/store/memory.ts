import 'server-only';
import { EventEmitter } from 'node:events';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimitPolicy, Store, StoreHealth, Unsubscribe } from './types';

interface Entry {
  value: string;
  expiresAt: number | null;
}

/** In-process store for a single instance (and the fallback while Redis is unreachable). */
export class MemoryStore implements Store {
  readonly mode = 'memory' as const;
  private readonly data = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.bus.setMaxListeners(0);
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.data.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.data) if (entry.expiresAt !== null && entry.expiresAt <= now) this.data.delete(key);
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.data.set(key, { value, expiresAt: ttlSeconds ? Date.now() + ttlSeconds * 1000 : null });
  }

  async del(key: string): Promise<void> {
    this.data.delete(key);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.data.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    return true;
  }

  async delIfEquals(key: string, value: string): Promise<void> {
    if (this.live(key)?.value === value) this.data.delete(key);
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const entry = this.live(key);
    const next = (entry ? Number(entry.value) : 0) + 1;
    this.data.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? Date.now() + ttlSeconds * 1000 });
    return next;
  }

  async append(key: string, value: string, ttlSeconds: number): Promise<number> {
    const next = (this.live(key)?.value ?? '') + value;
    this.data.set(key, { value: next, expiresAt: Date.now() + ttlSeconds * 1000 });
    return next.length;
  }

  async appendAndPublish(key: string, value: string, ttlSeconds: number, channel: string, message: string): Promise<void> {
    await this.append(key, value, ttlSeconds);
    this.bus.emit(channel, message);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.bus.emit(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe> {
    this.bus.on(channel, onMessage);
    return async () => {
      this.bus.off(channel, onMessage);
    };
  }

  /** Emits to local subscribers only; used by the Redis store to fan messages out in-process. */
  emitLocal(channel: string, message: string): void {
    this.bus.emit(channel, message);
  }

  listenerCount(channel: string): number {
    return this.bus.listenerCount(channel);
  }

  rateLimiter(policy: RateLimitPolicy): RateLimiterMemory {
    return new RateLimiterMemory({
      keyPrefix: `rl:${policy.name}`,
      points: policy.points,
      duration: policy.durationSeconds,
      blockDuration: policy.blockSeconds ?? 0,
    });
  }

  async health(): Promise<StoreHealth> {
    return { status: 'embedded', message: 'in-process store (single instance only)' };
  }

  lastSwitchAt(): number | null {
    return null;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.bus.removeAllListeners();
    this.data.clear();
  }
}
