// What the load and fault runs share: a private Postgres and Redis, the stub model server in this
// process (so its side of every answer is known), the built app as child processes, technicians
// that chat with think time, and the counts of what the database kept.
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { OwnRedis } from '../tests/helpers/redis-server';
import { PrivatePostgres } from '../tests/helpers/private-postgres';
import { startModelServer, type ModelServer } from '../tests/helpers/model-server';
import { start, stop, summary, waitForUrl } from './lib';
import type { ChildProcess } from 'node:child_process';

// A new connection per request, as each technician's own browser would open: a shared keep-alive
// pool reuses sockets the server has just closed after its idle timeout (ECONNRESET on the client).
export const agent = new http.Agent({ keepAlive: false, maxSockets: 4096 });
const tlsAgent = new https.Agent({ keepAlive: false, maxSockets: 4096, rejectUnauthorized: false });

/** http or https (nginx's self-signed certificate accepted) by the URL. */
function send(url: string, options: http.RequestOptions, callback: (res: http.IncomingMessage) => void): http.ClientRequest {
  return url.startsWith('https:')
    ? https.request(url, { ...options, agent: tlsAgent }, callback)
    : http.request(url, { ...options, agent }, callback);
}

export interface Pacing {
  firstTokenMs: number;
  tokenMs: number;
  tokens: number;
}

/** Realistic pacing: a hosted model's first token after about half a second, then ~40 tokens/s. */
export const REALISTIC: Pacing = { firstTokenMs: 500, tokenMs: 25, tokens: 80 };

export interface Stack {
  pg: PrivatePostgres;
  redis: OwnRedis;
  model: ModelServer;
  databaseUrl: string;
  apps: App[];
  appEnv: Record<string, string>;
  startApp(port: number, extra?: Record<string, string>): Promise<App>;
  close(): Promise<void>;
}

export interface App {
  port: number;
  url: string;
  child: ChildProcess;
  /** The server's own log (stdout and stderr). */
  logFile: string;
}

