import { EventEmitter, once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { MemoryStore } from '@/lib/store/memory';
import { RedisStore } from '@/lib/store/redis';
import type { Store } from '@/lib/store';
import { TEST_REDIS_URL } from '../helpers/databases';
import { freePort, OwnRedis } from '../helpers/redis-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const prefix = () => `fixline-store-test-${Math.random().toString(36).slice(2)}:`;

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}

function behavesLikeAStore(name: string, make: () => Store) {
  describe(`${name} store`, () => {
    const store = make();
    afterAll(() => store.close());

    it('keeps values with a TTL', async () => {
      await store.set('k1', 'v1', 1);
      await store.set('k2', 'v2');
      expect(await store.get('k1')).toBe('v1');
      await sleep(1_100);
      expect(await store.get('k1')).toBeNull();
      expect(await store.get('k2')).toBe('v2');
      await store.del('k2');
      expect(await store.get('k2')).toBeNull();
    });

    it('counts and appends', async () => {
      expect(await store.incr('c', 60)).toBe(1);
      expect(await store.incr('c', 60)).toBe(2);
      expect(await store.append('text', 'Hel', 60)).toBe(3);
      expect(await store.append('text', 'lo', 60)).toBe(5);
      expect(await store.get('text')).toBe('Hello');
    });

    it('delivers published messages to subscribers until they unsubscribe', async () => {
      const got: string[] = [];
      const unsubscribe = await store.subscribe('events', (m) => got.push(m));
      await sleep(100);
      await store.publish('events', 'one');
      await waitFor(() => got.length === 1);
      await unsubscribe();
      await store.publish('events', 'two');
      await sleep(100);
      expect(got).toEqual(['one']);
    });

    it('rate-limits with a Retry-After', async () => {
      const limiter = store.rateLimiter({ name: `t-${Math.random()}`, points: 2, durationSeconds: 60 });
      await limiter.consume('user-1');
      await limiter.consume('user-1');
      const refused = await limiter.consume('user-1').catch((r) => r);
      expect(refused).toBeInstanceOf(RateLimiterRes);
      expect((refused as RateLimiterRes).msBeforeNext).toBeGreaterThan(50_000);
      await expect(limiter.consume('user-2')).resolves.toBeTruthy();
    });
  });
}

behavesLikeAStore('in-process', () => new MemoryStore());
behavesLikeAStore('Redis', () => new RedisStore(TEST_REDIS_URL, prefix()));

describe('Redis store across instances and outages', () => {
  it('carries live events from one app instance to another', async () => {
    const p = prefix();
    const a = new RedisStore(TEST_REDIS_URL, p);
    const b = new RedisStore(TEST_REDIS_URL, p);
    const got: string[] = [];
    await b.subscribe('session:1', (m) => got.push(m));
    await sleep(200);
    await a.publish('session:1', 'support reply');
    await waitFor(() => got.length === 1);
    await a.set('shared', 'yes', 60);
    expect(await b.get('shared')).toBe('yes');
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps a subscription made while its connection is still being set up', async () => {
    // The first subscriptions of a starting server (such as the one that carries stop requests
    // between instances) are made while the connection to Redis is being set up.
    for (let round = 0; round < 3; round++) {
      const p = prefix();
      const a = new RedisStore(TEST_REDIS_URL, p);
      const b = new RedisStore(TEST_REDIS_URL, p);
      const connection = (b as unknown as { subscriber: EventEmitter & { status: string } }).subscriber;
      // Connected, before the client has checked that the server is ready.
      await once(connection, 'connect');
      expect(connection.status).toBe('connect');
      const got: string[] = [];
      await b.subscribe('chat:stop', (m) => got.push(m));
      await waitFor(async () => {
        await a.publish('chat:stop', 'session-1');
        await sleep(20);
        return got.includes('session-1');
      }, 3_000);
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps working while Redis is down, reports degraded, and recovers when it returns', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const store = new RedisStore(redis.url, prefix());
    await waitFor(async () => (await store.health()).status === 'ok');
    const got: string[] = [];
    await store.subscribe('live', (m) => got.push(m));

    await redis.stop();
    await waitFor(async () => (await store.health()).status === 'degraded');
    // Degraded: in-process fallback, no errors thrown to callers.
    await store.set('during-outage', '1', 60);
    expect(await store.get('during-outage')).toBe('1');
    expect(await store.incr('n', 60)).toBe(1);
    await store.publish('live', 'local while down');
    await waitFor(() => got.includes('local while down'));

    await redis.start();
    await waitFor(async () => (await store.health()).status === 'ok', 10_000);
    await store.set('after', 'back', 60);
    expect(await store.get('after')).toBe('back');
    // The subscription is restored on the new connection.
    await waitFor(async () => {
      await store.publish('live', 'via redis again');
      await sleep(50);
      return got.includes('via redis again');
    }, 10_000);
    await store.close();
    await redis.stop();
  }, 30_000);
});
