import 'server-only';
import { and, asc, eq, gt, lte, max, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { aiMessages, aiSessions, sessionReads, type AiMessage } from '@/db/schema';

// What the owner of a conversation has read, and the reminders sent for support replies left
// unread. A support reply is unread while its `seq` is above the conversation's `read_seq`.

const unreadReply = (readSeq: typeof sessionReads.readSeq | number) =>
  and(eq(aiMessages.role, 'support'), gt(aiMessages.seq, sql`coalesce(${readSeq}, 0)`));

/** Marks everything in the conversation read, up to its latest message; never moves back. */
export async function markSessionRead({ sessionId, now = new Date() }: { sessionId: string; now?: Date }, tx: Executor = db()) {
  const [latest] = await tx
    .select({ seq: max(aiMessages.seq) })
    .from(aiMessages)
    .where(eq(aiMessages.sessionId, sessionId));
  const seq = Number(latest?.seq ?? 0);
  await tx
    .insert(sessionReads)
    .values({ sessionId, readSeq: seq, readAt: now })
    .onConflictDoUpdate({
      target: sessionReads.sessionId,
      set: { readSeq: sql`greatest(${sessionReads.readSeq}, ${seq})`, readAt: now },
    });
}

/** Unread support replies per conversation of a user (conversations with none are left out). */
export async function unreadCountsForUser({ userId }: { userId: string }, tx: Executor = db()): Promise<Record<string, number>> {
  const rows = await tx
    .select({ sessionId: aiMessages.sessionId, unread: sql<number>`count(*)::int` })
    .from(aiMessages)
    .innerJoin(aiSessions, eq(aiSessions.id, aiMessages.sessionId))
    .leftJoin(sessionReads, eq(sessionReads.sessionId, aiMessages.sessionId))
    .where(and(eq(aiSessions.userId, userId), unreadReply(sessionReads.readSeq)))
    .groupBy(aiMessages.sessionId);
  return Object.fromEntries(rows.map((r) => [r.sessionId, Number(r.unread)]));
}

/**
 * Conversations with a support reply unread since `cutoff` or before (and after `since`) that no
 * reminder covers yet. A plain read: the claim decides under the row's lock.
 */
export async function listDueReminders(
  { cutoff, since, limit }: { cutoff: Date; since: Date; limit: number },
  tx: Executor = db(),
): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ sessionId: aiMessages.sessionId })
    .from(aiMessages)
    .leftJoin(sessionReads, eq(sessionReads.sessionId, aiMessages.sessionId))
    .where(
      and(
        unreadReply(sessionReads.readSeq),
        gt(aiMessages.seq, sql`coalesce(${sessionReads.remindedSeq}, 0)`),
        lte(aiMessages.createdAt, cutoff),
        gt(aiMessages.createdAt, since),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.sessionId);
}

/**
 * Claims the reminder for a conversation inside the caller's transaction: locks its read row
 * (made if missing), checks again that a reply is due, and moves `reminded_seq` past every unread
 * reply. Returns the replies the reminder covers, or null when another instance (or a read) got
 * there first.
 */
export async function claimReminder(
  { sessionId, cutoff, now = new Date() }: { sessionId: string; cutoff: Date; now?: Date },
  tx: Executor,
): Promise<AiMessage[] | null> {
  await tx.insert(sessionReads).values({ sessionId }).onConflictDoNothing({ target: sessionReads.sessionId });
  const [read] = await tx.select().from(sessionReads).where(eq(sessionReads.sessionId, sessionId)).for('update');
  if (!read) return null;
  const floor = Math.max(read.readSeq, read.remindedSeq);
  const replies = await tx
    .select()
    .from(aiMessages)
    .where(and(eq(aiMessages.sessionId, sessionId), eq(aiMessages.role, 'support'), gt(aiMessages.seq, floor)))
    .orderBy(asc(aiMessages.seq));
  if (!replies.some((m) => m.createdAt <= cutoff)) return null;
  await tx
    .update(sessionReads)
    .set({ remindedSeq: replies.at(-1)!.seq, remindedAt: now })
    .where(eq(sessionReads.sessionId, sessionId));
  return replies;
}
