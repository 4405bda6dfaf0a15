import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { aiAuditLogs, emailOutbox, userInvites, users } from '@/db/schema';
import * as adminUsers from '@/app/api/admin/users/route';
import * as adminUser from '@/app/api/admin/users/[id]/route';
import * as resetPassword from '@/app/api/admin/users/[id]/password/route';
import * as acceptInvite from '@/app/api/invites/accept/route';
import * as me from '@/app/api/me/route';
import { verifyPassword } from '@/lib/auth/password';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

const NEW_PASSWORD = 'a long enough passphrase 77';

let admin: TestUser;
let tech: TestUser;
let support: TestUser;

beforeAll(async () => {
  admin = await makeUser('admin', { name: 'Ada Admin' });
  tech = await makeUser('technician');
  support = await makeUser('support');
});

const countRows = async (table: typeof users | typeof userInvites) =>
  Number((await db().execute<{ n: number }>(sql`select count(*)::int as n from ${table}`)).rows[0].n);
const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0];
const lastAudit = async (targetId: string) =>
  (await db().select().from(aiAuditLogs).where(eq(aiAuditLogs.targetId, targetId)).orderBy(desc(aiAuditLogs.id)).limit(1))[0];
const tokenOf = (url: string) => url.split('/invite/')[1];
const patch = (as: TestUser, id: string, json: unknown) => call(adminUser.PATCH, { method: 'PATCH', as, params: { id }, json });
const create = (json: unknown, as: TestUser = admin) => call(adminUsers.POST, { as, json });
const accept = (json: unknown) => call(acceptInvite.POST, { json });

describe('roles', () => {
  it('lets only admins reach the users routes', async () => {
    for (const who of [tech, support]) {
      for (const res of [
        await call(adminUsers.GET, { as: who }),
        await create({ email: 'nope@example.com', name: 'N', role: 'admin' }, who),
        await patch(who, tech.id, { role: 'admin' }),
        await call(resetPassword.POST, { as: who, params: { id: tech.id }, json: { method: 'password' } }),
        await call(adminUsers.GET, { as: who, auth: 'token' }),
      ]) {
        expect(res.status).toBe(403);
        expect((await errorOf(res)).code).toBe('forbidden');
      }
    }
    expect((await call(adminUsers.GET)).status).toBe(401);
    expect((await userRow(tech.id)).role).toBe('technician');
  });
});

