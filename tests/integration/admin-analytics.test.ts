import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db } from '@/db';
import { getAnswerStats, getDailyActivity, insertAnalyticsEvents, type NewAnalyticsEvent } from '@/db/queries/analytics';
import { createSession, insertMessage } from '@/db/queries/chat';
import type { Citation } from '@/db/schema';
import * as analytics from '@/app/api/admin/analytics/route';
import type { AnalyticsDashboard } from '@/lib/analytics/dashboard';
import { estimateCost } from '@/lib/llm/pricing';
import type { Serialized } from '@/lib/serialized';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

// The seeded activity lies in March 2001, where no other test writes, so the figures are exact.
const RANGE = 'from=2001-03-01&to=2001-03-07';

let tech: TestUser;
let support: TestUser;
let admin: TestUser;

const at = (day: string, time = '10:00:00') => new Date(`${day}T${time}Z`);

interface Turn {
  question: string;
  answer: { latencyMs: number; firstTokenMs: number | null; mode?: 'ai' | 'manuals_only'; model?: string | null; fallbackUsed?: boolean };
  tokens?: [number, number];
  answerable?: boolean;
  sources?: number;
  citations?: Citation[];
  helpful?: boolean;
}

/** A conversation as the chat stores it: its rows and the events a real one records. */
async function seedConversation(day: string, machineModel: string | null, turns: Turn[], escalation?: string) {
  const session = await createSession({ userId: tech.id, title: turns[0].question, machineModel });
  const about = { userId: tech.id, sessionId: session.id };
  const events: NewAnalyticsEvent[] = [{ ...about, type: 'session_started', properties: { machineModel }, createdAt: at(day, '09:00:00') }];
  for (const [i, turn] of turns.entries()) {
    const asked = await insertMessage({ sessionId: session.id, role: 'user', content: turn.question });
    const answer = await insertMessage({
      sessionId: session.id,
      role: 'assistant',
      content: 'An answer',
      mode: turn.answer.mode ?? 'ai',
      citations: turn.citations ?? [],
    });
    const time = at(day, `1${i}:00:00`);
    events.push({ ...about, messageId: asked.id, type: 'message_sent', properties: { chars: turn.question.length }, createdAt: time });
    events.push({
      ...about,
      messageId: answer.id,
      type: 'answer_completed',
      createdAt: time,
      properties: {
        mode: 'ai',
        model: 'gpt-4o-mini',
        fallbackUsed: false,
        ...turn.answer,
        promptTokens: turn.tokens?.[0] ?? 0,
        completionTokens: turn.tokens?.[1] ?? 0,
        costUsd: 0,
        sources: turn.sources ?? 3,
        cited: 1,
        modelFailed: false,
        answerable: turn.answerable ?? true,
        coverage: 0.8,
      },
    });
    if (turn.helpful !== undefined) {
      events.push({
        ...about,
        messageId: answer.id,
        type: 'feedback_given',
        properties: { helpful: turn.helpful, withComment: false },
        createdAt: time,
      });
    }
  }
  if (escalation) {
    const properties = { escalationId: crypto.randomUUID(), reference: 1, reason: escalation, urgency: 'normal', automatic: false };
    events.push({ ...about, type: 'escalation_created', properties, createdAt: at(day, '18:00:00') });
  }
  await insertAnalyticsEvents(events);
}

const citation = (title: string): Citation => ({
  n: 1,
  documentId: crypto.randomUUID(),
  chunkId: crypto.randomUUID(),
  title,
  page: 3,
  snippet: '…',
});

