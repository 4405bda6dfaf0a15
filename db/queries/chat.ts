import 'server-only';
import { and, asc, desc, eq, getTableColumns, inArray, lt, sql, type WithSubquery } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { db, type Executor } from '@/db';
import { aiAnalyticsEvents, aiEscalations, aiMessages, aiSessions, type AiMessage, type AiSession, type NewAiMessage } from '@/db/schema';
import { insertAnalyticsEvents, type NewAnalyticsEvent } from '@/db/queries/analytics';
import { notFound } from '@/lib/errors';

// ---------------------------------------------------------------- sessions

export async function createSession(
  values: { userId: string; title: string; machineModel?: string | null; serialNumber?: string | null },
  tx: Executor = db(),
): Promise<AiSession> {
  const [row] = await tx.insert(aiSessions).values(values).returning();
  return row;
}

/**
 * A session the user owns; anyone else's is "not found", never "forbidden". With `lock`, the row
 * stays locked for the rest of the transaction (one turn at a time per session).
 */
export async function getSessionForUserOrThrow(
  { id, userId, lock = false }: { id: string; userId: string; lock?: boolean },
  tx: Executor = db(),
): Promise<AiSession> {
  const query = tx
    .select()
    .from(aiSessions)
    .where(and(eq(aiSessions.id, id), eq(aiSessions.userId, userId)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Conversation');
  return row;
}

export async function getSessionById({ id }: { id: string }, tx: Executor = db()): Promise<AiSession | undefined> {
  const [row] = await tx.select().from(aiSessions).where(eq(aiSessions.id, id)).limit(1);
  return row;
}

/** Locks the session row for the rest of the transaction (one turn at a time per session). */
export async function lockSession({ id }: { id: string }, tx: Executor): Promise<void> {
  await tx.execute(sql`select 1 from ${aiSessions} where ${aiSessions.id} = ${id} for update`);
}

export async function listSessionsForUser({ userId, limit = 100 }: { userId: string; limit?: number }, tx: Executor = db()) {
  const latestEscalation = sql<{ id: string; reference: number; status: string } | null>`(
    select json_build_object('id', e.id, 'reference', e.reference, 'status', e.status)
    from ${aiEscalations} e where e.session_id = ${aiSessions}.id
    order by e.created_at desc limit 1)`; // the table named explicitly: a bare column would bind to e.id
  return tx
    .select({
      id: aiSessions.id,
      title: aiSessions.title,
      machineModel: aiSessions.machineModel,
      serialNumber: aiSessions.serialNumber,
      mode: aiSessions.mode,
      lastMessageAt: aiSessions.lastMessageAt,
      createdAt: aiSessions.createdAt,
      escalation: latestEscalation,
    })
    .from(aiSessions)
    .where(eq(aiSessions.userId, userId))
    .orderBy(desc(aiSessions.lastMessageAt))
    .limit(limit);
}

export async function getLatestEscalationForSession({ sessionId }: { sessionId: string }, tx: Executor = db()) {
  const [row] = await tx
    .select({ id: aiEscalations.id, reference: aiEscalations.reference, status: aiEscalations.status })
    .from(aiEscalations)
    .where(eq(aiEscalations.sessionId, sessionId))
    .orderBy(desc(aiEscalations.createdAt))
    .limit(1);
  return row ?? null;
}

export async function updateSession(
  {
    id,
    ...changes
  }: { id: string } & Partial<
    Pick<
      AiSession,
      'title' | 'titleIsAuto' | 'machineModel' | 'serialNumber' | 'mode' | 'escalationOfferedAt' | 'escalationOfferReason' | 'lastMessageAt'
    >
  >,
  tx: Executor = db(),
): Promise<AiSession> {
  const [row] = await tx
    .update(aiSessions)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(aiSessions.id, id))
    .returning();
  if (!row) throw notFound('Conversation');
  return row;
}

export async function deleteSession({ id, userId }: { id: string; userId: string }, tx: Executor = db()): Promise<boolean> {
  const rows = await tx
    .delete(aiSessions)
    .where(and(eq(aiSessions.id, id), eq(aiSessions.userId, userId)))
    .returning({ id: aiSessions.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------- messages

export async function insertMessage(values: NewAiMessage, tx: Executor = db()): Promise<AiMessage> {
  const [row] = await tx.insert(aiMessages).values(values).returning();
  return row;
}

/** Inserts messages in one statement, in the given order (their `seq` follows it). */
async function insertMessages(values: NewAiMessage[], tx: Executor = db()): Promise<AiMessage[]> {
  if (!values.length) return [];
  const rows = await tx.insert(aiMessages).values(values).returning();
  return rows.sort((a, b) => a.seq - b.seq);
}

export async function listMessages({ sessionId }: { sessionId: string }, tx: Executor = db()): Promise<AiMessage[]> {
  return tx.select().from(aiMessages).where(eq(aiMessages.sessionId, sessionId)).orderBy(asc(aiMessages.seq));
}

/** A message in a session the user owns. */
export async function getMessageForUserOrThrow({ id, userId }: { id: string; userId: string }, tx: Executor = db()) {
  const [row] = await tx
    .select({ message: aiMessages, session: aiSessions })
    .from(aiMessages)
    .innerJoin(aiSessions, eq(aiSessions.id, aiMessages.sessionId))
    .where(and(eq(aiMessages.id, id), eq(aiSessions.userId, userId)))
    .limit(1);
  if (!row) throw notFound('Message');
  return row;
}

export async function updateMessage(
  { id, ...changes }: { id: string } & Partial<NewAiMessage>,
  tx: Executor = db(),
): Promise<AiMessage | undefined> {
  const [row] = await tx
    .update(aiMessages)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(aiMessages.id, id))
    .returning();
  return row;
}

/** Saves the text so far of an answer that is still streaming (only while it is streaming). */
export async function checkpointMessage({ id, content }: { id: string; content: string }, tx: Executor = db()): Promise<void> {
  await tx
    .update(aiMessages)
    .set({ content, updatedAt: new Date() })
    .where(and(eq(aiMessages.id, id), eq(aiMessages.status, 'streaming')));
}

async function deleteMessages({ ids }: { ids: string[] }, tx: Executor = db()): Promise<void> {
  if (ids.length) await tx.delete(aiMessages).where(inArray(aiMessages.id, ids));
}

/** Answers whose server stopped checkpointing (it crashed or restarted) become "interrupted". */
export async function interruptStaleStreams({ olderThan, sessionId }: { olderThan: Date; sessionId?: string }, tx: Executor = db()) {
  return tx
    .update(aiMessages)
    .set({
      status: 'interrupted',
      error: 'The server restarted while this answer was being written.',
      completedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(aiMessages.status, 'streaming'),
        lt(aiMessages.updatedAt, olderThan),
        sessionId ? eq(aiMessages.sessionId, sessionId) : undefined,
      ),
    )
    .returning({ id: aiMessages.id, sessionId: aiMessages.sessionId });
}

// ---------------------------------------------------------------- turns
// A turn stores the technician's message, the answer placeholder and the turn's analytics, in
// one of two ways: one statement without a lock (a new conversation, or one with no answer being
// written), or within the caller's transaction that holds the conversation's lock.

/** An analytics event written with a turn: the turn gives its user, conversation and message. */
export type TurnEvent = Pick<NewAnalyticsEvent, 'type' | 'properties'>;

/** The analytics of a turn: about its message, and (a new conversation) about the conversation. */
export interface TurnEvents {
  message?: TurnEvent;
  session?: TurnEvent;
}

interface TurnValues {
  userId: string;
  /** The technician's message. */
  content: string;
  events: TurnEvents;
}

export interface StoredTurn {
  session: AiSession;
  /** The technician's message (none when an answer is generated again), then the answer placeholder (none while support has the conversation). */
  messages: AiMessage[];
}

/** The name of the index that lets a conversation have only one answer being written at a time. */
export const ONE_STREAMING_ANSWER = 'ai_messages_one_streaming_idx';

/**
 * Starts a conversation with its first message and the answer placeholder, in one statement
 * (one round trip, atomic without a transaction).
 */
export async function startConversation(
  values: TurnValues & { title: string; machineModel: string | null; serialNumber: string | null },
): Promise<StoredTurn> {
  const d = db();
  const s = d
    .$with('s')
    .as(
      d
        .insert(aiSessions)
        .values({ userId: values.userId, title: values.title, machineModel: values.machineModel, serialNumber: values.serialNumber })
        .returning(),
    );
  return storeTurn(s, values);
}

/**
 * Adds a message and the answer placeholder to a conversation the user owns, with its new last
 * activity (and machine model or serial number, when given), in one statement. No rows when the
 * conversation is not the user's; a unique violation on ONE_STREAMING_ANSWER when an answer is
 * already being written.
 */
export async function continueConversation(
  values: TurnValues & { sessionId: string; changes: Partial<Pick<AiSession, 'machineModel' | 'serialNumber'>> },
): Promise<StoredTurn | null> {
  const d = db();
  const now = new Date();
  const s = d.$with('s').as(
    d
      .update(aiSessions)
      .set({ ...values.changes, lastMessageAt: now, updatedAt: now })
      .where(and(eq(aiSessions.id, values.sessionId), eq(aiSessions.userId, values.userId)))
      .returning(),
  );
  const turn = await storeTurn(s, values);
  return turn.messages.length ? turn : null;
}

/**
 * Adds a turn to a conversation the caller's transaction has locked: the answer it replaces is
 * deleted (generating it again), then the conversation's new last activity (and machine model or
 * serial number), the message (none when `content` is null), the answer placeholder (none while
 * support has the conversation) and the turn's analytics are written.
 */
export async function appendTurn(
  {
    sessionId,
    replacing,
    content,
    changes,
    events,
  }: {
    sessionId: string;
    replacing: string | null;
    content: string | null;
    changes: Partial<Pick<AiSession, 'machineModel' | 'serialNumber'>>;
    events: TurnEvents;
  },
  tx: Executor,
): Promise<StoredTurn> {
  if (replacing) await deleteMessages({ ids: [replacing] }, tx);
  const session = await updateSession({ id: sessionId, lastMessageAt: new Date(), ...changes }, tx);
  const messages = await insertMessages(
    [
      ...(content !== null ? [{ sessionId, role: 'user' as const, content }] : []),
      ...(session.mode !== 'support' ? [{ sessionId, role: 'assistant' as const, content: '', status: 'streaming' as const }] : []),
    ],
    tx,
  );
  const message = messages.find((m) => m.role === 'user');
  const about = { userId: session.userId, sessionId };
  await insertAnalyticsEvents(
    [
      ...(events.session ? [{ ...events.session, ...about, messageId: null }] : []),
      ...(events.message && message ? [{ ...events.message, ...about, messageId: message.id }] : []),
    ],
    tx,
  );
  return { session, messages };
}

/** The rest of a turn's statement, given the session CTE `s`: its messages and analytics. */
async function storeTurn(session: WithSubquery, { userId, content, events }: TurnValues): Promise<StoredTurn> {
  const d = db();
  // While support is engaged the assistant stays silent: the message is stored without a placeholder.
  const m = d.$with('m', getTableColumns(aiMessages)).as(sql`
    insert into ${aiMessages} (session_id, role, content, status)
    select s.id, v.role::message_role, v.content, v.status::message_status
    from s cross join (values (1, 'user', ${content}, 'complete'), (2, 'assistant', '', 'streaming')) as v(ord, role, content, status)
    where v.role = 'user' or s.mode <> 'support'
    order by v.ord
    returning *`);
  const about = [
    ...(events.message ? [sql`select ${eventColumns(events.message, userId)}, m.session_id, m.id from m where m.role = 'user'`] : []),
    ...(events.session ? [sql`select ${eventColumns(events.session, userId)}, s.id, null::uuid from s`] : []),
  ];
  const ev = d.$with('ev', { id: aiAnalyticsEvents.id }).as(sql`
    insert into ${aiAnalyticsEvents} (type, user_id, properties, session_id, message_id)
    ${sql.join(about, sql` union all `)}
    returning id`);
  const rows = (await (about.length ? d.with(session, m, ev) : d.with(session, m))
    .select({ session: fieldsOf(session, aiSessions), message: fieldsOf(m, aiMessages) })
    .from(m)
    .crossJoin(session)) as unknown as { session: AiSession; message: AiMessage }[];
  return { session: rows[0]?.session as AiSession, messages: rows.map((r) => r.message).sort((a, b) => a.seq - b.seq) };
}

/** An event's type, user and properties in a turn's statement; the rows give its conversation and message. */
function eventColumns(event: TurnEvent, userId: string) {
  return sql`${event.type}, ${userId}::uuid, ${JSON.stringify(event.properties ?? {})}::jsonb`;
}

/** The columns of a CTE that returns a table's rows, keyed like the table's own. */
function fieldsOf(cte: WithSubquery, table: typeof aiSessions | typeof aiMessages): Record<string, PgColumn> {
  const fields = cte as unknown as Record<string, PgColumn>;
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, fields[key]]));
}

export async function setFeedback(
  { id, helpful, comment }: { id: string; helpful: boolean; comment: string | null },
  tx: Executor = db(),
): Promise<AiMessage> {
  const [row] = await tx
    .update(aiMessages)
    .set({ helpful, feedbackComment: comment, feedbackAt: new Date() })
    .where(eq(aiMessages.id, id))
    .returning();
  return row;
}

/** The latest assistant answers of a session, newest first (for the not-helpful streak). */
export async function recentAnswers({ sessionId, limit }: { sessionId: string; limit: number }, tx: Executor = db()) {
  return tx
    .select({ id: aiMessages.id, helpful: aiMessages.helpful, mode: aiMessages.mode })
    .from(aiMessages)
    .where(and(eq(aiMessages.sessionId, sessionId), eq(aiMessages.role, 'assistant')))
    .orderBy(desc(aiMessages.seq))
    .limit(limit);
}
