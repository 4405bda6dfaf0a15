// The conversation as the API and the live streams carry it: the technician's chat and the
// support inbox read the same shapes, dates as ISO strings.
import 'server-only';
import type { AiEscalation, AiMessage, AiSession, Citation } from '@/db/schema';
import { offerMessage } from '@/lib/escalation/policy';

/** A passage an answer cites, as stored with the message and sent to the browser. */
export type { Citation };

export type EscalationStatus = AiEscalation['status'];
export type Urgency = AiEscalation['urgency'];

/** What a conversation knows of its escalation (session view, live events, the escalate reply). */
export interface EscalationRef {
  id: string;
  reference: number;
  status: EscalationStatus;
  urgency?: Urgency;
  reason?: AiEscalation['reason'];
}

export function toSessionView(s: AiSession, escalation: EscalationRef | null) {
  return {
    id: s.id,
    title: s.title,
    machineModel: s.machineModel,
    serialNumber: s.serialNumber,
    mode: s.mode,
    lastMessageAt: s.lastMessageAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    escalation,
    /** The offer to escalate, while it stands (until the technician escalates or dismisses it); absent when there is none. */
    ...(s.escalationOfferReason ? { escalationOffer: escalationOfferView(s)! } : {}),
  };
}

/** The offer to escalate stored on the conversation, as the chat shows it after a reload. */
export function escalationOfferView(
  s: Pick<AiSession, 'escalationOfferReason' | 'escalationOfferedAt'>,
): { reason: string; message: string; offeredAt: string | null } | null {
  if (!s.escalationOfferReason) return null;
  return {
    reason: s.escalationOfferReason,
    message: offerMessage(s.escalationOfferReason),
    offeredAt: s.escalationOfferedAt?.toISOString() ?? null,
  };
}

export function toMessageView(m: AiMessage) {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    status: m.status,
    mode: m.mode,
    authorName: m.authorName,
    citations: m.citations,
    model: m.model,
    fallbackUsed: m.fallbackUsed,
    helpful: m.helpful,
    feedbackComment: m.feedbackComment,
    createdAt: m.createdAt.toISOString(),
    completedAt: m.completedAt?.toISOString() ?? null,
  };
}

export type SessionView = ReturnType<typeof toSessionView>;
export type MessageView = ReturnType<typeof toMessageView>;
