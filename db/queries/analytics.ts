import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { aiAnalyticsEvents, aiMessages, aiSessions } from '@/db/schema';

export type NewAnalyticsEvent = typeof aiAnalyticsEvents.$inferInsert;

export async function insertAnalyticsEvent(values: NewAnalyticsEvent, tx: Executor = db()): Promise<void> {
  await tx.insert(aiAnalyticsEvents).values(values);
}

export async function insertAnalyticsEvents(values: NewAnalyticsEvent[], tx: Executor = db()): Promise<void> {
  if (values.length) await tx.insert(aiAnalyticsEvents).values(values);
}

/** A half-open time range: `from` included, `to` excluded. */
export interface TimeRange {
  from: Date;
  to: Date;
}

const e = aiAnalyticsEvents;

/**
 * Runs one of the dashboard's reads. JIT compilation is off for it: these aggregates read many
 * rows once, and compiling them took longer (hundreds of ms) than the time it saved. A year's
 * knowledge gaps and outcomes sort and hash more than the default 4 MB of memory: on disk, slower.
 */
async function rows<T>(query: SQL, tx: Executor): Promise<T[]> {
  return tx.transaction(async (t) => {
    await t.execute(sql`set local jit = off`);
    await t.execute(sql`set local work_mem = '32MB'`);
    return (await t.execute(query)).rows as T[];
  });
}

function inRange({ from, to }: TimeRange): SQL {
  return sql`${e.createdAt} >= ${from.toISOString()} and ${e.createdAt} < ${to.toISOString()}`;
}

const prop = (name: string) => sql.raw(`properties->>'${name}'`);

export interface DailyActivityRow {
  day: string;
  conversations: number;
  messages: number;
  escalations: number;
}

/** Conversations started, messages sent and escalations made per UTC day (days without any are absent). */
export async function getDailyActivity(range: TimeRange, tx: Executor = db()): Promise<DailyActivityRow[]> {
  // One small index-only count per UTC day (`start`, a timestamp in UTC) and type: cheaper than working out every event's day.
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const count = (type: string) => sql`(
    select count(*)::int from ${e}
    where ${e.type} = ${type} and ${e.createdAt} >= greatest(start at time zone 'UTC', ${from}::timestamptz)
      and ${e.createdAt} < least((start + interval '1 day') at time zone 'UTC', ${to}::timestamptz))`;
  return rows<DailyActivityRow>(
    sql`
      select * from (
        select to_char(start, 'YYYY-MM-DD') as day,
          ${count('session_started')} as conversations, ${count('message_sent')} as messages, ${count('escalation_created')} as escalations
        from generate_series(
          date_trunc('day', ${from}::timestamptz at time zone 'UTC'), (${to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 day'
        ) start
      ) per_day
      where conversations + messages + escalations > 0
      order by day`,
    tx,
  );
}

export interface AnswerStatsRow {
  answers: number;
  latencyP50: number | null;
  latencyP95: number | null;
  firstTokenP50: number | null;
  firstTokenP95: number | null;
  fallback: number;
  manualsOnly: number;
  modelFailed: number;
}

interface AnswerHistogramRow {
  /** 1: a latency and its count, 2: a first-token time and its count, 3: the totals. */
  set: 1 | 2 | 3;
  latencyMs: number | null;
  firstTokenMs: number | null;
  count: number;
  fallback: number;
  manualsOnly: number;
  modelFailed: number;
}

/**
 * Answers given, their latency percentiles (full answer and first token, ms) and how they were made.
 * The answers' figures come from one index: each distinct time with its count, the percentiles
 * computed from those as percentile_cont computes them (a year holds far fewer distinct times than
 * answers, and counting them costs less than sorting every answer).
 */
