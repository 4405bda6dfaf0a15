// npm run bench:chat – concurrent technicians against the production build and the stub model.
// Reports app-added time to first token (client-observed first token minus the stub's own delay),
// completed turns per second, errors and server memory, next to a bare Node proxy of the same stub.
// Needs `npm run build` first, Postgres on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
import http from 'node:http';
import path from 'node:path';
import { createTestDatabase, dropTestDatabase, TEST_REDIS_URL } from '../tests/helpers/databases';
import { machine, start, stop, summary, treeCpuMs, treeRssMb, waitForUrl } from './lib';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,10,50,200').split(',').map(Number);
const FIRST_TOKEN_MS = 50;
const TOKEN_MS = 5;
const TOKENS = 40;
const TURNS_PER_CONVERSATION = 5;
// BENCH_THINK_MS=3000: each technician pauses about that long (0.5–1.5 ×) between turns, reading
// the answer and typing the next question; default 0, a closed loop.
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const APP_PORT = 3210;
const MODEL_PORT = 4310;
const FLOOR_PORT = 4320;

const agent = new http.Agent({ keepAlive: true, maxSockets: 2048 });

interface Turn {
  firstTokenMs: number;
  totalMs: number;
  ok: boolean;
  sessionId?: string;
}

/** One chat turn over HTTP; resolves at the end of the stream. */
function turn(url: string, headers: Record<string, string>, body: string, isToken: (frame: string) => boolean): Promise<Turn> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let first = NaN;
    let ok = false;
    let sessionId: string | undefined;
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (Number.isNaN(first) && isToken(frame)) first = performance.now() - t0;
          if (!sessionId && frame.startsWith('event: session\n'))
            sessionId = (JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { sessionId?: string }).sessionId;
          if (frame.includes('event: done') || frame.includes('data: [DONE]')) ok = res.statusCode === 200 && !Number.isNaN(first);
          if (frame.startsWith('event: error')) ok = false;
        }
      });
      res.on('end', () => resolve({ firstTokenMs: first, totalMs: performance.now() - t0, ok, sessionId }));
      res.on('error', () => resolve({ firstTokenMs: first, totalMs: performance.now() - t0, ok: false }));
    });
    req.on('error', () => resolve({ firstTokenMs: NaN, totalMs: performance.now() - t0, ok: false }));
    req.end(body);
  });
}

