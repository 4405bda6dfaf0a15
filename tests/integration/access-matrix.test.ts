// Who may call what: every route of the API document × every kind of caller, aimed at the
// resources of technician A (conversation, message, escalation, token, account) and at a manual
// and an outbox mail. The expected answer of each cell is written below, route by route; a 2xx
// where the table says "denied" fails, and so does a 401/403 where it says "allowed".
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../helpers/api';
import { apiRoutes, makeWorld, send, onOwnDatabase, type ApiRoute, type World } from '../helpers/api-world';

type Caller = 'anonymous' | 'techA' | 'techB' | 'support' | 'admin' | 'tokenA';
const CALLERS: Caller[] = ['anonymous', 'techA', 'techB', 'support', 'admin', 'tokenA'];
type Cell = 'allowed' | 'denied';
type Row = Record<Caller, Cell>;

const row = (allowed: Caller[]): Row => Object.fromEntries(CALLERS.map((c) => [c, allowed.includes(c) ? 'allowed' : 'denied'])) as Row;
const PUBLIC = row(CALLERS);
const SIGNED_IN = row(['techA', 'techB', 'support', 'admin', 'tokenA']);
const OWNER = row(['techA', 'tokenA']);
const SUPPORT = row(['support', 'admin']);
const ADMIN = row(['admin']);

/** The resource each path id names, in the world of the call. */
type Target = (w: World) => string;
const session: Target = (w) => w.techA.sessionId;
const answer: Target = (w) => w.techA.answerId;
const escalation: Target = (w) => w.techA.escalationId;
const tokenOfA: Target = (w) => w.techA.tokenId;
const userA: Target = (w) => w.techA.user.id;
const manual: Target = (w) => w.manualId;
const mail: Target = (w) => w.outboxId;
const unknown: Target = () => crypto.randomUUID();

interface Expectation {
  access: Row;
  target?: Target;
  body?: unknown;
}

// The matrix. Conversations, answers and tokens are their owner's alone (support reads a
// conversation through its escalation); escalations are support's and the admins'; accounts,
// the outbox and manual management are the admins'; reading a manual's file and a passage is
// for anyone signed in (citations link to them).
const MATRIX: Record<string, Expectation> = {
  'GET /api/health': { access: PUBLIC },
  'GET /api/health/live': { access: PUBLIC },
  'GET /api/health/ready': { access: PUBLIC },
  'GET /api/info': { access: PUBLIC },
  'GET /api/openapi.json': { access: PUBLIC },
  'GET /api/metrics': { access: PUBLIC },
  'POST /api/invites/accept': { access: PUBLIC, body: { token: 'x'.repeat(43), password: 'a long enough password 1' } },
  // Off (404) without INBOUND_EMAIL_SECRET; with it, the secret decides, not the caller's session.
  'POST /api/email/inbound': { access: PUBLIC },

  'POST /api/chat': { access: SIGNED_IN, body: { message: 'The pump hums but does not start.' } },
  'GET /api/sessions': { access: SIGNED_IN },
  'GET /api/sessions/:id': { access: OWNER, target: session },
  'PATCH /api/sessions/:id': { access: OWNER, target: session, body: { title: 'Renamed' } },
  'DELETE /api/sessions/:id': { access: OWNER, target: session },
  'GET /api/sessions/:id/stream': { access: OWNER, target: session },
  'POST /api/sessions/:id/read': { access: OWNER, target: session },
  'DELETE /api/sessions/:id/escalation-offer': { access: OWNER, target: session },
  'GET /api/sessions/unread': { access: SIGNED_IN },
  'GET /api/sessions/unread/stream': { access: SIGNED_IN },
  'POST /api/sessions/:id/stop': { access: OWNER, target: session },
  'POST /api/sessions/:id/escalate': { access: OWNER, target: session, body: { urgency: 'high' } },
  'POST /api/messages/:id/feedback': { access: OWNER, target: answer, body: { helpful: false, comment: 'Did not help' } },

  'GET /api/me': { access: SIGNED_IN },
  'DELETE /api/me': { access: SIGNED_IN },
  'GET /api/me/consent': { access: SIGNED_IN },
  'POST /api/me/consent': { access: SIGNED_IN },
  'DELETE /api/me/consent': { access: SIGNED_IN },
  'GET /api/me/export': { access: SIGNED_IN },
  'GET /api/me/tokens': { access: SIGNED_IN },
  // A token cannot mint tokens: a leaked one must not be able to outlive its revocation.
  'POST /api/me/tokens': { access: row(['techA', 'techB', 'support', 'admin']), body: { name: 'Laptop', expiresInDays: 30 } },
  'DELETE /api/me/tokens/:id': { access: OWNER, target: tokenOfA },

  'GET /api/escalations': { access: SUPPORT },
  'GET /api/escalations/:id': { access: SUPPORT, target: escalation },
  'PATCH /api/escalations/:id': { access: SUPPORT, target: escalation, body: { status: 'acknowledged' } },
  'POST /api/escalations/:id/replies': { access: SUPPORT, target: escalation, body: { message: 'On my way.' } },

  'GET /api/knowledge': { access: SUPPORT },
  'POST /api/knowledge': { access: ADMIN },
  'POST /api/knowledge/reindex': { access: ADMIN },
  'GET /api/knowledge/models': { access: SIGNED_IN },
  'GET /api/knowledge/:id': { access: SUPPORT, target: manual },
  'DELETE /api/knowledge/:id': { access: ADMIN, target: manual },
  'POST /api/knowledge/:id/reindex': { access: ADMIN, target: manual },
  'GET /api/knowledge/:id/file': { access: SIGNED_IN, target: manual },
  'GET /api/knowledge/chunks/:chunkId': { access: SIGNED_IN, target: unknown },

  'GET /api/admin/analytics': { access: ADMIN },
  'GET /api/admin/audit-logs': { access: ADMIN },
  'GET /api/admin/consents': { access: ADMIN },
  'GET /api/admin/outbox': { access: ADMIN },
  'GET /api/admin/outbox/:id': { access: ADMIN, target: mail },
  'GET /api/admin/outbox/:id/eml': { access: ADMIN, target: mail },
  'POST /api/admin/outbox/:id/retry': { access: ADMIN, target: mail },
  'GET /api/admin/users': { access: ADMIN },
  'POST /api/admin/users': {
    access: ADMIN,
    body: { email: 'new-person@example.com', name: 'New Person', role: 'technician', invite: true },
  },
  'PATCH /api/admin/users/:id': { access: ADMIN, target: userA, body: { name: 'Renamed Technician' } },
  'POST /api/admin/users/:id/password': { access: ADMIN, target: userA, body: { method: 'invite' } },
};

