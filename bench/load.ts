// npm run load – technicians chatting with think time against one production instance (the built
// app: run `npm run build` first) on a private Postgres and Redis started here, the stub model
// server answering with realistic pacing. Flags: --users 200 --minutes 10 --think-ms 15000
// --port 3242 --pg-port 3245 --redis-port 3246 --first-token-ms 500 --token-ms 25 --tokens 80.
//
// App time is everything but the model's: for a chat turn, the client's time to the first token
// minus the model server's own delay before it (its first-token delay, plus one for each
// completion the app waited for before streaming, counted on the model server by the turn's tag);
// for the reads (conversation list, one conversation), their whole time. The floor is
// GET /api/health/live, polled through the same run.
import { parseArgs } from 'node:util';
import { machine } from './lib';
import {
  count,
  loadAverage,
  makeTechnicians,
  messageCounts,
  newTally,
  p,
  request,
  runTechnicians,
  sleep,
  startStack,
  verdict,
  type Pacing,
} from './load-lib';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    minutes: { type: 'string', default: '10' },
    'think-ms': { type: 'string', default: '15000' },
    port: { type: 'string', default: '3242' },
    'pg-port': { type: 'string', default: '3245' },
    'redis-port': { type: 'string', default: '3246' },
    'first-token-ms': { type: 'string', default: '500' },
    'token-ms': { type: 'string', default: '25' },
    tokens: { type: 'string', default: '80' },
  },
});
const num = (k: keyof typeof values) => Number(values[k]);

async function main() {
  const pacing: Pacing = { firstTokenMs: num('first-token-ms'), tokenMs: num('token-ms'), tokens: num('tokens') };
  const users = num('users');
  const durationMs = num('minutes') * 60_000;
  const thinkMs = num('think-ms');
  const started = new Date();
  const load0 = loadAverage();
  const stack = await startStack({ pgPort: num('pg-port'), redisPort: num('redis-port'), appPorts: [num('port')], pacing });
  const app = stack.apps[0];
  let failed = false;
  try {
    const { loadDemoManual } = await import('@/lib/knowledge/demo');
    const demoId = await loadDemoManual();
    const technicians = await makeTechnicians(users);
    for (let i = 0; demoId && i < 1200; i++) {
      const r = await request(`${app.url}/api/health/ready`);
      const { db } = await import('@/db');
      const { sql } = await import('drizzle-orm');
      const { rows } = await db().execute<{ status: string }>(sql`select status from knowledge_documents where id = ${demoId}`);
      if (rows[0]?.status === 'ready' && r.status === 200) break;
      await sleep(250);
    }
    console.log(
      `${users} technicians, ${num('minutes')} min, think time ~${thinkMs} ms; model: first token ${pacing.firstTokenMs} ms, ${pacing.tokens} tokens at ${pacing.tokenMs} ms`,
    );

    const tally = newTally();
    const floor: number[] = [];
    const deadline = Date.now() + durationMs;
    const until = () => Date.now() >= deadline;
    const floorLoop = (async () => {
      while (!until()) {
        const r = await request(`${app.url}/api/health/live`);
        count(tally, r.status, { kind: 'floor', failure: r.failure });
        floor.push(r.ms);
        await sleep(250);
      }
    })();
    const progress = setInterval(() => {
      console.log(
        `  ${new Date().toISOString().slice(11, 19)} sent ${tally.sent} answered ${tally.answered} server errors ${tally.serverErrors} load ${loadAverage()}`,
      );
    }, 60_000);
    await runTechnicians({
      technicians,
      baseUrl: () => app.url,
      thinkMs,
      until,
      model: stack.model,
      pacing,
      tally,
      rampMs: Math.min(30_000, thinkMs),
    });
    clearInterval(progress);
    await floorLoop;
    await sleep(2_000); // the last answers' final writes

    const db = await messageCounts(
      stack.databaseUrl,
      technicians.map((t) => t.id),
    );
    const overhead = p(tally.overheadMs);
    const reads = p(tally.readMs);
    const all = p([...tally.overheadMs, ...tally.readMs]);
    const fl = p(floor);
    const errorRate = tally.serverErrors / Math.max(1, tally.requests);
    console.log(`\nMachine: ${machine()}; load average before ${load0}, after ${loadAverage()}; started ${started.toISOString()}`);
    console.log(
      `Requests ${tally.requests} (${(tally.requests / (durationMs / 1000)).toFixed(1)}/s), statuses ${JSON.stringify(tally.statuses)}`,
    );
    console.log(`Server errors by kind: ${JSON.stringify(tally.errorKinds)}; app log ${app.logFile}`);
    console.log(
      `Chat turns: sent ${tally.sent}, answered complete ${tally.answered}, other endings ${JSON.stringify(tally.doneOther)}, stream errors ${JSON.stringify(tally.streamErrors)}, cut ${tally.cut}`,
    );
    console.log(`App time to first token (model delay subtracted): ${overhead.text}`);
    console.log(`Reads (conversation list, conversation): ${reads.text}`);
    console.log(`Everything but model time: ${all.text}`);
    console.log(`Floor GET /api/health/live: ${fl.text}; p99 ratio ${(all.p99 / fl.p99).toFixed(1)}×`);
    console.log(
      `Database: ${db.user} questions, ${db.assistant} answers (${db.complete} complete, ${db.streaming} still streaming), ${db.duplicateQuestions} duplicated questions`,
    );
    const checks = [
      verdict(errorRate <= 0.00025, `server errors ${tally.serverErrors}/${tally.requests} = ${(errorRate * 100).toFixed(4)}% (<= 0.025%)`),
      verdict(all.p99 <= 2000, `p99 of everything but model time ${all.p99.toFixed(0)} ms (<= 2000 ms)`),
      verdict(
        db.user === tally.sent && db.complete === tally.answered && db.streaming === 0 && db.duplicateQuestions === 0,
        `database: questions ${db.user} = sent ${tally.sent}, complete answers ${db.complete} = answered ${tally.answered}, none left streaming, no duplicates`,
      ),
    ];
    failed = checks.includes(false);
  } finally {
    await stack.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
