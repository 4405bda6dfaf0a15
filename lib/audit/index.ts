import 'server-only';
import type { Executor } from '@/db';
import { insertAuditLog } from '@/db/queries/audit';
import { errorSummary, log, oneLine } from '@/lib/log';
import type { AuditAction } from './actions';

export interface AuditActor {
  id: string;
  email: string;
}

export interface RequestMeta {
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  /** One of AUDIT_ACTIONS, so the viewer can filter by it. */
  action: AuditAction;
  actor?: AuditActor | null;
  /** Who it was, when there is no account (a failed sign-in names the email tried). */
  actorEmail?: string;
  target?: { type: string; id: string };
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
  meta?: RequestMeta;
}

/** Records a security-relevant or admin action. Pass `tx` to make it part of the change it records. */
export async function audit(entry: AuditEntry, tx?: Executor): Promise<void> {
  const values = {
    action: entry.action,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? (entry.actorEmail ? oneLine(entry.actorEmail, 254) : null),
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    outcome: entry.outcome ?? 'success',
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent ? oneLine(entry.meta.userAgent, 300) : null,
    requestId: entry.meta?.requestId ?? null,
    details: entry.details ?? {},
  };
  if (tx) {
    await insertAuditLog(values, tx);
    return;
  }
  try {
    await insertAuditLog(values);
  } catch (error) {
    // The action itself already happened; losing the audit row must at least be loud.
    log().error({ err: errorSummary(error), action: entry.action, requestId: entry.meta?.requestId }, 'audit log write failed');
  }
}