let routes: ApiRoute[] = [];

onOwnDatabase('fixline_matrix');

beforeAll(async () => {
  routes = (await apiRoutes()).routes;
});

function callerUser(w: World, caller: Caller): TestUser | null {
  return { anonymous: null, techA: w.techA.user, techB: w.techB.user, support: w.support, admin: w.admin, tokenA: w.techA.user }[caller];
}

async function callAs(route: ApiRoute, expectation: Expectation, caller: Caller, w: World) {
  const params = Object.fromEntries(route.params.map((p) => [p, (expectation.target ?? unknown)(w)]));
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => params[p]);
  const body = expectation.body ?? (route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
  return send(route.handler, {
    method: route.method,
    path,
    as: callerUser(w, caller),
    auth: caller === 'tokenA' ? 'token' : 'cookie',
    params,
    json: body === undefined ? undefined : (body as object),
  });
}

describe('the access matrix', () => {
  it('names every route of the API document, and only those', () => {
    expect(routes.map((r) => r.name).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('every denied cell is 401, 403 or 404; every allowed cell is neither 401 nor 403; none is a 5xx', { timeout: 600_000 }, async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const expectation = MATRIX[route.name];
      if (!expectation) continue;
      // The denied callers first, in one world: none of them may change it.
      const world = await makeWorld();
      const order = [...CALLERS].sort((a, b) => Number(expectation.access[a] === 'allowed') - Number(expectation.access[b] === 'allowed'));
      for (const caller of order) {
        const allowed = expectation.access[caller] === 'allowed';
        // Each allowed caller in a world of its own: deleting an account or a conversation must not decide the next cell.
        const w = allowed ? await makeWorld() : world;
        const { status, text } = await callAs(route, expectation, caller, w);
        cells += 1;
        const ok =
          status < 500 &&
          (allowed ? status !== 401 && status !== 403 : [401, 403, 404].includes(status) && (caller !== 'anonymous' || status === 401));
        if (!ok) wrong.push(`${route.name} as ${caller}: expected ${expectation.access[caller]}, got ${status} ${text.slice(0, 160)}`);
      }
    }
    expect(cells).toBe(routes.length * CALLERS.length);
    expect(wrong).toEqual([]);
  });

  it("a technician's own resources are not reachable through another technician's id guesses", async () => {
    const w = await makeWorld();
    // Technician B names A's conversation in a chat turn: refused, and A's conversation is unchanged.
    const chat = routes.find((r) => r.name === 'POST /api/chat')!;
    const { status } = await send(chat.handler, { as: w.techB.user, json: { sessionId: w.techA.sessionId, message: 'Taking over' } });
    expect([403, 404]).toContain(status);
    const get = routes.find((r) => r.name === 'GET /api/sessions/:id')!;
    const mine = await send(get.handler, { as: w.techA.user, params: { id: w.techA.sessionId } });
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain('Taking over');
  });
});