/** Private Postgres and Redis on the given ports, the model server, and `appPorts.length` app instances. */
export async function startStack(opts: {
  pgPort: number;
  redisPort: number;
  appPorts: number[];
  pacing: Pacing;
  env?: Record<string, string>;
}): Promise<Stack> {
  const { resetEnv } = await import('@/lib/env');
  resetEnv();
  const pgServer = await PrivatePostgres.create(opts.pgPort);
  const client = new pg.Client({ connectionString: pgServer.url });
  await client.connect();
  await client.query('create database fixline');
  await client.end();
  const databaseUrl = `postgres://postgres@127.0.0.1:${opts.pgPort}/fixline`;
  const redis = new OwnRedis(opts.redisPort);
  await redis.start();
  const model = await startModelServer();
  model.setDefault('*', {
    kind: 'echo',
    length: opts.pacing.tokens,
    firstTokenDelayMs: opts.pacing.firstTokenMs,
    tokenDelayMs: opts.pacing.tokenMs,
  });

  const appEnv: Record<string, string> = {
    NODE_ENV: 'production',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-load-data-')),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '30',
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'fixline-load:',
    NEXTAUTH_SECRET: 'load-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    APP_URL: `http://127.0.0.1:${opts.appPorts[0]}`,
    OPENAI_API_KEY: 'load',
    OPENAI_BASE_URL: model.url,
    OPENAI_MODEL: 'primary',
    OPENAI_FALLBACK_MODEL: 'fallback',
    OPENAI_TIMEOUT: '30',
    RATE_LIMIT_CHAT_PER_USER: '100000',
    RATE_LIMIT_CHAT_PER_IP: '1000000',
    DEMO_ACCOUNTS: 'false',
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_MANUAL_SIG_HANDLE: 'true',
    ...opts.env,
  };
  // This process creates the technicians with the app's own code, against the same database.
  Object.assign(process.env, { ...appEnv, NODE_ENV: 'test', LOG_LEVEL: 'error' });

  const apps: App[] = [];
  const startApp = async (port: number, extra: Record<string, string> = {}) => {
    const env = { ...appEnv, PORT: String(port), ...extra };
    const child = start(
      process.execPath,
      [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
      env,
      `app:${port}`,
    );
    const logFile = path.join(os.tmpdir(), `fixline-app-${port}-${Date.now().toString(36)}.log`);
    const sink = fs.createWriteStream(logFile);
    child.stderr?.removeAllListeners('data'); // all of it goes to the log file instead
    child.stdout?.pipe(sink);
    child.stderr?.pipe(sink);
    const app = { port, url: `http://127.0.0.1:${port}`, child, logFile };
    apps.push(app);
    await waitForUrl(`${app.url}/api/health/ready`, 180_000);
    return app;
  };
  for (const port of opts.appPorts) await startApp(port);

  return {
    pg: pgServer,
    redis,
    model,
    databaseUrl,
    apps,
    appEnv,
    startApp,
    async close() {
      const { closeDb } = await import('@/db');
      const { closeStore } = await import('@/lib/store');
      await closeStore().catch(() => {});
      await closeDb().catch(() => {});
      await Promise.all(apps.map((a) => stop(a.child)));
      await model.close();
      await redis.stop();
      await pgServer.destroy();
    },
  };
}

export interface Technician {
  id: string;
  token: string;
  email: string;
}

/** Consented technicians with API tokens, made with the app's own code. */
export async function makeTechnicians(
  count: number,
  prefix = 'load',
  role: 'technician' | 'support' | 'admin' = 'technician',
): Promise<Technician[]> {
  const { createUser } = await import('@/db/queries/users');
  const { issueApiToken } = await import('@/lib/auth/tokens');
  const { insertConsent } = await import('@/db/queries/consents');
  const { CONSENT_VERSION } = await import('@/lib/privacy/consent');
  const out: Technician[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${i}-${Date.now().toString(36)}@example.com`;
    const user = await createUser({ email, name: `${prefix} ${i}`, role });
    await insertConsent({ userId: user.id, version: CONSENT_VERSION });
    out.push({ id: user.id, email, token: (await issueApiToken({ userId: user.id, name: prefix })).token });
  }
  return out;
}

export interface TurnResult {
  status: number;
  /** ms from sending to the first token event; NaN if none. */
  firstTokenMs: number;
  totalMs: number;
  sessionId?: string;
  assistantMessageId?: string;
  done?: { status: string; mode: string | null; fallbackUsed: boolean };
  errorCode?: string;
  text: string;
  /** The stream ended without `done` or `error` (connection cut, server gone). */
  cut: boolean;
  startedAt: number;
  /** The client-side error, when the request failed before or during the response. */
  failure?: string;
}

/** One POST /api/chat, read to the end of its stream. */
export function chatTurn(
  baseUrl: string,
  token: string,
  body: Record<string, unknown>,
  /** Sees every event; returning true drops the connection there (a reader going away). */
  onFrame?: (type: string, data: unknown) => boolean | void,
): Promise<TurnResult> {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const t0 = performance.now();
    const result: TurnResult = { status: 0, firstTokenMs: NaN, totalMs: NaN, text: '', cut: true, startedAt };
    const finish = () => {
      result.totalMs = performance.now() - t0;
      resolve(result);
    };
    const req = send(
      `${baseUrl}/api/chat`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (res) => {
        result.status = res.statusCode ?? 0;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const type = /^event: (\S+)/m.exec(frame)?.[1];
            const raw = /^data: (.*)$/m.exec(frame)?.[1];
            if (!type || raw === undefined) continue;
            let data: Record<string, unknown> = {};
            try {
              data = JSON.parse(raw) as Record<string, unknown>;
            } catch {
              continue;
            }
            if (type === 'session') {
              result.sessionId = data.sessionId as string;
              result.assistantMessageId = (data.assistantMessageId as string | null) ?? undefined;
            } else if (type === 'token') {
              if (Number.isNaN(result.firstTokenMs)) result.firstTokenMs = performance.now() - t0;
              result.text += String(data.text ?? '');
            } else if (type === 'reset') result.text = '';
            else if (type === 'done') {
              result.done = {
                status: String(data.status),
                mode: (data.mode as string | null) ?? null,
                fallbackUsed: Boolean(data.fallbackUsed),
              };
              result.cut = false;
            } else if (type === 'error') {
              result.errorCode = String(data.code);
              result.cut = false;
            }
            if (onFrame?.(type, data) === true) {
              req.destroy();
              return;
            }
          }
        });
        res.on('end', finish);
        res.on('error', finish);
        res.on('aborted', finish);
      },
    );
    req.on('error', (error) => {
      result.failure = (error as NodeJS.ErrnoException).code ?? error.message;
      finish();
    });
    // A stream still open after this long (answers take seconds) is given up, so a run cannot hang on it.
    const overall = setTimeout(() => req.destroy(Object.assign(new Error('stream open for 120 s'), { code: 'CLIENT_TIMEOUT' })), 120_000);
    req.on('close', () => clearTimeout(overall));
    req.end(JSON.stringify(body));
  });
}

export interface Timed {
  status: number;
  ms: number;
  body: string;
  failure?: string;
}

export function request(url: string, opts: { method?: string; token?: string; body?: unknown } = {}): Promise<Timed> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const req = send(url, { method: opts.method ?? 'GET', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(parts).toString('utf8') }),
      );
      res.on('error', () => resolve({ status: 0, ms: performance.now() - t0, body: '' }));
    });
    req.on('error', (error) =>
      resolve({ status: 0, ms: performance.now() - t0, body: '', failure: (error as NodeJS.ErrnoException).code ?? error.message }),
    );
    req.end(opts.body === undefined ? undefined : JSON.stringify(opts.body));
  });
}

/** The model's own time before the first token of the turn tagged `tag`: the streamed answer's delay plus any completion it waited for. */
export function modelTimeBeforeFirstToken(model: ModelServer, tag: string, pacing: Pacing): number {
  const mine = model.requests.filter((r) => r.path === '/v1/chat/completions' && r.messages.some((m) => m.content.includes(tag)));
  const stream = mine.find((r) => r.stream);
  if (!stream) return pacing.firstTokenMs;
  const before = mine.filter((r) => !r.stream && r.at <= stream.at).length;
  return pacing.firstTokenMs * (1 + before);
}

export interface Tally {
  /** Chat requests answered 200 with a `session` event (the question is stored). */
  sent: number;
  /** Answers that ended with done status complete. */
  answered: number;
  doneOther: Record<string, number>;
  streamErrors: Record<string, number>;
  cut: number;
  statuses: Record<string, number>;
  serverErrors: number;
  requests: number;
  overheadMs: number[];
  readMs: number[];
  sessions: Set<string>;
  turns: TurnResult[];
  /** Every response, in the order they ended. */
  log: {
    at: number;
    status: number;
    kind: string;
    done?: string;
    mode?: string | null;
    fallbackUsed?: boolean;
    errorCode?: string;
    failure?: string;
  }[];
  /** Server errors and failed requests by route kind, status and cause. */
  errorKinds: Record<string, number>;
}

export function newTally(): Tally {
  return {
    sent: 0,
    answered: 0,
    doneOther: {},
    streamErrors: {},
    cut: 0,
    statuses: {},
    serverErrors: 0,
    requests: 0,
    overheadMs: [],
    readMs: [],
    sessions: new Set(),
    turns: [],
    log: [],
    errorKinds: {},
  };
}

export function count(tally: Tally, status: number, info: Partial<Tally['log'][number]> = {}): void {
  tally.log.push({ at: Date.now(), status, kind: 'read', ...info });
  tally.requests += 1;
  tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
  if (status >= 500 || status === 0) {
    tally.serverErrors += 1;
    const key = `${info.kind ?? 'read'} ${status}${info.failure ? ` ${info.failure}` : ''}`;
    tally.errorKinds[key] = (tally.errorKinds[key] ?? 0) + 1;
  }
}

/**
 * Technicians who each ask, read the answer (think time 0.5–1.5 × thinkMs), sometimes reopen their
 * conversation list and the conversation, and start a new conversation every few turns, until `until()`.
 */
export async function runTechnicians(opts: {
  technicians: Technician[];
  baseUrl: (i: number) => string;
  thinkMs: number;
  until: () => boolean;
  model: ModelServer;
  pacing: Pacing;
  tally: Tally;
  turnsPerConversation?: number;
  question?: (vt: number, turn: number, tag: string) => string;
  /** Start the users over this many ms, as a morning does. */
  rampMs?: number;
}): Promise<void> {
  const perConversation = opts.turnsPerConversation ?? 4;
  const { tally } = opts;
  await Promise.all(
    opts.technicians.map(async (tech, vt) => {
      await sleep(((opts.rampMs ?? 0) * vt) / opts.technicians.length);
      let sessionId: string | undefined;
      for (let turn = 0; !opts.until(); turn++) {
        const tag = `[t${vt}-${turn}]`;
        const message = opts.question?.(vt, turn, tag) ?? `${tag} The compressor shows error E07 after start-up. What should I check?`;
        const base = opts.baseUrl(vt);
        const r = await chatTurn(base, tech.token, { sessionId: turn % perConversation === 0 ? undefined : sessionId, message });
        count(tally, r.status, {
          kind: 'chat',
          done: r.done?.status,
          mode: r.done?.mode,
          fallbackUsed: r.done?.fallbackUsed,
          errorCode: r.errorCode,
          failure: r.failure,
        });
        tally.turns.push(r);
        if (r.status === 200 && r.sessionId) {
          tally.sent += 1;
          sessionId = r.sessionId;
          tally.sessions.add(r.sessionId);
        }
        if (r.done?.status === 'complete') tally.answered += 1;
        else if (r.done) tally.doneOther[r.done.status] = (tally.doneOther[r.done.status] ?? 0) + 1;
        if (r.errorCode) tally.streamErrors[r.errorCode] = (tally.streamErrors[r.errorCode] ?? 0) + 1;
        if (r.status === 200 && r.cut) tally.cut += 1;
        if (Number.isFinite(r.firstTokenMs))
          tally.overheadMs.push(r.firstTokenMs - modelTimeBeforeFirstToken(opts.model, tag, opts.pacing));
        await sleep(opts.thinkMs * (0.5 + Math.random()));
        if (opts.until()) break;
        if (turn % 2 === 1) {
          const list = await request(`${base}/api/sessions`, { token: tech.token });
          count(tally, list.status, { kind: 'list', failure: list.failure });
          tally.readMs.push(list.ms);
          if (sessionId) {
            const one = await request(`${base}/api/sessions/${sessionId}`, { token: tech.token });
            count(tally, one.status, { kind: 'conversation', failure: one.failure });
            tally.readMs.push(one.ms);
          }
        }
      }
    }),
  );
}

/** Messages the database holds for these users' conversations, by role and status. */
export async function messageCounts(databaseUrl: string, userIds: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; status: string; n: number }>(
      `select m.role, m.status, count(*)::int as n from ai_messages m join ai_sessions s on s.id = m.session_id
        where s.user_id = any($1::uuid[]) group by 1, 2`,
      [userIds],
    );
    const by = (role: string, status?: string) =>
      rows.filter((r) => r.role === role && (!status || r.status === status)).reduce((a, r) => a + r.n, 0);
    const dup = await client.query<{ n: number }>(
      `select count(*)::int as n from (select m.session_id, m.content from ai_messages m join ai_sessions s on s.id = m.session_id
        where s.user_id = any($1::uuid[]) and m.role = 'user' group by 1, 2 having count(*) > 1) d`,
      [userIds],
    );
    return {
      rows,
      user: by('user'),
      assistant: by('assistant'),
      complete: by('assistant', 'complete'),
      streaming: by('assistant', 'streaming'),
      duplicateQuestions: dup.rows[0].n,
    };
  } finally {
    await client.end();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function p(values: number[]) {
  const s = summary(values);
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
  return { ...s, text: `p50 ${f(s.p50)} ms, p95 ${f(s.p95)} ms, p99 ${f(s.p99)} ms (n=${s.n})` };
}

export function verdict(ok: boolean, label: string): boolean {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  return ok;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}
