import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { aiMessages } from '@/db/schema';
import * as chat from '@/app/api/chat/route';
import { isWatched } from '@/lib/chat/live';
import { settled } from '@/lib/chat/registry';
import { LiveHub } from '@/lib/live/hub';
import { RedisStore } from '@/lib/store/redis';
import { closeStore, store } from '@/lib/store';
import { call, makeUser, type TestUser } from '../helpers/api';
import { modelEnv, NO_MODEL, setTestEnv } from '../helpers/env';
import { startModelServer, type ModelServer } from '../helpers/model-server';
import { freePort, OwnRedis } from '../helpers/redis-server';
import { answerText, readSse, type SseEvent } from '../helpers/sse';

// An answer someone is reading goes on when the store changes under it: Redis going away (the
// in-process store takes over) and coming back.

let model: ModelServer;
let redis: OwnRedis;
let tech: TestUser;
let restoreEnv: () => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `);

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

beforeAll(async () => {
  model = await startModelServer();
  redis = new OwnRedis(await freePort());
  await redis.start();
  tech = await makeUser('technician');
  // The app's store on a Redis of this test's own, which it can stop and start. A long detach grace
  // means the readers rewrite their marker only every few seconds.
  await closeStore();
  restoreEnv = setTestEnv(modelEnv(model.url, { REDIS_URL: redis.url, CHAT_DETACH_GRACE_SECONDS: '30' }));
  await waitFor(async () => (await store().health()).status === 'ok');
});

afterAll(async () => {
  await closeStore();
  restoreEnv();
  setTestEnv(NO_MODEL);
  await redis.stop();
  await model.close();
});

describe('an answer being read while Redis goes down and comes back', () => {
  it('is written to the end, not stopped as if nobody were reading it', async () => {
    model.script('primary', { kind: 'stream', tokens: words(70), tokenDelayMs: 100 });
    const res = await call(chat.POST, { as: tech, json: { message: 'Keep answering while Redis restarts' } });
    expect(res.status).toBe(200);
    const events: SseEvent[] = [];
    const reading = readSse(res, (e) => {
      events.push(e);
      return e.event === 'done' || e.event === 'error';
    });
    await waitFor(() => events.some((e) => e.event === 'token'));
    const { assistantMessageId } = events[0].data;

    await redis.stop();
    await waitFor(async () => (await store().health()).status === 'degraded');
    // Two checkpoints pass with the in-process store.
    await sleep(2_500);
    await redis.start();
    await waitFor(async () => (await store().health()).status === 'ok');
    // And two more with Redis back.
    await sleep(2_500);

    await reading;
    await settled(assistantMessageId);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete' } });
    expect(answerText(events)).toBe(words(70).join(''));
    const [row] = await db().select().from(aiMessages).where(eq(aiMessages.id, assistantMessageId));
    expect(row).toMatchObject({ status: 'complete', content: words(70).join(''), error: null });
  }, 40_000);

  it('counts a reader on another instance as reading across the switch, until its marker is due again', async () => {
    // A fresh client: it has never switched.
    await closeStore();
    await waitFor(async () => (await store().health()).status === 'ok');
    const other = new RedisStore(redis.url, process.env.REDIS_PREFIX);
    const elsewhere = new LiveHub(() => other);
    try {
      await waitFor(async () => (await other.health()).status === 'ok');
      expect(await isWatched('nobody-reads-this')).toBe(false);
      await elsewhere.touchWatch('read-elsewhere', 30);
      expect(await isWatched('read-elsewhere')).toBe(true);

      await redis.stop();
      await waitFor(async () => (await store().health()).status === 'degraded');
      // The marker is in Redis, out of reach; the switch is recent, so the answer goes on.
      expect(await isWatched('read-elsewhere')).toBe(true);
    } finally {
      await other.close();
      await redis.start();
      await waitFor(async () => (await store().health()).status === 'ok');
    }
  }, 30_000);
});