beforeAll(async () => {
  tech = await makeUser('technician');
  support = await makeUser('support');
  admin = await makeUser('admin');
  // Resolved: two answers, one rated helpful.
  await seedConversation('2001-03-01', 'AC-400', [
    { question: 'What does E07 mean?', answer: { latencyMs: 1000, firstTokenMs: 100 }, tokens: [1000, 100], helpful: true },
    { question: 'How do I clean the cooler?', answer: { latencyMs: 2000, firstTokenMs: 200 }, tokens: [1000, 100] },
  ]);
  // Escalated after the manuals had no passage.
  await seedConversation(
    '2001-03-02',
    'AC-400',
    [
      {
        question: 'How do I replace the drive belt?',
        answer: { latencyMs: 3000, firstTokenMs: null, mode: 'manuals_only', model: null },
        answerable: false,
        sources: 0,
      },
    ],
    'no_answer',
  );
  // Rated not helpful, on the fallback model.
  await seedConversation('2001-03-03', 'XR-9', [
    {
      question: 'Replacing drive belts?',
      answer: { latencyMs: 4000, firstTokenMs: 400, fallbackUsed: true },
      tokens: [2000, 300],
      citations: [citation('XR-9 Operator Manual')],
      helpful: false,
    },
  ]);
  // Declined: passages found, none answers.
  await seedConversation('2001-03-04', 'AC-400', [
    {
      question: 'replacing the drive belts',
      answer: { latencyMs: 5000, firstTokenMs: 500 },
      tokens: [500, 50],
      answerable: false,
      sources: 2,
    },
  ]);
  // Outside the range.
  await seedConversation(
    '2001-03-08',
    'AC-400',
    [{ question: 'Belt?', answer: { latencyMs: 9000, firstTokenMs: 900 }, answerable: false }],
    'manual',
  );
  // Machine models a spreadsheet would run as formulas.
  await seedConversation('2001-04-01', '=HYPERLINK("http://example.com")', [{ question: 'Hi', answer: { latencyMs: 1, firstTokenMs: 1 } }]);
  await seedConversation('2001-04-01', '-2+3', [{ question: 'Hi', answer: { latencyMs: 1, firstTokenMs: 1 } }]);
});

async function dashboard(query = RANGE): Promise<Serialized<AnalyticsDashboard>> {
  const res = await call(analytics.GET, { as: admin, path: `/api/admin/analytics?${query}` });
  expect(res.status).toBe(200);
  return res.json();
}

