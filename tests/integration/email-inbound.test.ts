import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage, listMessages } from '@/db/queries/chat';
import { aiAuditLogs, aiEscalations, users } from '@/db/schema';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import * as inbound from '@/app/api/email/inbound/route';
import { drainOutbox } from '@/lib/email/outbox';
import { INBOUND_POLICY } from '@/lib/email/inbound';
import { sendReplyReminders } from '@/lib/escalation/reminders';
import type { LiveEvent } from '@/lib/live/events';
import { subscribe } from '@/lib/live/hub';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';
import { NO_MODEL, setTestEnv } from '../helpers/env';
import { TestSmtpServer, type ReceivedMail } from '../helpers/smtp-server';

const SECRET = 'inbound-secret-0123456789abcdef';
const REPLIES = 'replies@mail.example.com';

let smtp: TestSmtpServer;
let tech: TestUser;
let support: TestUser;
let stranger: TestUser;
let restoreEnv: () => void;
let counter = 0;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  restoreEnv = setTestEnv({
    ...smtp.env,
    ...NO_MODEL,
    FROM_EMAIL: 'fixline@mail.example.com',
    SUPPORT_EMAIL: 'support-team@example.com',
    INBOUND_EMAIL_SECRET: SECRET,
    INBOUND_EMAIL_ADDRESS: REPLIES,
    SUPPORT_REPLY_REMINDER_MINUTES: '5',
  });
  tech = await makeUser('technician', { name: 'Terry Tech' });
  support = await makeUser('support', { name: 'Sam Support' });
  stranger = await makeUser('technician', { name: 'Someone Else' });
  await drainOutbox();
});

afterAll(async () => {
  restoreEnv();
  await smtp.stop();
});

beforeEach(() => smtp.clear());

async function escalated(title: string) {
  const session = await createSession({ userId: tech.id, title, machineModel: 'AC-400' });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'Compressor trips with E07.' });
  const res = await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'normal' } });
  expect(res.status).toBe(201);
  const escalation = (await res.json()).escalation as { id: string; reference: number };
  await drainOutbox();
  const [mail] = smtp.byMessageId(`<escalation-${escalation.id}@mail.example.com>`);
  return { session, escalation, mail };
}

/** A reply to `original` as a mail client writes it: threading headers, and the original quoted below. */
function replyTo(original: ReceivedMail, from: string, text: string, opts: { messageId?: string; quoteHeader?: string } = {}): string {
  const messageId = opts.messageId ?? `<reply-${++counter}-${Date.now()}@client.example>`;
  const quoteHeader = opts.quoteHeader ?? `On Tue, 1 Dec 2026 at 10:02, Fixline <fixline@mail.example.com> wrote:`;
  const quoted = (original.parsed.text ?? '')
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\r\n');
  return [
    `From: Person <${from}>`,
    `To: ${REPLIES}`,
    `Subject: Re: ${original.parsed.subject}`,
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${original.messageId}`,
    `References: ${original.messageId}`,
    'Date: Tue, 01 Dec 2026 10:05:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
    quoteHeader,
    quoted,
    '',
  ].join('\r\n');
}

function deliver(
  raw: string | Uint8Array,
  headers: Record<string, string> = { authorization: `Bearer ${SECRET}` },
  type = 'message/rfc822',
) {
  return call(inbound.POST, {
    method: 'POST',
    path: '/api/email/inbound',
    body: raw as BodyInit,
    headers: { 'content-type': type, ...headers },
    origin: null,
  });
}

async function listen(sessionId: string) {
  const events: LiveEvent[] = [];
  const stop = await subscribe(sessionId, (e) => events.push(e));
  const waitFor = async (predicate: (e: LiveEvent) => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const found = events.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching live event; got ${events.map((e) => e.type).join(', ')}`);
  };
  return { stop, waitFor };
}

const auditOf = (action: 'email.inbound_posted' | 'email.inbound_refused') =>
  db().select().from(aiAuditLogs).where(eq(aiAuditLogs.action, action));

