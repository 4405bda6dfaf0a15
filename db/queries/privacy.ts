import 'server-only';
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import {
  aiAuditLogs,
  aiEscalations,
  aiMessages,
  aiSessions,
  aiUserConsents,
  apiTokens,
  escalationReads,
  sessionReads,
  users,
  type User,
} from '@/db/schema';
import { notFound } from '@/lib/errors';

/** Locks the user's row for the rest of the transaction: one consent or account change at a time. */
export async function lockUserOrThrow({ id }: { id: string }, tx: Executor): Promise<User> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for('update');
  if (!row) throw notFound('User');
  return row;
}

export async function countOtherActiveAdmins({ userId }: { userId: string }, tx: Executor = db()): Promise<number> {
  return tx.$count(users, and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)));
}

// ---------------------------------------------------------------- export, a page at a time

export type Cursor = { at: Date; id: string } | null;

/** Postgres keeps microseconds, a JS Date milliseconds: the cursor compares at the precision it can carry. */
const createdMs = sql`date_trunc('milliseconds', ${aiSessions.createdAt})`;

export async function listSessionsPage({ userId, after, limit }: { userId: string; after: Cursor; limit: number }, tx: Executor = db()) {
  return tx
    .select()
    .from(aiSessions)
    .where(and(eq(aiSessions.userId, userId), after ? sql`(${createdMs}, ${aiSessions.id}) > (${after.at}, ${after.id})` : undefined))
    .orderBy(createdMs, asc(aiSessions.id))
    .limit(limit);
}

export async function listMessagesOfSessions({ sessionIds }: { sessionIds: string[] }, tx: Executor = db()) {
  if (!sessionIds.length) return [];
  return tx.select().from(aiMessages).where(inArray(aiMessages.sessionId, sessionIds)).orderBy(asc(aiMessages.seq));
}

/** How far the owner has read each of these conversations, and when a reminder was sent. */
export async function listReadsOfSessions({ sessionIds }: { sessionIds: string[] }, tx: Executor = db()) {
  if (!sessionIds.length) return [];
  return tx.select().from(sessionReads).where(inArray(sessionReads.sessionId, sessionIds));
}

/** When a support person last opened each escalation. */
export async function listEscalationReadsOfUser({ userId }: { userId: string }, tx: Executor = db()) {
  return tx
    .select({ escalationId: escalationReads.escalationId, reference: aiEscalations.reference, readAt: escalationReads.readAt })
    .from(escalationReads)
    .innerJoin(aiEscalations, eq(aiEscalations.id, escalationReads.escalationId))
    .where(eq(escalationReads.userId, userId))
    .orderBy(asc(aiEscalations.reference));
}

/** The user's ratings of answers, in the order given. */
export async function listFeedbackPage(
  { userId, afterSeq, limit }: { userId: string; afterSeq: number; limit: number },
  tx: Executor = db(),
) {
  return tx
    .select({
      seq: aiMessages.seq,
      messageId: aiMessages.id,
      sessionId: aiMessages.sessionId,
      helpful: aiMessages.helpful,
      comment: aiMessages.feedbackComment,
      givenAt: aiMessages.feedbackAt,
    })
    .from(aiMessages)
    .innerJoin(aiSessions, eq(aiSessions.id, aiMessages.sessionId))
    .where(and(eq(aiSessions.userId, userId), isNotNull(aiMessages.feedbackAt), gt(aiMessages.seq, afterSeq)))
    .orderBy(asc(aiMessages.seq))
    .limit(limit);
}

export async function listEscalationsPage(
  { userId, afterReference, limit }: { userId: string; afterReference: number; limit: number },
  tx: Executor = db(),
) {
  return tx
    .select()
    .from(aiEscalations)
    .where(and(eq(aiEscalations.userId, userId), gt(aiEscalations.reference, afterReference)))
    .orderBy(asc(aiEscalations.reference))
    .limit(limit);
}

/** What support wrote in these conversations. */
export async function listSupportReplies({ sessionIds }: { sessionIds: string[] }, tx: Executor = db()) {
  if (!sessionIds.length) return [];
  return tx
    .select({
      sessionId: aiMessages.sessionId,
      id: aiMessages.id,
      authorName: aiMessages.authorName,
      content: aiMessages.content,
      createdAt: aiMessages.createdAt,
    })
    .from(aiMessages)
    .where(and(inArray(aiMessages.sessionId, sessionIds), eq(aiMessages.role, 'support')))
    .orderBy(asc(aiMessages.seq));
}

