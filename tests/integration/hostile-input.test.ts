import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage } from '@/db/queries/chat';
import { aiEscalations, aiMessages, aiSessions } from '@/db/schema';
import * as chat from '@/app/api/chat/route';
import * as sessionRoute from '@/app/api/sessions/[id]/route';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import * as feedback from '@/app/api/messages/[id]/feedback/route';
import * as tokens from '@/app/api/me/tokens/route';
import * as users from '@/app/api/admin/users/route';
import * as auditLogs from '@/app/api/admin/audit-logs/route';
import * as escalations from '@/app/api/escalations/route';
import * as escalationOne from '@/app/api/escalations/[id]/route';
import * as replies from '@/app/api/escalations/[id]/replies/route';
import * as knowledge from '@/app/api/knowledge/route';
import { toErrorResponse } from '@/lib/api/handler';
import { authOptions } from '@/lib/auth/options';
import { createLogger, log } from '@/lib/log';
import { call, errorOf, makeUser, TEST_PASSWORD, type TestUser } from '../helpers/api';

const NUL = '\u0000';
const TABLES = [
  'users',
  'api_tokens',
  'user_invites',
  'ai_sessions',
  'ai_messages',
  'knowledge_documents',
  'ai_escalations',
  'email_outbox',
];

let tech: TestUser;
let support: TestUser;
let admin: TestUser;