describe('GET /api/admin/analytics', () => {
  it('is for admins only', async () => {
    expect((await call(analytics.GET, { path: `/api/admin/analytics?${RANGE}` })).status).toBe(401);
    for (const user of [tech, support]) {
      const res = await call(analytics.GET, { as: user, path: `/api/admin/analytics?${RANGE}` });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const csv = await call(analytics.GET, { as: tech, path: `/api/admin/analytics?${RANGE}&format=csv&table=gaps` });
    expect(csv.status).toBe(403);
  });

  it('counts conversations, messages and escalations per day, every day of the range', async () => {
    const d = await dashboard();
    expect(d.range).toEqual({ from: '2001-03-01', to: '2001-03-07', days: 7 });
    expect(d.daily).toHaveLength(7);
    expect(d.daily.slice(0, 5)).toEqual([
      { day: '2001-03-01', conversations: 1, messages: 2, escalations: 0 },
      { day: '2001-03-02', conversations: 1, messages: 1, escalations: 1 },
      { day: '2001-03-03', conversations: 1, messages: 1, escalations: 0 },
      { day: '2001-03-04', conversations: 1, messages: 1, escalations: 0 },
      { day: '2001-03-05', conversations: 0, messages: 0, escalations: 0 },
    ]);
    expect(d.totals).toEqual({ conversations: 4, messages: 5, answers: 5, escalations: 1 });
  });

  it('gives the resolution and escalation rates, reasons and feedback', async () => {
    const d = await dashboard();
    expect(d.outcomes).toEqual({ conversations: 4, resolved: 2, escalated: 1, notHelpful: 1, resolutionRate: 0.5, escalationRate: 0.25 });
    expect(d.escalationReasons).toEqual([{ reason: 'no_answer', count: 1 }]);
    expect(d.feedback).toEqual({ helpful: 1, notHelpful: 1, total: 2, helpfulShare: 0.5 });
  });

  it('gives latency percentiles, fallback and manuals-only rates, tokens and cost per model and top machine models', async () => {
    const d = await dashboard();
    // Full answers 1–5 s; first tokens 100, 200, 400, 500 ms (the manuals-only answer has none).
    expect(d.latency).toEqual({ answers: 5, fullP50: 3000, fullP95: 4800, firstTokenP50: 300, firstTokenP95: 485 });
    expect(d.answers).toEqual({ answers: 5, fallback: 1, fallbackRate: 0.2, manualsOnly: 1, manualsOnlyRate: 0.2, modelFailed: 0 });
    expect(d.models).toEqual([
      { model: 'gpt-4o-mini', answers: 4, promptTokens: 4500, completionTokens: 550, costUsd: estimateCost('gpt-4o-mini', 4500, 550) },
    ]);
    expect(d.machineModels).toEqual([
      { machineModel: 'AC-400', conversations: 3 },
      { machineModel: 'XR-9', conversations: 1 },
    ]);
  });

  it('groups the questions the manuals could not answer by machine model, manual and question words', async () => {
    const d = await dashboard();
    expect(d.gaps).toHaveLength(2);
    expect(d.gaps[0]).toMatchObject({
      machineModel: 'AC-400',
      manual: null,
      words: 'belt drive replac',
      occurrences: 2,
      declined: 2,
      noPassage: 1,
      notHelpful: 0,
      lastSeen: '2001-03-04T10:00:00.000Z',
      examples: ['replacing the drive belts', 'How do I replace the drive belt?'],
    });
    expect(d.gaps[1]).toMatchObject({
      machineModel: 'XR-9',
      manual: 'XR-9 Operator Manual',
      occurrences: 1,
      declined: 0,
      notHelpful: 1,
      examples: ['Replacing drive belts?'],
    });
  });

  it('reads the last 30 days by default and accepts up to 400 days', async () => {
    const d = await dashboard('');
    const today = new Date().toISOString().slice(0, 10);
    expect(d.range.to).toBe(today);
    expect(d.range.days).toBe(30);
    expect(d.daily).toHaveLength(30);
    expect((await dashboard('from=2000-03-01&to=2001-04-04')).range.days).toBe(400);
    const tenDaysAgo = new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10);
    expect((await dashboard(`from=${tenDaysAgo}`)).range).toEqual({ from: tenDaysAgo, to: today, days: 10 });
    expect((await dashboard('to=2001-03-30')).range).toEqual({ from: '2001-03-01', to: '2001-03-30', days: 30 });
  });

  it.each([
    ['from=2001-03-08&to=2001-03-01', 'from', 'on or before'],
    ['from=2000-03-01&to=2001-04-05', 'from', 'at most 400 days'],
    ['from=2001-02-30', 'from', 'YYYY-MM-DD'],
    ['from=yesterday', 'from', 'YYYY-MM-DD'],
    ['to=2001-3-1', 'to', 'YYYY-MM-DD'],
    ['days=30', '', 'days'],
    ['format=xml', 'format', ''],
    ['format=csv', 'table', 'Name the table'],
    ['format=csv&table=secrets', 'table', ''],
  ])('refuses %s with a clear 400', async (query, field, words) => {
    const res = await call(analytics.GET, { as: admin, path: `/api/admin/analytics?${query}` });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_error');
    expect(error.message).toContain(field);
    expect(error.message).toContain(words);
  });
});

