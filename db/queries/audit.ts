import 'server-only';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { aiAuditLogs } from '@/db/schema';

export type NewAuditLog = typeof aiAuditLogs.$inferInsert;

export async function insertAuditLog(values: NewAuditLog, tx: Executor = db()): Promise<void> {
  await tx.insert(aiAuditLogs).values(values);
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  offset?: number;
}

export async function listAuditLogs({ action, actorId, from, to, limit = 100, offset = 0 }: AuditFilter, tx: Executor = db()) {
  const filters: SQL[] = [];
  if (action)
    filters.push(action.endsWith('*') ? sql`${aiAuditLogs.action} like ${action.slice(0, -1) + '%'}` : eq(aiAuditLogs.action, action));
  if (actorId) filters.push(eq(aiAuditLogs.actorId, actorId));
  if (from) filters.push(gte(aiAuditLogs.createdAt, from));
  if (to) filters.push(lte(aiAuditLogs.createdAt, to));
  return tx
    .select()
    .from(aiAuditLogs)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(aiAuditLogs.createdAt), desc(aiAuditLogs.id))
    .limit(limit)
    .offset(offset);
}
