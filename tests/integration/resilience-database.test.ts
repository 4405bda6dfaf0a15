// The app while Postgres is unreachable: requests are told to come back (503 with Retry-After), not
// given a 500. The database is reached through a TCP proxy the test cuts and restores.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, db, isDatabaseUnavailable, pingDb } from '@/db';
import { aiMessages } from '@/db/schema';
import * as chat from '@/app/api/chat/route';
import { settled } from '@/lib/chat/registry';
import * as sessions from '@/app/api/sessions/route';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';
import { modelEnv, NO_MODEL, setTestEnv } from '../helpers/env';
import { startModelServer, type ModelServer } from '../helpers/model-server';
import { answerText, readSse, type SseEvent } from '../helpers/sse';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { eq, sql } from 'drizzle-orm';

let proxy: TcpProxy;
let tech: TestUser;
let restoreEnv: () => void;
const directUrl = process.env.DATABASE_URL!;

function viaProxy(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `);

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

/** The promise, or a failure once `ms` have passed (a stream that never ends fails the test instead of hanging it). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what}: nothing after ${ms} ms`)))]);
}

const caught = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (error: unknown) => error,
  );

beforeAll(async () => {
  tech = await makeUser('technician');
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(directUrl).port || 5432) });
  await closeDb();
  restoreEnv = setTestEnv({ ...NO_MODEL, DATABASE_URL: viaProxy(directUrl, proxy.port) });
  await pingDb();
});

afterAll(async () => {
  await proxy.restore();
  await closeDb();
  restoreEnv();
  await proxy.close();
});

beforeEach(async () => {
  await proxy.restore();
});

describe('requests while the database is unreachable', () => {
  it('get 503 unavailable with Retry-After, and work again once it is back', async () => {
    expect((await call(sessions.GET, { as: tech })).status).toBe(200);
    await proxy.cut();

    const res = await call(sessions.GET, { as: tech });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const error = await errorOf(res);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/can't reach its database/);

    const sent = await call(chat.POST, { as: tech, json: { message: 'Is anyone there?' } });
    expect(sent.status).toBe(503);
    expect((await errorOf(sent)).code).toBe('unavailable');

    await proxy.restore();
    expect((await call(sessions.GET, { as: tech })).status).toBe(200);
  });
});

describe('isDatabaseUnavailable', () => {
  it('knows a refused connection, a connection cut mid-query and a terminated backend', async () => {
    await proxy.cut();
    const refused = await caught(db().execute(sql`select 1`));
    expect(isDatabaseUnavailable(refused)).toBe(true);
    await proxy.restore();

    // Cut while a query runs: "Connection terminated unexpectedly".
    const client = new pg.Client({ connectionString: viaProxy(directUrl, proxy.port) });
    client.on('error', () => {});
    await client.connect();
    const running = caught(client.query('select pg_sleep(5)'));
    await new Promise((r) => setTimeout(r, 100));
    await proxy.cut();
    const terminated = await running;
    expect(String(terminated)).toMatch(/terminated/i);
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    await client.end().catch(() => {});
    await proxy.restore();

    // An administrator (or a restart) ends the backend: 57P01 admin_shutdown.
    const victim = new pg.Client({ connectionString: directUrl });
    victim.on('error', () => {});
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    const killed = caught(victim.query('select pg_sleep(5)'));
    const admin = new pg.Client({ connectionString: directUrl });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();
    const shutdown = (await killed) as { code?: string };
    expect(shutdown.code).toBe('57P01');
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    await victim.end().catch(() => {});
  });

  it('knows the server refusing connections while it starts or stops (57P03), through the query wrapper too', () => {
    // Postgres sends these during a restart; a test cannot make a real server say them on cue.
    const starting = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    expect(isDatabaseUnavailable(starting)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: starting }))).toBe(true);
  });

  it('leaves other errors alone: bad SQL, a division by zero, a refused connection to something else', async () => {
    const syntax = await caught(db().execute(sql`select from where`));
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    const division = await caught(db().execute(sql`select 1/0`));
    expect(isDatabaseUnavailable(division)).toBe(false);
    const elsewhere = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 1 });
    expect(isDatabaseUnavailable(elsewhere)).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('a connection lost while a request holds it', () => {
  it('fails that request as unavailable without crashing the process, and the pool recovers', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const admin = new pg.Client({ connectionString: directUrl });
      await admin.connect();
      const failed = await caught(
        db().transaction(async (tx) => {
          const { rows } = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
          // Between two queries of the transaction the server ends the connection (a restart does the same).
          await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
          await sleep(300);
          await tx.execute(sql`select 1`);
        }),
      );
      await admin.end();
      expect(isDatabaseUnavailable(failed)).toBe(true);
      expect(uncaught).toEqual([]);
      await pingDb();
    } finally {
      process.off('uncaughtException', record);
    }
  });
});

describe('an answer whose last write meets a database outage', () => {
  let model: ModelServer;
  let restoreModel: () => void;

  beforeAll(async () => {
    model = await startModelServer();
    restoreModel = setTestEnv({ ...modelEnv(model.url), DATABASE_URL: viaProxy(directUrl, proxy.port) });
  });

  afterAll(async () => {
    restoreModel();
    await model.close();
  });

  /** Asks, and cuts the database once the answer is streaming; returns the events as they come. */
  async function askAndCut(question: string) {
    model.script('primary', { kind: 'stream', tokens: words(30), tokenDelayMs: 40 });
    const res = await call(chat.POST, { as: tech, json: { message: question } });
    expect(res.status).toBe(200);
    const events: SseEvent[] = [];
    const ended = readSse(res, (e) => {
      events.push(e);
      return e.event === 'done' || e.event === 'error';
    });
    await waitFor(() => events.some((e) => e.event === 'token'));
    await proxy.cut();
    return { events, ended, assistantMessageId: events[0].data.assistantMessageId as string };
  }

  const row = async (id: string) => (await db().select().from(aiMessages).where(eq(aiMessages.id, id)))[0];

  it('is retried while the database restarts, and ends with `done` once it is back', async () => {
    const { events, ended, assistantMessageId } = await askAndCut('Answer through a short database restart');
    await waitFor(() => events.some((e) => e.event === 'citations'));
    await sleep(1_500);
    await proxy.restore();

    await within(ended, 15_000, 'the answer stream');
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete' } });
    await settled(assistantMessageId);
    expect(await row(assistantMessageId)).toMatchObject({ status: 'complete', content: words(30).join(''), error: null });
  }, 30_000);

  it('ends the stream with an `error` when the database stays away, and saves the answer once it is back', async () => {
    const { events, ended, assistantMessageId } = await askAndCut('Answer through a long database outage');
    await within(ended, 20_000, 'the answer stream');
    expect(answerText(events)).toBe(words(30).join(''));
    expect(events.some((e) => e.event === 'citations')).toBe(true);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ event: 'error', data: { messageId: assistantMessageId, code: 'unavailable' } });
    expect(last.data.message).toMatch(/can't reach its database/);
    expect(events.some((e) => e.event === 'done')).toBe(false);

    await proxy.restore();
    await waitFor(async () => (await row(assistantMessageId).catch(() => null))?.status === 'complete', 10_000);
    const saved = await row(assistantMessageId);
    expect(saved).toMatchObject({ status: 'complete', content: words(30).join(''), model: 'primary' });
    expect(saved.error).toMatch(/database was unreachable/);
    expect(saved.completedAt).not.toBeNull();
  }, 40_000);
});
