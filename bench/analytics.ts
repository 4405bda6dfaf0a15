// npm run bench:analytics – the admin dashboard's figures over a year of activity: 1M analytics
// events with the conversations, messages and escalations they describe, spread over 365 days;
// p50/p95 of the dashboard (the function the API route calls) for the last 30 and 365 days, beside
// a plain count(*) of the same range's events (the floor) measured in the same run, then each
// read of the dashboard alone for 365 days.
// BENCH_KEEP_DB=1 keeps the seeded database; BENCH_REUSE_DB=<its name> measures it again without seeding.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { machine, summary } from './lib';
import { benchDatabase } from './setup';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 128_000);
const TURNS = 3;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 20);
const DAY_MS = 86_400_000;

const MACHINES = ['AC-400', 'AC-250', 'XR-9', 'XR-12', 'PL-1100', 'PL-900', 'HX-20', 'HX-30', 'TK-5', 'ZB-88', 'MV-3', 'QS-7'];
const QUESTIONS = [
  'How do I replace the drive belt?',
  'What does error E07 mean?',
  'Compressor will not start after a power failure',
  'How often should the oil be changed?',
  'Safety valve keeps blowing',
  'How do I calibrate the pressure sensor?',
  'Water in the air lines',
  'What torque for the cylinder head bolts?',
  'Display shows Waiting V+ Power',
  'Where is the serial number plate?',
  'How do I reset the maintenance counter?',
  'Motor overheats after ten minutes',
];

async function main() {
  const reuse = process.env.BENCH_REUSE_DB;
  const env = reuse ? await existingDatabase(reuse) : await benchDatabase('fixline_analytics');
  try {
    const { db } = await import('@/db');
    const { getAnalyticsDashboard } = await import('@/lib/analytics/dashboard');
    const queries = await import('@/db/queries/analytics');
    const { countAnalyticsEvents } = queries;
    const { isoDay, addDays, toTimeRange } = await import('@/lib/analytics/range');
    const d = db();

    const seeding = performance.now();
    if (!reuse) await seed(d);
    const [{ events }] = (await d.execute(sql`select count(*)::int as events from ai_analytics_events`)).rows as { events: number }[];
    console.log(`Machine: ${machine()}`);
    const took = `in ${((performance.now() - seeding) / 1000).toFixed(0)} s`;
    console.log(
      `${reuse ? `Reused ${reuse}:` : 'Seeded'} ${events.toLocaleString('en')} events, ${CONVERSATIONS.toLocaleString('en')} conversations, ${(CONVERSATIONS * TURNS * 2).toLocaleString('en')} messages ${reuse ? '' : took}\n`,
    );

    console.log('| range | events in range | dashboard p50 ms | p95 ms | count(*) p50 ms | p95 ms |');
    console.log('|---|---|---|---|---|---|');
    const today = isoDay(new Date());
    for (const days of [30, 365]) {
      const range = { from: addDays(today, -(days - 1)), to: today };
      const inRange = await countAnalyticsEvents(toTimeRange(range));
      const dashboard: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < REPEATS + 2; i++) {
        let t = performance.now();
        await getAnalyticsDashboard(range);
        if (i >= 2) dashboard.push(performance.now() - t);
        t = performance.now();
        await countAnalyticsEvents(toTimeRange(range));
        if (i >= 2) floor.push(performance.now() - t);
      }
      const a = summary(dashboard);
      const f = summary(floor);
      console.log(
        `| ${days} days | ${inRange.toLocaleString('en')} | ${a.p50.toFixed(0)} | ${a.p95.toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} |`,
      );
    }

    const year = toTimeRange({ from: addDays(today, -364), to: today });
    const reads: [string, () => Promise<unknown>][] = [
      ['conversations and messages per day', () => queries.getDailyActivity(year)],
      ['answers: latency percentiles and rates', () => queries.getAnswerStats(year)],
      ['tokens per model', () => queries.getModelUsage(year)],
      ['feedback and escalation counts', () => queries.countFeedbackAndEscalations(year)],
      ['conversation outcomes', () => queries.getConversationOutcomes(year)],
      ['top machine models', () => queries.getTopMachineModels({ ...year, limit: 10 })],
      ['knowledge gaps', () => queries.getKnowledgeGaps({ ...year, limit: 25 })],
    ];
    console.log('\n| read alone, 365 days | p50 ms | p95 ms |');
    console.log('|---|---|---|');
    for (const [name, read] of reads) {
      const times: number[] = [];
      for (let i = 0; i < Math.max(5, REPEATS / 2) + 1; i++) {
        const t = performance.now();
        await read();
        if (i >= 1) times.push(performance.now() - t);
      }
      const r = summary(times);
      console.log(`| ${name} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} |`);
    }
    if (process.env.BENCH_KEEP_DB) console.log(`kept database: ${process.env.DATABASE_URL}`);
  } finally {
    if (process.env.BENCH_KEEP_DB || reuse) await release();
    else await env.close();
  }
}

