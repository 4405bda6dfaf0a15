import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage, setFeedback } from '@/db/queries/chat';
import { insertConsent } from '@/db/queries/consents';
import { insertEscalation, markEscalationRead } from '@/db/queries/escalations';
import { markSessionRead } from '@/db/queries/reads';
import { aiAuditLogs, aiEscalations, aiMessages, aiSessions, aiUserConsents, apiTokens, users } from '@/db/schema';
import * as chat from '@/app/api/chat/route';
import * as me from '@/app/api/me/route';
import * as consent from '@/app/api/me/consent/route';
import * as exportRoute from '@/app/api/me/export/route';
import * as adminConsents from '@/app/api/admin/consents/route';
import * as sessionsList from '@/app/api/sessions/route';
import { settled } from '@/lib/chat/registry';
import { CONSENT_VERSION } from '@/lib/privacy/consent';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';
import { readSse } from '../helpers/sse';

const count = async (table: typeof aiSessions | typeof aiMessages | typeof aiUserConsents, where: ReturnType<typeof eq>) =>
  db().$count(table, where);

async function consentRows(userId: string) {
  return db().select().from(aiUserConsents).where(eq(aiUserConsents.userId, userId)).orderBy(aiUserConsents.grantedAt);
}

async function sessionsOf(userId: string) {
  return db().select().from(aiSessions).where(eq(aiSessions.userId, userId));
}

/** One chat turn in manuals-only mode; resolves when the answer is stored. */
async function chatOnce(user: TestUser, message = 'The AC-400 shows E07 after ten minutes') {
  const res = await call(chat.POST, { as: user, json: { message } });
  expect(res.status).toBe(200);
  const events = await readSse(res);
  const start = events.find((e) => e.event === 'session')!.data;
  await settled(start.assistantMessageId);
  return start as { sessionId: string; userMessageId: string; assistantMessageId: string };
}

/** A conversation with a question, a rated answer and (optionally) an escalation with a support reply. */
async function seedConversation(user: TestUser, { escalate = false, supportName = 'Sam Support' } = {}) {
  const session = await createSession({
    userId: user.id,
    title: `Question of ${user.email}`,
    machineModel: 'AC-400',
    serialNumber: 'SN-1',
  });
  const question = await insertMessage({ sessionId: session.id, role: 'user', content: `private words of ${user.email}` });
  const answer = await insertMessage({ sessionId: session.id, role: 'assistant', content: 'Clean the cooler [1].', mode: 'ai' });
  await setFeedback({ id: answer.id, helpful: false, comment: `comment of ${user.email}` });
  if (!escalate) return { session, question, answer };
  const escalation = await insertEscalation({
    sessionId: session.id,
    userId: user.id,
    reason: 'manual',
    urgency: 'high',
    phone: '+49 170 1234567',
    summary: `Summary: compressor of ${user.email} stops`,
    note: 'Customer waiting',
    machineModel: 'AC-400',
  });
  const reply = await insertMessage({ sessionId: session.id, role: 'support', content: 'Check the fan relay.', authorName: supportName });
  const handoff = await insertMessage({
    sessionId: session.id,
    role: 'system',
    content: `Escalated to support (#${escalation.reference}).`,
  });
  return { session, question, answer, escalation, reply, handoff };
}

async function exportOf(user: TestUser) {
  const res = await call(exportRoute.GET, { as: user });
  expect(res.status).toBe(200);
  return { res, text: await res.text() };
}

