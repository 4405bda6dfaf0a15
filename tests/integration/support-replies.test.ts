import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage, updateSession } from '@/db/queries/chat';
import { aiAuditLogs, aiEscalations, aiMessages, emailOutbox, sessionReads } from '@/db/schema';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import * as offerRoute from '@/app/api/sessions/[id]/escalation-offer/route';
import * as readRoute from '@/app/api/sessions/[id]/read/route';
import * as sessionRoute from '@/app/api/sessions/[id]/route';
import * as unreadRoute from '@/app/api/sessions/unread/route';
import * as unreadStream from '@/app/api/sessions/unread/stream/route';
import * as one from '@/app/api/escalations/[id]/route';
import * as replies from '@/app/api/escalations/[id]/replies/route';
import { sendReplyReminders } from '@/lib/escalation/reminders';
import type { LiveEvent, UserEvent } from '@/lib/live/events';
import { LiveHub, subscribe } from '@/lib/live/hub';
import { RedisStore } from '@/lib/store/redis';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';
import { setTestEnv } from '../helpers/env';
import { readSse } from '../helpers/sse';

let tech: TestUser;
let otherTech: TestUser;
let support: TestUser;
let restoreEnv: () => void;

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  restoreEnv = setTestEnv({ SUPPORT_REPLY_REMINDER_MINUTES: '5' });
  tech = await makeUser('technician', { name: 'Terry Tech' });
  otherTech = await makeUser('technician');
  support = await makeUser('support', { name: 'Sam Support' });
});

afterAll(() => restoreEnv());

/** A conversation of the technician, escalated to support. */
async function escalated(user: TestUser = tech, title = 'Compressor stops after 10 minutes') {
  const session = await createSession({ userId: user.id, title, machineModel: 'AC-400' });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'The AC-400 stops with E07 after ten minutes.' });
  await insertMessage({ sessionId: session.id, role: 'assistant', content: 'E07 is a high discharge temperature.', mode: 'ai' });
  const res = await call(escalate.POST, { as: user, params: { id: session.id }, json: { urgency: 'normal' } });
  expect(res.status).toBe(201);
  const { escalation } = await res.json();
  return { session, escalationId: escalation.id as string, reference: escalation.reference as number };
}

async function reply(escalationId: string, message: string) {
  const res = await call(replies.POST, { as: support, params: { id: escalationId }, json: { message } });
  expect(res.status).toBe(201);
  return (await res.json()).message as { id: string; createdAt: string };
}

async function unread(user: TestUser) {
  const res = await call(unreadRoute.GET, { as: user });
  expect(res.status).toBe(200);
  return (await res.json()) as { sessions: Record<string, number>; total: number };
}

async function markRead(user: TestUser, id: string) {
  return call(readRoute.POST, { method: 'POST', as: user, params: { id }, json: {} });
}

/** Reminder emails of a conversation (the outbox rows). */
async function reminders(sessionTitle: string) {
  const rows = await db().select().from(emailOutbox).where(eq(emailOutbox.kind, 'support-reply-reminder'));
  return rows.filter((r) => r.subject.includes(sessionTitle));
}

/** Moves a conversation's support replies back in time (as if written `minutes` ago). */
async function age(sessionId: string, minutes: number) {
  await db()
    .update(aiMessages)
    .set({ createdAt: new Date(Date.now() - minutes * MINUTE) })
    .where(and(eq(aiMessages.sessionId, sessionId), eq(aiMessages.role, 'support')));
}

