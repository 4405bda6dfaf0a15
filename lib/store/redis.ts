import 'server-only';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { log } from '@/lib/log';
import { MemoryStore } from './memory';
import type { RateLimitPolicy, Store, StoreHealth, Unsubscribe } from './types';

/** Compare-and-delete in one step, so a lock that expired and was taken by another holder stays theirs. */
const DEL_IF_EQUALS = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * Redis-backed store. While Redis is unreachable every operation falls back to an in-process
 * store (so the app keeps working on one instance), health says "degraded", and it recovers
 * by itself when Redis returns.
 */
export class RedisStore implements Store {
  readonly mode = 'redis' as const;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly fallback = new MemoryStore();
  /** Channels subscribed in Redis, each with the confirmation of its SUBSCRIBE. */
  private readonly channels = new Map<string, Promise<void>>();
  private degradedSince: number | null = null;
  private switchedAt: number | null = null;
  private wasReady = false;

  constructor(
    url: string,
    private readonly prefix = 'fixline:',
  ) {
    const options = {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    };
    // Commands issued in the same tick share one write (many answers and readers at once).
    this.client = new Redis(url, { ...options, enableAutoPipelining: true });
    // No ready check on the subscriber: a SUBSCRIBE sent between connecting and the check's INFO
    // reply puts the connection in subscriber mode, the INFO fails, and the subscription is lost
    // (ioredis 5, redis/ioredis#2037). A server's first subscriptions are made just then.
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null, enableReadyCheck: false });
    this.client.on('error', (error) => this.markDegraded(error));
    // The switch to the in-process store happens when the connection drops, before any error.
    this.client.on('close', () => {
      if (this.wasReady) this.markDegraded(new Error('connection to redis closed'));
      this.wasReady = false;
    });
    this.subscriber.on('error', () => {});
    this.client.on('ready', () => {
      if (this.degradedSince !== null) {
        log().info({ downForMs: Date.now() - this.degradedSince }, 'redis reconnected');
        this.switchedAt = Date.now();
      }
      this.degradedSince = null;
      this.wasReady = true;
    });
    this.subscriber.on('message', (channel: string, message: string) => {
      this.fallback.emitLocal(channel.slice(this.prefix.length), message);
    });
  }

  private markDegraded(error: Error): void {
    if (this.degradedSince === null) {
      this.degradedSince = this.switchedAt = Date.now();
      log().error({ err: error.message }, 'redis unreachable: using the in-process store until it returns');
    }
  }

  private get ready(): boolean {
    return this.client.status === 'ready';
  }

  private starting: Promise<void> | null = null;

  /**
   * Just started and still making its first connection: waits for it (at most a second) rather
   * than calling Redis unreachable. Otherwise what the first requests of a process write would go
   * to the in-process store and be looked for in Redis a moment later (a known sign-in address, a
   * reader's marker).
   */
  private firstConnection(): Promise<void> {
    if (this.ready || this.degradedSince !== null || this.switchedAt !== null) return Promise.resolve();
    if (this.client.status !== 'connecting' && this.client.status !== 'connect') return Promise.resolve();
    this.starting ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        this.client.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, 1_000);
      this.client.once('ready', done);
      this.client.once('error', done);
    });
    return this.starting;
  }

  private async run<T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (!this.ready) await this.firstConnection();
    if (!this.ready) return fallback();
    try {
      return await op();
    } catch (error) {
      this.markDegraded(error as Error);
      return fallback();
    }
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  get(key: string) {
    return this.run(
      () => this.client.get(this.k(key)),
      () => this.fallback.get(key),
    );
  }

  set(key: string, value: string, ttlSeconds?: number) {
    return this.run(
      async () => {
        if (ttlSeconds) await this.client.set(this.k(key), value, 'EX', Math.ceil(ttlSeconds));
        else await this.client.set(this.k(key), value);
      },
      () => this.fallback.set(key, value, ttlSeconds),
    );
  }

  del(key: string) {
    return this.run(
      async () => {
        await this.client.del(this.k(key));
      },
      () => this.fallback.del(key),
    );
  }

  setIfAbsent(key: string, value: string, ttlSeconds: number) {
    return this.run(
      async () => (await this.client.set(this.k(key), value, 'EX', Math.ceil(ttlSeconds), 'NX')) === 'OK',
      () => this.fallback.setIfAbsent(key, value, ttlSeconds),
    );
  }

  delIfEquals(key: string, value: string) {
    return this.run(
      async () => {
        await this.client.eval(DEL_IF_EQUALS, 1, this.k(key), value);
      },
      () => this.fallback.delIfEquals(key, value),
    );
  }

  incr(key: string, ttlSeconds: number) {
    return this.run(
      async () => {
        const [[, value]] = (await this.client.multi().incr(this.k(key)).expire(this.k(key), Math.ceil(ttlSeconds), 'NX').exec()) as [
          [Error | null, number],
        ];
        return value;
      },
      () => this.fallback.incr(key, ttlSeconds),
    );
  }

  append(key: string, value: string, ttlSeconds: number) {
    return this.run(
      async () => {
        const [[, length]] = (await this.client.multi().append(this.k(key), value).expire(this.k(key), Math.ceil(ttlSeconds)).exec()) as [
          [Error | null, number],
        ];
        return length;
      },
      () => this.fallback.append(key, value, ttlSeconds),
    );
  }

  appendAndPublish(key: string, value: string, ttlSeconds: number, channel: string, message: string) {
    return this.run(
      async () => {
        await this.client
          .multi()
          .append(this.k(key), value)
          .expire(this.k(key), Math.ceil(ttlSeconds))
          .publish(this.k(channel), message)
          .exec();
      },
      () => this.fallback.appendAndPublish(key, value, ttlSeconds, channel, message),
    );
  }

  publish(channel: string, message: string) {
    return this.run(
      async () => {
        await this.client.publish(this.k(channel), message);
      },
      async () => this.fallback.emitLocal(channel, message),
    );
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<Unsubscribe> {
    const unsubscribeLocal = await this.fallback.subscribe(channel, onMessage);
    let confirmed = this.channels.get(channel);
    if (!confirmed) {
      confirmed = this.subscriber.subscribe(this.k(channel)).then(
        () => {},
        (error) => this.markDegraded(error),
      );
      this.channels.set(channel, confirmed);
    }
    // Queued while disconnected (ioredis re-subscribes after a reconnect); while connected, the
    // subscription is confirmed before this returns, so nothing published afterwards is missed.
    if (this.subscriber.status === 'ready') await confirmed;
    return async () => {
      await unsubscribeLocal();
      if (this.fallback.listenerCount(channel) === 0 && this.channels.delete(channel)) {
        await this.subscriber.unsubscribe(this.k(channel)).catch(() => {});
      }
    };
  }

  rateLimiter(policy: RateLimitPolicy): RateLimiterRedis {
    const options = {
      keyPrefix: `${this.prefix}rl:${policy.name}`,
      points: policy.points,
      duration: policy.durationSeconds,
      blockDuration: policy.blockSeconds ?? 0,
    };
    return new RateLimiterRedis({
      ...options,
      storeClient: this.client,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  async health(): Promise<StoreHealth> {
    await this.firstConnection();
    if (!this.ready) return { status: 'degraded', message: `redis ${this.client.status}; using the in-process store` };
    try {
      await this.client.ping();
      return { status: 'ok' };
    } catch (error) {
      return { status: 'degraded', message: (error as Error).message };
    }
  }

  lastSwitchAt(): number | null {
    return this.switchedAt;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()]);
    this.client.disconnect();
    this.subscriber.disconnect();
    await this.fallback.close();
  }
}