describe('consent to AI processing', () => {
  let fresh: TestUser;
  beforeAll(async () => {
    fresh = await makeUser('technician', { consent: false });
  });

  it('without consent, a chat request is refused with consent_required and nothing is stored', async () => {
    const before = await count(aiSessions, eq(aiSessions.userId, fresh.id));
    for (const auth of ['cookie', 'token'] as const) {
      const res = await call(chat.POST, { as: fresh, auth, json: { message: 'E07 on the AC-400' } });
      expect(res.status).toBe(403);
      const error = await errorOf(res);
      expect(error.code).toBe('consent_required');
      expect(error.message).toMatch(/consent/i);
    }
    expect(await count(aiSessions, eq(aiSessions.userId, fresh.id))).toBe(before);
    const state = await (await call(consent.GET, { as: fresh })).json();
    expect(state.consent).toMatchObject({ state: 'none', granted: false, currentVersion: CONSENT_VERSION, version: null });
    expect(state.consent.text.version).toBe(CONSENT_VERSION);
    expect(state.consent.text.points.length).toBeGreaterThan(2);
  });

  it('an empty body consents to the current version; chat then works; consenting again records nothing new', async () => {
    const res = await call(consent.POST, { as: fresh, method: 'POST' });
    expect(res.status).toBe(200);
    expect((await res.json()).consent).toMatchObject({ state: 'current', granted: true, version: CONSENT_VERSION });
    const rows = await consentRows(fresh.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: CONSENT_VERSION, withdrawnAt: null });

    expect((await call(consent.POST, { as: fresh, json: {} })).status).toBe(200);
    expect((await call(consent.POST, { as: fresh, json: { version: CONSENT_VERSION } })).status).toBe(200);
    expect(await consentRows(fresh.id)).toHaveLength(1);

    const { sessionId } = await chatOnce(fresh);
    expect(await count(aiMessages, eq(aiMessages.sessionId, sessionId))).toBe(2);
  });

  it('withdrawing keeps the record, marked withdrawn, and closes chat again; regenerating is refused too', async () => {
    const [session] = await sessionsOf(fresh.id);
    const res = await call(consent.DELETE, { as: fresh, method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await res.json()).consent).toMatchObject({ state: 'withdrawn', granted: false, version: CONSENT_VERSION });
    const rows = await consentRows(fresh.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].withdrawnAt).toBeInstanceOf(Date);

    const messages = await count(aiMessages, eq(aiMessages.sessionId, session.id));
    for (const json of [
      { message: 'again' },
      { sessionId: session.id, message: 'follow-up' },
      { sessionId: session.id, regenerate: true },
    ]) {
      const refused = await call(chat.POST, { as: fresh, json });
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).code).toBe('consent_required');
    }
    expect(await count(aiMessages, eq(aiMessages.sessionId, session.id))).toBe(messages);

    // Withdrawing twice changes nothing; consenting again is a new record after the withdrawn one.
    expect((await call(consent.DELETE, { as: fresh, method: 'DELETE' })).status).toBe(200);
    expect((await call(consent.POST, { as: fresh, method: 'POST' })).status).toBe(200);
    const after = await consentRows(fresh.id);
    expect(after).toHaveLength(2);
    expect(after[0].withdrawnAt).toBeInstanceOf(Date);
    expect(after[1]).toMatchObject({ version: CONSENT_VERSION, withdrawnAt: null });
    await chatOnce(fresh, 'One more question about E07');
  });

  it('every change is audited, once', async () => {
    const rows = await db()
      .select({ action: aiAuditLogs.action, details: aiAuditLogs.details })
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.actorId, fresh.id), sql`${aiAuditLogs.action} like 'consent.%'`))
      .orderBy(aiAuditLogs.id);
    expect(rows.map((r) => r.action)).toEqual(['consent.granted', 'consent.withdrawn', 'consent.granted']);
    expect(rows[0].details).toMatchObject({ version: CONSENT_VERSION });
  });

  it('a consent to an older version no longer opens chat, and an old or unknown version cannot be given', async () => {
    const old = await makeUser('technician', { consent: false });
    await insertConsent({ userId: old.id, version: '2020-01-01' });
    const state = (await (await call(consent.GET, { as: old })).json()).consent;
    expect(state).toMatchObject({ state: 'outdated', granted: false, version: '2020-01-01' });
    expect((await errorOf(await call(chat.POST, { as: old, json: { message: 'E07' } }))).code).toBe('consent_required');

    for (const version of ['2020-01-01', 'v999']) {
      const res = await call(consent.POST, { as: old, json: { version } });
      expect(res.status).toBe(409);
      const error = await errorOf(res);
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(CONSENT_VERSION);
    }
    expect(await consentRows(old.id)).toHaveLength(1);
  });

  it('bad bodies get a clear 4xx and record nothing', async () => {
    const user = await makeUser('technician', { consent: false });
    const cases: [Parameters<typeof call>[1], number, string][] = [
      [{ json: { version: 12 } }, 400, 'validation_error'],
      [{ json: { agree: true } }, 400, 'validation_error'],
      [{ json: { version: '' } }, 400, 'validation_error'],
      [{ json: '{not json' }, 400, 'invalid_json'],
      [{ body: 'version=1', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
      [{ method: 'POST', origin: 'https://evil.example.com' }, 403, 'forbidden'],
    ];
    for (const [opts, status, code] of cases) {
      const res = await call(consent.POST, { as: user, method: 'POST', ...opts });
      expect(res.status, JSON.stringify(opts)).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
    }
    expect(await consentRows(user.id)).toHaveLength(0);
    expect((await call(consent.POST, { as: null, method: 'POST' })).status).toBe(401);
  });
});

