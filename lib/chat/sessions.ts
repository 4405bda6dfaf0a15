import 'server-only';
import {
  deleteSession,
  getLatestEscalationForSession,
  getMessageForUserOrThrow,
  getSessionForUserOrThrow,
  interruptStaleStreams,
  listMessages,
  listSessionsForUser,
  setFeedback,
  updateSession,
} from '@/db/queries/chat';
import { analyticsEvent, track } from '@/lib/analytics';
import type { AuthUser } from '@/lib/auth/session';
import { AppError, notFound } from '@/lib/errors';
import { CHAT_POLICY } from '@/lib/policies';
import { toMessageView, toSessionView } from '@/lib/conversations/views';
import { publish } from '@/lib/live/hub';
import { currentGeneration, requestStop } from './live';
import { emitFeedbackGiven } from './signals';

export async function listSessions(user: AuthUser) {
  const rows = await listSessionsForUser({ userId: user.id });
  return rows.map((r) => ({ ...r, escalation: r.escalation ?? null }));
}

/** A conversation with its messages; an answer whose server died mid-way is shown as interrupted. */
export async function getSessionDetail(user: AuthUser, id: string) {
  const session = await getSessionForUserOrThrow({ id, userId: user.id });
  const generation = await currentGeneration(session.id);
  if (!generation)
    await interruptStaleStreams({ sessionId: session.id, olderThan: new Date(Date.now() - CHAT_POLICY.staleSeconds * 1000) });
  const [messages, escalation] = await Promise.all([
    listMessages({ sessionId: session.id }),
    getLatestEscalationForSession({ sessionId: session.id }),
  ]);
  const views = messages.map((m) => {
    const view = toMessageView(m);
    // The live text is ahead of the last checkpoint.
    return generation?.messageId === m.id && m.status === 'streaming' ? { ...view, content: generation.text } : view;
  });
  return {
    session: toSessionView(session, escalation),
    messages: views,
    generating: generation ? { messageId: generation.messageId } : null,
  };
}

export async function patchSession(
  user: AuthUser,
  id: string,
  changes: { title?: string; machineModel?: string | null; serialNumber?: string | null },
) {
  await getSessionForUserOrThrow({ id, userId: user.id });
  const updated = await updateSession({ id, ...changes, ...(changes.title ? { titleIsAuto: false } : {}) });
  const escalation = await getLatestEscalationForSession({ sessionId: id });
  const view = toSessionView(updated, escalation);
  await publish(id, { type: 'session', session: view });
  return view;
}

export async function removeSession(user: AuthUser, id: string) {
  const generation = await currentGeneration(id);
  if (generation) await requestStop(id);
  if (!(await deleteSession({ id, userId: user.id }))) throw notFound('Conversation');
}

export async function stopGeneration(user: AuthUser, id: string) {
  await getSessionForUserOrThrow({ id, userId: user.id });
  const generation = await currentGeneration(id);
  if (!generation) throw new AppError('conflict', 'No answer is being written in this conversation.');
  await requestStop(id);
  return { stopping: generation.messageId };
}

export async function giveFeedback(user: AuthUser, messageId: string, input: { helpful: boolean; comment?: string }) {
  const { message, session } = await getMessageForUserOrThrow({ id: messageId, userId: user.id });
  if (message.role !== 'assistant') throw new AppError('validation_error', 'Feedback can only be given on an answer.');
  if (message.status === 'streaming') throw new AppError('conflict', 'Wait until the answer is complete before rating it.');
  const updated = await setFeedback({ id: messageId, helpful: input.helpful, comment: input.comment?.trim() || null });
  await track(
    analyticsEvent(
      'feedback_given',
      { userId: user.id, sessionId: session.id, messageId },
      { helpful: input.helpful, withComment: Boolean(input.comment) },
    ),
  );
  // Repeated "not helpful" may bring an escalation offer.
  const events = await emitFeedbackGiven({ user, session, messageId, helpful: input.helpful });
  for (const event of events) await publish(session.id, event);
  return { message: toMessageView(updated), events };
}
