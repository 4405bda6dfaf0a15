import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { apiTokens, users } from '@/db/schema';
import * as adminUsers from '@/app/api/admin/users/route';
import * as adminUser from '@/app/api/admin/users/[id]/route';
import * as me from '@/app/api/me/route';
import * as myTokens from '@/app/api/me/tokens/route';
import * as myToken from '@/app/api/me/tokens/[id]/route';
import { RATE_LIMITS } from '@/lib/policies';
import { limiter } from '@/lib/rate-limit';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

const countUsers = async () => Number((await db().execute<{ n: number }>(sql`select count(*)::int as n from users`)).rows[0].n);

let admin: TestUser;
let tech: TestUser;

beforeAll(async () => {
  admin = await makeUser('admin');
  tech = await makeUser('technician');
});

describe('authentication', () => {
  it('refuses a request without credentials with 401 and the error format', async () => {
    const res = await call(me.GET);
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toMatchObject({ code: 'unauthorized' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('accepts the session cookie and a bearer token', async () => {
    const viaCookie = await call(me.GET, { as: tech });
    expect(viaCookie.status).toBe(200);
    expect((await viaCookie.json()).user.email).toBe(tech.email);
    const viaToken = await call(me.GET, { as: tech, auth: 'token' });
    expect(viaToken.status).toBe(200);
    expect(viaToken.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a tampered session cookie', async () => {
    const res = await call(me.GET, { headers: { cookie: tech.cookie.slice(0, -4) + 'AAAA' } });
    expect(res.status).toBe(401);
  });

  it('refuses an unknown, revoked or expired API token', async () => {
    const unknown = await call(me.GET, { headers: { authorization: 'Bearer flt_not-a-real-token' } });
    expect(unknown.status).toBe(401);
    expect((await errorOf(unknown)).message).toMatch(/invalid, expired or revoked/);

    const user = await makeUser('technician');
    await db()
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.userId, user.id));
    expect((await call(me.GET, { as: user, auth: 'token' })).status).toBe(401);

    const other = await makeUser('technician');
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.userId, other.id));
    const revoke = await call(myToken.DELETE, { method: 'DELETE', as: other, params: { id: row.id } });
    expect(revoke.status).toBe(204);
    expect((await call(me.GET, { as: other, auth: 'token' })).status).toBe(401);
  });

  it('ends existing sign-ins at once when an admin disables a user or changes the role', async () => {
    const target = await makeUser('technician');
    expect((await call(me.GET, { as: target })).status).toBe(200);
    const res = await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: target.id }, json: { role: 'support' } });
    expect(res.status).toBe(200);
    expect((await call(me.GET, { as: target })).status).toBe(401);

    const second = await makeUser('technician');
    await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: second.id }, json: { disabled: true } });
    expect((await call(me.GET, { as: second })).status).toBe(401);
    expect((await call(me.GET, { as: second, auth: 'token' })).status).toBe(401);
  });
});

