import 'server-only';
import { db, type Executor } from '@/db';
import { getSessionById, insertMessage, lockSession, updateSession } from '@/db/queries/chat';
import {
  getActiveEscalationForSession,
  isAssignableUser,
  lockEscalationOrThrow,
  markEscalationRead,
  updateEscalation,
} from '@/db/queries/escalations';
import { getUserByIdOrThrow } from '@/db/queries/users';
import type { AiEscalation, AiMessage, AiSession } from '@/db/schema';
import { analyticsEvent, track } from '@/lib/analytics';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { toMessageView } from '@/lib/conversations/views';
import { enqueueEmails, wakeOutbox } from '@/lib/email/outbox';
import { AppError, conflict, notFound } from '@/lib/errors';
import type { LiveEvent } from '@/lib/live/events';
import { resolutionEmail } from './emails';
import { publishAll } from './live';
import { announceUnread, replyNotice } from './unread';
import { escalationBrief, messageEvent, sessionEvent, statusEvent } from './views';

export interface EscalationChange {
  status?: 'open' | 'acknowledged' | 'resolved';
  assignedTo?: string | null;
  resolutionNote?: string;
  handBack?: true;
}

interface Outcome {
  escalation: AiEscalation;
  session: AiSession;
  messages: AiMessage[];
  statusChanged: boolean;
  modeChanged: boolean;
  mailed: boolean;
}

const since = (from: Date, to: Date) => to.getTime() - from.getTime();

/** Locks the escalation and its conversation; a resolved escalation cannot change any more. */
async function lockBoth(id: string, tx: Executor) {
  const escalation = await lockEscalationOrThrow({ id }, tx);
  await lockSession({ id: escalation.sessionId }, tx);
  const session = await getSessionById({ id: escalation.sessionId }, tx);
  if (!session) throw notFound('Escalation');
  if (escalation.status === 'resolved') throw conflict(`Escalation #${escalation.reference} is already resolved.`);
  return { escalation, session };
}

/** Acknowledging: support is on it, the assistant pauses, the escalation is assigned to whoever took it. */
async function acknowledge(e: AiEscalation, user: AuthUser, meta: RequestMeta, tx: Executor, assign: boolean) {
  const now = new Date();
  const changes = { status: 'acknowledged' as const, acknowledgedAt: now, ...(assign && !e.assignedTo ? { assignedTo: user.id } : {}) };
  await audit(
    { action: 'escalation.acknowledged', actor: user, target: { type: 'escalation', id: e.id }, details: { reference: e.reference }, meta },
    tx,
  );
  const about = { userId: user.id, sessionId: e.sessionId };
  await track(
    analyticsEvent('escalation_acknowledged', about, {
      escalationId: e.id,
      reason: e.reason,
      urgency: e.urgency,
      timeToAcknowledgeMs: since(e.createdAt, now),
    }),
    tx,
  );
  return changes;
}

/** PATCH /api/escalations/:id: acknowledge, assign, resolve (with a note) or hand back to the assistant. */
export async function changeEscalation(user: AuthUser, id: string, change: EscalationChange, meta: RequestMeta) {
  if (change.status === 'open') return reopenEscalation(user, id, meta);
  const outcome = await db().transaction(async (tx): Promise<Outcome> => {
    let { escalation, session } = await lockBoth(id, tx);
    const messages: AiMessage[] = [];
    const before = escalation;
    let mode = session.mode;
    let mailed = false;
    let changes: Parameters<typeof updateEscalation>[0] = { id };

    if (change.assignedTo !== undefined && change.assignedTo !== escalation.assignedTo) {
      if (change.assignedTo && !(await isAssignableUser({ id: change.assignedTo }, tx))) {
        throw new AppError(
          'validation_error',
          'Invalid body: assignedTo: escalations can only be assigned to an active support or admin user.',
        );
      }
      changes.assignedTo = change.assignedTo;
      await audit(
        {
          action: 'escalation.assigned',
          actor: user,
          target: { type: 'escalation', id },
          details: { reference: escalation.reference, from: escalation.assignedTo, to: change.assignedTo },
          meta,
        },
        tx,
      );
    }

    if (change.status === 'acknowledged' && escalation.status === 'open') {
      changes = { ...changes, ...(await acknowledge(escalation, user, meta, tx, change.assignedTo === undefined)) };
      mode = 'support';
      messages.push(
        await insertMessage(
          {
            sessionId: session.id,
            role: 'system',
            content: `${user.name} from support is on it (reference #${escalation.reference}). The assistant is paused while support helps you.`,
          },
          tx,
        ),
      );
    }

    if (change.status === 'resolved') {
      const note = change.resolutionNote?.trim();
      if (!note) throw new AppError('validation_error', 'Invalid body: resolutionNote: say how it was resolved; the technician reads it.');
      const now = new Date();
      changes = { ...changes, status: 'resolved', resolvedAt: now, resolvedBy: user.id, resolutionNote: note };
      mode = 'assistant';
      messages.push(
        await insertMessage(
          {
            sessionId: session.id,
            role: 'system',
            content: `Support resolved this (reference #${escalation.reference}): ${note}\n\nThe assistant is back if anything else comes up.`,
          },
          tx,
        ),
      );
      await audit(
        {
          action: 'escalation.resolved',
          actor: user,
          target: { type: 'escalation', id },
          details: { reference: escalation.reference },
          meta,
        },
        tx,
      );
      await track(
        analyticsEvent(
          'escalation_resolved',
          { userId: user.id, sessionId: session.id },
          {
            escalationId: id,
            reason: escalation.reason,
            urgency: escalation.urgency,
            timeToResolveMs: since(escalation.createdAt, now),
            timeToAcknowledgeMs: escalation.acknowledgedAt ? since(escalation.createdAt, escalation.acknowledgedAt) : null,
          },
        ),
        tx,
      );
    } else if (change.handBack && mode === 'support') {
      mode = 'assistant';
      messages.push(
        await insertMessage(
          {
            sessionId: session.id,
            role: 'system',
            content: `Support handed the conversation back to the assistant (reference #${escalation.reference}). Support can still reply here.`,
          },
          tx,
        ),
      );
      await audit(
        {
          action: 'escalation.handed_back',
          actor: user,
          target: { type: 'escalation', id },
          details: { reference: escalation.reference },
          meta,
        },
        tx,
      );
    }

    if (Object.keys(changes).length > 1) escalation = await updateEscalation(changes, tx);
    const modeChanged = mode !== session.mode;
    if (modeChanged || messages.length)
      session = await updateSession({ id: session.id, mode, lastMessageAt: messages.length ? new Date() : session.lastMessageAt }, tx);
    if (escalation.status === 'resolved' && before.status !== 'resolved') {
      const owner = await getUserByIdOrThrow({ id: escalation.userId }, tx);
      await enqueueEmails([resolutionEmail({ escalation, sessionTitle: session.title, technician: owner }, user.name)], tx);
      mailed = true;
    }
    await markEscalationRead({ escalationId: id, userId: user.id }, tx);
    return { escalation, session, messages, statusChanged: escalation.status !== before.status, modeChanged, mailed };
  });
  await announce(outcome);
  return { escalation: escalationBrief(outcome.escalation) };
}