describe('GET /api/admin/consents', () => {
  let admin: TestUser;
  let granted: TestUser;
  let never: TestUser;
  beforeAll(async () => {
    admin = await makeUser('admin');
    granted = await makeUser('technician', { name: 'Consent Granted' });
    never = await makeUser('technician', { name: 'Consent Never', consent: false });
  });

  it('only admins see it', async () => {
    for (const role of ['technician', 'support'] as const) {
      const res = await call(adminConsents.GET, { as: await makeUser(role) });
      expect(res.status).toBe(403);
    }
    expect((await call(adminConsents.GET, { as: null })).status).toBe(401);
  });

  it('lists who consented to which version and when, filtered by state and search, paginated', async () => {
    const res = await call(adminConsents.GET, { as: admin, path: `/api/admin/consents?search=${encodeURIComponent(granted.email)}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.currentVersion).toBe(CONSENT_VERSION);
    expect(body.users).toHaveLength(1);
    expect(body.users[0]).toMatchObject({ userId: granted.id, email: granted.email, state: 'current', version: CONSENT_VERSION });
    expect(Date.parse(body.users[0].grantedAt)).not.toBeNaN();

    const none = await (await call(adminConsents.GET, { as: admin, path: `/api/admin/consents?state=none&search=${never.email}` })).json();
    expect(none.users.map((u: { userId: string }) => u.userId)).toEqual([never.id]);
    expect(none.counts).toMatchObject({ none: 1, current: 0 });

    const page1 = await (await call(adminConsents.GET, { as: admin, path: '/api/admin/consents?state=current&limit=2' })).json();
    const page2 = await (await call(adminConsents.GET, { as: admin, path: '/api/admin/consents?state=current&limit=2&offset=2' })).json();
    expect(page1.users).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(2);
    expect(page1.users.every((u: { state: string }) => u.state === 'current')).toBe(true);
    const ids = new Set([...page1.users, ...page2.users].map((u: { userId: string }) => u.userId));
    expect(ids.size).toBe(page1.users.length + page2.users.length);
  });

  it('refuses bad filters', async () => {
    for (const q of ['state=maybe', 'limit=0', 'limit=1000', 'offset=-1', 'role=owner', 'other=1']) {
      const res = await call(adminConsents.GET, { as: admin, path: `/api/admin/consents?${q}` });
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_error');
    }
  });
});

describe('GET /api/me/export', () => {
  it("streams exactly the user's data as a JSON download, and nothing of anyone else's", async () => {
    const tech = await makeUser('technician', { name: 'Export Tech' });
    const other = await makeUser('technician', { name: 'Other Tech' });
    const mine = await seedConversation(tech, { escalate: true });
    const plain = await seedConversation(tech);
    const theirs = await seedConversation(other, { escalate: true });

    const { res, text } = await exportOf(tech);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="fixline-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(text);
    expect(data).toMatchObject({ format: 'fixline-export', version: 1, profile: { id: tech.id, email: tech.email, name: 'Export Tech' } });
    expect(data.sessions.map((s: { id: string }) => s.id).sort()).toEqual([mine.session.id, plain.session.id].sort());
    const session = data.sessions.find((s: { id: string }) => s.id === mine.session.id);
    expect(session.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'support', 'system']);
    expect(data.feedback).toHaveLength(2);
    expect(data.feedback[0]).toMatchObject({ helpful: false, comment: `comment of ${tech.email}` });
    expect(data.escalations).toHaveLength(1);
    expect(data.escalations[0]).toMatchObject({
      id: mine.escalation!.id,
      phone: '+49 170 1234567',
      supportReplies: [{ content: 'Check the fan relay.', authorName: 'Sam Support' }],
    });
    expect(data.consents).toEqual([expect.objectContaining({ version: CONSENT_VERSION, withdrawnAt: null })]);
    expect(data.apiTokens).toHaveLength(1);
    expect(Object.keys(data.apiTokens[0])).not.toContain('tokenHash');
    expect(text).not.toContain(tech.token.slice(6));
    expect(data.auditLogs.map((a: { action: string }) => a.action)).toContain('user.data_exported');

    // Nothing of the other technician's.
    expect(text).not.toContain(other.id);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(theirs.session.id);
  });

  it('holds how far the technician read each conversation, and when a support person opened each escalation', async () => {
    const tech = await makeUser('technician');
    const support = await makeUser('support');
    const read = await seedConversation(tech, { escalate: true });
    const unread = await seedConversation(tech);
    await markSessionRead({ sessionId: read.session.id, now: new Date('2026-11-30T08:00:00Z') });
    await markEscalationRead({ escalationId: read.escalation!.id, userId: support.id });

    const data = JSON.parse((await exportOf(tech)).text);
    const sessionOf = (id: string) => data.sessions.find((s: { id: string }) => s.id === id);
    expect(sessionOf(read.session.id).read).toEqual({
      lastSeenSeq: read.handoff!.seq,
      readAt: '2026-11-30T08:00:00.000Z',
      remindedUpToSeq: 0,
      remindedAt: null,
    });
    expect(sessionOf(unread.session.id).read).toBeNull();
    expect(data.escalationReads).toEqual([]);

    // The support person's export has their reading of the escalation; nothing of the conversation.
    const theirs = JSON.parse((await exportOf(support)).text);
    expect(theirs.escalationReads).toEqual([
      { escalationId: read.escalation!.id, reference: read.escalation!.reference, readAt: expect.any(String) },
    ]);
    expect(theirs.sessions).toEqual([]);
  });

  it('an account with nothing yet exports empty lists; signed out is 401', async () => {
    const empty = await makeUser('support', { consent: false });
    const data = JSON.parse((await exportOf(empty)).text);
    expect(data).toMatchObject({ sessions: [], feedback: [], escalations: [], consents: [], escalationReads: [] });
    expect((await call(exportRoute.GET, { as: null })).status).toBe(401);
  });

  it('pages through many conversations', async () => {
    const busy = await makeUser('technician');
    for (let i = 0; i < 60; i++) await createSession({ userId: busy.id, title: `Conversation ${i}` });
    const data = JSON.parse((await exportOf(busy)).text);
    expect(data.sessions).toHaveLength(60);
    expect(new Set(data.sessions.map((s: { id: string }) => s.id)).size).toBe(60);
  });
});

describe('DELETE /api/me', () => {
  const del = (user: TestUser, json: unknown, auth: 'cookie' | 'token' = 'cookie') =>
    call(me.DELETE, { as: user, auth, method: 'DELETE', json });

  it('refuses without the right confirmation, changing nothing', async () => {
    const tech = await makeUser('technician');
    await seedConversation(tech);
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ confirm: '' }, 400],
      [{ confirm: 'someone-else@example.com' }, 400],
      [{ confirm: tech.email, extra: 1 }, 400],
    ];
    for (const [json, status] of cases) {
      const res = await del(tech, json);
      expect(res.status, JSON.stringify(json)).toBe(status);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_error');
      expect(error.message).toMatch(/confirm|email|extra/i);
    }
    expect((await call(me.DELETE, { as: tech, method: 'DELETE' })).status).toBe(415);
    expect(
      (await call(me.DELETE, { as: tech, method: 'DELETE', json: { confirm: tech.email }, origin: 'https://evil.example.com' })).status,
    ).toBe(403);
    expect(await count(aiSessions, eq(aiSessions.userId, tech.id))).toBe(1);
    expect((await call(me.GET, { as: tech })).status).toBe(200);
  });

  it("deletes exactly the user's data, anonymises their escalations, keeps a tombstone and signs them out everywhere", async () => {
    const tech = await makeUser('technician', { name: 'Delete Me' });
    const other = await makeUser('technician', { name: 'Stay Here' });
    const supportUser = await makeUser('support', { name: 'Sam Support' });
    const plain = await seedConversation(tech);
    const escalated = await seedConversation(tech, { escalate: true });
    const theirs = await seedConversation(other, { escalate: true });
    const otherBefore = {
      sessions: await count(aiSessions, eq(aiSessions.userId, other.id)),
      messages: await count(aiMessages, eq(aiMessages.sessionId, theirs.session.id)),
      consents: (await consentRows(other.id)).length,
    };

    const res = await del(tech, { confirm: `  ${tech.email.toUpperCase()} ` });
    expect(res.status).toBe(200);
    const { deleted } = await res.json();
    expect(deleted).toMatchObject({
      sessionsDeleted: 1,
      sessionsKeptForSupport: 1,
      messagesDeleted: 4,
      escalationsAnonymised: 1,
      apiTokensDeleted: 1,
    });
    expect(res.headers.get('set-cookie')).toMatch(/fixline\.session-token=; Path=\/; Max-Age=0/);

    // The plain conversation is gone with its messages and feedback.
    expect(await db().$count(aiSessions, eq(aiSessions.id, plain.session.id))).toBe(0);
    expect(await db().$count(aiMessages, inArray(aiMessages.id, [plain.question.id, plain.answer.id]))).toBe(0);

    // The escalated one stays with support: summary and support replies, not what the technician wrote.
    const [case_] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, escalated.escalation!.id));
    expect(case_).toMatchObject({ summary: `Summary: compressor of ${tech.email} stops`, phone: null, status: 'open' });
    const left = await db().select().from(aiMessages).where(eq(aiMessages.sessionId, escalated.session.id)).orderBy(aiMessages.seq);
    expect(left.map((m) => m.id)).toEqual([escalated.reply!.id, escalated.handoff!.id]);
    const [keptSession] = await db().select().from(aiSessions).where(eq(aiSessions.id, escalated.session.id));
    expect(keptSession.title).not.toContain(tech.email);

    // The account is a disabled placeholder; the address is free again.
    const [row] = await db().select().from(users).where(eq(users.id, tech.id));
    expect(row).toMatchObject({ name: 'Deleted user', phone: null, passwordHash: null });
    expect(row.email).toMatch(/@deleted\.invalid$/);
    expect(row.disabledAt).toBeInstanceOf(Date);
    expect(await db().$count(apiTokens, eq(apiTokens.userId, tech.id))).toBe(0);
    expect(await consentRows(tech.id)).toHaveLength(0);
    const again = await makeUser('technician', { email: tech.email });
    expect(again.id).not.toBe(tech.id);

    // Signed out everywhere: the cookie and the token no longer work.
    for (const auth of ['cookie', 'token'] as const) {
      expect((await call(me.GET, { as: tech, auth })).status).toBe(401);
      expect((await call(sessionsList.GET, { as: tech, auth })).status).toBe(401);
    }

    // One tombstone, nothing personal in it.
    const tombstones = await db()
      .select()
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.action, 'user.deleted'), eq(aiAuditLogs.targetId, tech.id)));
    expect(tombstones).toHaveLength(1);
    const stone = JSON.stringify(tombstones[0]);
    expect(tombstones[0]).toMatchObject({ targetType: 'user', actorId: null, actorEmail: null });
    expect(stone).not.toContain(tech.email);
    expect(stone).not.toContain('Delete Me');

    // Nobody else lost anything.
    expect(await count(aiSessions, eq(aiSessions.userId, other.id))).toBe(otherBefore.sessions);
    expect(await count(aiMessages, eq(aiMessages.sessionId, theirs.session.id))).toBe(otherBefore.messages);
    expect((await consentRows(other.id)).length).toBe(otherBefore.consents);
    expect((await call(me.GET, { as: other })).status).toBe(200);
    expect((await call(me.GET, { as: supportUser })).status).toBe(200);
    const [theirCase] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, theirs.escalation!.id));
    expect(theirCase.phone).toBe('+49 170 1234567');
  });

  it('a support person leaving keeps their replies in others’ conversations, under "Deleted user"', async () => {
    const tech = await makeUser('technician');
    const leaving = await makeUser('support', { name: 'Leaving Support' });
    const { session } = await seedConversation(tech, { escalate: true, supportName: 'Leaving Support' });
    await db()
      .update(aiMessages)
      .set({ authorId: leaving.id })
      .where(and(eq(aiMessages.sessionId, session.id), eq(aiMessages.role, 'support')));
    expect((await del(leaving, { confirm: leaving.email }, 'token')).status).toBe(200);
    const [reply] = await db()
      .select()
      .from(aiMessages)
      .where(and(eq(aiMessages.sessionId, session.id), eq(aiMessages.role, 'support')));
    expect(reply).toMatchObject({ content: 'Check the fan relay.', authorName: 'Deleted user' });
    expect(await count(aiMessages, eq(aiMessages.sessionId, session.id))).toBe(4);
  });

  it('the last admin cannot delete themselves (409); with another admin they can', async () => {
    // Leave exactly one active admin: the others in this database are disabled for the test, then restored.
    const admin = await makeUser('admin');
    const others = await db()
      .update(users)
      .set({ disabledAt: new Date() })
      .where(and(eq(users.role, 'admin'), sql`${users.disabledAt} is null`, sql`${users.id} <> ${admin.id}`))
      .returning({ id: users.id });
    try {
      const res = await del(admin, { confirm: admin.email });
      expect(res.status).toBe(409);
      expect((await errorOf(res)).message).toMatch(/last admin/i);
      expect((await call(me.GET, { as: admin })).status).toBe(200);
    } finally {
      if (others.length)
        await db()
          .update(users)
          .set({ disabledAt: null })
          .where(
            inArray(
              users.id,
              others.map((o) => o.id),
            ),
          );
    }
    await makeUser('admin');
    expect((await del(admin, { confirm: admin.email })).status).toBe(200);
  });
});