async function level(concurrency: number, run: (vt: number, i: number) => Promise<Turn>, rssOf: () => number, cpuOf: () => number) {
  const turnsEach = Math.max(2, Math.ceil(Number(process.env.BENCH_TURNS ?? 300) / concurrency));
  const results: Turn[] = [];
  let peakRss = rssOf();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf())), 200);
  const t0 = performance.now();
  const cpu0 = cpuOf();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, vt) => {
      for (let i = 0; i < turnsEach; i++) {
        if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
        results.push(await run(vt, i));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = cpuOf() - cpu0;
  clearInterval(sampler);
  const good = results.filter((r) => r.ok);
  const added = summary(good.map((r) => r.firstTokenMs - FIRST_TOKEN_MS));
  return {
    concurrency,
    turns: results.length,
    errors: results.length - good.length,
    turnsPerSecond: good.length / seconds,
    added,
    peakRssMb: peakRss,
    cpuMsPerTurn: cpuMs / results.length,
  };
}

async function main() {
  const { url: databaseUrl, name: databaseName } = await createTestDatabase('fixline_bench');
  const tsx = path.join('node_modules', '.bin', 'tsx');
  const model = start(
    tsx,
    [
      'tests/helpers/model-server-cli.ts',
      '--port',
      String(MODEL_PORT),
      '--first-token-ms',
      String(FIRST_TOKEN_MS),
      '--token-ms',
      String(TOKEN_MS),
      '--tokens',
      String(TOKENS),
    ],
    {},
    'model',
  );
  const floor = start(tsx, ['bench/floor-proxy.ts', String(FLOOR_PORT), `http://127.0.0.1:${MODEL_PORT}/v1`], {}, 'floor');
  const appEnv = {
    NODE_ENV: 'production',
    PORT: String(APP_PORT),
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `fixline-bench-${Date.now().toString(36)}:`,
    NEXTAUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: `http://127.0.0.1:${MODEL_PORT}/v1`,
    OPENAI_MODEL: 'bench-primary',
    OPENAI_TIMEOUT: '30',
    RATE_LIMIT_CHAT_PER_USER: '100000',
    RATE_LIMIT_CHAT_PER_IP: '1000000',
    DEMO_ACCOUNTS: 'false',
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_MANUAL_SIG_HANDLE: 'true',
  };
  Object.assign(process.env, appEnv);
  // BENCH_PROFILE_DIR=/tmp/x writes a V8 CPU profile of the app server when it exits.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const app = start(
    process.execPath,
    [...profile, path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(APP_PORT), '-H', '127.0.0.1'],
    appEnv,
    'app',
  );
  try {
    await Promise.all([
      waitForUrl(`http://127.0.0.1:${APP_PORT}/api/health/ready`),
      waitForUrl(`http://127.0.0.1:${MODEL_PORT}/v1/models`),
    ]);
    await new Promise((r) => setTimeout(r, 500));

    // Technicians with API tokens, created through the app's own code.
    const { createUser } = await import('@/db/queries/users');
    const { issueApiToken } = await import('@/lib/auth/tokens');
    const { insertConsent } = await import('@/db/queries/consents');
    const { CONSENT_VERSION } = await import('@/lib/privacy/consent');
    const tokens: string[] = [];
    for (let i = 0; i < Math.max(...LEVELS); i++) {
      const user = await createUser({ email: `bench-${i}@example.com`, name: `Bench ${i}`, role: 'technician' });
      await insertConsent({ userId: user.id, version: CONSENT_VERSION }); // consented, as a technician who chats has
      tokens.push((await issueApiToken({ userId: user.id, name: 'bench' })).token);
    }

    // A knowledge base to answer from: the demo manual, indexed by the app's own ingestion worker.
    const { loadDemoManual } = await import('@/lib/knowledge/demo');
    const { db } = await import('@/db');
    const { sql } = await import('drizzle-orm');
    const demoId = await loadDemoManual();
    for (let i = 0; demoId && i < 600; i++) {
      const { rows } = await db().execute<{ status: string }>(sql`select status from knowledge_documents where id = ${demoId}`);
      if (rows[0]?.status === 'ready') break;
      if (rows[0]?.status === 'failed') throw new Error('the demo manual failed to index');
      await new Promise((r) => setTimeout(r, 100));
    }

    // Each technician keeps a conversation going for a few turns, then starts a new one.
    const conversations: (string | undefined)[] = [];
    const appTurn = async (vt: number, i: number) => {
      const sessionId = i % TURNS_PER_CONVERSATION === 0 ? undefined : conversations[vt];
      const result = await turn(
        `http://127.0.0.1:${APP_PORT}/api/chat`,
        { authorization: `Bearer ${tokens[vt]}` },
        JSON.stringify({ sessionId, message: `Bench question ${vt}-${i}: compressor shows E07` }),
        (f) => f.startsWith('event: token'),
      );
      conversations[vt] = result.sessionId ?? sessionId;
      return result;
    };
    const floorTurn = (vt: number, i: number) =>
      turn(`http://127.0.0.1:${FLOOR_PORT}/chat`, {}, JSON.stringify({ message: `Bench question ${vt}-${i}` }), (f) =>
        /"content":"[^"]/.test(f),
      );

    // Warm-up, so the figures are those of a server that has been running: the code paths
    // compiled and optimised, the connection pools filled.
    await Promise.all(
      Array.from({ length: 10 }, async (_, vt) => {
        for (let i = 0; i < 10; i++) await appTurn(vt, i);
      }),
    );

    const rows: string[] = [];
    for (const n of LEVELS) {
      const a = await level(
        n,
        appTurn,
        () => treeRssMb(app.pid!),
        () => treeCpuMs(app.pid!),
      );
      const f = process.env.BENCH_NO_FLOOR
        ? a
        : await level(
            n,
            floorTurn,
            () => treeRssMb(floor.pid!),
            () => treeCpuMs(floor.pid!),
          );
      const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
      rows.push(
        `| ${n} | app | ${fmt(a.added.p50)} | ${fmt(a.added.p95)} | ${fmt(a.added.p99)} | ${a.turnsPerSecond.toFixed(1)} | ${a.errors}/${a.turns} | ${a.peakRssMb} | ${a.cpuMsPerTurn.toFixed(1)} |`,
        `| ${n} | floor | ${fmt(f.added.p50)} | ${fmt(f.added.p95)} | ${fmt(f.added.p99)} | ${f.turnsPerSecond.toFixed(1)} | ${f.errors}/${f.turns} | ${f.peakRssMb} | ${f.cpuMsPerTurn.toFixed(1)} |`,
      );
      console.log(rows.slice(-2).join('\n'));
    }
    console.log(
      `\nStub: first token ${FIRST_TOKEN_MS} ms, ${TOKENS} tokens at ${TOKEN_MS} ms. Think time: ${THINK_MS ? `about ${THINK_MS} ms` : 'none'}. Machine: ${machine()}`,
    );
    console.log(
      '| concurrent | server | added TTFT p50 ms | p95 | p99 | turns/s | errors | peak RSS MB | server CPU ms/turn |\n|---|---|---|---|---|---|---|---|---|',
    );
    console.log(rows.join('\n'));
  } finally {
    const { closeDb } = await import('@/db');
    const { closeStore } = await import('@/lib/store');
    await closeStore().catch(() => {});
    await closeDb().catch(() => {});
    await Promise.all([stop(app), stop(model), stop(floor)]);
    await dropTestDatabase(databaseName).catch(() => {});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
