import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage } from '@/db/queries/chat';
import { aiAnalyticsEvents, aiAuditLogs, aiEscalations, aiMessages, aiSessions, emailOutbox, escalationReads } from '@/db/schema';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import * as sessionRoute from '@/app/api/sessions/[id]/route';
import * as sessionsList from '@/app/api/sessions/route';
import * as list from '@/app/api/escalations/route';
import * as one from '@/app/api/escalations/[id]/route';
import * as replies from '@/app/api/escalations/[id]/replies/route';
import * as outbox from '@/app/api/admin/outbox/route';
import * as outboxOne from '@/app/api/admin/outbox/[id]/route';
import * as outboxRetry from '@/app/api/admin/outbox/[id]/retry/route';
import type { LiveEvent } from '@/lib/live/events';
import { subscribe } from '@/lib/live/hub';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

let tech: TestUser;
let otherTech: TestUser;
let support: TestUser;
let support2: TestUser;
let admin: TestUser;

beforeAll(async () => {
  tech = await makeUser('technician', { name: 'Terry Tech' });
  otherTech = await makeUser('technician');
  support = await makeUser('support', { name: 'Sam Support' });
  support2 = await makeUser('support', { name: 'Sue Support' });
  admin = await makeUser('admin');
});

async function conversation(user: TestUser, title = 'Compressor stops after 10 minutes') {
  const session = await createSession({ userId: user.id, title, machineModel: 'AC-400', serialNumber: 'SN-4711' });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'The AC-400 stops with E07 after ten minutes.' });
  await insertMessage({
    sessionId: session.id,
    role: 'assistant',
    content: 'E07 is a high discharge temperature. Clean the cooler [1].',
    mode: 'ai',
    citations: [
      { n: 1, documentId: crypto.randomUUID(), chunkId: crypto.randomUUID(), title: 'AC-400 Service Manual', page: 42, snippet: 'E07 …' },
    ],
  });
  return session;
}

/** Live events of a conversation, as the technician's open chat receives them. */
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
  return { events, stop, waitFor };
}

async function escalateAs(user: TestUser, sessionId: string, json: Record<string, unknown> = { urgency: 'normal' }) {
  return call(escalate.POST, { as: user, params: { id: sessionId }, json });
}

describe('POST /api/sessions/:id/escalate', () => {
  it('creates the escalation, the handoff message and both emails in one go, and tells the open chat', async () => {
    const session = await conversation(tech);
    const live = await listen(session.id);
    const res = await escalateAs(tech, session.id, { urgency: 'high', note: 'Customer line is down', phone: '+49 170 1234567' });
    expect(res.status).toBe(201);
    const { escalation } = await res.json();
    expect(escalation).toMatchObject({ status: 'open', urgency: 'high', reason: 'manual' });
    expect(escalation.reference).toBeGreaterThan(0);

    const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, escalation.id));
    expect(row).toMatchObject({
      sessionId: session.id,
      userId: tech.id,
      note: 'Customer line is down',
      phone: '+49 170 1234567',
      machineModel: 'AC-400',
      serialNumber: 'SN-4711',
    });
    expect(row.summary).toContain('E07');

    const system = await db()
      .select()
      .from(aiMessages)
      .where(and(eq(aiMessages.sessionId, session.id), eq(aiMessages.role, 'system')));
    expect(system).toHaveLength(1);
    expect(system[0].content).toMatch(new RegExp(`^Support has been notified — reference #${escalation.reference}\\.`));

    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.escalationId, escalation.id));
    expect(mails.map((m) => m.kind).sort()).toEqual(['escalation', 'escalation-confirmation']);
    expect(mails.find((m) => m.kind === 'escalation-confirmation')!.toAddress).toBe(tech.email);

    const message = await live.waitFor((e) => e.type === 'message');
    expect((message as { message: { role: string; content: string } }).message).toMatchObject({
      role: 'system',
      content: system[0].content,
    });
    const created = await live.waitFor((e) => e.type === 'escalation');
    expect(created).toMatchObject({
      kind: 'created',
      escalation: { id: escalation.id, reference: escalation.reference, status: 'open', urgency: 'high' },
    });
    await live.stop();

    const [audit] = await db()
      .select()
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.action, 'escalation.created'), eq(aiAuditLogs.targetId, escalation.id)));
    expect(audit).toMatchObject({ actorId: tech.id, outcome: 'success' });
    const [event] = await db()
      .select()
      .from(aiAnalyticsEvents)
      .where(and(eq(aiAnalyticsEvents.type, 'escalation_created'), eq(aiAnalyticsEvents.sessionId, session.id)));
    expect(event.properties).toMatchObject({ reason: 'manual', urgency: 'high' });

    // The conversation shows the escalation to the technician.
    const detail = await (await call(sessionRoute.GET, { as: tech, params: { id: session.id } })).json();
    expect(detail.session.escalation).toMatchObject({ id: escalation.id, status: 'open' });
    // And so does the list of conversations.
    const listed = (await (await call(sessionsList.GET, { as: tech })).json()) as { sessions: { id: string; escalation: unknown }[] };
    expect(listed.sessions.find((s) => s.id === session.id)?.escalation).toMatchObject({
      id: escalation.id,
      reference: escalation.reference,
      status: 'open',
    });
  });

  it('refuses a second escalation while one is open (409) and writes nothing', async () => {
    const session = await conversation(tech);
    expect((await escalateAs(tech, session.id)).status).toBe(201);
    const again = await escalateAs(tech, session.id);
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'conflict' });
    expect(await db().$count(aiEscalations, eq(aiEscalations.sessionId, session.id))).toBe(1);
  });

  it("answers 404 for another technician's conversation or a malformed id", async () => {
    const session = await conversation(tech);
    expect((await escalateAs(otherTech, session.id)).status).toBe(404);
    expect((await escalateAs(support, session.id)).status).toBe(404);
    expect((await escalateAs(tech, 'not-a-uuid')).status).toBe(404);
    expect(await db().$count(aiEscalations, eq(aiEscalations.sessionId, session.id))).toBe(0);
  });

  it('validates urgency and phone', async () => {
    const session = await conversation(tech);
    expect((await escalateAs(tech, session.id, { urgency: 'panic' })).status).toBe(400);
    expect((await escalateAs(tech, session.id, { urgency: 'low', phone: 'call\r\nBcc: x@evil' })).status).toBe(400);
    expect((await escalateAs(tech, session.id, { urgency: 'low', reason: 'safety' })).status).toBe(400);
  });
});

