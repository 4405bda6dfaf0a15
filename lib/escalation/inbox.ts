import 'server-only';
import { listMessages } from '@/db/queries/chat';
import {
  countEscalationsByStatus,
  getEscalationDetailOrThrow,
  listAssignableUsers,
  listEscalationMachineModels,
  listEscalations,
  markEscalationRead,
  type EscalationFilter,
} from '@/db/queries/escalations';
import { listOutboxEmails } from '@/db/queries/outbox';
import type { AuthUser } from '@/lib/auth/session';
import { toMessageView } from '@/lib/conversations/views';
import { REASON_LABEL } from './policy';
import { toEscalationView } from './views';

/** GET /api/escalations: the inbox with unread markers for the reader and counts by status. */
export async function listInbox(user: AuthUser, filter: EscalationFilter) {
  const [rows, counts, machineModels] = await Promise.all([
    listEscalations(filter, user.id),
    countEscalationsByStatus(filter, user.id),
    listEscalationMachineModels(),
  ]);
  return {
    escalations: rows.map((r) => ({ ...r, reasonLabel: REASON_LABEL[r.reason] })),
    counts,
    machineModels,
  };
}

/** GET /api/escalations/:id: everything support needs; opening it marks it read for the reader. */
export async function getEscalationForSupport(user: AuthUser, id: string, { markRead = true }: { markRead?: boolean } = {}) {
  const detail = await getEscalationDetailOrThrow({ id });
  const [messages, emails, assignees] = await Promise.all([
    listMessages({ sessionId: detail.session.id }),
    listOutboxEmails({ escalationId: id, limit: 20 }),
    listAssignableUsers(),
  ]);
  if (markRead) await markEscalationRead({ escalationId: id, userId: user.id });
  const e = detail.escalation;
  return {
    escalation: {
      ...toEscalationView(e),
      assignee: detail.assignee ? { id: detail.assignee.id, name: detail.assignee.name } : null,
      resolvedBy: detail.resolver,
      timeToAcknowledgeMs: e.acknowledgedAt ? e.acknowledgedAt.getTime() - e.createdAt.getTime() : null,
      timeToResolveMs: e.resolvedAt ? e.resolvedAt.getTime() - e.createdAt.getTime() : null,
    },
    technician: {
      id: detail.technician.id,
      name: detail.technician.name,
      email: detail.technician.email,
      phone: e.phone ?? detail.technician.phone,
    },
    machine: { model: e.machineModel, serialNumber: e.serialNumber },
    session: { id: detail.session.id, title: detail.session.title, mode: detail.session.mode, lastMessageAt: detail.session.lastMessageAt },
    messages: messages.filter((m) => m.content.trim() !== '' || m.status === 'streaming').map(toMessageView),
    emails: emails.map((m) => ({
      id: m.id,
      kind: m.kind,
      toAddress: m.toAddress,
      subject: m.subject,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      sentAt: m.sentAt,
      createdAt: m.createdAt,
    })),
    assignees: assignees.map((a) => ({ id: a.id, name: a.name, role: a.role })),
  };
}

export type EscalationDetail = Awaited<ReturnType<typeof getEscalationForSupport>>;
export type InboxList = Awaited<ReturnType<typeof listInbox>>;
