// A small world for the whole-API tests (fuzz, access matrix): two technicians, support and an
// admin, each technician with a conversation, an answer and an escalation, plus a manual, an
// outbox mail and the API tokens; and every route handler, found from its route file.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { closeDb, db, migrateDb } from '@/db';
import { createSession, insertMessage } from '@/db/queries/chat';
import { insertDocument } from '@/db/queries/knowledge';
import { saveUpload } from '@/lib/knowledge/storage';
import { insertOutboxEmails } from '@/db/queries/outbox';
import { apiTokens } from '@/db/schema';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import { openApiDocument, type ApiDocument } from '@/lib/openapi';
import { closeStore } from '@/lib/store';
import { call, makeUser, type TestUser } from './api';
import { createTestDatabase, dropTestDatabase } from './databases';
import { setTestEnv } from './env';

type Handler = Parameters<typeof call>[0];
type Module = Record<string, unknown>;

// Every route module of app/api, loaded on demand.
const MODULES = import.meta.glob<Module>('../../app/api/**/route.ts');

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. /api/sessions/{id}. */
  path: string;
  /** Route name, e.g. 'GET /api/sessions/:id'. */
  name: string;
  params: string[];
  handler: Handler;
  operation: ApiDocument['paths'][string][string];
}

/** Every route of the API document with its handler (next-auth's own routes left out: they are not ours to fuzz). */
export async function apiRoutes(): Promise<{ doc: ApiDocument; routes: ApiRoute[] }> {
  const doc = openApiDocument('http://localhost:3000');
  const routes: ApiRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (path.startsWith('/api/auth/')) continue;
    const file = `../../app${path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
    const load = MODULES[file];
    if (!load) throw new Error(`no route file for ${path} (${file})`);
    const mod = await load();
    for (const [method, operation] of Object.entries(ops)) {
      const upper = method.toUpperCase() as ApiRoute['method'];
      const handler = mod[upper] as Handler | undefined;
      if (!handler) throw new Error(`${file} has no ${upper}`);
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      routes.push({ method: upper, path, name: `${upper} ${path.replace(/\{(\w+)\}/g, ':$1')}`, params, handler, operation });
    }
  }
  return { doc, routes };
}

export interface Owned {
  user: TestUser;
  sessionId: string;
  userMessageId: string;
  answerId: string;
  escalationId: string;
  tokenId: string;
}

export interface World {
  techA: Owned;
  techB: Owned;
  support: TestUser;
  admin: TestUser;
  adminTokenId: string;
  manualId: string;
  outboxId: string;
}

async function tokenIdOf(user: TestUser): Promise<string> {
  const [row] = await db().select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, user.id));
  return row.id;
}

async function owned(user: TestUser, label: string): Promise<Owned> {
  const session = await createSession({ userId: user.id, title: `${label} pump`, machineModel: 'P-100', serialNumber: `SN-${label}` });
  const question = await insertMessage({ sessionId: session.id, role: 'user', content: 'The pump hums but does not start.' });
  const answer = await insertMessage({ sessionId: session.id, role: 'assistant', content: 'Check the capacitor.', mode: 'ai' });
  const res = await call(escalate.POST, { as: user, params: { id: session.id }, json: { urgency: 'normal' } });
  if (res.status !== 201) throw new Error(`escalation fixture: ${res.status} ${await res.text()}`);
  const { escalation } = (await res.json()) as { escalation: { id: string } };
  return {
    user,
    sessionId: session.id,
    userMessageId: question.id,
    answerId: answer.id,
    escalationId: escalation.id,
    tokenId: await tokenIdOf(user),
  };
}

export async function makeWorld(): Promise<World> {
  const [a, b, support, admin] = [
    await makeUser('technician'),
    await makeUser('technician'),
    await makeUser('support'),
    await makeUser('admin'),
  ];
  const text = new TextEncoder().encode('# P-100 pump\n\nCheck the capacitor.\n');
  const manual = await insertDocument({
    title: 'Fixture manual',
    fileName: 'fixture.md',
    mimeType: 'text/markdown',
    sizeBytes: text.length,
    sha256: crypto.randomBytes(32).toString('hex'),
    storageKey: await saveUpload(text, 'md'),
    status: 'ready',
  });
  const [mail] = await insertOutboxEmails([
    {
      messageId: `<${crypto.randomUUID()}@fixture.example.com>`,
      kind: 'escalation',
      toAddress: 'support@example.com',
      fromAddress: 'fixline@example.com',
      subject: 'Fixture',
      textBody: 'Fixture mail',
    },
  ]);
  return {
    techA: await owned(a, 'A'),
    techB: await owned(b, 'B'),
    support,
    admin,
    adminTokenId: await tokenIdOf(admin),
    manualId: manual.id,
    outboxId: mail.id,
  };
}

/** Calls a route and reads its body to the end (or cancels a stream that would not end), returning status and text. */
export async function send(handler: Handler, opts: Parameters<typeof call>[1]): Promise<{ status: number; text: string }> {
  const res = await call(handler, opts);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    await res.body?.cancel().catch(() => {});
    return { status: res.status, text: '' };
  }
  return { status: res.status, text: await res.text() };
}

/**
 * Runs the file's tests on a database and Redis prefix of their own. The fuzz run and the access
 * matrix make thousands of requests: on the shared ones, their outbox mail and their per-address
 * chat budget would be other files' too.
 */
export function onOwnDatabase(prefix: string): void {
  let name = '';
  let restoreEnv: () => void = () => {};
  beforeAll(async () => {
    const created = await createTestDatabase(prefix);
    name = created.name;
    await closeDb();
    await closeStore();
    restoreEnv = setTestEnv({ DATABASE_URL: created.url, REDIS_PREFIX: `${created.name}:` });
    await migrateDb();
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    await closeStore();
    restoreEnv();
    if (name) await dropTestDatabase(name);
  }, 120_000);
}
