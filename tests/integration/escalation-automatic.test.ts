import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { aiAnalyticsEvents, aiEscalations, aiMessages, aiSessions, emailOutbox } from '@/db/schema';
import * as chat from '@/app/api/chat/route';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import * as feedback from '@/app/api/messages/[id]/feedback/route';
import * as one from '@/app/api/escalations/[id]/route';
import * as replies from '@/app/api/escalations/[id]/replies/route';
import { settled } from '@/lib/chat/registry';
import { registerEscalationListeners } from '@/lib/escalation/automatic';
import { call, makeUser, type TestUser } from '../helpers/api';
import { startModelServer, type ModelServer } from '../helpers/model-server';
import { readSse, type SseEvent } from '../helpers/sse';
import { modelEnv, NO_MODEL, setTestEnv } from '../helpers/env';

let model: ModelServer;
let tech: TestUser;
let support: TestUser;

const withModel = () => setTestEnv(modelEnv(model.url));
const manualsOnly = () => setTestEnv(NO_MODEL);

beforeAll(async () => {
  registerEscalationListeners(); // the server registers them at start-up; these tests call the route handlers directly
  model = await startModelServer();
  tech = await makeUser('technician');
  support = await makeUser('support');
});

afterAll(async () => {
  manualsOnly();
  await model.close();
});

beforeEach(() => {
  model.reset();
  manualsOnly();
});

/** Sends a chat message and reads the whole answer stream. */
async function say(message: string, sessionId?: string) {
  const res = await call(chat.POST, { as: tech, json: { message, ...(sessionId ? { sessionId } : {}), machineModel: 'ZZ-900' } });
  expect(res.status).toBe(200);
  const events = await readSse(res);
  const start = events.find((e) => e.event === 'session')!.data;
  if (start.assistantMessageId) await settled(start.assistantMessageId);
  return { events, sessionId: start.sessionId as string, assistantMessageId: start.assistantMessageId as string | null };
}

const escalationEvents = (events: SseEvent[], type: string) => events.filter((e) => e.event === 'escalation' && e.data.type === type);
const escalationsOf = (sessionId: string) => db().select().from(aiEscalations).where(eq(aiEscalations.sessionId, sessionId));
const offersOf = (sessionId: string) =>
  db()
    .select()
    .from(aiAnalyticsEvents)
    .where(and(eq(aiAnalyticsEvents.type, 'escalation_offered'), eq(aiAnalyticsEvents.sessionId, sessionId)));

describe('escalation at once', () => {
  it('escalates a safety emergency with high urgency before the answer, and the answer still comes', async () => {
    const { events, sessionId } = await say('Smoke is coming out of the compressor housing!');
    const created = escalationEvents(events, 'created');
    expect(created).toHaveLength(1);
    expect(created[0].data).toMatchObject({ reason: 'safety', escalation: { status: 'open', urgency: 'high' } });
    const handoff = events.find((e) => e.event === 'message' && e.data.message.role === 'system');
    expect(handoff!.data.message.content).toMatch(/^Support has been notified — reference #\d+\. It is marked urgent\..*emergency number/);
    // The events come first, then the answer.
    expect(events.indexOf(created[0])).toBeLessThan(events.findIndex((e) => e.event === 'token'));
    expect(events.at(-1)!.event).toBe('done');

    const [row] = await escalationsOf(sessionId);
    expect(row).toMatchObject({ reason: 'safety', urgency: 'high', status: 'open', machineModel: 'ZZ-900' });
    expect(await db().$count(emailOutbox, eq(emailOutbox.escalationId, row.id))).toBe(2);
    // Escalated: no offer on top.
    expect(escalationEvents(events, 'offer')).toHaveLength(0);
  });

  it('escalates when the technician asks for a person (in German), once', async () => {
    const first = await say('Ich möchte bitte mit einem Menschen sprechen.');
    expect(escalationEvents(first.events, 'created')[0].data).toMatchObject({
      reason: 'asked_for_human',
      escalation: { urgency: 'normal' },
    });
    const again = await say('Hallo? Bitte rufen Sie mich an.', first.sessionId);
    expect(escalationEvents(again.events, 'created')).toHaveLength(0);
    expect(await escalationsOf(first.sessionId)).toHaveLength(1);
  });

  it('raises an open escalation to high urgency when a safety emergency follows', async () => {
    const first = await say('Can I talk to a human please?');
    const [before] = await escalationsOf(first.sessionId);
    expect(before.urgency).toBe('normal');
    const second = await say('Now there is a burning smell from the motor', first.sessionId);
    const status = escalationEvents(second.events, 'status');
    expect(status[0].data).toMatchObject({ escalation: { id: before.id, urgency: 'high' } });
    const [after] = await escalationsOf(first.sessionId);
    expect(after.urgency).toBe('high');
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.escalationId, before.id));
    const urgent = mails.find((m) => m.kind === 'escalation-urgent')!;
    expect(urgent.subject).toMatch(/HIGH .* Safety emergency reported$/);
    expect(urgent.headers['In-Reply-To']).toBe(`<escalation-${before.id}@localhost>`);
  });
});