describe('GET /api/admin/analytics?format=csv', () => {
  async function csv(query: string) {
    const res = await call(analytics.GET, { as: admin, path: `/api/admin/analytics?${query}` });
    expect(res.status).toBe(200);
    return { res, lines: (await res.text()).trimEnd().split('\n') };
  }

  it('downloads a table with its header row, as an attachment', async () => {
    const { res, lines } = await csv(`${RANGE}&format=csv&table=daily`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fixline-analytics-daily-2001-03-01-to-2001-03-07.csv"');
    expect(lines).toHaveLength(8);
    expect(lines.slice(0, 3)).toEqual(['day,conversations,messages,escalations', '2001-03-01,1,2,0', '2001-03-02,1,1,1']);
  });

  it('exports the knowledge gaps with their examples', async () => {
    const { lines } = await csv(`${RANGE}&format=csv&table=gaps`);
    expect(lines[0]).toBe('machine model,manual,question words,occurrences,declined,no passage,not helpful,last seen,examples');
    expect(lines[1]).toBe(
      'AC-400,,belt drive replac,2,2,1,0,2001-03-04T10:00:00.000Z,replacing the drive belts | How do I replace the drive belt?',
    );
    expect(lines).toHaveLength(3);
  });

  it('exports every table', async () => {
    for (const table of ['summary', 'escalations', 'feedback', 'models', 'machine-models']) {
      const { lines } = await csv(`${RANGE}&format=csv&table=${table}`);
      expect(lines.length).toBeGreaterThan(1);
    }
    expect((await csv(`${RANGE}&format=csv&table=summary`)).lines).toContain('resolution rate %,50');
  });

  it('quotes cells a spreadsheet would run as a formula', async () => {
    const { lines } = await csv('from=2001-04-01&to=2001-04-01&format=csv&table=machine-models');
    expect(lines.slice(1).sort()).toEqual([`"'=HYPERLINK(""http://example.com"")",1`, `'-2+3,1`]);
  });
});

describe('the dashboard reads', () => {
  // May 2001: answers alone, with repeated, fractional and missing times, compared with Postgres's own figures.
  const may = { from: at('2001-05-01', '00:00:00'), to: at('2001-05-04', '00:00:00') };
  const reference = (from: Date, to: Date) => sql`
    select count(*)::int as answers,
      percentile_cont(0.5) within group (order by (properties->>'latencyMs')::float8) as "latencyP50",
      percentile_cont(0.95) within group (order by (properties->>'latencyMs')::float8) as "latencyP95",
      percentile_cont(0.5) within group (order by (properties->>'firstTokenMs')::float8) as "firstTokenP50",
      percentile_cont(0.95) within group (order by (properties->>'firstTokenMs')::float8) as "firstTokenP95",
      (count(*) filter (where properties->>'fallbackUsed' = 'true'))::int as fallback,
      (count(*) filter (where properties->>'mode' = 'manuals_only'))::int as "manualsOnly",
      (count(*) filter (where properties->>'modelFailed' = 'true'))::int as "modelFailed"
    from ai_analytics_events
    where type = 'answer_completed' and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()}`;

  beforeAll(async () => {
    const events: NewAnalyticsEvent[] = Array.from({ length: 137 }, (_, i) => ({
      userId: tech.id,
      type: 'answer_completed',
      createdAt: new Date(may.from.getTime() + i * 1_800_000),
      properties: {
        latencyMs: i % 7 === 0 ? 1234.5 : 500 + ((i * 37) % 23) * 100,
        firstTokenMs: i % 5 === 0 ? null : (i * 13) % 11,
        mode: i % 9 === 0 ? 'manuals_only' : 'ai',
        model: i % 9 === 0 ? null : 'gpt-4o-mini',
        fallbackUsed: i % 4 === 0,
        modelFailed: i % 31 === 0,
        promptTokens: i,
        completionTokens: 1,
      },
    }));
    await insertAnalyticsEvents(events);
  });

  it('computes the answers’ percentiles and rates exactly as percentile_cont does', async () => {
    for (const hours of [1, 5, 17, 30, 72]) {
      const range = { from: may.from, to: new Date(may.from.getTime() + hours * 3_600_000) };
      const [expected] = (await db().execute(reference(range.from, range.to))).rows;
      expect(await getAnswerStats(range)).toEqual(expected);
    }
    const empty = { from: at('2001-06-01'), to: at('2001-06-02') };
    expect(await getAnswerStats(empty)).toEqual({
      answers: 0,
      latencyP50: null,
      latencyP95: null,
      firstTokenP50: null,
      firstTokenP95: null,
      fallback: 0,
      manualsOnly: 0,
      modelFailed: 0,
    });
  });

  it('counts per UTC day within a range that does not start or end at midnight', async () => {
    const range = { from: at('2001-03-01', '09:30:00'), to: at('2001-03-04', '10:00:00') };
    const expected = await db().execute(sql`
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
        (count(*) filter (where type = 'session_started'))::int as conversations,
        (count(*) filter (where type = 'message_sent'))::int as messages,
        (count(*) filter (where type = 'escalation_created'))::int as escalations
      from ai_analytics_events
      where type in ('session_started', 'message_sent', 'escalation_created')
        and created_at >= ${range.from.toISOString()} and created_at < ${range.to.toISOString()}
      group by 1 order by 1`);
    const daily = await getDailyActivity(range);
    expect(daily).toEqual(expected.rows);
    expect(daily.map((d) => d.day)).toEqual(['2001-03-01', '2001-03-02', '2001-03-03', '2001-03-04']);
    expect(daily[0]).toEqual({ day: '2001-03-01', conversations: 0, messages: 2, escalations: 0 });
  });
});
