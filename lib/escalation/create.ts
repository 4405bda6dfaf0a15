import 'server-only';
import { db } from '@/db';
import { getSessionById, getSessionForUserOrThrow, insertMessage, listMessages, lockSession, updateSession } from '@/db/queries/chat';
import { getActiveEscalationForSession, insertEscalation } from '@/db/queries/escalations';
import { getUserByIdOrThrow } from '@/db/queries/users';
import type { AiEscalation, AiMessage, AiSession } from '@/db/schema';
import { analyticsEvent, track } from '@/lib/analytics';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { enqueueEmails, wakeOutbox } from '@/lib/email/outbox';
import { conflict } from '@/lib/errors';
import { metrics } from '@/lib/ops/metrics';
import { hasConsented } from '@/lib/privacy/consents';
import { confirmationEmail, supportEmail } from './emails';
import { publishAll } from './live';
import { ESCALATION_POLICY, handoffMessage, type EscalationReason, type Urgency } from './policy';
import { summarise } from './summary';
import { toTranscript } from './transcript';
import { createdEvent, messageEvent } from './views';

export interface CreateEscalationInput {
  /** Who asked: the technician, or the technician's message for an automatic escalation. */
  actor: AuthUser;
  session: AiSession;
  reason: EscalationReason;
  urgency: Urgency;
  note?: string | null;
  phone?: string | null;
  automatic: boolean;
  /** The phrase that triggered an automatic escalation. */
  trigger?: string;
  meta: RequestMeta;
  /** An escalation already open: refuse (409), or hand back the existing one. */
  ifActive: 'conflict' | 'existing';
}

export interface CreatedEscalation {
  escalation: AiEscalation;
  /** The handoff message in the chat; null when an existing escalation was returned. */
  message: AiMessage | null;
  created: boolean;
}

/**
 * Creates an escalation: the escalation row, the handoff message in the chat and the emails (to
 * support and the technician's confirmation) are written in one transaction, so none exists
 * without the others. The emails are delivered by the outbox worker afterwards.
 */
export async function createEscalation(input: CreateEscalationInput): Promise<CreatedEscalation> {
  const { session, actor } = input;
  const owner = await getUserByIdOrThrow({ id: session.userId });
  const technician = { name: owner.name, email: owner.email, phone: owner.phone };
  const note = input.note?.trim() || null;
  const phone = input.phone?.trim() || null;

  // The summary is written before the transaction: a model call never holds a lock.
  const before = await getActiveEscalationForSession({ sessionId: session.id });
  if (before) return existingOrConflict(before, input);
  const summary = await summarise(
    {
      entries: toTranscript(await listMessages({ sessionId: session.id }), technician.name),
      reason: input.reason,
      note,
      machineModel: session.machineModel,
      serialNumber: session.serialNumber,
      modelAllowed: await hasConsented(owner),
    },
    input.automatic ? ESCALATION_POLICY.automaticSummaryTimeoutMs : ESCALATION_POLICY.summaryTimeoutMs,
  );

  const result = await db().transaction(async (tx) => {
    await lockSession({ id: session.id }, tx);
    const active = await getActiveEscalationForSession({ sessionId: session.id }, tx);
    if (active) return { escalation: active, message: null, created: false };
    const current = (await getSessionById({ id: session.id }, tx)) ?? session;
    const escalation = await insertEscalation(
      {
        sessionId: session.id,
        userId: session.userId,
        urgency: input.urgency,
        reason: input.reason,
        note,
        phone: phone ?? owner.phone,
        summary: summary.text,
        machineModel: current.machineModel,
        serialNumber: current.serialNumber,
      },
      tx,
    );
    const message = await insertMessage({ sessionId: session.id, role: 'system', content: handoffMessage(escalation) }, tx);
    // The offer, if one was made, is answered by this escalation.
    await updateSession({ id: session.id, lastMessageAt: new Date(), escalationOfferReason: null }, tx);

    const entries = toTranscript(await listMessages({ sessionId: session.id }, tx), technician.name);
    const ctx = { escalation, sessionTitle: current.title, technician };
    await enqueueEmails([supportEmail(ctx, summary, entries), confirmationEmail(ctx)], tx);

    await audit(
      {
        action: 'escalation.created',
        actor,
        target: { type: 'escalation', id: escalation.id },
        details: {
          reference: escalation.reference,
          reason: escalation.reason,
          urgency: escalation.urgency,
          automatic: input.automatic,
          ...(input.trigger ? { trigger: input.trigger } : {}),
          summary: summary.source,
        },
        meta: input.meta,
      },
      tx,
    );
    const about = { userId: session.userId, sessionId: session.id };
    const details = {
      escalationId: escalation.id,
      reference: escalation.reference,
      reason: escalation.reason,
      urgency: escalation.urgency,
      automatic: input.automatic,
    };
    await track(analyticsEvent('escalation_created', about, details), tx);
    return { escalation, message, created: true };
  });

  if (!result.created) return existingOrConflict(result.escalation, input);
  metrics().escalations.inc({ reason: result.escalation.reason });
  wakeOutbox();
  await publishAll(session.id, [messageEvent(result.message!), createdEvent(result.escalation)]);
  return result;
}

function existingOrConflict(active: AiEscalation, input: CreateEscalationInput): CreatedEscalation {
  if (input.ifActive === 'conflict') {
    throw conflict(`This conversation is already escalated (reference #${active.reference}, ${active.status}).`, {
      escalation: { id: active.id, reference: active.reference, status: active.status },
    });
  }
  return { escalation: active, message: null, created: false };
}

/**
 * POST /api/sessions/:id/escalate. After an offer, the escalation keeps the offer's reason
 * ("the manuals do not cover it"); otherwise the reason is "manual".
 */
export async function escalateSession(
  user: AuthUser,
  sessionId: string,
  input: { urgency: Urgency; note?: string; phone?: string },
  meta: RequestMeta,
): Promise<CreatedEscalation> {
  const session = await getSessionForUserOrThrow({ id: sessionId, userId: user.id });
  // Stored with the offer and cleared by the next escalation, so it is set only while the offer is open.
  const reason: EscalationReason = session.escalationOfferReason ?? 'manual';
  return createEscalation({
    actor: user,
    session,
    reason,
    urgency: input.urgency,
    note: input.note,
    phone: input.phone,
    automatic: false,
    meta,
    ifActive: 'conflict',
  });
}