/**
 * PATCH /api/escalations/:id with status "open": a resolved escalation is open again (the problem
 * came back). The technician's chat says so; the assistant answers until support acknowledges.
 */
async function reopenEscalation(user: AuthUser, id: string, meta: RequestMeta) {
  const outcome = await db().transaction(async (tx): Promise<Outcome> => {
    const before = await lockEscalationOrThrow({ id }, tx);
    await lockSession({ id: before.sessionId }, tx);
    const session = await getSessionById({ id: before.sessionId }, tx);
    if (!session) throw notFound('Escalation');
    if (before.status !== 'resolved') throw conflict(`Escalation #${before.reference} is not resolved, so there is nothing to reopen.`);
    const newer = await getActiveEscalationForSession({ sessionId: session.id }, tx);
    if (newer) throw conflict(`This conversation has a newer escalation in progress (reference #${newer.reference}): continue there.`);
    const escalation = await updateEscalation(
      { id, status: 'open', acknowledgedAt: null, resolvedAt: null, resolvedBy: null, resolutionNote: null },
      tx,
    );
    const message = await insertMessage(
      {
        sessionId: session.id,
        role: 'system',
        content: `${user.name} from support reopened this (reference #${escalation.reference}). Support will follow up here.`,
      },
      tx,
    );
    const updated = await updateSession({ id: session.id, lastMessageAt: new Date() }, tx);
    await audit(
      {
        action: 'escalation.reopened',
        actor: user,
        target: { type: 'escalation', id },
        details: {
          reference: escalation.reference,
          resolvedAt: before.resolvedAt?.toISOString() ?? null,
          resolutionNote: before.resolutionNote,
        },
        meta,
      },
      tx,
    );
    await markEscalationRead({ escalationId: id, userId: user.id }, tx);
    // The session event carries the escalation, open again, to the technician's list.
    return { escalation, session: updated, messages: [message], statusChanged: true, modeChanged: true, mailed: false };
  });
  await announce(outcome);
  return { escalation: escalationBrief(outcome.escalation) };
}

/** POST /api/escalations/:id/replies: a support message in the technician's chat; the assistant pauses. */
export async function replyToEscalation(user: AuthUser, id: string, text: string, meta: RequestMeta) {
  const outcome = await db().transaction(async (tx): Promise<Outcome> => {
    let { escalation, session } = await lockBoth(id, tx);
    const before = escalation;
    const message = await insertMessage(
      { sessionId: session.id, role: 'support', content: text, authorId: user.id, authorName: user.name },
      tx,
    );
    // A reply is the clearest acknowledgement there is.
    const changes = escalation.status === 'open' ? await acknowledge(escalation, user, meta, tx, true) : {};
    escalation = await updateEscalation({ id, ...changes }, tx);
    const modeChanged = session.mode !== 'support';
    session = await updateSession({ id: session.id, mode: 'support', lastMessageAt: new Date() }, tx);
    await audit(
      {
        action: 'escalation.replied',
        actor: user,
        target: { type: 'escalation', id },
        details: { reference: escalation.reference, messageId: message.id, chars: text.length },
        meta,
      },
      tx,
    );
    await markEscalationRead({ escalationId: id, userId: user.id }, tx);
    return { escalation, session, messages: [message], statusChanged: escalation.status !== before.status, modeChanged, mailed: false };
  });
  await announce(outcome);
  // Counted unread until the technician sees it; their other tabs and conversations hear of it.
  await announceUnread(outcome.session.userId, replyNotice(outcome.session, outcome.messages[0]));
  return { message: toMessageView(outcome.messages[0]), escalation: escalationBrief(outcome.escalation) };
}

/** After commit: the technician's chat hears about it live; the outbox is woken for new mail. */
async function announce(o: Outcome): Promise<void> {
  const events: LiveEvent[] = o.messages.map(messageEvent);
  if (o.modeChanged) events.push(sessionEvent(o.session, o.escalation));
  if (o.statusChanged) events.push(statusEvent(o.escalation));
  await publishAll(o.session.id, events);
  if (o.mailed) wakeOutbox();
}