describe('replies by email', () => {
  it('the escalation email says to reply, with Reply-To the inbound address and its threading kept', async () => {
    const { mail, escalation } = await escalated('Reply-To set');
    expect(mail.parsed.replyTo?.value[0].address).toBe(REPLIES);
    expect(mail.messageId).toBe(`<escalation-${escalation.id}@mail.example.com>`);
    expect(mail.parsed.text).toContain('Reply to this email or open the escalation');
    const confirmation = smtp.messages.find((m) => m.messageId === `<escalation-${escalation.id}-confirmation@mail.example.com>`)!;
    expect(confirmation.parsed.inReplyTo).toBe(mail.messageId);
    expect(confirmation.parsed.replyTo?.value[0].address).toBe(REPLIES);
  });

  it('support answers the escalation email: a support reply in the escalation and live in the chat, quoted text cut, once on retry', async () => {
    const { session, escalation, mail } = await escalated('Support replies by email');
    const live = await listen(session.id);
    const raw = replyTo(mail, support.email, 'Reset the breaker, then run it for 10 minutes.\n\n-- \nSam Support\nACME Service desk');
    const res = await deliver(raw);
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'posted', thread: 'escalation', escalationId: escalation.id, sessionId: session.id });

    const event = await live.waitFor((e) => e.type === 'message' && e.message.role === 'support');
    expect(event).toMatchObject({ message: { content: 'Reset the breaker, then run it for 10 minutes.', authorName: 'Sam Support' } });
    await live.stop();
    const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, escalation.id));
    expect(row.status).toBe('acknowledged');

    // The provider delivers the same message again: posted once.
    const again = await deliver(raw);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ status: 'duplicate' });
    const supportMessages = (await listMessages({ sessionId: session.id })).filter((m) => m.role === 'support');
    expect(supportMessages.map((m) => m.content)).toEqual(['Reset the breaker, then run it for 10 minutes.']);
    expect(supportMessages[0].authorId).toBe(support.id);
    const audits = (await auditOf('email.inbound_posted')).filter((a) => a.targetId === escalation.id);
    expect(audits).toHaveLength(1);
    expect((await db().select().from(aiAuditLogs).where(eq(aiAuditLogs.targetId, escalation.id))).map((a) => a.action)).toContain(
      'escalation.replied',
    );
  });

  it('the technician answers the reminder email: their message in the conversation, the assistant silent', async () => {
    const { session, mail } = await escalated('Technician replies by email');
    expect((await deliver(replyTo(mail, support.email, 'Is the fan turning?'))).status).toBe(202);
    smtp.clear();
    expect(await sendReplyReminders({ now: new Date(Date.now() + 10 * 60_000) })).toBeGreaterThanOrEqual(1);
    await drainOutbox();
    const reminder = smtp.messages.find((m) => m.to.includes(tech.email) && m.messageId?.startsWith(`<reply-reminder-${session.id}-`));
    expect(reminder, 'reminder email').toBeDefined();
    expect(reminder!.parsed.replyTo?.value[0].address).toBe(REPLIES);
    expect(reminder!.parsed.text).toContain('Reply to this email or open the conversation');

    const live = await listen(session.id);
    const raw = replyTo(reminder!, tech.email, 'Yes, the fan turns but it is loud.', {
      quoteHeader: 'Am 01.12.2026 um 10:07 schrieb Fixline <fixline@mail.example.com>:',
    });
    const res = await deliver(raw, { 'x-inbound-secret': SECRET });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'posted', thread: 'conversation', sessionId: session.id });
    await live.waitFor(
      (e) => e.type === 'message' && e.message.role === 'user' && e.message.content === 'Yes, the fan turns but it is loud.',
    );
    await live.stop();
    const messages = await listMessages({ sessionId: session.id });
    expect(messages.at(-1)).toMatchObject({ role: 'user', content: 'Yes, the fan turns but it is loud.' });
    expect(messages.filter((m) => m.role === 'assistant')).toHaveLength(0);
  });

  it('refuses a sender not allowed on the thread (422), posting nothing, and audits why', async () => {
    const { session, mail } = await escalated('Stranger replies');
    const before = await listMessages({ sessionId: session.id });
    for (const from of [stranger.email, tech.email, 'nobody@elsewhere.example']) {
      const res = await deliver(replyTo(mail, from, 'I am not support.'));
      expect(res.status, from).toBe(422);
      expect((await errorOf(res)).code).toBe('unprocessable');
    }
    expect(await listMessages({ sessionId: session.id })).toHaveLength(before.length);
    const refused = (await auditOf('email.inbound_refused')).filter((a) => a.actorEmail === stranger.email);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]).toMatchObject({ outcome: 'denied', details: expect.objectContaining({ reason: 'not_allowed' }) });
  });

  it('refuses a disabled support account, an unknown thread and a resolved escalation', async () => {
    const { escalation, mail } = await escalated('Refusals');
    const disabled = await makeUser('support');
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
    const off = await deliver(replyTo(mail, disabled.email, 'From a disabled account.'));
    expect(off.status).toBe(422);
    expect((await off.json()).error.details).toEqual({ reason: 'disabled_sender' });

    const unknown = replyTo({ ...mail, messageId: '<something-else@mail.example.com>' }, support.email, 'Out of nowhere.');
    const lost = await deliver(unknown);
    expect(lost.status).toBe(422);
    expect((await lost.json()).error.details).toEqual({ reason: 'unknown_thread' });

    await db()
      .update(aiEscalations)
      .set({ status: 'resolved', resolvedAt: new Date(), resolutionNote: 'Done' })
      .where(and(eq(aiEscalations.id, escalation.id)));
    const late = await deliver(replyTo(mail, support.email, 'One more thing.'));
    expect(late.status).toBe(422);
    const error = (await late.json()).error;
    expect(error.details).toEqual({ reason: 'resolved' });
    expect(error.message).toContain('is resolved');
  });

  it('needs the secret (401), and is off without INBOUND_EMAIL_SECRET (404)', async () => {
    const { mail } = await escalated('Secrets');
    const raw = replyTo(mail, support.email, 'Secret test.');
    expect((await deliver(raw, { authorization: 'Bearer wrong-secret-wrong-secret-0000' })).status).toBe(401);
    expect((await deliver(raw, {})).status).toBe(401);
    const basic = `Basic ${Buffer.from(`mail:${SECRET}x`).toString('base64')}`;
    expect((await deliver(raw, { authorization: basic })).status).toBe(401);
    const restore = setTestEnv({ INBOUND_EMAIL_SECRET: undefined });
    try {
      expect((await deliver(raw)).status).toBe(404);
    } finally {
      restore();
    }
    const ok = await deliver(raw, { authorization: `Basic ${Buffer.from(`mail:${SECRET}`).toString('base64')}` });
    expect(ok.status).toBe(202);
  });

  it('takes the raw message from a JSON or multipart webhook field too', async () => {
    const { mail } = await escalated('Webhooks');
    const json = await deliver(JSON.stringify({ raw: replyTo(mail, support.email, 'Sent as JSON.') }), undefined, 'application/json');
    expect(json.status).toBe(202);
    const form = new FormData();
    form.set('email', replyTo(mail, support.email, 'Sent as a form.'));
    const multipart = await call(inbound.POST, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${SECRET}` },
      origin: null,
    });
    expect(multipart.status).toBe(202);
    const missing = await deliver(JSON.stringify({ text: 'no raw field' }), undefined, 'application/json');
    expect(missing.status).toBe(400);
  });

  it('refuses an oversize body (413), NUL bytes and garbage (400), posting nothing', async () => {
    const { session, mail } = await escalated('Bad bodies');
    const before = await listMessages({ sessionId: session.id });
    const big = replyTo(mail, support.email, 'x'.repeat(INBOUND_POLICY.maxBytes + 10));
    expect((await deliver(big)).status).toBe(413);
    expect((await deliver(replyTo(mail, support.email, 'with a \u0000 NUL'))).status).toBe(400);
    expect((await deliver('just some words, not an email at all')).status).toBe(400);
    expect((await deliver(new Uint8Array([0xff, 0xfe, 0x00, 0x01]))).status).toBe(400);
    expect((await deliver('')).status).toBe(400);
    expect(await listMessages({ sessionId: session.id })).toHaveLength(before.length);
  });
});