/** A database seeded by an earlier run (BENCH_KEEP_DB), brought up to date by the migrations. */
async function existingDatabase(name: string) {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `${name}:`,
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`)),
    NEXTAUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    LOG_LEVEL: 'warn',
  });
  const { migrateDb } = await import('@/db');
  await migrateDb();
  return { close: release };
}

/** Closes the connections and leaves the database in place. */
async function release() {
  const { closeDb } = await import('@/db');
  const { closeStore } = await import('@/lib/store');
  await closeStore();
  await closeDb();
}

/**
 * A year of activity in a few statements: conversations spread evenly over 365 days, three turns
 * each; 6 % of answers decline and 2 % find no passage; a quarter of answers are rated (30 % of
 * those "not helpful"); 8 % of conversations are escalated.
 */
async function seed(d: Awaited<ReturnType<(typeof import('@/db'))['db']>>) {
  const machines = sql.raw(`array[${MACHINES.map((m) => `'${m}'`).join(', ')}]`);
  const questions = sql.raw(`array[${QUESTIONS.map((q) => `'${q.replace(/'/g, "''")}'`).join(', ')}]`);
  const now = new Date();
  const yearMs = 365 * DAY_MS;
  await d.execute(sql`set synchronous_commit = off`);
  await d.execute(sql`
    insert into users (email, name, role)
    select 'tech' || i || '@bench.example', 'Technician ' || i, 'technician' from generate_series(1, 200) i`);
  await d.execute(sql`
    create unlogged table bench_conv as
    select i, gen_random_uuid() as id,
      (select id from users order by email offset (i % 200) limit 1) as user_id,
      ${now.toISOString()}::timestamptz - make_interval(secs => (${yearMs / 1000}::float8 * i / ${CONVERSATIONS})) as at,
      case when i % 10 < 8 then (${machines})[1 + (i * 7) % ${MACHINES.length}] end as machine_model
    from generate_series(1, ${CONVERSATIONS}) i`);
  await d.execute(sql`
    create unlogged table bench_turn as
    select c.i, t, c.id as session_id, c.user_id, c.machine_model, c.at + make_interval(mins => t * 2) as at,
      gen_random_uuid() as question_id, gen_random_uuid() as answer_id,
      (${questions})[1 + (c.i * 3 + t) % ${QUESTIONS.length}] as question,
      (c.i * 7 + t * 13) % 100 as dice
    from bench_conv c cross join generate_series(1, ${TURNS}) t`);
  await d.execute(sql`
    insert into ai_sessions (id, user_id, title, machine_model, last_message_at, created_at, updated_at)
    select id, user_id, 'Conversation ' || i, machine_model, at, at, at from bench_conv`);
  await d.execute(sql`
    insert into ai_messages (id, session_id, role, content, mode, model, citations, created_at, updated_at)
    select id, session_id, role::message_role, content, mode::answer_mode, model, citations, at, at from (
      select question_id as id, session_id, 'user' as role, question as content, null as mode, null as model, '[]'::jsonb as citations, at, i, t, 0 as k from bench_turn
      union all
      select answer_id, session_id, 'assistant', 'An answer from the manual [1].', 'ai', 'gpt-4o-mini',
        case when dice >= 8 then jsonb_build_array(jsonb_build_object('n', 1, 'title', coalesce(machine_model, 'General') || ' Service Manual', 'page', 3)) else '[]'::jsonb end,
        at + interval '5 seconds', i, t, 1 from bench_turn
    ) m order by i, t, k`);
  await d.execute(sql`
    insert into ai_escalations (session_id, user_id, reason, summary, machine_model, created_at, updated_at)
    select id, user_id, (array['manual', 'no_answer', 'not_helpful', 'asked_for_human', 'safety', 'model_failure'])[1 + i % 6]::escalation_reason,
      'Summary', machine_model, at + interval '10 minutes', at + interval '10 minutes'
    from bench_conv where i % 25 in (0, 7)`);
  await d.execute(sql`
    insert into ai_analytics_events (type, user_id, session_id, message_id, properties, created_at)
    select 'session_started', user_id, id, null, jsonb_build_object('machineModel', machine_model), at from bench_conv
    union all
    select 'message_sent', user_id, session_id, question_id, jsonb_build_object('chars', length(question)), at from bench_turn
    union all
    select 'answer_completed', user_id, session_id, answer_id, jsonb_build_object(
        'latencyMs', 800 + (dice * 97) % 6000, 'firstTokenMs', case when dice % 10 = 3 then null else 150 + (dice * 31) % 900 end,
        'mode', case when dice % 10 = 3 then 'manuals_only' else 'ai' end,
        'model', case when dice % 10 = 3 then null when dice % 17 = 0 then 'gpt-4o' else 'gpt-4o-mini' end,
        'fallbackUsed', dice % 17 = 0, 'promptTokens', 1200 + dice * 10, 'completionTokens', 150 + dice, 'costUsd', 0.0004,
        'sources', case when dice < 2 then 0 else 4 end, 'cited', case when dice < 8 then 0 else 2 end,
        'modelFailed', false, 'answerable', dice >= 8, 'coverage', 0.7),
      at + interval '5 seconds' from bench_turn
    union all
    select 'feedback_given', user_id, session_id, answer_id, jsonb_build_object('helpful', dice % 10 >= 3, 'withComment', false),
      at + interval '1 minute' from bench_turn where dice % 4 = 1
    union all
    select 'escalation_created', e.user_id, e.session_id, null,
      jsonb_build_object('escalationId', e.id, 'reference', e.reference, 'reason', e.reason, 'urgency', 'normal', 'automatic', false), e.created_at
    from ai_escalations e`);
  await d.execute(sql`drop table bench_turn`);
  await d.execute(sql`drop table bench_conv`);
  await d.execute(sql`vacuum analyze`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