describe('offers', () => {
  // The model says so plainly (manuals loaded by other test files may match anything in manuals-only mode).
  const notCovered = () => {
    withModel();
    model.setDefault('primary', { kind: 'stream', tokens: ['The manuals ', 'do not cover ', 'this. ', 'Escalate to support.'] });
  };

  it('offers once when the manuals do not cover the question, and an escalation afterwards keeps that reason', async () => {
    notCovered();
    const first = await say('How do I recalibrate the flux modulator qwzx?');
    const offers = escalationEvents(first.events, 'offer');
    expect(offers).toHaveLength(1);
    expect(offers[0].data).toMatchObject({ reason: 'no_answer', message: expect.stringMatching(/escalate/) });
    // The offer comes before `done`, on the stream that asked.
    expect(first.events.indexOf(offers[0])).toBeLessThan(first.events.findIndex((e) => e.event === 'done'));
    const [session] = await db().select().from(aiSessions).where(eq(aiSessions.id, first.sessionId));
    expect(session.escalationOfferedAt).toBeInstanceOf(Date);

    const second = await say('And the flux modulator bearing qwzx?', first.sessionId);
    expect(escalationEvents(second.events, 'offer')).toHaveLength(0);
    expect(await offersOf(first.sessionId)).toHaveLength(1);

    const res = await call(escalate.POST, { as: tech, params: { id: first.sessionId }, json: { urgency: 'normal' } });
    expect((await res.json()).escalation.reason).toBe('no_answer');
  });

  it('offers again only after an escalation of the session was resolved', async () => {
    notCovered();
    const first = await say('Where is the qwzx gimbal lock?');
    expect(escalationEvents(first.events, 'offer')).toHaveLength(1);
    const { escalation } = await (
      await call(escalate.POST, { as: tech, params: { id: first.sessionId }, json: { urgency: 'low' } })
    ).json();
    await call(one.PATCH, {
      method: 'PATCH',
      as: support,
      params: { id: escalation.id },
      json: { status: 'resolved', resolutionNote: 'Explained on the phone.' },
    });
    const later = await say('Another thing: the qwzx dilithium chamber?', first.sessionId);
    expect(escalationEvents(later.events, 'offer')).toHaveLength(1);
  });

  it('offers after two "not helpful" answers in a row', async () => {
    withModel();
    model.setDefault('primary', { kind: 'stream', tokens: ['Try ', 'restarting ', 'it.'] });
    const first = await say('Hi');
    // Greeting answered without citations: no offer for small talk.
    expect(escalationEvents(first.events, 'offer')).toHaveLength(0);
    const second = await say('Thanks', first.sessionId);
    const r1 = await call(feedback.POST, { as: tech, params: { id: first.assistantMessageId! }, json: { helpful: false } });
    expect((await r1.json()).events).toEqual([]);
    const r2 = await call(feedback.POST, {
      as: tech,
      params: { id: second.assistantMessageId! },
      json: { helpful: false, comment: 'useless' },
    });
    const body = await r2.json();
    expect(body.events).toEqual([expect.objectContaining({ type: 'escalation', kind: 'offer', reason: 'not_helpful' })]);
    const [offer] = await offersOf(first.sessionId);
    expect(offer.properties).toMatchObject({ reason: 'not_helpful' });
  });

  it('offers when the model failed and only the manuals could answer', async () => {
    withModel();
    model.setDefault('*', { kind: 'status', status: 500 });
    const { events } = await say('What is the oil change interval?');
    expect(escalationEvents(events, 'offer')[0]?.data).toMatchObject({ reason: 'model_failure' });
  });
});

describe('while support is engaged', () => {
  it('the assistant stays silent and the message reaches support', async () => {
    const first = await say('Please connect me to an agent');
    const [escalation] = await escalationsOf(first.sessionId);
    await call(replies.POST, { as: support, params: { id: escalation.id }, json: { message: 'Hi, Sam here. What do you see?' } });
    const { events, assistantMessageId } = await say('The display shows E07', first.sessionId);
    expect(assistantMessageId).toBeNull();
    expect(events.some((e) => e.event === 'token')).toBe(false);
    const detail = await (await call(one.GET, { as: support, params: { id: escalation.id } })).json();
    expect(detail.messages.at(-1)).toMatchObject({ role: 'user', content: 'The display shows E07' });
    const count = await db().$count(aiMessages, and(eq(aiMessages.sessionId, first.sessionId), eq(aiMessages.role, 'assistant')));
    expect(count).toBe(1);
  });
});
