import 'server-only';
import { and, count, desc, eq, inArray, isNotNull, isNull, max, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type Executor } from '@/db';
import { aiEscalations, aiSessions, escalationReads, users, type AiEscalation } from '@/db/schema';
import { notFound } from '@/lib/errors';

export type NewEscalation = typeof aiEscalations.$inferInsert;
export type EscalationStatus = AiEscalation['status'];
export type EscalationUrgency = AiEscalation['urgency'];

const ACTIVE: EscalationStatus[] = ['open', 'acknowledged'];

export async function insertEscalation(values: NewEscalation, tx: Executor = db()): Promise<AiEscalation> {
  const [row] = await tx.insert(aiEscalations).values(values).returning();
  return row;
}

/** The open or acknowledged escalation of a session, if any. */
export async function getActiveEscalationForSession(
  { sessionId }: { sessionId: string },
  tx: Executor = db(),
): Promise<AiEscalation | undefined> {
  const [row] = await tx
    .select()
    .from(aiEscalations)
    .where(and(eq(aiEscalations.sessionId, sessionId), inArray(aiEscalations.status, ACTIVE)))
    .orderBy(desc(aiEscalations.createdAt))
    .limit(1);
  return row;
}

/** What the offer rule needs: an active escalation, and when one was last resolved. */
export async function getEscalationStateForSession({ sessionId }: { sessionId: string }, tx: Executor = db()) {
  const [row] = await tx
    .select({
      active: count(sql`case when ${aiEscalations.status} in ('open', 'acknowledged') then 1 end`),
      lastResolvedAt: max(aiEscalations.resolvedAt),
    })
    .from(aiEscalations)
    .where(eq(aiEscalations.sessionId, sessionId));
  return { hasActiveEscalation: Number(row?.active ?? 0) > 0, lastResolvedAt: row?.lastResolvedAt ? new Date(row.lastResolvedAt) : null };
}

/** Locks the escalation for the rest of the transaction (one change at a time). */
export async function lockEscalationOrThrow({ id }: { id: string }, tx: Executor): Promise<AiEscalation> {
  const [row] = await tx.select().from(aiEscalations).where(eq(aiEscalations.id, id)).for('update').limit(1);
  if (!row) throw notFound('Escalation');
  return row;
}

export async function updateEscalation(
  { id, ...changes }: { id: string } & Partial<Omit<NewEscalation, 'id' | 'reference' | 'sessionId' | 'userId' | 'createdAt'>>,
  tx: Executor = db(),
): Promise<AiEscalation> {
  const [row] = await tx
    .update(aiEscalations)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(aiEscalations.id, id))
    .returning();
  if (!row) throw notFound('Escalation');
  return row;
}

export async function markEscalationRead(
  { escalationId, userId }: { escalationId: string; userId: string },
  tx: Executor = db(),
): Promise<void> {
  await tx
    .insert(escalationReads)
    .values({ escalationId, userId, readAt: new Date() })
    .onConflictDoUpdate({ target: [escalationReads.escalationId, escalationReads.userId], set: { readAt: new Date() } });
}

export interface EscalationFilter {
  /** 'active': open or acknowledged. */
  status?: EscalationStatus | 'active';
  urgency?: EscalationUrgency;
  machineModel?: string;
  /** 'me' (the reader) or 'none' (unassigned). */
  assigned?: 'me' | 'none';
  limit?: number;
  offset?: number;
}

const technician = alias(users, 'technician');
const assignee = alias(users, 'assignee');

function filtersFor(f: EscalationFilter, readerId: string, withStatus: boolean): SQL | undefined {
  const parts: SQL[] = [];
  if (withStatus && f.status)
    parts.push(f.status === 'active' ? inArray(aiEscalations.status, ACTIVE) : eq(aiEscalations.status, f.status));
  if (f.urgency) parts.push(eq(aiEscalations.urgency, f.urgency));
  if (f.machineModel) parts.push(sql`lower(${aiEscalations.machineModel}) = lower(${f.machineModel})`);
  if (f.assigned === 'me') parts.push(eq(aiEscalations.assignedTo, readerId));
  if (f.assigned === 'none') parts.push(isNull(aiEscalations.assignedTo));
  return parts.length ? and(...parts) : undefined;
}

