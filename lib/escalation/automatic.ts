import 'server-only';
import { db } from '@/db';
import { getSessionById, insertMessage, lockSession, recentAnswers, updateSession } from '@/db/queries/chat';
import {
  getActiveEscalationForSession,
  getEscalationStateForSession,
  lockEscalationOrThrow,
  updateEscalation,
} from '@/db/queries/escalations';
import { getUserByIdOrThrow } from '@/db/queries/users';
import type { AiEscalation, AiMessage, AiSession } from '@/db/schema';
import { analyticsEvent, track } from '@/lib/analytics';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import type { LiveEvent } from '@/lib/live/events';
import { onAnswerDone, onFeedbackGiven, onMessageStored } from '@/lib/chat/signals';
import { enqueueEmails, wakeOutbox } from '@/lib/email/outbox';
import { log } from '@/lib/log';
import { createEscalation } from './create';
import { urgentFollowUpEmail } from './emails';
import { publishAll } from './live';
import {
  ESCALATION_POLICY,
  immediateEscalation,
  mayOffer,
  offerAfterAnswer,
  offerAfterFeedback,
  offerMessage,
  type AnswerFacts,
  type OfferReason,
} from './policy';
import { createdEvent, messageEvent, statusEvent } from './views';

/**
 * Escalation follows the chat: a message can escalate at once, an answer or feedback can bring an
 * offer. Called where the server starts its background work, and by tests that call the route
 * handlers directly; calling it again replaces the listeners.
 */
export function registerEscalationListeners(): void {
  onMessageStored('escalation at once', escalateOnMessage);
  onAnswerDone('escalation offer', offerAfterAnswerIfDue);
  onFeedbackGiven('escalation offer', offerAfterFeedbackIfDue);
}

/**
 * The technician's new message: a safety emergency or a request for a person escalates at once.
 * Returns the events for the answer stream (they are also published to other open views).
 */
async function escalateOnMessage({
  user,
  session,
  message,
  meta,
}: {
  user: AuthUser;
  session: AiSession;
  message: AiMessage | null;
  meta: RequestMeta;
}): Promise<LiveEvent[]> {
  if (!message || message.role !== 'user') return [];
  const decision = immediateEscalation(message.content);
  if (!decision) return [];
  const active = await getActiveEscalationForSession({ sessionId: session.id });
  if (active) return decision.reason === 'safety' && active.urgency !== 'high' ? raiseToUrgent(active, session, message, user, meta) : [];
  const result = await createEscalation({
    actor: user,
    session,
    reason: decision.reason,
    urgency: decision.urgency,
    automatic: true,
    trigger: decision.matched,
    meta,
    ifActive: 'existing',
  });
  return result.created && result.message ? [messageEvent(result.message), createdEvent(result.escalation)] : [];
}

/** A safety emergency in a conversation already escalated: urgent now, and support is told again. */
async function raiseToUrgent(
  active: AiEscalation,
  session: AiSession,
  message: AiMessage,
  user: AuthUser,
  meta: RequestMeta,
): Promise<LiveEvent[]> {
  const owner = await getUserByIdOrThrow({ id: session.userId });
  const result = await db().transaction(async (tx) => {
    const current = await lockEscalationOrThrow({ id: active.id }, tx);
    if (current.status === 'resolved' || current.urgency === 'high') return null;
    const escalation = await updateEscalation({ id: current.id, urgency: 'high' }, tx);
    const notice = await insertMessage(
      {
        sessionId: session.id,
        role: 'system',
        content: `Escalation #${escalation.reference} is now marked urgent and support has been told again. If anyone is in danger: stop the machine only if it is safe to do so, keep people away, and call your local emergency number.`,
      },
      tx,
    );
    await enqueueEmails(
      [urgentFollowUpEmail({ escalation, sessionTitle: session.title, technician: owner }, message.id, message.content)],
      tx,
    );
    await audit(
      {
        action: 'escalation.urgency_raised',
        actor: user,
        target: { type: 'escalation', id: escalation.id },
        details: { from: current.urgency, to: 'high', reason: 'safety' },
        meta,
      },
      tx,
    );
    return { escalation, notice };
  });
  if (!result) return [];
  wakeOutbox();
  const events = [messageEvent(result.notice), statusEvent(result.escalation)];
  await publishAll(session.id, events);
  return events;
}

/**
 * Offers escalation once per problem: records the offer and its reason on the session (and in
 * analytics) and returns the event, or null when it may not be offered now.
 */
async function offerEscalation({
  sessionId,
  userId,
  reason,
}: {
  sessionId: string;
  userId: string;
  reason: OfferReason;
}): Promise<LiveEvent | null> {
  // Usually the offer was already made for this problem: a plain read settles that, without
  // taking the conversation's lock. When it may be due, the transaction decides.
  const [current, currentState] = await Promise.all([getSessionById({ id: sessionId }), getEscalationStateForSession({ sessionId })]);
  if (!current || !mayOffer({ mode: current.mode, offeredAt: current.escalationOfferedAt, ...currentState })) return null;
  const offered = await db().transaction(async (tx) => {
    await lockSession({ id: sessionId }, tx);
    const session = await getSessionById({ id: sessionId }, tx);
    if (!session) return false;
    const state = await getEscalationStateForSession({ sessionId }, tx);
    if (!mayOffer({ mode: session.mode, offeredAt: session.escalationOfferedAt, ...state })) return false;
    await updateSession({ id: sessionId, escalationOfferedAt: new Date(), escalationOfferReason: reason }, tx);
    await track(analyticsEvent('escalation_offered', { userId, sessionId }, { reason }), tx);
    return true;
  });
  return offered ? { type: 'escalation', kind: 'offer', reason, message: offerMessage(reason) } : null;
}

/** After an answer: offer when the manuals did not cover the question or the model failed. */
async function offerAfterAnswerIfDue({
  session,
  answer,
  question,
}: {
  session: AiSession;
  answer: AnswerFacts;
  question: string;
}): Promise<void> {
  const reason = offerAfterAnswer(answer, question);
  if (!reason) return;
  try {
    const event = await offerEscalation({ sessionId: session.id, userId: session.userId, reason });
    if (event) await publishAll(session.id, [event]);
  } catch (error) {
    log().warn({ err: (error as Error).message, sessionId: session.id }, 'escalation offer failed');
  }
}

/** After feedback: "not helpful" on the latest answers in a row offers escalation. */
async function offerAfterFeedbackIfDue({ session, helpful }: { session: AiSession; helpful: boolean }): Promise<LiveEvent[]> {
  if (helpful) return [];
  const recent = await recentAnswers({ sessionId: session.id, limit: ESCALATION_POLICY.notHelpfulStreak });
  const reason = offerAfterFeedback(recent);
  if (!reason) return [];
  const event = await offerEscalation({ sessionId: session.id, userId: session.userId, reason });
  return event ? [event] : [];
}
