import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { emailOutbox, type OutboxEmail } from '@/db/schema';
import { notFound } from '@/lib/errors';

export type NewOutboxEmail = typeof emailOutbox.$inferInsert;

/** Queues emails; a Message-ID already queued is skipped, so queuing twice never sends twice. */
export async function insertOutboxEmails(values: NewOutboxEmail[], tx: Executor = db()): Promise<OutboxEmail[]> {
  if (!values.length) return [];
  return tx.insert(emailOutbox).values(values).onConflictDoNothing({ target: emailOutbox.messageId }).returning();
}

/**
 * Claims up to `limit` due emails for one worker. SKIP LOCKED lets several instances drain the
 * same outbox without ever claiming the same row; a claim whose worker died (lease expired) is
 * claimed again. Each claim counts as an attempt.
 */
export async function claimDueEmails(
  { workerId, limit, leaseSeconds, now }: { workerId: string; limit: number; leaseSeconds: number; now?: Date },
  tx: Executor = db(),
): Promise<OutboxEmail[]> {
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  const claimed = await tx.execute<{ id: string }>(sql`
    update ${emailOutbox} set locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1
    where id in (
      select id from ${emailOutbox}
      where status = 'pending' and next_attempt_at <= ${at}
        and (locked_at is null or locked_at < now() - make_interval(secs => ${leaseSeconds}))
      order by next_attempt_at, created_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  const ids = claimed.rows.map((r) => r.id);
  if (!ids.length) return [];
  return tx
    .select()
    .from(emailOutbox)
    .where(
      sql`${emailOutbox.id} in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    )
    .orderBy(emailOutbox.createdAt);
}

const claimedBy = (id: string, workerId: string) => and(eq(emailOutbox.id, id), eq(emailOutbox.lockedBy, workerId));

export async function markEmailSent(
  { id, workerId, deliveredVia }: { id: string; workerId: string; deliveredVia: string },
  tx: Executor = db(),
) {
  await tx
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: new Date(), deliveredVia, lockedAt: null, lockedBy: null, lastError: null })
    .where(claimedBy(id, workerId));
}

export async function scheduleEmailRetry(
  { id, workerId, error, nextAttemptAt }: { id: string; workerId: string; error: string; nextAttemptAt: Date },
  tx: Executor = db(),
) {
  await tx.update(emailOutbox).set({ lastError: error, nextAttemptAt, lockedAt: null, lockedBy: null }).where(claimedBy(id, workerId));
}

export async function markEmailFailed({ id, workerId, error }: { id: string; workerId: string; error: string }, tx: Executor = db()) {
  await tx.update(emailOutbox).set({ status: 'failed', lastError: error, lockedAt: null, lockedBy: null }).where(claimedBy(id, workerId));
}

/** An admin sends a failed (or waiting) email again now. */
export async function requeueEmail({ id }: { id: string }, tx: Executor = db()): Promise<OutboxEmail> {
  const [row] = await tx
    .update(emailOutbox)
    .set({ status: 'pending', nextAttemptAt: new Date(), lockedAt: null, lockedBy: null })
    .where(and(eq(emailOutbox.id, id), sql`${emailOutbox.status} <> 'sent'`))
    .returning();
  if (!row) throw notFound('Email waiting or failed');
  return row;
}

export async function getOutboxEmailOrThrow({ id }: { id: string }, tx: Executor = db()): Promise<OutboxEmail> {
  const [row] = await tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  if (!row) throw notFound('Email');
  return row;
}

const listColumns = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  messageId: emailOutbox.messageId,
  toAddress: emailOutbox.toAddress,
  subject: emailOutbox.subject,
  escalationId: emailOutbox.escalationId,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  deliveredVia: emailOutbox.deliveredVia,
  sentAt: emailOutbox.sentAt,
  createdAt: emailOutbox.createdAt,
};

export async function listOutboxEmails(
  {
    status,
    escalationId,
    limit = 100,
    offset = 0,
  }: { status?: OutboxEmail['status']; escalationId?: string; limit?: number; offset?: number },
  tx: Executor = db(),
) {
  const filters: SQL[] = [];
  if (status) filters.push(eq(emailOutbox.status, status));
  if (escalationId) filters.push(eq(emailOutbox.escalationId, escalationId));
  return tx
    .select(listColumns)
    .from(emailOutbox)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit)
    .offset(offset);
}

export interface OutboxStats {
  pending: number;
  failed: number;
  sent: number;
  /** Failed emails created in the health window. */
  recentFailed: number;
  oldestPendingAt: Date | null;
}

export async function getOutboxStats({ failedSince }: { failedSince: Date }, tx: Executor = db()): Promise<OutboxStats> {
  const result = await tx.execute<{ pending: number; failed: number; sent: number; recent_failed: number; oldest: string | null }>(sql`
    select
      count(*) filter (where status = 'pending')::int as pending,
      count(*) filter (where status = 'failed')::int as failed,
      count(*) filter (where status = 'sent')::int as sent,
      count(*) filter (where status = 'failed' and created_at >= ${failedSince.toISOString()}::timestamptz)::int as recent_failed,
      min(created_at) filter (where status = 'pending') as oldest
    from ${emailOutbox}`);
  const row = result.rows[0];
  return {
    pending: Number(row?.pending ?? 0),
    failed: Number(row?.failed ?? 0),
    sent: Number(row?.sent ?? 0),
    recentFailed: Number(row?.recent_failed ?? 0),
    oldestPendingAt: row?.oldest ? new Date(row.oldest) : null,
  };
}