/**
 * The support inbox, newest first. "Unread" means the reader has not opened it since its last
 * change or the technician's last message.
 */
export async function listEscalations(filter: EscalationFilter, readerId: string, tx: Executor = db()) {
  const lastActivity = sql`greatest(${aiEscalations.updatedAt}, ${aiSessions.lastMessageAt})`;
  return tx
    .select({
      id: aiEscalations.id,
      reference: aiEscalations.reference,
      status: aiEscalations.status,
      urgency: aiEscalations.urgency,
      reason: aiEscalations.reason,
      note: aiEscalations.note,
      machineModel: aiEscalations.machineModel,
      serialNumber: aiEscalations.serialNumber,
      sessionId: aiEscalations.sessionId,
      sessionTitle: aiSessions.title,
      sessionMode: aiSessions.mode,
      technician: { id: technician.id, name: technician.name, email: technician.email },
      assignedTo: aiEscalations.assignedTo,
      assigneeName: assignee.name,
      createdAt: aiEscalations.createdAt,
      updatedAt: aiEscalations.updatedAt,
      lastActivityAt: sql<Date>`${lastActivity}`.mapWith((v) => new Date(v)),
      unread: sql<boolean>`(${escalationReads.readAt} is null or ${escalationReads.readAt} < ${lastActivity})`.mapWith(Boolean),
    })
    .from(aiEscalations)
    .innerJoin(aiSessions, eq(aiSessions.id, aiEscalations.sessionId))
    .innerJoin(technician, eq(technician.id, aiEscalations.userId))
    .leftJoin(assignee, eq(assignee.id, aiEscalations.assignedTo))
    .leftJoin(escalationReads, and(eq(escalationReads.escalationId, aiEscalations.id), eq(escalationReads.userId, readerId)))
    .where(filtersFor(filter, readerId, true))
    .orderBy(desc(aiEscalations.createdAt), desc(aiEscalations.reference))
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0);
}

/** How many escalations have each status, under the same filters except the status. */
export async function countEscalationsByStatus(filter: EscalationFilter, readerId: string, tx: Executor = db()) {
  const rows = await tx
    .select({ status: aiEscalations.status, n: count() })
    .from(aiEscalations)
    .where(filtersFor(filter, readerId, false))
    .groupBy(aiEscalations.status);
  const counts: Record<EscalationStatus, number> = { open: 0, acknowledged: 0, resolved: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function listEscalationMachineModels(tx: Executor = db()): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ model: aiEscalations.machineModel })
    .from(aiEscalations)
    .where(isNotNull(aiEscalations.machineModel))
    .orderBy(aiEscalations.machineModel);
  return rows.map((r) => r.model!).filter(Boolean);
}

/** One escalation with the people involved, for the detail page and the email. */
export async function getEscalationDetailOrThrow({ id }: { id: string }, tx: Executor = db()) {
  const resolver = alias(users, 'resolver');
  const [row] = await tx
    .select({
      escalation: aiEscalations,
      session: aiSessions,
      technician: { id: technician.id, name: technician.name, email: technician.email, phone: technician.phone },
      assignee: { id: assignee.id, name: assignee.name, email: assignee.email },
      resolver: { id: resolver.id, name: resolver.name },
    })
    .from(aiEscalations)
    .innerJoin(aiSessions, eq(aiSessions.id, aiEscalations.sessionId))
    .innerJoin(technician, eq(technician.id, aiEscalations.userId))
    .leftJoin(assignee, eq(assignee.id, aiEscalations.assignedTo))
    .leftJoin(resolver, eq(resolver.id, aiEscalations.resolvedBy))
    .where(eq(aiEscalations.id, id))
    .limit(1);
  if (!row) throw notFound('Escalation');
  return { ...row, assignee: row.assignee?.id ? row.assignee : null, resolver: row.resolver?.id ? row.resolver : null };
}

/** Support and admin accounts that escalations can be assigned to. */
export async function listAssignableUsers(tx: Executor = db()) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(inArray(users.role, ['support', 'admin']), isNull(users.disabledAt)))
    .orderBy(users.role, users.name)
    .limit(500);
}

export async function isAssignableUser({ id }: { id: string }, tx: Executor = db()): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), inArray(users.role, ['support', 'admin']), isNull(users.disabledAt)))
    .limit(1);
  return rows.length > 0;
}