describe('GET /api/admin/users', () => {
  it('searches name and email, filters by role and by disabled, and counts active admins', async () => {
    const a = await makeUser('support', { name: 'Quinn Searchable' });
    const b = await makeUser('technician', { name: 'Quinn Other', email: `quinn-${crypto.randomUUID().slice(0, 6)}@example.com` });
    await patch(admin, b.id, { disabled: true });

    const byName = await (await call(adminUsers.GET, { as: admin, path: '/api/admin/users?search=quinn' })).json();
    expect(byName.users.map((u: { id: string }) => u.id).sort()).toEqual([a.id, b.id].sort());
    expect(byName.total).toBe(2);
    expect(byName.activeAdmins).toBeGreaterThanOrEqual(1);

    const support = await (await call(adminUsers.GET, { as: admin, path: '/api/admin/users?search=quinn&role=support' })).json();
    expect(support.users.map((u: { id: string }) => u.id)).toEqual([a.id]);
    const disabled = await (await call(adminUsers.GET, { as: admin, path: '/api/admin/users?search=quinn&disabled=true' })).json();
    expect(disabled.users).toMatchObject([{ id: b.id, disabled: true }]);
    const active = await (await call(adminUsers.GET, { as: admin, path: '/api/admin/users?search=quinn&disabled=false' })).json();
    expect(active.users.map((u: { id: string }) => u.id)).toEqual([a.id]);
    const byEmail = await (
      await call(adminUsers.GET, { as: admin, path: `/api/admin/users?search=${b.email.slice(0, 12).toUpperCase()}` })
    ).json();
    expect(byEmail.users.map((u: { id: string }) => u.id)).toEqual([b.id]);
    // Wildcards are matched literally.
    const wildcard = await (await call(adminUsers.GET, { as: admin, path: '/api/admin/users?search=%25' })).json();
    expect(wildcard.users).toEqual([]);
    expect(JSON.stringify(byName)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it('refuses a bad filter with 400', async () => {
    for (const q of ['role=owner', 'disabled=maybe', 'limit=0', 'limit=abc', 'colour=red', `search=${'x'.repeat(101)}`]) {
      const res = await call(adminUsers.GET, { as: admin, path: `/api/admin/users?${q}` });
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_error');
    }
  });
});

describe('POST /api/admin/users', () => {
  it('creates a user with a generated password shown once, audited', async () => {
    const res = await create({ email: 'otp.user@example.com', name: 'Otp User', role: 'support', phone: '+49 30 1234' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: 'otp.user@example.com', role: 'support', phone: '+49 30 1234', hasPassword: true });
    expect(body.initialPassword).toHaveLength(18);
    expect(body.invite).toBeUndefined();
    const row = await userRow(body.user.id);
    expect(await verifyPassword(body.initialPassword, row.passwordHash)).toBe(true);
    expect(await lastAudit(body.user.id)).toMatchObject({ action: 'user.created', actorId: admin.id });
    // Shown once: the list never carries it.
    const list = await (await call(adminUsers.GET, { as: admin, path: '/api/admin/users?search=otp.user' })).json();
    expect(JSON.stringify(list)).not.toContain(body.initialPassword);
  });

  it('creates a user with an invite link, stored hashed, emailed through the outbox', async () => {
    const res = await create({ email: 'invited@example.com', name: 'Ivy Invited', role: 'technician', invite: true });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.initialPassword).toBeUndefined();
    expect(body.user.hasPassword).toBe(false);
    expect(body.invite.url).toMatch(/^http:\/\/localhost:3000\/invite\/fli_[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.invite.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const [invite] = await db().select().from(userInvites).where(eq(userInvites.userId, body.user.id));
    expect(invite.tokenHash).not.toContain(tokenOf(body.invite.url));
    expect(invite.createdById).toBe(admin.id);
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'invited@example.com'));
    expect(mail).toMatchObject({ kind: 'user-invite', status: 'pending' });
    expect(mail.textBody).toContain(body.invite.url);
    expect(await lastAudit(body.user.id)).toMatchObject({ action: 'user.created', details: { credentials: 'invite' } });
  });

  it('refuses bad input with a clear 400 and creates nothing', async () => {
    const cases = [
      { email: 'both@example.com', name: 'B', role: 'technician', invite: true, password: NEW_PASSWORD },
      { email: 'not-an-email', name: 'B', role: 'technician' },
      { email: 'b@example.com', name: '   ', role: 'technician' },
      { email: 'b@example.com', name: 'B', role: 'technician', invite: 'yes' },
      { email: 'b@example.com', name: 'B', role: 'technician', phone: 'call me' },
      { email: 'b@example.com', name: 'B', role: 'technician', password: 'short' },
    ];
    const before = [await countRows(users), await countRows(userInvites)];
    for (const json of cases) {
      const res = await create(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_error');
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect([await countRows(users), await countRows(userInvites)]).toEqual(before);
  });
});

describe('invite links', () => {
  async function invited(email = `inv-${crypto.randomUUID().slice(0, 8)}@example.com`) {
    const body = await (await create({ email, name: 'Invited', role: 'technician', invite: true })).json();
    return { id: body.user.id as string, email, token: tokenOf(body.invite.url) };
  }

  it('set the password once; a second use is refused with 410 and changes nothing', async () => {
    const u = await invited();
    const res = await accept({ token: u.token, password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: u.email });
    const row = await userRow(u.id);
    expect(await verifyPassword(NEW_PASSWORD, row.passwordHash)).toBe(true);
    expect(await lastAudit(u.id)).toMatchObject({ action: 'user.invite_accepted', actorId: u.id });

    const again = await accept({ token: u.token, password: 'another passphrase 8899' });
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toMatchObject({ code: 'gone', message: expect.stringMatching(/already been used/) });
    expect((await userRow(u.id)).passwordHash).toBe(row.passwordHash);
  });

  it('refuses an expired link with 410, an unknown or malformed one with 404', async () => {
    const u = await invited();
    await db()
      .update(userInvites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userInvites.userId, u.id));
    const expired = await accept({ token: u.token, password: NEW_PASSWORD });
    expect(expired.status).toBe(410);
    expect((await errorOf(expired)).message).toMatch(/expired/);
    expect((await userRow(u.id)).passwordHash).toBeNull();

    for (const token of [`${u.token.slice(0, -2)}xx`, 'fli_nothing', 'not-a-token']) {
      const res = await accept({ token, password: NEW_PASSWORD });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).message).toBe('Invite link not found.');
    }
  });

  it('keeps the link when the password is weak or the body is wrong, and refuses a disabled account', async () => {
    const u = await invited();
    const weak = await accept({ token: u.token, password: 'password1234' });
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).message).toMatch(/too common/);
    for (const json of [{ token: u.token }, { token: u.token, password: NEW_PASSWORD, role: 'admin' }, '{"token": ']) {
      expect((await accept(json)).status).toBe(400);
    }
    const [open] = await db().select().from(userInvites).where(eq(userInvites.userId, u.id));
    expect(open.usedAt).toBeNull();

    await patch(admin, u.id, { disabled: true });
    const disabled = await accept({ token: u.token, password: NEW_PASSWORD });
    expect(disabled.status).toBe(403);
    expect((await errorOf(disabled)).message).toMatch(/disabled/);
    await patch(admin, u.id, { disabled: false });
    expect((await accept({ token: u.token, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('one of two simultaneous uses wins', async () => {
    const u = await invited();
    const results = await Promise.all([
      accept({ token: u.token, password: NEW_PASSWORD }),
      accept({ token: u.token, password: 'the other passphrase 55' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
  });
});

describe('PATCH /api/admin/users/:id', () => {
  it('changes the role and disables and re-enables, each audited and at once for cookie and token', async () => {
    const target = await makeUser('technician');
    const role = await patch(admin, target.id, { role: 'support' });
    expect(role.status).toBe(200);
    expect((await role.json()).user.role).toBe('support');
    expect(await lastAudit(target.id)).toMatchObject({
      action: 'user.role_changed',
      details: { role: { from: 'technician', to: 'support' } },
    });
    // The old sign-in ended; the token now carries the new role.
    expect((await call(me.GET, { as: target })).status).toBe(401);
    expect((await (await call(me.GET, { as: target, auth: 'token' })).json()).user.role).toBe('support');

    expect((await patch(admin, target.id, { disabled: true })).status).toBe(200);
    expect(await lastAudit(target.id)).toMatchObject({ action: 'user.disabled' });
    expect((await call(me.GET, { as: target, auth: 'token' })).status).toBe(401);

    const enabled = await patch(admin, target.id, { disabled: false });
    expect((await enabled.json()).user.disabled).toBe(false);
    expect(await lastAudit(target.id)).toMatchObject({ action: 'user.enabled' });
    expect((await call(me.GET, { as: target, auth: 'token' })).status).toBe(200);
  });

  it('refuses bad changes with 400 and changes nothing', async () => {
    const target = await makeUser('technician');
    for (const json of [{}, { role: 'owner' }, { disabled: 'yes' }, { email: 'x@example.com' }, { password: 'short' }]) {
      const res = await patch(admin, target.id, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    const row = await userRow(target.id);
    expect(row).toMatchObject({ role: 'technician', disabledAt: null, sessionVersion: target.sessionVersion });
  });
});

describe('POST /api/admin/users/:id/password', () => {
  it('resets to a generated password shown once, ending sign-ins', async () => {
    const target = await makeUser('technician');
    const res = await call(resetPassword.POST, { as: admin, params: { id: target.id }, json: { method: 'password' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.oneTimePassword).toHaveLength(18);
    expect(await verifyPassword(body.oneTimePassword, (await userRow(target.id)).passwordHash)).toBe(true);
    expect((await call(me.GET, { as: target })).status).toBe(401);
    expect(await lastAudit(target.id)).toMatchObject({ action: 'user.password_reset', details: { method: 'password' } });
  });

  it('resets to an invite link: the old password stops working and an older link is replaced', async () => {
    const created = await (
      await create({ email: `reset-${crypto.randomUUID().slice(0, 8)}@example.com`, name: 'R', role: 'technician', invite: true })
    ).json();
    const first = tokenOf(created.invite.url);
    const res = await call(resetPassword.POST, { as: admin, params: { id: created.user.id }, json: { method: 'invite' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.oneTimePassword).toBeUndefined();
    expect(body.user.hasPassword).toBe(false);
    expect((await accept({ token: first, password: NEW_PASSWORD })).status).toBe(410);
    expect((await accept({ token: tokenOf(body.invite.url), password: NEW_PASSWORD })).status).toBe(200);
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, created.user.email));
    expect(mails.map((m) => m.kind).sort()).toEqual(['password-reset', 'user-invite']);
  });

  it('refuses an unknown method, an unknown id and a malformed one', async () => {
    const before = await userRow(tech.id);
    expect((await call(resetPassword.POST, { as: admin, params: { id: tech.id }, json: { method: 'sms' } })).status).toBe(400);
    expect((await call(resetPassword.POST, { as: admin, params: { id: tech.id }, json: {} })).status).toBe(400);
    expect((await call(resetPassword.POST, { as: admin, params: { id: 'nope' }, json: { method: 'password' } })).status).toBe(404);
    const unknown = await call(resetPassword.POST, { as: admin, params: { id: crypto.randomUUID() }, json: { method: 'password' } });
    expect(unknown.status).toBe(404);
    expect((await userRow(tech.id)).passwordHash).toBe(before.passwordHash);
  });
});

describe('the last admin', () => {
  // The other files' admins are set aside (files run one after another) and put back afterwards.
  let setAside: string[] = [];
  let only: TestUser;

  beforeAll(async () => {
    only = await makeUser('admin', { name: 'Only Admin' });
    const others = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, only.id)));
    setAside = others.map((o) => o.id);
    await db().update(users).set({ role: 'support' }).where(inArray(users.id, setAside));
  });

  afterAll(async () => {
    if (setAside.length) await db().update(users).set({ role: 'admin' }).where(inArray(users.id, setAside));
  });

  it('cannot be demoted or disabled: 409 with the reason, nothing changed', async () => {
    for (const json of [{ role: 'technician' }, { disabled: true }, { role: 'support', disabled: true }]) {
      const res = await patch(only, only.id, json);
      expect(res.status).toBe(409);
      const error = await errorOf(res);
      expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/last active admin/) });
    }
    expect(await userRow(only.id)).toMatchObject({ role: 'admin', disabledAt: null });
    const list = await (await call(adminUsers.GET, { as: only })).json();
    expect(list.activeAdmins).toBe(1);
  });

  it('two admins demoting each other at the same moment leave one admin', async () => {
    const second = await makeUser('admin');
    const results = await Promise.all([patch(only, second.id, { role: 'technician' }), patch(second, only.id, { disabled: true })]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toContain(200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const admins = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
    expect(admins).toHaveLength(1);
    // Put the pair back for the next test file.
    await db()
      .update(users)
      .set({ role: 'admin', disabledAt: null })
      .where(inArray(users.id, [only.id, second.id]));
    await db().update(users).set({ role: 'support' }).where(eq(users.id, second.id));
  });

  it('can demote another admin while one remains', async () => {
    const [first, second] = [await makeUser('admin'), await makeUser('admin')];
    expect((await patch(first, second.id, { role: 'support' })).status).toBe(200);
    expect(await lastAudit(second.id)).toMatchObject({ action: 'user.role_changed', actorId: first.id });
  });
});