describe('authorisation', () => {
  it('refuses technicians on every escalation route with 403', async () => {
    const session = await conversation(tech);
    const { escalation } = await (await escalateAs(tech, session.id)).json();
    const refused = [
      await call(list.GET, { as: tech }),
      await call(one.GET, { as: tech, params: { id: escalation.id } }),
      await call(one.PATCH, { method: 'PATCH', as: tech, params: { id: escalation.id }, json: { status: 'acknowledged' } }),
      await call(replies.POST, { as: tech, params: { id: escalation.id }, json: { message: 'I am support now' } }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'forbidden' });
    }
    const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, escalation.id));
    expect(row.status).toBe('open');
    expect(await db().$count(aiMessages, and(eq(aiMessages.sessionId, session.id), eq(aiMessages.role, 'support')))).toBe(0);
  });

  it('refuses support on the admin outbox routes with 403, and signed-out callers with 401', async () => {
    const [mail] = await db().select().from(emailOutbox).limit(1);
    expect((await call(outbox.GET, { as: support })).status).toBe(403);
    expect((await call(outboxOne.GET, { as: support, params: { id: mail.id } })).status).toBe(403);
    expect((await call(outboxRetry.POST, { as: support, params: { id: mail.id }, json: {} })).status).toBe(403);
    expect((await call(list.GET)).status).toBe(401);
    expect((await call(outbox.GET, { as: admin })).status).toBe(200);
  });

  it('lets support read any escalation; unknown ids are 404', async () => {
    expect((await call(one.GET, { as: support, params: { id: crypto.randomUUID() } })).status).toBe(404);
    expect((await call(one.GET, { as: support, params: { id: 'nope' } })).status).toBe(404);
  });
});