export async function getAnswerStats(range: TimeRange, tx: Executor = db()): Promise<AnswerStatsRow> {
  const found = await rows<AnswerHistogramRow>(
    sql`
      select grouping(${e.latencyMs}, ${e.firstTokenMs}) as set, ${e.latencyMs} as "latencyMs", ${e.firstTokenMs} as "firstTokenMs",
        count(*)::int as count,
        (count(*) filter (where ${e.fallbackUsed}))::int as fallback,
        (count(*) filter (where ${e.manualsOnly}))::int as "manualsOnly",
        (count(*) filter (where ${e.modelFailed}))::int as "modelFailed"
      from ${e}
      where ${e.type} = 'answer_completed' and ${inRange(range)}
      group by grouping sets ((${e.latencyMs}), (${e.firstTokenMs}), ())`,
    tx,
  );
  const latency = histogram(found.filter((r) => r.set === 1).map((r) => [r.latencyMs, r.count]));
  const firstToken = histogram(found.filter((r) => r.set === 2).map((r) => [r.firstTokenMs, r.count]));
  const totals = found.find((r) => r.set === 3);
  return {
    answers: totals?.count ?? 0,
    latencyP50: percentile(latency, 0.5),
    latencyP95: percentile(latency, 0.95),
    firstTokenP50: percentile(firstToken, 0.5),
    firstTokenP95: percentile(firstToken, 0.95),
    fallback: totals?.fallback ?? 0,
    manualsOnly: totals?.manualsOnly ?? 0,
    modelFailed: totals?.modelFailed ?? 0,
  };
}

type Histogram = { value: number; count: number }[];

/** Distinct values with their counts, ascending; values missing (null) left out, as percentile_cont does. */
function histogram(pairs: [number | null, number][]): Histogram {
  return pairs
    .filter((p): p is [number, number] => p[0] !== null)
    .map(([value, count]) => ({ value: Number(value), count }))
    .sort((a, b) => a.value - b.value);
}

/** The value at the nth position (0-based) of the sorted values the histogram counts. */
function nth(values: Histogram, n: number): number {
  let seen = 0;
  for (const { value, count } of values) {
    seen += count;
    if (n < seen) return value;
  }
  throw new RangeError(`position ${n} beyond ${seen} values`);
}

/** Postgres's percentile_cont over the histogram's values: the same interpolation, the same result. */
export function percentile(values: Histogram, fraction: number): number | null {
  const total = values.reduce((n, v) => n + v.count, 0);
  if (!total) return null;
  const position = fraction * (total - 1);
  const below = Math.floor(position);
  const lo = nth(values, below);
  const hi = nth(values, Math.ceil(position));
  return lo + (hi - lo) * (position - below);
}

export interface ModelUsageRow {
  model: string;
  answers: number;
  promptTokens: number;
  completionTokens: number;
}

/** Answers and tokens per model that wrote them (answers from the manuals alone have none). */
export async function getModelUsage(range: TimeRange, tx: Executor = db()): Promise<ModelUsageRow[]> {
  return rows<ModelUsageRow>(
    sql`
      select ${e.model} as model, count(*)::int as answers,
        coalesce(sum(${e.promptTokens}), 0)::float8 as "promptTokens",
        coalesce(sum(${e.completionTokens}), 0)::float8 as "completionTokens"
      from ${e}
      where ${e.type} = 'answer_completed' and ${inRange(range)} and ${e.model} is not null
      group by 1 order by answers desc, model`,
    tx,
  );
}

export interface EventCountRow {
  type: 'feedback_given' | 'escalation_created' | 'escalation_offered';
  /** The escalation's reason, or 'true' / 'false' for feedback. */
  key: string;
  count: number;
}

/** Feedback by helpfulness, escalations made and offered by reason. */
export async function countFeedbackAndEscalations(range: TimeRange, tx: Executor = db()): Promise<EventCountRow[]> {
  return rows<EventCountRow>(
    sql`
      select ${e.type} as type, coalesce(case when ${e.type} = 'feedback_given' then ${prop('helpful')} else ${prop('reason')} end, 'unknown') as key,
        count(*)::int as count
      from ${e}
      where ${e.type} in ('feedback_given', 'escalation_created', 'escalation_offered') and ${inRange(range)}
      group by 1, 2 order by 3 desc, 2`,
    tx,
  );
}

export interface OutcomeRow {
  conversations: number;
  escalated: number;
  notHelpful: number;
  resolved: number;
}

/**
 * What became of the conversations started in the range: escalated, rated "not helpful" (at any
 * time since the range began), or neither (resolved).
 */
