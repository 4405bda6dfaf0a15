import 'server-only';
import { and, count, eq, exists, inArray, lt, not, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { aiAnalyticsEvents, aiAuditLogs, aiEscalations, aiSessions } from '@/db/schema';

// What the retention purge removes, in batches of `limit` rows (each batch a short statement of its own).

/** Resolved escalations whose resolution is older than `before`. */
const expiredEscalation = (before: Date) =>
  and(eq(aiEscalations.status, 'resolved'), lt(sql`coalesce(${aiEscalations.resolvedAt}, ${aiEscalations.updatedAt})`, before));

/**
 * Conversations whose last activity is older than `before` and that no live escalation refers to: an
 * open case keeps its conversation, and a resolved one keeps it until the escalation itself expires.
 */
const expiredSession = ({ before, escalationsBefore }: SessionCutoffs) =>
  and(
    lt(aiSessions.lastMessageAt, before),
    not(
      exists(
        db()
          .select({ one: sql`1` })
          .from(aiEscalations)
          .where(and(eq(aiEscalations.sessionId, aiSessions.id), not(expiredEscalation(escalationsBefore)!))),
      ),
    ),
  );

export interface SessionCutoffs {
  /** Last activity before this. */
  before: Date;
  /** The escalation cutoff: a conversation whose escalations are all past it goes too. */
  escalationsBefore: Date;
}

export async function countExpiredEscalations({ before }: { before: Date }, tx: Executor = db()): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(aiEscalations).where(expiredEscalation(before));
  return row.n;
}

export async function countExpiredSessions(cutoffs: SessionCutoffs, tx: Executor = db()): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(aiSessions).where(expiredSession(cutoffs));
  return row.n;
}

export async function countExpiredAuditLogs({ before }: { before: Date }, tx: Executor = db()): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(aiAuditLogs).where(lt(aiAuditLogs.createdAt, before));
  return row.n;
}

/** Deletes up to `limit` expired escalations (their read markers go with them); returns how many. */
export async function deleteExpiredEscalations({ before, limit }: { before: Date; limit: number }, tx: Executor = db()): Promise<number> {
  const batch = tx.select({ id: aiEscalations.id }).from(aiEscalations).where(expiredEscalation(before)).limit(limit);
  const gone = await tx.delete(aiEscalations).where(inArray(aiEscalations.id, batch)).returning({ id: aiEscalations.id });
  return gone.length;
}

/**
 * Deletes up to `limit` expired conversations with their messages and feedback (by cascade), and the
 * knowledge-gap events that quote them; the other analytics events stay, they hold no chat text.
 */
export async function deleteExpiredSessions(
  { limit, ...cutoffs }: SessionCutoffs & { limit: number },
  tx: Executor = db(),
): Promise<number> {
  const batch = tx.select({ id: aiSessions.id }).from(aiSessions).where(expiredSession(cutoffs)).limit(limit);
  const gone = await tx.delete(aiSessions).where(inArray(aiSessions.id, batch)).returning({ id: aiSessions.id });
  if (gone.length) {
    await tx.delete(aiAnalyticsEvents).where(
      and(
        eq(aiAnalyticsEvents.type, 'knowledge_gap'),
        inArray(
          aiAnalyticsEvents.sessionId,
          gone.map((g) => g.id),
        ),
      ),
    );
  }
  return gone.length;
}

/** Deletes up to `limit` audit rows older than `before`, oldest first. */
export async function deleteExpiredAuditLogs({ before, limit }: { before: Date; limit: number }, tx: Executor = db()): Promise<number> {
  const batch = tx
    .select({ id: aiAuditLogs.id })
    .from(aiAuditLogs)
    .where(lt(aiAuditLogs.createdAt, before))
    .orderBy(aiAuditLogs.createdAt)
    .limit(limit);
  const gone = await tx.delete(aiAuditLogs).where(inArray(aiAuditLogs.id, batch)).returning({ id: aiAuditLogs.id });
  return gone.length;
}
