import 'server-only';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { aiAuditLogs } from '@/db/schema';

export type NewAuditLog = typeof aiAuditLogs.$inferInsert;

export async function insertAuditLog(values: NewAuditLog, tx: Executor = db()): Promise<void> {
  await tx.insert(aiAuditLogs).values(values);
}

/** A position in the newest-first order: the last row of a page (created_at to the microsecond, and id). */
export interface AuditCursor {
  createdAt: string;
  id: number;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  /** Matched case-insensitively. */
  actorEmail?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

function where({ action, actorId, actorEmail, targetType, targetId, from, to }: AuditFilter, after?: AuditCursor): SQL | undefined {
  const filters: SQL[] = [];
  if (action) filters.push(eq(aiAuditLogs.action, action));
  if (actorId) filters.push(eq(aiAuditLogs.actorId, actorId));
  if (actorEmail) filters.push(sql`lower(${aiAuditLogs.actorEmail}) = ${actorEmail.toLowerCase()}`);
  if (targetType) filters.push(eq(aiAuditLogs.targetType, targetType));
  if (targetId) filters.push(eq(aiAuditLogs.targetId, targetId));
  if (from) filters.push(gte(aiAuditLogs.createdAt, from));
  if (to) filters.push(lte(aiAuditLogs.createdAt, to));
  if (after) filters.push(sql`(${aiAuditLogs.createdAt}, ${aiAuditLogs.id}) < (${after.createdAt}::timestamptz, ${after.id})`);
  return filters.length ? and(...filters) : undefined;
}

/** One page of audit rows, newest first, after `after` (keyset: no offset to skip over). */
export async function listAuditLogs(
  { after, limit, ...filter }: AuditFilter & { after?: AuditCursor; limit: number },
  tx: Executor = db(),
) {
  return tx
    .select({
      id: aiAuditLogs.id,
      createdAt: aiAuditLogs.createdAt,
      /** The exact time as Postgres keeps it (microseconds), for the cursor. */
      position: sql<string>`to_char(${aiAuditLogs.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      action: aiAuditLogs.action,
      outcome: aiAuditLogs.outcome,
      actorId: aiAuditLogs.actorId,
      actorEmail: aiAuditLogs.actorEmail,
      targetType: aiAuditLogs.targetType,
      targetId: aiAuditLogs.targetId,
      ip: aiAuditLogs.ip,
      userAgent: aiAuditLogs.userAgent,
      requestId: aiAuditLogs.requestId,
      details: aiAuditLogs.details,
    })
    .from(aiAuditLogs)
    .where(where(filter, after))
    .orderBy(desc(aiAuditLogs.createdAt), desc(aiAuditLogs.id))
    .limit(limit);
}

export type AuditLogRow = Awaited<ReturnType<typeof listAuditLogs>>[number];