export async function getConversationOutcomes(range: TimeRange, tx: Executor = db()): Promise<OutcomeRow> {
  const [row] = await rows<OutcomeRow>(
    sql`
      with started as (
        select distinct ${e.sessionId} as session_id from ${e}
        where ${e.type} = 'session_started' and ${inRange(range)} and ${e.sessionId} is not null
      ), outcome as (
        select ${e.sessionId} as session_id,
          bool_or(${e.type} = 'escalation_created') as escalated,
          bool_or(${e.type} = 'feedback_given') as not_helpful
        from ${e}
        where ${e.createdAt} >= ${range.from.toISOString()} and ${e.sessionId} is not null
          and (${e.type} = 'escalation_created' or (${e.type} = 'feedback_given' and ${prop('helpful')} = 'false'))
        group by 1
      )
      select count(*)::int as conversations,
        (count(*) filter (where o.escalated))::int as escalated,
        (count(*) filter (where o.not_helpful))::int as "notHelpful",
        (count(*) filter (where o.session_id is null))::int as resolved
      from started s left join outcome o on o.session_id = s.session_id`,
    tx,
  );
  return row;
}

export interface MachineModelRow {
  machineModel: string;
  conversations: number;
}

/** The machine models conversations were started about, most frequent first. */
export async function getTopMachineModels(range: TimeRange & { limit: number }, tx: Executor = db()): Promise<MachineModelRow[]> {
  return rows<MachineModelRow>(
    sql`
      select ${prop('machineModel')} as "machineModel", count(*)::int as conversations
      from ${e}
      where ${e.type} = 'session_started' and ${inRange(range)} and ${prop('machineModel')} is not null
      group by 1 order by 2 desc, 1 limit ${range.limit}`,
    tx,
  );
}

export interface KnowledgeGapRow {
  machineModel: string | null;
  /** The manual the search picked (the answer's first source), if any. */
  manual: string | null;
  /** The question's words, stemmed, without stop words, in order: questions with the same words group together. */
  words: string;
  occurrences: number;
  declined: number;
  noPassage: number;
  notHelpful: number;
  lastSeen: Date;
  examples: string[];
}

/**
 * The questions the manuals could not answer: answers that declined (the passages found do not
 * answer), found no passage, or were rated "not helpful"; grouped by machine model, manual and
 * question words. Questions are read from the conversations, so those purged are no longer counted.
 */
export async function getKnowledgeGaps(range: TimeRange & { limit: number }, tx: Executor = db()): Promise<KnowledgeGapRow[]> {
  const found = await rows<Omit<KnowledgeGapRow, 'lastSeen'> & { lastSeen: string }>(
    sql`
      with gap as (
        select ${e.messageId} as message_id, max(${e.createdAt}) as seen,
          bool_or(${e.type} = 'answer_completed' and ${prop('answerable')} = 'false') as declined,
          bool_or(${e.type} = 'answer_completed' and ${prop('sources')} = '0') as no_passage,
          bool_or(${e.type} = 'feedback_given') as not_helpful
        from ${e}
        where ${inRange(range)} and ${e.messageId} is not null and (
          (${e.type} = 'answer_completed' and (${prop('answerable')} = 'false' or ${prop('sources')} = '0'))
          or (${e.type} = 'feedback_given' and ${prop('helpful')} = 'false'))
        group by 1
      ), asked as (
        select g.*, s.machine_model, a.citations->0->>'title' as manual, q.content as question
        from gap g
        join ${aiMessages} a on a.id = g.message_id
        join ${aiSessions} s on s.id = a.session_id
        cross join lateral (
          select u.content from ${aiMessages} u
          where u.session_id = a.session_id and u.role = 'user' and u.seq < a.seq
          order by u.seq desc limit 1
        ) q
      ), keyed as (
        select *, coalesce(nullif(array_to_string(tsvector_to_array(to_tsvector('english', question)), ' '), ''), lower(question)) as words
        from asked
      )
      select machine_model as "machineModel", manual, words,
        count(*)::int as occurrences,
        (count(*) filter (where declined))::int as declined,
        (count(*) filter (where no_passage))::int as "noPassage",
        (count(*) filter (where not_helpful))::int as "notHelpful",
        max(seen) as "lastSeen",
        (array_agg(question order by seen desc))[1:20] as examples
      from keyed
      group by 1, 2, 3
      order by occurrences desc, "lastSeen" desc
      limit ${range.limit}`,
    tx,
  );
  // Up to three different wordings, the latest first.
  return found.map((r) => ({ ...r, examples: [...new Set(r.examples)].slice(0, 3), lastSeen: new Date(r.lastSeen) }));
}

/** The floor for the dashboard's cost: counting the range's events, nothing else. */
export async function countAnalyticsEvents(range: TimeRange, tx: Executor = db()): Promise<number> {
  const [row] = await rows<{ count: number }>(sql`select count(*)::int as count from ${e} where ${inRange(range)}`, tx);
  return row.count;
}
