import 'server-only';
import { getLatestEscalationForSession, getSessionById } from '@/db/queries/chat';
import { getEscalationDetailOrThrow } from '@/db/queries/escalations';
import { getUserByEmail } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { sendMessage } from '@/lib/chat/turn';
import { AppError } from '@/lib/errors';
import { replyToEscalation } from '@/lib/escalation/actions';
import { log } from '@/lib/log';
import { LIMITS } from '@/lib/policies';
import { requireConsent } from '@/lib/privacy/consents';
import { store } from '@/lib/store';
import { INBOUND_POLICY, parseInbound, type InboundMail } from './inbound';

export type InboundResult =
  | { status: 'posted'; thread: 'escalation'; escalationId: string; sessionId: string; messageId: string }
  | { status: 'posted'; thread: 'conversation'; sessionId: string; messageId: string | null }
  | { status: 'duplicate'; messageId: string | null };

/** Why a reply was not posted: a 422 naming the reason; the mail stays with the sender's provider. */
export class InboundRefusal extends AppError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super('unprocessable', message, { details: { reason } });
  }
}

const seenKey = (mail: InboundMail) => `email:inbound:${mail.dedupeKey}`;

const asAuthUser = (u: User): AuthUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, phone: u.phone, via: 'token' });

/** The active account behind the From address, or a refusal. */
async function senderOrRefuse(mail: InboundMail): Promise<User> {
  if (!mail.from) throw new InboundRefusal('no_sender', 'The email has no From address.');
  const user = await getUserByEmail({ email: mail.from });
  if (!user) throw new InboundRefusal('unknown_sender', `${mail.from} is not a Fixline user allowed on this thread.`);
  if (user.disabledAt) throw new InboundRefusal('disabled_sender', `The account of ${mail.from} is disabled.`);
  return user;
}

/** Support (or an admin) answers the escalation email: posted exactly as a reply from the escalation page. */
async function postSupportReply(mail: InboundMail, escalationId: string, meta: RequestMeta): Promise<InboundResult> {
  const detail = await getEscalationDetailOrThrow({ id: escalationId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found')
      throw new InboundRefusal('unknown_thread', 'The escalation no longer exists.');
    throw error;
  });
  const user = await senderOrRefuse(mail);
  if (user.role !== 'support' && user.role !== 'admin')
    throw new InboundRefusal('not_allowed', `${mail.from} may not reply to escalations (support and admins only).`);
  if (detail.escalation.status === 'resolved')
    throw new InboundRefusal(
      'resolved',
      `Escalation #${detail.escalation.reference} is resolved; the reply was not posted. Reopen it in Fixline to continue.`,
    );
  const { message } = await replyToEscalation(asAuthUser(user), escalationId, mail.text, meta);
  return { status: 'posted', thread: 'escalation', escalationId, sessionId: detail.session.id, messageId: message.id };
}

/** The technician answers a reminder: their message in the conversation, as the chat sends it while support has it. */
async function postTechnicianMessage(mail: InboundMail, sessionId: string, meta: RequestMeta): Promise<InboundResult> {
  const session = await getSessionById({ id: sessionId });
  if (!session) throw new InboundRefusal('unknown_thread', 'The conversation no longer exists.');
  const user = await senderOrRefuse(mail);
  if (user.id !== session.userId) throw new InboundRefusal('not_allowed', `${mail.from} is not the owner of this conversation.`);
  const escalation = await getLatestEscalationForSession({ sessionId });
  if (!escalation || escalation.status === 'resolved')
    throw new InboundRefusal(
      'resolved',
      'Support has closed this conversation; the reply was not posted. Open the conversation in Fixline.',
    );
  // By email only to a person: while the assistant has the conversation, its answer belongs in the chat.
  if (session.mode !== 'support')
    throw new InboundRefusal('assistant_active', 'Support handed the conversation back to the assistant; continue it in Fixline.');
  const technician = asAuthUser(user);
  await requireConsent(technician);
  const response = await sendMessage(technician, { sessionId, message: mail.text }, meta);
  const frames = await response.text();
  const stored = /"userMessageId":"([^"]+)"/.exec(frames)?.[1] ?? null;
  return { status: 'posted', thread: 'conversation', sessionId, messageId: stored };
}

async function post(mail: InboundMail, meta: RequestMeta): Promise<InboundResult> {
  if (mail.automatic) throw new InboundRefusal('automatic', 'Automatic replies (out of office, bulk mail) are not posted.');
  if (!mail.thread)
    throw new InboundRefusal('unknown_thread', 'The email does not answer a Fixline email (no known In-Reply-To or References).');
  if (!mail.text) throw new InboundRefusal('empty', 'The reply is empty once the quoted email is removed.');
  if (mail.text.length > LIMITS.messageChars)
    throw new InboundRefusal('too_long', `The reply is longer than ${LIMITS.messageChars} characters; answer in Fixline.`);
  const thread = mail.thread;
  if (thread.kind === 'escalation') return postSupportReply(mail, thread.escalationId, meta);
  if (thread.kind === 'conversation') return postTechnicianMessage(mail, thread.sessionId, meta);
  const detail = await getEscalationDetailOrThrow({ id: thread.escalationId }).catch(() => null);
  if (!detail) throw new InboundRefusal('unknown_thread', 'The escalation no longer exists.');
  return postTechnicianMessage(mail, detail.session.id, meta);
}

/**
 * POST /api/email/inbound: a reply by email is posted where it belongs, once. A refusal is a 422
 * (audited); a failure on our side is thrown. Only a posted message is remembered, so a retry posts once.
 */
export async function receiveInboundEmail(raw: Uint8Array, meta: RequestMeta): Promise<InboundResult> {
  const mail = await parseInbound(raw);
  const key = seenKey(mail);
  if (!(await store().setIfAbsent(key, 'posting', INBOUND_POLICY.seenTtlSeconds))) {
    log().info({ requestId: meta.requestId, messageId: mail.messageId }, 'inbound email already received');
    return { status: 'duplicate', messageId: mail.messageId };
  }
  const base = { messageId: mail.messageId, subject: mail.subject.slice(0, 200), thread: mail.thread?.kind ?? null };
  try {
    const result = await post(mail, meta);
    await store().set(key, 'posted', INBOUND_POLICY.seenTtlSeconds);
    const target =
      result.status === 'posted' && result.thread === 'escalation'
        ? { type: 'escalation', id: result.escalationId }
        : { type: 'session', id: (result as { sessionId: string }).sessionId };
    await audit({ action: 'email.inbound_posted', actorEmail: mail.from ?? undefined, target, details: { ...base, posted: result }, meta });
    return result;
  } catch (error) {
    const refusal =
      error instanceof InboundRefusal
        ? error
        : error instanceof AppError && error.status < 500 && error.code !== 'rate_limited'
          ? new InboundRefusal(error.code, error.message)
          : null;
    // Not seen: a retry is answered the same way (and posts once the cause is gone).
    await store()
      .del(key)
      .catch(() => {});
    if (!refusal) throw error;
    log().warn(
      { requestId: meta.requestId, messageId: mail.messageId, reason: refusal.reason, from: mail.from },
      'inbound email not posted',
    );
    await audit({
      action: 'email.inbound_refused',
      actorEmail: mail.from ?? undefined,
      outcome: 'denied',
      details: { ...base, reason: refusal.reason, message: refusal.message },
      meta,
    });
    throw refusal;
  }
}
