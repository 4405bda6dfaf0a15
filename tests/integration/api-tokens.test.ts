import { desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { aiAuditLogs, apiTokens } from '@/db/schema';
import * as adminUser from '@/app/api/admin/users/[id]/route';
import * as me from '@/app/api/me/route';
import * as sessions from '@/app/api/sessions/route';
import * as myTokens from '@/app/api/me/tokens/route';
import * as myToken from '@/app/api/me/tokens/[id]/route';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

let tech: TestUser;
let admin: TestUser;

beforeAll(async () => {
  tech = await makeUser('technician');
  admin = await makeUser('admin');
});

const countTokens = async () => Number((await db().execute<{ n: number }>(sql`select count(*)::int as n from api_tokens`)).rows[0].n);
const create = (as: TestUser, json: unknown, auth: 'cookie' | 'token' = 'cookie') => call(myTokens.POST, { as, auth, json });
/** The user with `token` swapped for a newly created one. */
const withToken = (user: TestUser, token: string): TestUser => ({ ...user, token });

describe('POST /api/me/tokens', () => {
  it('creates a token with a name and an expiry, shown once, stored hashed, audited', async () => {
    const res = await create(tech, { name: '  Parts portal  ', expiresInDays: 90 });
    expect(res.status).toBe(201);
    const { token } = await res.json();
    expect(token).toMatchObject({ name: 'Parts portal', prefix: token.token.slice(0, 10) });
    expect(token.token).toMatch(/^flt_[A-Za-z0-9_-]{43}$/);
    const days = (new Date(token.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row.tokenHash).not.toContain(token.token.slice(4));
    const [log] = await db().select().from(aiAuditLogs).where(eq(aiAuditLogs.targetId, token.id));
    expect(log).toMatchObject({ action: 'api_token.created', actorId: tech.id });
    expect(JSON.stringify(log.details)).not.toContain(token.token);

    const list = await (await call(myTokens.GET, { as: tech })).json();
    const listed = list.tokens.find((t: { id: string }) => t.id === token.id);
    expect(listed).toMatchObject({ name: 'Parts portal', lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(token.token);
  });

  it('refuses to mint a token with a bearer token: 403 and nothing created', async () => {
    const before = await countTokens();
    const res = await create(tech, { name: 'from a token', expiresInDays: 30 }, 'token');
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/API token cannot create API tokens/) });
    expect(await countTokens()).toBe(before);
  });

  it('refuses a bad name or expiry with 400 and creates nothing', async () => {
    const cases: unknown[] = [
      { name: 'no expiry' },
      { name: 'never', expiresInDays: null },
      { name: 'zero', expiresInDays: 0 },
      { name: 'too long', expiresInDays: 366 },
      { name: 'fraction', expiresInDays: 1.5 },
      { name: 'text', expiresInDays: '30' },
      { name: '', expiresInDays: 30 },
      { name: '   ', expiresInDays: 30 },
      { name: 'x'.repeat(81), expiresInDays: 30 },
      { name: 'line\nbreak', expiresInDays: 30 },
      { expiresInDays: 30 },
      { name: 'extra', expiresInDays: 30, userId: admin.id },
      '{"name": ',
    ];
    const before = await countTokens();
    for (const json of cases) {
      const res = await create(tech, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      const error = await errorOf(res);
      expect(['validation_error', 'invalid_json']).toContain(error.code);
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(await countTokens()).toBe(before);
  });

  it('limits the number of active tokens per user', async () => {
    const busy = await makeUser('technician'); // already holds one
    for (let i = 1; i < 20; i++) expect((await create(busy, { name: `t${i}`, expiresInDays: 30 })).status).toBe(201);
    const res = await create(busy, { name: 'one too many', expiresInDays: 30 });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/Revoke one/);
  });

  it('refuses signed-out callers', async () => {
    expect((await call(myTokens.POST, { json: { name: 'x', expiresInDays: 30 } })).status).toBe(401);
    expect((await call(myTokens.GET)).status).toBe(401);
  });
});

describe('using and revoking a token', () => {
  it('works on the API, records its last use, and stops at once when revoked', async () => {
    const user = await makeUser('technician');
    const { token } = await (await create(user, { name: 'ci', expiresInDays: 30 })).json();
    const caller = withToken(user, token.token);
    expect((await call(sessions.GET, { as: caller, auth: 'token' })).status).toBe(200);
    const [used] = await db().select().from(apiTokens).where(eq(apiTokens.id, token.id));
    await expect.poll(async () => (await db().select().from(apiTokens).where(eq(apiTokens.id, token.id)))[0].lastUsedAt).not.toBeNull();
    expect(used.revokedAt).toBeNull();

    const revoke = await call(myToken.DELETE, { method: 'DELETE', as: user, params: { id: token.id } });
    expect(revoke.status).toBe(204);
    const after = await call(sessions.GET, { as: caller, auth: 'token' });
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toMatch(/invalid, expired or revoked/);
    const [log] = await db().select().from(aiAuditLogs).where(eq(aiAuditLogs.targetId, token.id)).orderBy(desc(aiAuditLogs.id)).limit(1);
    expect(log.action).toBe('api_token.revoked');
    // Revoking twice, or another user's token, is a 404.
    expect((await call(myToken.DELETE, { method: 'DELETE', as: user, params: { id: token.id } })).status).toBe(404);
  });

  it('does not let a user see or revoke another user’s token', async () => {
    const owner = await makeUser('technician');
    const { token } = await (await create(owner, { name: 'mine', expiresInDays: 30 })).json();
    const res = await call(myToken.DELETE, { method: 'DELETE', as: tech, params: { id: token.id } });
    expect(res.status).toBe(404);
    expect((await call(myToken.DELETE, { method: 'DELETE', as: tech, params: { id: 'nope' } })).status).toBe(404);
    const list = await (await call(myTokens.GET, { as: tech })).json();
    expect(list.tokens.some((t: { id: string }) => t.id === token.id)).toBe(false);
    expect((await call(me.GET, { as: withToken(owner, token.token), auth: 'token' })).status).toBe(200);
  });

  it('stops at once when its owner is disabled, and works again when re-enabled', async () => {
    const user = await makeUser('technician');
    const { token } = await (await create(user, { name: 'portal', expiresInDays: 7 })).json();
    const caller = withToken(user, token.token);
    expect((await call(me.GET, { as: caller, auth: 'token' })).status).toBe(200);
    await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: user.id }, json: { disabled: true } });
    expect((await call(me.GET, { as: caller, auth: 'token' })).status).toBe(401);
    expect((await call(me.GET, { as: user })).status).toBe(401);
    await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: user.id }, json: { disabled: false } });
    expect((await call(me.GET, { as: caller, auth: 'token' })).status).toBe(200);
  });

  it('stops working once expired', async () => {
    const user = await makeUser('technician');
    const { token } = await (await create(user, { name: 'short', expiresInDays: 1 })).json();
    await db()
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, token.id));
    expect((await call(me.GET, { as: withToken(user, token.token), auth: 'token' })).status).toBe(401);
  });
});