describe('unread support replies', () => {
  it('counts a reply unread for the owner until the conversation is read, and keeps it in the database', async () => {
    const { session, escalationId } = await escalated();
    expect((await unread(tech)).sessions[session.id]).toBeUndefined();

    await reply(escalationId, 'Is the condenser fan turning?');
    await reply(escalationId, 'And is the cooler clean?');
    const before = await unread(tech);
    expect(before.sessions[session.id]).toBe(2);
    expect(before.total).toBeGreaterThanOrEqual(2);
    // Someone else's counts do not include it.
    expect((await unread(otherTech)).sessions[session.id]).toBeUndefined();

    const res = await markRead(tech, session.id);
    expect(res.status).toBe(200);
    const after = await res.json();
    expect(after.sessions[session.id]).toBeUndefined();
    expect(after.total).toBe(before.total - 2);
    const [row] = await db().select().from(sessionReads).where(eq(sessionReads.sessionId, session.id));
    expect(row.readSeq).toBeGreaterThan(0);
    expect(row.readAt).toBeInstanceOf(Date);
    expect((await unread(tech)).sessions[session.id]).toBeUndefined();

    // The next reply is unread again.
    await reply(escalationId, 'Please send a photo of the fan.');
    expect((await unread(tech)).sessions[session.id]).toBe(1);
  });

  it('refuses to mark a conversation that is not yours or does not exist, and changes nothing', async () => {
    const { session, escalationId } = await escalated();
    await reply(escalationId, 'Checking in.');
    for (const [user, id] of [
      [otherTech, session.id],
      [tech, crypto.randomUUID()],
      [tech, 'not-a-uuid'],
    ] as const) {
      const res = await markRead(user, id);
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await unread(tech)).sessions[session.id]).toBe(1);
    const anonymous = await call(readRoute.POST, { method: 'POST', params: { id: session.id }, json: {} });
    expect(anonymous.status).toBe(401);
  });

  it("sends the counts and the reply to the technician's open tabs on every instance, through Redis", async () => {
    const { session, escalationId } = await escalated(tech, 'Heard on another instance');
    const other = new RedisStore(process.env.REDIS_URL!, process.env.REDIS_PREFIX);
    const hub = new LiveHub(() => other);
    try {
      expect((await other.health()).status).toBe('ok');
      const seen: UserEvent[] = [];
      const stop = await hub.subscribeUser(tech.id, (e) => seen.push(e));
      await reply(escalationId, '**Check** the `fan` fuse.');
      const deadline = Date.now() + 5_000;
      while (!seen.some((e) => e.reply) && Date.now() < deadline) await sleep(20);
      const event = seen.find((e) => e.reply)!;
      expect(event).toMatchObject({
        type: 'unread',
        reply: { sessionId: session.id, authorName: 'Sam Support', title: 'Heard on another instance' },
      });
      expect(event.sessions[session.id]).toBe(1);
      // A preview for a notification: words, not Markdown.
      expect(event.reply!.preview).toBe('Check the fan fuse.');

      // Read elsewhere: this instance hears the new counts.
      await markRead(tech, session.id);
      while (!seen.some((e) => !e.reply && e.sessions[session.id] === undefined) && Date.now() < deadline) await sleep(20);
      expect(seen.at(-1)!.sessions[session.id]).toBeUndefined();
      await stop();
    } finally {
      await other.close();
    }
  });

  it('streams the counts first, then every change', async () => {
    const { session, escalationId } = await escalated(tech, 'Streamed counts');
    const res = await call(unreadStream.GET, { as: tech });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = readSse(res, (e) => Boolean(e.data.reply));
    await sleep(100);
    await reply(escalationId, 'Streamed reply');
    const got = await events;
    expect(got[0].event).toBe('unread');
    expect(got[0].data.sessions[session.id]).toBeUndefined();
    expect(got.at(-1)!.data).toMatchObject({ reply: { sessionId: session.id, preview: 'Streamed reply' } });
    expect(got.at(-1)!.data.sessions[session.id]).toBe(1);
  });
});

