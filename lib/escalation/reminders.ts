import 'server-only';
import { db } from '@/db';
import { getLatestEscalationForSession, getSessionById } from '@/db/queries/chat';
import { claimReminder, listDueReminders } from '@/db/queries/reads';
import { getUserByIdOrThrow } from '@/db/queries/users';
import type { AiMessage, AiSession } from '@/db/schema';
import { escapeHtml, button, layout, paragraphs } from '@/lib/email/html';
import { messageIdFor, type OutgoingEmail } from '@/lib/email/message';
import { enqueueEmails, wakeOutbox } from '@/lib/email/outbox';
import { markdownToText } from '@/lib/text/markdown';
import { env } from '@/lib/env';
import { errorSummary, log, oneLine } from '@/lib/log';
import { poller } from '@/lib/ops/poller';
import { formatTime } from './transcript';

// Support replies the technician leaves unread are emailed: one email per burst of replies (the
// ones unread when the oldest of them has waited SUPPORT_REPLY_REMINDER_MINUTES), none when they
// were read in time. The claim is a row lock in the database, so two instances never both send.

export const REMINDER_POLICY = {
  pollMs: 30_000,
  /** Replies older than this are not reminded of any more (e.g. after an outage or an upgrade). */
  lookbackHours: 24,
  batchSize: 50,
  /** Each reply in the email is cut to this many characters; the link has the rest. */
  replyChars: 4_000,
} as const;

const chatLink = (sessionId: string) => `${env().appUrl}/chat/${sessionId}`;

/** The email to the technician: the unread replies as plain text, and the link to the conversation. */
export function replyReminderEmail(input: {
  session: Pick<AiSession, 'id' | 'title'>;
  technician: { name: string; email: string };
  replies: AiMessage[];
  escalation: { id: string; reference: number } | null;
}): OutgoingEmail {
  const { session, technician, replies, escalation } = input;
  const title = oneLine(session.title, 120).trim() || 'your conversation';
  const url = chatLink(session.id);
  const ref = escalation ? ` (reference #${escalation.reference})` : '';
  const count = replies.length === 1 ? 'a reply' : `${replies.length} replies`;
  const entries = replies.map((m) => {
    const text = markdownToText(m.content);
    return {
      who: m.authorName ?? 'Support',
      at: formatTime(m.createdAt),
      text: text.length > REMINDER_POLICY.replyChars ? `${text.slice(0, REMINDER_POLICY.replyChars)}…` : text,
    };
  });
  const text = [
    `Hello ${technician.name},`,
    '',
    `Support sent you ${count} in "${title}"${ref} that you have not read yet.`,
    '',
    ...entries.flatMap((e) => [`${e.who} · ${e.at}`, e.text, '']),
    env().INBOUND_EMAIL_ADDRESS ? `Reply to this email or open the conversation: ${url}` : `Open the conversation to answer: ${url}`,
  ].join('\n');
  const html = layout({
    title: `Unread reply from support${ref}`,
    preheader: `${entries[0]?.who ?? 'Support'}: ${oneLine(entries[0]?.text ?? '', 120)}`,
    body: [
      `<h1 style="margin:0 0 12px;font-size:20px">Support replied${escalation ? ` — reference #${escapeHtml(escalation.reference)}` : ''}</h1>`,
      `<p style="font-size:14px">Hello ${escapeHtml(technician.name)},</p>`,
      `<p style="font-size:14px">Support sent you ${escapeHtml(count)} in “${escapeHtml(title)}” that you have not read yet.</p>`,
      ...entries.map(
        (e) =>
          `<div style="margin:0 0 14px;padding:10px 12px;border-left:3px solid #047857;background:#f8fafc"><div style="font-size:12px;color:#64748b"><strong style="color:#047857">${escapeHtml(e.who)}</strong> · ${escapeHtml(e.at)}</div><div style="margin-top:4px;font-size:14px;line-height:1.5">${paragraphs(e.text)}</div></div>`,
      ),
      `<p style="margin:20px 0 0">${button(url, 'Open the conversation')}</p>`,
    ].join('\n'),
  });
  const last = replies.at(-1)!;
  return {
    kind: 'support-reply-reminder',
    key: `reply-reminder-${session.id}-${last.seq}`,
    to: technician.email,
    subject: `${escalation ? `[Fixline #${escalation.reference}] ` : ''}Unread reply from support · ${title}`,
    text,
    html,
    replyTo: env().INBOUND_EMAIL_ADDRESS,
    // Threaded with the escalation's other emails (the technician's confirmation answers the same id).
    ...(escalation ? { inReplyTo: messageIdFor(`escalation-${escalation.id}`), escalationId: escalation.id } : {}),
  };
}

/**
 * One pass: every conversation whose oldest unreminded unread reply has waited long enough gets
 * one email. Safe on several instances at once. `now` lets tests move the clock.
 */
export async function sendReplyReminders({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const minutes = env().SUPPORT_REPLY_REMINDER_MINUTES;
  if (minutes <= 0) return 0;
  const cutoff = new Date(now.getTime() - minutes * 60_000);
  const since = new Date(now.getTime() - REMINDER_POLICY.lookbackHours * 3_600_000);
  const due = await listDueReminders({ cutoff, since, limit: REMINDER_POLICY.batchSize });
  let sent = 0;
  for (const sessionId of due) {
    try {
      const queued = await db().transaction(async (tx) => {
        const replies = await claimReminder({ sessionId, cutoff, now }, tx);
        if (!replies) return false;
        const session = await getSessionById({ id: sessionId }, tx);
        if (!session) return false;
        const technician = await getUserByIdOrThrow({ id: session.userId }, tx);
        const escalation = await getLatestEscalationForSession({ sessionId }, tx);
        await enqueueEmails([replyReminderEmail({ session, technician, replies, escalation })], tx);
        return true;
      });
      if (queued) sent += 1;
    } catch (error) {
      log().warn({ err: errorSummary(error), sessionId }, 'unread-reply reminder failed');
    }
  }
  if (sent) wakeOutbox();
  return sent;
}

const worker = poller({
  name: 'reply reminders',
  idPrefix: 'reminders',
  intervalMs: REMINDER_POLICY.pollMs,
  round: async () => {
    await sendReplyReminders();
    return false;
  },
});

/** Started and stopped by lib/ops/workers. */
export const startReminderWorker = () => worker.start();
export const stopReminderWorker = () => worker.stop();
