import 'server-only';
import type { AiEscalation, AiMessage, AiSession } from '@/db/schema';
import { toMessageView, toSessionView } from '@/lib/conversations/views';
import type { LiveEvent } from '@/lib/live/events';
import type { Serialized } from '@/lib/serialized';
import type { EscalationDetail, InboxList } from './inbox';
import { REASON_LABEL } from './policy';

/** What the technician's chat knows of an escalation (session view, live events). */
function escalationRef(e: Pick<AiEscalation, 'id' | 'reference' | 'status' | 'urgency'>) {
  return { id: e.id, reference: e.reference, status: e.status, urgency: e.urgency };
}

/** The API's short form of an escalation. */
export function escalationBrief(e: AiEscalation) {
  return { id: e.id, reference: e.reference, status: e.status, urgency: e.urgency, reason: e.reason };
}

export function createdEvent(e: AiEscalation): LiveEvent {
  return { type: 'escalation', kind: 'created', reason: e.reason, message: REASON_LABEL[e.reason], escalation: escalationRef(e) };
}

export function statusEvent(e: AiEscalation): LiveEvent {
  return { type: 'escalation', kind: 'status', reason: e.reason, escalation: escalationRef(e) };
}

export function messageEvent(m: AiMessage): LiveEvent {
  return { type: 'message', message: toMessageView(m) };
}

export function sessionEvent(s: AiSession, e: AiEscalation): LiveEvent {
  return { type: 'session', session: toSessionView(s, { id: e.id, reference: e.reference, status: e.status }) };
}

/** The full escalation as the support inbox shows it. */
export function toEscalationView(e: AiEscalation) {
  return {
    ...escalationBrief(e),
    reasonLabel: REASON_LABEL[e.reason],
    note: e.note,
    phone: e.phone,
    summary: e.summary,
    machineModel: e.machineModel,
    serialNumber: e.serialNumber,
    assignedTo: e.assignedTo,
    acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    resolutionNote: e.resolutionNote,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export type EscalationView = ReturnType<typeof toEscalationView>;

/** GET /api/escalations as the browser receives it. */
export type InboxData = Serialized<InboxList>;
export type InboxItem = InboxData['escalations'][number];

/** GET /api/escalations/:id as the browser receives it. */
export type EscalationDetailData = Serialized<EscalationDetail>;