describe('reminder email for replies left unread', () => {
  it('sends one email per burst once the oldest reply waited long enough, plain text, linking the conversation', async () => {
    const { session, escalationId, reference } = await escalated(tech, 'Burst of replies');
    await reply(escalationId, 'First, **switch off** the unit.');
    await reply(escalationId, 'Then:\n\n- check the [fuse](https://example.com/fuse)\n- send a photo');
    await age(session.id, 4);
    expect(await sendReplyReminders()).toBe(0); // not long enough yet
    expect(await reminders('Burst of replies')).toHaveLength(0);

    await age(session.id, 6);
    // Two instances at once: exactly one email.
    const [a, b] = await Promise.all([sendReplyReminders(), sendReplyReminders()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const mails = await reminders('Burst of replies');
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.toAddress).toBe(tech.email);
    expect(mail.subject).toBe(`[Fixline #${reference}] Unread reply from support · Burst of replies`);
    expect(mail.headers).toMatchObject({ 'In-Reply-To': expect.stringContaining(`escalation-${escalationId}@`) });
    expect(mail.textBody).toContain('Support sent you 2 replies in "Burst of replies"');
    expect(mail.textBody).toContain('First, switch off the unit.');
    expect(mail.textBody).toContain('- check the fuse (https://example.com/fuse)');
    expect(mail.textBody).toContain(`http://localhost:3000/chat/${session.id}`);
    expect(mail.textBody).not.toMatch(/\*\*|\]\(/);
    expect(mail.htmlBody).toContain('switch off');

    // Nothing more for the same burst, on any later pass.
    expect(await sendReplyReminders()).toBe(0);
    expect(await reminders('Burst of replies')).toHaveLength(1);

    // A later reply, also left unread, is a new burst: one more email.
    await reply(escalationId, 'Any news?');
    expect(await sendReplyReminders()).toBe(0);
    await age(session.id, 6);
    expect(await sendReplyReminders()).toBeGreaterThanOrEqual(1);
    const again = await reminders('Burst of replies');
    expect(again).toHaveLength(2);
    expect(again.find((m) => m.id !== mail.id)!.textBody).toContain('Support sent you a reply');
  });

  it('sends exactly one when two app processes and this one look at the same time', async () => {
    const { session, escalationId } = await escalated(tech, 'Three instances');
    await reply(escalationId, 'Are you on site?');
    await age(session.id, 6);
    // All three start their pass at the same moment (the processes need a few seconds to load).
    const startAt = Date.now() + 8_000;
    const pass = () =>
      promisify(execFile)('node_modules/.bin/tsx', ['--conditions=react-server', 'tests/helpers/reminder-pass.ts'], {
        env: { ...process.env, LOG_LEVEL: 'error', START_AT: String(startAt) },
        timeout: 60_000,
      }).then(({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1)!).queued as number);
    const here = sleep(startAt - Date.now()).then(() => sendReplyReminders());
    // Only this conversation is due now: one of the three claims it, the others find it taken.
    const queued = await Promise.all([pass(), pass(), here]);
    expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await reminders('Three instances')).toHaveLength(1);
  });

  it('sends none when the reply was read in time', async () => {
    const { session, escalationId } = await escalated(tech, 'Read in time');
    await reply(escalationId, 'Try resetting the controller.');
    await age(session.id, 2);
    expect((await markRead(tech, session.id)).status).toBe(200);
    await age(session.id, 30);
    expect(await sendReplyReminders()).toBe(0);
    expect(await reminders('Read in time')).toHaveLength(0);
  });

  it('sends none when reminders are switched off', async () => {
    const { session, escalationId } = await escalated(tech, 'Reminders off');
    await reply(escalationId, 'Hello?');
    await age(session.id, 30);
    const restore = setTestEnv({ SUPPORT_REPLY_REMINDER_MINUTES: '0' });
    try {
      expect(await sendReplyReminders()).toBe(0);
    } finally {
      restore();
    }
    expect(await reminders('Reminders off')).toHaveLength(0);
  });
});

describe('the escalation offer after a reload', () => {
  it('is carried by the conversation until dismissed; a dismissal is stored and a later escalation is manual', async () => {
    const session = await createSession({ userId: tech.id, title: 'Offer survives' });
    await insertMessage({ sessionId: session.id, role: 'assistant', content: 'The manuals do not cover this.', mode: 'manuals_only' });
    await updateSession({ id: session.id, escalationOfferedAt: new Date(), escalationOfferReason: 'no_answer' });

    const detail = await (await call(sessionRoute.GET, { as: tech, params: { id: session.id } })).json();
    expect(detail.session.escalationOffer).toEqual({
      reason: 'no_answer',
      message: expect.stringContaining('escalate'),
      offeredAt: expect.any(String),
    });

    // Not someone else's to dismiss.
    const foreign = await call(offerRoute.DELETE, { method: 'DELETE', as: otherTech, params: { id: session.id } });
    expect(foreign.status).toBe(404);
    const bad = await call(offerRoute.DELETE, { method: 'DELETE', as: tech, params: { id: 'nope' } });
    expect(bad.status).toBe(404);
    const still = await (await call(sessionRoute.GET, { as: tech, params: { id: session.id } })).json();
    expect(still.session.escalationOffer).toMatchObject({ reason: 'no_answer' });

    const res = await call(offerRoute.DELETE, { method: 'DELETE', as: tech, params: { id: session.id } });
    expect(res.status).toBe(204);
    const after = await (await call(sessionRoute.GET, { as: tech, params: { id: session.id } })).json();
    expect(after.session.escalationOffer).toBeUndefined();
    // Dismissing twice is fine.
    expect((await call(offerRoute.DELETE, { method: 'DELETE', as: tech, params: { id: session.id } })).status).toBe(204);

    const made = await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'low' } });
    expect((await made.json()).escalation.reason).toBe('manual');
  });

  it('is gone once the technician escalates after it', async () => {
    const session = await createSession({ userId: tech.id, title: 'Offer taken' });
    await updateSession({ id: session.id, escalationOfferedAt: new Date(), escalationOfferReason: 'not_helpful' });
    const made = await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'normal' } });
    expect((await made.json()).escalation.reason).toBe('not_helpful');
    const after = await (await call(sessionRoute.GET, { as: tech, params: { id: session.id } })).json();
    expect(after.session.escalationOffer).toBeUndefined();
  });
});