describe('the support inbox', () => {
  it('lists newest first with unread markers per reader, counts and filters', async () => {
    const first = await conversation(tech, 'First problem');
    const second = await conversation(otherTech, 'Second problem');
    const a = (await (await escalateAs(tech, first.id, { urgency: 'low' })).json()).escalation;
    const b = (await (await escalateAs(otherTech, second.id, { urgency: 'high' })).json()).escalation;

    const body = await (await call(list.GET, { as: support, path: '/api/escalations' })).json();
    const ids = body.escalations.map((e: { id: string }) => e.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    const rowB = body.escalations.find((e: { id: string }) => e.id === b.id);
    expect(rowB).toMatchObject({
      reference: b.reference,
      urgency: 'high',
      status: 'open',
      unread: true,
      sessionTitle: 'Second problem',
      machineModel: 'AC-400',
      technician: { email: otherTech.email },
    });
    expect(body.counts.open).toBeGreaterThanOrEqual(2);
    expect(body.machineModels).toContain('AC-400');

    // Opening it marks it read for this reader only.
    const detail = await (await call(one.GET, { as: support, params: { id: b.id } })).json();
    expect(detail.technician).toMatchObject({ email: otherTech.email, name: 'Test technician' });
    expect(detail.machine).toEqual({ model: 'AC-400', serialNumber: 'SN-4711' });
    expect(detail.escalation).toMatchObject({ reason: 'manual', reasonLabel: expect.any(String) });
    const answer = detail.messages.find((m: { role: string }) => m.role === 'assistant');
    expect(answer.citations[0]).toMatchObject({ title: 'AC-400 Service Manual', page: 42 });
    expect(detail.emails).toHaveLength(2);
    expect(detail.assignees.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([support.id, support2.id, admin.id]));

    const mine = await (await call(list.GET, { as: support })).json();
    expect(mine.escalations.find((e: { id: string }) => e.id === b.id).unread).toBe(false);
    const theirs = await (await call(list.GET, { as: support2 })).json();
    expect(theirs.escalations.find((e: { id: string }) => e.id === b.id).unread).toBe(true);
    expect(await db().$count(escalationReads, eq(escalationReads.escalationId, b.id))).toBe(1);

    // A new message from the technician makes it unread again.
    await new Promise((r) => setTimeout(r, 5));
    await db().update(aiSessions).set({ lastMessageAt: new Date() }).where(eq(aiSessions.id, second.id));
    const again = await (await call(list.GET, { as: support })).json();
    expect(again.escalations.find((e: { id: string }) => e.id === b.id).unread).toBe(true);

    const high = await (await call(list.GET, { as: support, path: '/api/escalations?urgency=high' })).json();
    expect(high.escalations.every((e: { urgency: string }) => e.urgency === 'high')).toBe(true);
    expect(high.escalations.some((e: { id: string }) => e.id === a.id)).toBe(false);
    const none = await (await call(list.GET, { as: support, path: '/api/escalations?machineModel=ZX-9' })).json();
    expect(none.escalations).toHaveLength(0);
    expect((await call(list.GET, { as: support, path: '/api/escalations?status=closed' })).status).toBe(400);
  });

  it('acknowledges (assigning it and pausing the assistant), reassigns, replies live, hands back, resolves', async () => {
    const session = await conversation(tech);
    const { escalation } = await (await escalateAs(tech, session.id)).json();
    const live = await listen(session.id);
    const id = escalation.id;

    const ack = await call(one.PATCH, { method: 'PATCH', as: support, params: { id }, json: { status: 'acknowledged' } });
    expect(ack.status).toBe(200);
    expect((await ack.json()).escalation).toMatchObject({ status: 'acknowledged' });
    let [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, id));
    expect(row.assignedTo).toBe(support.id);
    expect(row.acknowledgedAt).toBeInstanceOf(Date);
    let [s] = await db().select().from(aiSessions).where(eq(aiSessions.id, session.id));
    expect(s.mode).toBe('support');
    await live.waitFor((e) => e.type === 'escalation' && e.kind === 'status' && e.escalation?.status === 'acknowledged');
    await live.waitFor((e) => e.type === 'session' && (e.session as { mode: string }).mode === 'support');

    // Assign to a colleague, then to nobody; only support or admin accounts can take it.
    expect((await call(one.PATCH, { method: 'PATCH', as: support, params: { id }, json: { assignedTo: support2.id } })).status).toBe(200);
    [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, id));
    expect(row.assignedTo).toBe(support2.id);
    expect((await call(one.PATCH, { method: 'PATCH', as: support, params: { id }, json: { assignedTo: tech.id } })).status).toBe(400);
    expect((await call(one.PATCH, { method: 'PATCH', as: support, params: { id }, json: { assignedTo: null } })).status).toBe(200);

    const reply = await call(replies.POST, { as: support, params: { id }, json: { message: 'Check the fan fuse F3, then restart.' } });
    expect(reply.status).toBe(201);
    const { message } = await reply.json();
    expect(message).toMatchObject({ role: 'support', authorName: 'Sam Support', content: 'Check the fan fuse F3, then restart.' });
    const [stored] = await db().select().from(aiMessages).where(eq(aiMessages.id, message.id));
    expect(stored.authorId).toBe(support.id);
    await live.waitFor((e) => e.type === 'message' && (e.message as { id: string }).id === message.id);

    // Hand back: the assistant answers again; support can still reply.
    expect((await call(one.PATCH, { method: 'PATCH', as: support, params: { id }, json: { handBack: true } })).status).toBe(200);
    [s] = await db().select().from(aiSessions).where(eq(aiSessions.id, session.id));
    expect(s.mode).toBe('assistant');
    await live.waitFor((e) => e.type === 'message' && /handed the conversation back/.test((e.message as { content: string }).content));
    // A reply puts support back in charge.
    await call(replies.POST, { as: support, params: { id }, json: { message: 'One more thing: check the belt.' } });
    [s] = await db().select().from(aiSessions).where(eq(aiSessions.id, session.id));
    expect(s.mode).toBe('support');

    // Resolving needs a note, which the technician reads.
    const noNote = await call(one.PATCH, { method: 'PATCH', as: support, params: { id }, json: { status: 'resolved' } });
    expect(noNote.status).toBe(400);
    const resolved = await call(one.PATCH, {
      method: 'PATCH',
      as: support,
      params: { id },
      json: { status: 'resolved', resolutionNote: 'Fan fuse replaced.' },
    });
    expect(resolved.status).toBe(200);
    [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, id));
    expect(row).toMatchObject({ status: 'resolved', resolvedBy: support.id, resolutionNote: 'Fan fuse replaced.' });
    [s] = await db().select().from(aiSessions).where(eq(aiSessions.id, session.id));
    expect(s.mode).toBe('assistant');
    await live.waitFor((e) => e.type === 'escalation' && e.kind === 'status' && e.escalation?.status === 'resolved');
    await live.waitFor((e) => e.type === 'message' && /Fan fuse replaced/.test((e.message as { content: string }).content));
    await live.stop();

    // Resolved is final.
    expect((await call(replies.POST, { as: support, params: { id }, json: { message: 'late' } })).status).toBe(409);
    expect((await call(one.PATCH, { method: 'PATCH', as: support, params: { id }, json: { status: 'acknowledged' } })).status).toBe(409);

    const actions = (await db().select().from(aiAuditLogs).where(eq(aiAuditLogs.targetId, id))).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'escalation.created',
        'escalation.acknowledged',
        'escalation.assigned',
        'escalation.replied',
        'escalation.handed_back',
        'escalation.resolved',
      ]),
    );
    const analytics = await db().select().from(aiAnalyticsEvents).where(eq(aiAnalyticsEvents.sessionId, session.id));
    const ackEvent = analytics.find((e) => e.type === 'escalation_acknowledged')!;
    const resolvedEvent = analytics.find((e) => e.type === 'escalation_resolved')!;
    expect(ackEvent.properties.timeToAcknowledgeMs).toEqual(expect.any(Number));
    expect(resolvedEvent.properties).toMatchObject({ reason: 'manual', timeToResolveMs: expect.any(Number) });
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.escalationId, id));
    expect(mails.map((m) => m.kind)).toContain('escalation-resolved');

    // Resolved: the technician may escalate again.
    expect((await escalateAs(tech, session.id)).status).toBe(201);
  });

  it('acknowledges an open escalation when support replies first', async () => {
    const session = await conversation(tech);
    const { escalation } = await (await escalateAs(tech, session.id)).json();
    const res = await call(replies.POST, { as: support2, params: { id: escalation.id }, json: { message: 'On it.' } });
    expect((await res.json()).escalation.status).toBe('acknowledged');
    const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, escalation.id));
    expect(row.assignedTo).toBe(support2.id);
  });
});

describe('the admin outbox API', () => {
  it('lists emails with status, attempts and recipients, shows one, and re-queues', async () => {
    const body = await (await call(outbox.GET, { as: admin })).json();
    expect(body.mode).toBe('files');
    expect(body.emails.length).toBeGreaterThan(0);
    const first = body.emails[0];
    expect(first).toMatchObject({
      status: expect.any(String),
      attempts: expect.any(Number),
      toAddress: expect.any(String),
      subject: expect.stringMatching(/^\[Fixline #\d+\]/),
    });
    const one = await (await call(outboxOne.GET, { as: admin, params: { id: first.id } })).json();
    expect(one.email.textBody.length).toBeGreaterThan(20);
    const retry = await call(outboxRetry.POST, { as: admin, params: { id: first.id }, json: {} });
    expect(retry.status).toBe(200);
  });
});
