import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { closeDb, db, dbDriver, migrateDb, migrationStatus, searchStatement, violatedUniqueIndex } from '@/db';
import { continueConversation, ONE_STREAMING_ANSWER, startConversation } from '@/db/queries/chat';
import { aiAnalyticsEvents, aiMessages, aiSessions, knowledgeChunks, knowledgeDocuments, users } from '@/db/schema';
import { useEmbeddedDatabase } from '@/tests/helpers/embedded-database';

/** The same checks, run against whichever driver the settings choose. */
async function exerciseDataLayer() {
  await migrateDb();
  const status = await migrationStatus();
  expect(status.applied).toBe(status.expected);

  const [user] = await db()
    .insert(users)
    .values({ email: `drv-${Date.now()}@example.com`, name: 'Driver', role: 'technician' })
    .returning();
  const [session] = await db().insert(aiSessions).values({ userId: user.id, title: 'Compressor stops' }).returning();
  expect(session.mode).toBe('assistant');

  // Trigram similarity (pg_trgm) and language-aware full-text search both work.
  const [doc] = await db()
    .insert(knowledgeDocuments)
    .values({
      title: 'Manual',
      fileName: 'm.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1,
      sha256: 'x',
      storageKey: 'k',
      machineModels: ['AC-400'],
    })
    .returning();
  const content = 'Error E07: discharge temperature high. Check the oil cooler fins.';
  await db()
    .insert(knowledgeChunks)
    .values({ documentId: doc.id, ordinal: 0, pageStart: 12, pageEnd: 12, content, tsv: sql`to_tsvector('english', ${content})` });
  const trigram = await db().execute<{ s: number }>(
    sql`select similarity(${knowledgeChunks.content}, 'E-07 dischage temprature') as s from ${knowledgeChunks} where ${knowledgeChunks.documentId} = ${doc.id}`,
  );
  expect(Number(trigram.rows[0].s)).toBeGreaterThan(0.2);
  const fts = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from ${knowledgeChunks} where ${knowledgeChunks.tsv} @@ websearch_to_tsquery('english', 'temperatures "oil cooler"')`,
  );
  expect(Number(fts.rows[0].n)).toBe(1);

  await exerciseTurns(user.id);

  // Deleting a user cascades to their sessions.
  await db().delete(users).where(eq(users.id, user.id));
  expect(await db().$count(aiSessions, eq(aiSessions.id, session.id))).toBe(0);
}

/** A chat turn is stored in one statement: all of it, or (conflict, someone else's) none of it. */
async function exerciseTurns(userId: string) {
  const counts = async (sessionId: string) => ({
    messages: await db().$count(aiMessages, eq(aiMessages.sessionId, sessionId)),
    events: await db().$count(aiAnalyticsEvents, eq(aiAnalyticsEvents.sessionId, sessionId)),
  });
  const message = { type: 'message_sent', properties: { chars: 5 } };
  const started = await startConversation({
    userId,
    title: 'Fan noise',
    machineModel: 'AC-400',
    serialNumber: 'SN-1',
    content: 'Noisy',
    events: { message, session: { type: 'session_started', properties: {} } },
  });
  expect(started.session).toMatchObject({ userId, title: 'Fan noise', machineModel: 'AC-400', serialNumber: 'SN-1', mode: 'assistant' });
  expect(started.session.createdAt).toBeInstanceOf(Date);
  expect(started.messages.map((m) => [m.role, m.status, m.content])).toEqual([
    ['user', 'complete', 'Noisy'],
    ['assistant', 'streaming', ''],
  ]);
  const events = await db().select().from(aiAnalyticsEvents).where(eq(aiAnalyticsEvents.sessionId, started.session.id));
  expect(events.map((e) => [e.type, e.messageId]).sort()).toEqual([
    ['message_sent', started.messages[0].id],
    ['session_started', null],
  ]);

  // An answer still being written: the next message is refused by the index, nothing is written.
  const before = await counts(started.session.id);
  const conflict = await continueConversation({
    sessionId: started.session.id,
    userId,
    changes: {},
    content: 'Again',
    events: { message },
  }).catch((e: unknown) => e);
  expect(violatedUniqueIndex(conflict)).toBe(ONE_STREAMING_ANSWER);
  expect(await counts(started.session.id)).toEqual(before);

  // Someone else's conversation: no rows, nothing written.
  await db().update(aiMessages).set({ status: 'complete' }).where(eq(aiMessages.id, started.messages[1].id));
  const [stranger] = await db()
    .insert(users)
    .values({ email: `stranger-${Date.now()}@example.com`, name: 'Stranger', role: 'technician' })
    .returning();
  expect(
    await continueConversation({ sessionId: started.session.id, userId: stranger.id, changes: {}, content: 'Mine?', events: { message } }),
  ).toBeNull();
  expect(await counts(started.session.id)).toEqual(before);

  const next = await continueConversation({
    sessionId: started.session.id,
    userId,
    changes: { serialNumber: 'SN-2' },
    content: 'Still noisy',
    events: { message },
  });
  expect(next?.session.serialNumber).toBe('SN-2');
  expect(next?.session.lastMessageAt.getTime()).toBeGreaterThan(started.session.lastMessageAt.getTime() - 1);
  expect(next?.messages.map((m) => [m.role, m.status])).toEqual([
    ['user', 'complete'],
    ['assistant', 'streaming'],
  ]);

  // While support has the conversation, the message is stored without an answer placeholder.
  await db().update(aiMessages).set({ status: 'complete' }).where(eq(aiMessages.sessionId, started.session.id));
  await db().update(aiSessions).set({ mode: 'support' }).where(eq(aiSessions.id, started.session.id));
  const toSupport = await continueConversation({
    sessionId: started.session.id,
    userId,
    changes: {},
    content: 'Hello support',
    events: { message },
  });
  expect(toSupport?.messages.map((m) => m.role)).toEqual(['user']);
  expect(await counts(started.session.id)).toEqual({ messages: before.messages + 3, events: before.events + 2 });
}

describe('data layer on Postgres (pg driver)', () => {
  it('migrates and runs the queries', async () => {
    expect(dbDriver()).toBe('pg');
    await exerciseDataLayer();
  });

  it('plans the knowledge search on connections of its own, without sequential scans, once per statement', async () => {
    type Settings = { seqscan: string; plans: string };
    const settings = sql`select current_setting('enable_seqscan') as seqscan, current_setting('plan_cache_mode') as plans`;
    expect((await searchStatement<Settings>(settings))?.[0]).toEqual({ seqscan: 'off', plans: 'force_generic_plan' });
    expect((await db().execute<Settings>(settings)).rows[0]).toEqual({ seqscan: 'on', plans: 'auto' });

    // A search statement is prepared on the connection that runs it, and used again from there.
    const statement = sql`select count(*)::int as n from knowledge_chunks where content ilike ${'%valve%'} and ${1} = ${1}`;
    expect(await searchStatement<{ n: number }>(statement)).toEqual([{ n: expect.any(Number) }]);
    expect(await searchStatement<{ n: number }>(statement)).toEqual(await searchStatement<{ n: number }>(statement));
    const prepared = await searchStatement<{ name: string; generic: number }>(
      sql`select name, generic_plans::int as generic from pg_prepared_statements where statement like ${'%ilike%'}`,
    );
    expect(prepared?.[0]).toMatchObject({ name: expect.stringMatching(/^search_/), generic: expect.any(Number) });
    expect(prepared![0].generic).toBeGreaterThan(0);
  });
});

describe('data layer on embedded PGlite', () => {
  const embedded = useEmbeddedDatabase('fixline-pglite-');

  it('migrates, runs the same queries, and keeps data across a restart', async () => {
    await embedded.switchToPglite();
    expect(dbDriver()).toBe('pglite');
    expect(await searchStatement(sql`select 1`)).toBeNull();
    await exerciseDataLayer();

    await db().insert(users).values({ email: 'kept@example.com', name: 'Kept', role: 'admin' });
    await closeDb();
    expect(fs.existsSync(path.join(embedded.dir, 'pgdata', 'PG_VERSION'))).toBe(true);
    const [kept] = await db().select().from(users).where(eq(users.email, 'kept@example.com'));
    expect(kept?.role).toBe('admin');
  }, 120_000);
});