describe('reopening a resolved escalation', () => {
  async function resolved() {
    const e = await escalated(tech, 'Came back');
    const res = await call(one.PATCH, {
      method: 'PATCH',
      as: support,
      params: { id: e.escalationId },
      json: { status: 'resolved', resolutionNote: 'Fuse replaced.' },
    });
    expect(res.status).toBe(200);
    return e;
  }

  it("puts it back to open, audited, with a note in the chat that the technician's open chat hears", async () => {
    const { session, escalationId, reference } = await resolved();
    const events: LiveEvent[] = [];
    const stop = await subscribe(session.id, (e) => events.push(e));
    const res = await call(one.PATCH, { method: 'PATCH', as: support, params: { id: escalationId }, json: { status: 'open' } });
    expect(res.status).toBe(200);
    expect((await res.json()).escalation).toMatchObject({ id: escalationId, status: 'open' });

    const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, escalationId));
    expect(row).toMatchObject({ status: 'open', resolvedAt: null, resolvedBy: null, resolutionNote: null, acknowledgedAt: null });
    const [log] = await db()
      .select()
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.action, 'escalation.reopened'), eq(aiAuditLogs.targetId, escalationId)));
    expect(log).toMatchObject({ actorId: support.id, details: { reference, resolutionNote: 'Fuse replaced.' } });

    const detail = await (await call(sessionRoute.GET, { as: tech, params: { id: session.id } })).json();
    expect(detail.session.escalation).toMatchObject({ id: escalationId, status: 'open' });
    expect(detail.messages.at(-1)).toMatchObject({
      role: 'system',
      content: expect.stringContaining(`Sam Support from support reopened this (reference #${reference})`),
    });

    await sleep(50);
    expect(events.some((e) => e.type === 'escalation' && e.kind === 'status' && e.escalation?.status === 'open')).toBe(true);
    expect(events.some((e) => e.type === 'message' && e.message.content.includes('reopened'))).toBe(true);
    await stop();

    // Support can work on it again.
    expect((await call(replies.POST, { as: support, params: { id: escalationId }, json: { message: 'Back on it.' } })).status).toBe(201);
  });

  it('refuses what cannot be reopened, and changes nothing', async () => {
    const open = await escalated(tech, 'Still open');
    const notResolved = await call(one.PATCH, {
      method: 'PATCH',
      as: support,
      params: { id: open.escalationId },
      json: { status: 'open' },
    });
    expect(notResolved.status).toBe(409);

    const { session, escalationId } = await resolved();
    const combined = await call(one.PATCH, {
      method: 'PATCH',
      as: support,
      params: { id: escalationId },
      json: { status: 'open', assignedTo: support.id },
    });
    expect(combined.status).toBe(400);
    expect((await errorOf(combined)).code).toBe('validation_error');
    const technician = await call(one.PATCH, { method: 'PATCH', as: tech, params: { id: escalationId }, json: { status: 'open' } });
    expect(technician.status).toBe(403);

    // A newer escalation of the same conversation is in progress: that one is the place to work.
    const newer = await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'normal' } });
    expect(newer.status).toBe(201);
    const conflict = await call(one.PATCH, { method: 'PATCH', as: support, params: { id: escalationId }, json: { status: 'open' } });
    expect(conflict.status).toBe(409);
    const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, escalationId));
    expect(row.status).toBe('resolved');
    expect(row.resolutionNote).toBe('Fuse replaced.');
  });
});