describe('authorisation', () => {
  it('refuses a technician on an admin route with 403 and writes nothing', async () => {
    const before = await countUsers();
    const res = await call(adminUsers.POST, { as: tech, json: { email: 'x@example.com', name: 'X', role: 'admin' } });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'forbidden' });
    expect(await countUsers()).toBe(before);
  });

  it('lets an admin list and create users', async () => {
    const res = await call(adminUsers.POST, { as: admin, json: { email: 'new.tech@example.com', name: 'New Tech', role: 'technician' } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: 'new.tech@example.com', role: 'technician' });
    expect(body.initialPassword).toHaveLength(18);
    const list = await call(adminUsers.GET, { as: admin, path: '/api/admin/users?role=technician' });
    expect((await list.json()).users.some((u: { email: string }) => u.email === 'new.tech@example.com')).toBe(true);
  });

  it('gives 404 for a malformed or unknown id', async () => {
    expect((await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: 'nope' }, json: { name: 'A' } })).status).toBe(404);
    expect(
      (await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: crypto.randomUUID() }, json: { name: 'A' } })).status,
    ).toBe(404);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, Parameters<typeof call>[1], number, string][] = [
    ['malformed JSON', { json: '{"email": "a@example.com", ' }, 400, 'invalid_json'],
    ['an empty body', { json: '' }, 400, 'invalid_json'],
    ['wrong types', { json: { email: 42, name: ['x'], role: 'technician' } }, 400, 'validation_error'],
    ['an unknown field', { json: { email: 'u@example.com', name: 'U', role: 'technician', isSuperuser: true } }, 400, 'validation_error'],
    ['an unknown role', { json: { email: 'u@example.com', name: 'U', role: 'owner' } }, 400, 'validation_error'],
    ['a weak password', { json: { email: 'u@example.com', name: 'U', role: 'technician', password: 'short' } }, 400, 'validation_error'],
    [
      'a common password',
      { json: { email: 'u2@example.com', name: 'U', role: 'technician', password: 'password1234' } },
      400,
      'validation_error',
    ],
    [
      'a non-JSON content type',
      { body: 'email=a@example.com', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    ['an oversized body', { json: { email: 'big@example.com', name: 'x'.repeat(70_000), role: 'technician' } }, 413, 'payload_too_large'],
  ];

  for (const [what, opts, status, code] of cases) {
    it(`answers ${status} ${code} to ${what}`, async () => {
      const before = await countUsers();
      const res = await call(adminUsers.POST, { method: 'POST', as: admin, ...opts });
      expect(res.status).toBe(status);
      const error = await errorOf(res);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
      expect(await countUsers()).toBe(before);
    });
  }

  it('answers 429 before looking at the body once a user is over the request limit', async () => {
    const busy = await makeUser('admin');
    await limiter(RATE_LIMITS.apiPerUser).penalty(busy.id, RATE_LIMITS.apiPerUser.points);
    const before = await countUsers();
    for (const opts of [
      { json: '{"email": ' },
      { json: { email: 'big@example.com', name: 'x'.repeat(70_000), role: 'technician' } },
      { json: { email: 'fine@example.com', name: 'F', role: 'technician' } },
    ]) {
      const res = await call(adminUsers.POST, { method: 'POST', as: busy, ...opts });
      expect(res.status).toBe(429);
      expect((await errorOf(res)).code).toBe('rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await countUsers()).toBe(before);
  });

  it('refuses a duplicate email with 409', async () => {
    const before = await countUsers();
    const res = await call(adminUsers.POST, { as: admin, json: { email: tech.email.toUpperCase(), name: 'Dup', role: 'technician' } });
    expect(res.status).toBe(409);
    expect(await countUsers()).toBe(before);
  });

  it('refuses a cookie-authenticated change from another origin or without Origin (CSRF)', async () => {
    const before = await countUsers();
    const foreign = await call(adminUsers.POST, {
      as: admin,
      origin: 'https://evil.example',
      json: { email: 'csrf@example.com', name: 'C', role: 'admin' },
    });
    expect(foreign.status).toBe(403);
    const missing = await call(adminUsers.POST, { as: admin, origin: null, json: { email: 'csrf@example.com', name: 'C', role: 'admin' } });
    expect(missing.status).toBe(403);
    expect(await countUsers()).toBe(before);
    // A bearer token carries no ambient credentials, so no Origin is needed.
    const viaToken = await call(myToken.DELETE, {
      method: 'DELETE',
      as: tech,
      auth: 'token',
      origin: null,
      params: { id: crypto.randomUUID() },
    });
    expect(viaToken.status).toBe(404);
  });

  it('does not let an admin demote themselves', async () => {
    const res = await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: admin.id }, json: { role: 'technician' } });
    expect(res.status).toBe(409);
    const [row] = await db().select().from(users).where(eq(users.id, admin.id));
    expect(row.role).toBe('admin');
  });
});

describe('API tokens', () => {
  it('shows the token once and stores only its hash', async () => {
    const res = await call(myTokens.POST, { as: tech, json: { name: 'parts portal', expiresInDays: 30 } });
    expect(res.status).toBe(201);
    const { token } = await res.json();
    expect(token.token).toMatch(/^flt_/);
    const rows = await db().select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(rows[0].tokenHash).not.toContain(token.token);
    const list = await (await call(myTokens.GET, { as: tech })).json();
    expect(JSON.stringify(list)).not.toContain(token.token);
  });
});