/** What the user did, as the audit log recorded it. */
export async function listAuditLogsPage(
  { actorId, afterId, limit }: { actorId: string; afterId: number; limit: number },
  tx: Executor = db(),
) {
  return tx
    .select()
    .from(aiAuditLogs)
    .where(and(eq(aiAuditLogs.actorId, actorId), gt(aiAuditLogs.id, afterId)))
    .orderBy(asc(aiAuditLogs.id))
    .limit(limit);
}

// ---------------------------------------------------------------- deleting an account

/** Conversations with a generation possibly running, to stop before their rows go. */
export async function listStreamingSessionIds({ userId }: { userId: string }, tx: Executor = db()): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: aiSessions.id })
    .from(aiSessions)
    .innerJoin(aiMessages, eq(aiMessages.sessionId, aiSessions.id))
    .where(and(eq(aiSessions.userId, userId), eq(aiMessages.status, 'streaming')));
  return rows.map((r) => r.id);
}

/** The conversation of the row at hand has an escalation. */
const escalated = sql`exists (select 1 from ${aiEscalations} where ${aiEscalations.sessionId} = ${aiSessions.id})`;

export async function countMessagesOfUser({ userId }: { userId: string }, tx: Executor = db()): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(aiMessages)
    .innerJoin(aiSessions, eq(aiSessions.id, aiMessages.sessionId))
    .where(eq(aiSessions.userId, userId));
  return Number(row?.n ?? 0);
}

/** Deletes the user's conversations that no escalation refers to (their messages and feedback go with them). */
export async function deleteUnescalatedSessions({ userId }: { userId: string }, tx: Executor): Promise<number> {
  const rows = await tx
    .delete(aiSessions)
    .where(and(eq(aiSessions.userId, userId), sql`not ${escalated}`))
    .returning({ id: aiSessions.id });
  return rows.length;
}

/**
 * In a conversation a support case still refers to, removes what the user wrote and the answers
 * to it (with their feedback); support's replies and the hand-over notes stay with the case.
 */
export async function stripEscalatedSessions(
  { userId, title }: { userId: string; title: string },
  tx: Executor,
): Promise<{ sessions: number; messages: number }> {
  const sessions = await tx
    .update(aiSessions)
    .set({ title, titleIsAuto: false, escalationOfferReason: null, escalationOfferedAt: null, updatedAt: new Date() })
    .where(and(eq(aiSessions.userId, userId), escalated))
    .returning({ id: aiSessions.id });
  if (!sessions.length) return { sessions: 0, messages: 0 };
  const messages = await tx
    .delete(aiMessages)
    .where(
      and(
        inArray(
          aiMessages.sessionId,
          sessions.map((s) => s.id),
        ),
        inArray(aiMessages.role, ['user', 'assistant']),
      ),
    )
    .returning({ id: aiMessages.id });
  return { sessions: sessions.length, messages: messages.length };
}

/** The escalations the user raised stay with support, without the phone number they gave. */
export async function anonymiseEscalations({ userId }: { userId: string }, tx: Executor): Promise<number> {
  const rows = await tx
    .update(aiEscalations)
    .set({ phone: null, updatedAt: new Date() })
    .where(eq(aiEscalations.userId, userId))
    .returning({ id: aiEscalations.id });
  return rows.length;
}

/** Replies the user wrote (as support) in other people's conversations stay, under the placeholder name. */
export async function renameAuthoredMessages({ authorId, name }: { authorId: string; name: string }, tx: Executor): Promise<number> {
  const rows = await tx
    .update(aiMessages)
    .set({ authorName: name })
    .where(eq(aiMessages.authorId, authorId))
    .returning({ id: aiMessages.id });
  return rows.length;
}

export async function deleteApiTokensOfUser({ userId }: { userId: string }, tx: Executor): Promise<number> {
  const rows = await tx.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ id: apiTokens.id });
  return rows.length;
}

export async function deleteConsentsOfUser({ userId }: { userId: string }, tx: Executor): Promise<number> {
  const rows = await tx.delete(aiUserConsents).where(eq(aiUserConsents.userId, userId)).returning({ id: aiUserConsents.id });
  return rows.length;
}

export async function deleteEscalationReadsOfUser({ userId }: { userId: string }, tx: Executor): Promise<void> {
  await tx.delete(escalationReads).where(eq(escalationReads.userId, userId));
}

/**
 * The account becomes a disabled placeholder: no name, address, phone or password of the person,
 * and a new session version, so every sign-in still open ends at once.
 */
export async function anonymiseUser({ id, name, email }: { id: string; name: string; email: string }, tx: Executor): Promise<void> {
  await tx
    .update(users)
    .set({
      name,
      email,
      phone: null,
      passwordHash: null,
      disabledAt: new Date(),
      lastSignInAt: null,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id));
}