beforeAll(async () => {
  tech = await makeUser('technician');
  support = await makeUser('support');
  admin = await makeUser('admin');
});

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db().execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`))).rows[0].n);
  return out;
}

async function conversation() {
  const session = await createSession({ userId: tech.id, title: 'Pump hums', machineModel: 'P-100', serialNumber: 'SN-1' });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'The pump hums but does not start.' });
  const answer = await insertMessage({ sessionId: session.id, role: 'assistant', content: 'Check the capacitor.', mode: 'ai' });
  return { session, answer };
}

async function escalation() {
  const { session } = await conversation();
  const res = await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'normal' } });
  expect(res.status).toBe(201);
  return { session, escalation: (await res.json()).escalation as { id: string } };
}

/** A refused request: 400 validation_error naming the field, and no row added anywhere. */
async function expectRefused(send: () => Promise<Response>, field: string) {
  const before = await counts();
  const res = await send();
  expect(res.status).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe('validation_error');
  expect(error.message).toContain(field);
  expect(error.message).toContain('must not contain NUL characters');
  expect(await counts()).toEqual(before);
}

describe('a NUL character in any text field is a 400, and nothing is stored', () => {
  it('chat: message, machine model, serial number', async () => {
    await expectRefused(() => call(chat.POST, { as: tech, json: { message: `E07${NUL}` } }), 'message');
    await expectRefused(() => call(chat.POST, { as: tech, json: { message: 'E07 again', machineModel: `AC${NUL}400` } }), 'machineModel');
    await expectRefused(() => call(chat.POST, { as: tech, json: { message: 'E07 again', serialNumber: `${NUL}` } }), 'serialNumber');
  });

  it('session title, machine model and serial number', async () => {
    const { session } = await conversation();
    for (const field of ['title', 'machineModel', 'serialNumber']) {
      await expectRefused(
        () => call(sessionRoute.PATCH, { method: 'PATCH', as: tech, params: { id: session.id }, json: { [field]: `x${NUL}y` } }),
        field,
      );
    }
    const [row] = await db().select().from(aiSessions).where(eq(aiSessions.id, session.id));
    expect(row).toMatchObject({ title: 'Pump hums', machineModel: 'P-100', serialNumber: 'SN-1' });
  });

  it('feedback comment', async () => {
    const { answer } = await conversation();
    await expectRefused(
      () => call(feedback.POST, { as: tech, params: { id: answer.id }, json: { helpful: false, comment: `bad${NUL}` } }),
      'comment',
    );
    const [row] = await db().select().from(aiMessages).where(eq(aiMessages.id, answer.id));
    expect(row.feedbackComment).toBeNull();
    expect(row.feedbackAt).toBeNull();
  });

  it('token name and user name', async () => {
    await expectRefused(() => call(tokens.POST, { as: tech, json: { name: `Parts${NUL}`, expiresInDays: 30 } }), 'name');
    await expectRefused(
      () =>
        call(users.POST, { as: admin, json: { email: 'nul-user@example.com', name: `Nul${NUL}Name`, role: 'technician', invite: true } }),
      'name',
    );
  });

  it('search and filter parameters', async () => {
    await expectRefused(() => call(users.GET, { as: admin, path: `/api/admin/users?search=${encodeURIComponent(`a${NUL}`)}` }), 'search');
    await expectRefused(
      () => call(auditLogs.GET, { as: admin, path: `/api/admin/audit-logs?targetId=${encodeURIComponent(NUL)}` }),
      'targetId',
    );
    await expectRefused(
      () => call(escalations.GET, { as: support, path: `/api/escalations?machineModel=${encodeURIComponent(`P${NUL}`)}` }),
      'machineModel',
    );
  });

  it('escalation replies and resolution notes', async () => {
    const { escalation: e } = await escalation();
    await expectRefused(() => call(replies.POST, { as: support, params: { id: e.id }, json: { message: `On my way${NUL}` } }), 'message');
    await expectRefused(
      () =>
        call(escalationOne.PATCH, {
          method: 'PATCH',
          as: support,
          params: { id: e.id },
          json: { status: 'resolved', resolutionNote: `Done${NUL}` },
        }),
      'resolutionNote',
    );
    const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, e.id));
    expect(row.status).toBe('open');
  });

  it('a path parameter', async () => {
    const res = await call(sessionRoute.GET, { as: tech, params: { id: `abc${NUL}` } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('must not contain NUL characters');
  });

  it('upload form fields', async () => {
    const form = new FormData();
    form.append('file', new File([new Uint8Array([37, 80, 68, 70])], 'manual.pdf', { type: 'application/pdf' }));
    form.append('title', `Manual${NUL}`);
    const res = new Response(form);
    const body = await res.arrayBuffer();
    await expectRefused(
      () => call(knowledge.POST, { method: 'POST', as: admin, body, headers: { 'content-type': res.headers.get('content-type')! } }),
      'title',
    );
  });
});

describe('sign-in with a NUL character', () => {
  it('is an ordinary failed sign-in, with no SQL in the error', async () => {
    const user = await makeUser('technician');
    const provider = authOptions().providers[0] as unknown as {
      options: { authorize: (c: Record<string, string>, r: { headers: Record<string, string> }) => Promise<unknown> };
    };
    let message = '';
    try {
      await provider.options.authorize(
        { email: `${user.email}${NUL}`, password: TEST_PASSWORD },
        { headers: { 'x-forwarded-for': '10.14.0.1' } },
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('CredentialsSignin');
    expect(message).not.toMatch(/select|query|params/i);
  });
});

describe('a database error in the logs', () => {
  it('logs the error code and message, never the query parameters', async () => {
    const secret = 'hash-$2b$12$very-secret-param-value';
    let failure: unknown;
    try {
      await db().execute(sql`select ${secret}::text as a, ${`x${NUL}`}::text as b`);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeTruthy();
    const spy = vi.spyOn(log(), 'error');
    try {
      const res = toErrorResponse(failure, 'req-hostile-1', 'GET /api/test');
      expect(res.status).toBe(500);
      expect(spy).toHaveBeenCalledTimes(1);
      const logged = JSON.stringify(spy.mock.calls[0]);
      expect(logged).not.toContain(secret);
      expect(logged).not.toMatch(/params:/);
      expect(logged).toContain('req-hostile-1');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('any log line', () => {
  it('carries no failed query text or parameters, whoever logs the error and however', async () => {
    const secret = 'token-hash-5f2b9c0d1e-secret';
    let failure: unknown;
    try {
      await db().execute(sql`select ${secret}::text as a, ${`x${NUL}`}::text as b`);
    } catch (error) {
      failure = error;
    }
    expect((failure as Error).message).toContain(secret);
    const lines: string[] = [];
    const logger = createLogger({ write: (line: string) => void lines.push(line) });
    logger.level = 'info';
    logger.warn({ err: (failure as Error).message, sessionId: 's-1' }, 'escalation offer failed');
    logger.error({ err: failure }, 'unhandled error');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(line).not.toMatch(/params:|Failed query/);
    }
    expect(JSON.parse(lines[0])).toMatchObject({ err: 'database query failed', sessionId: 's-1', msg: 'escalation offer failed' });
    expect(JSON.parse(lines[1]).err).toContain('0x00');
  });
});
