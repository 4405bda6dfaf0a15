import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as adminUsers from '@/app/api/admin/users/route';
import * as adminUser from '@/app/api/admin/users/[id]/route';
import * as acceptInvite from '@/app/api/invites/accept/route';
import { db } from '@/db';
import { users } from '@/db/schema';
import { COMMON_PASSWORD_COUNT } from '@/lib/auth/common-passwords';
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password';
import { upsertUser } from '@/lib/ops/accounts';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

let admin: TestUser;
beforeAll(async () => {
  admin = await makeUser('admin');
});

const email = () => `pw-${crypto.randomUUID().slice(0, 8)}@example.com`;
const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0];

// 12+ characters, so only the common-password rule can refuse them; all from the maintained list or made from it.
const COMMON = ['qwertyuiop123', 'Password1234', 'iloveyou1234', 'sunshine2024!', 'dragondragon', 'basketball123', 'superman12345'];
// Over 72 bytes of UTF-8 (bcrypt would ignore the rest), though under 128 characters.
const TOO_LONG = ['x'.repeat(73), 'é'.repeat(37), '密码'.repeat(13), '🔧'.repeat(19)];

describe('the common-password list', () => {
  it('holds a maintained list of tens of thousands of passwords', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThan(10_000);
  });

  it.each(COMMON)('refuses %s', (password) => {
    expect(passwordProblem(password)).toMatch(/too common/);
  });

  it('accepts a passphrase of uncommon words', () => {
    expect(passwordProblem('ember lantern quarry 7')).toBeNull();
    expect(passwordProblem('correct-horse-battery-staple-42')).toBeNull();
  });
});

describe("bcrypt's 72-byte limit", () => {
  it.each(TOO_LONG)('refuses a password over 72 bytes (%s)', (password) => {
    expect(passwordProblem(password)).toMatch(/at most 72 bytes/);
  });

  it('accepts exactly 72 bytes, also of multi-byte characters', () => {
    expect(passwordProblem('ab' + 'é'.repeat(35))).toBeNull();
    expect(passwordProblem('🔧🔩'.repeat(9))).toBeNull();
  });

  it('still signs in with a longer password set before the rule, as bcrypt always compared it', async () => {
    const long = 'an old and very long passphrase '.repeat(3); // 96 bytes
    const hash = await hashPassword(long);
    expect(await verifyPassword(long, hash)).toBe(true);
  });
});

describe('wherever a password is set', () => {
  const create = (json: unknown) => call(adminUsers.POST, { as: admin, json });

  it('creating a user refuses a common or over-long password, and creates nobody', async () => {
    for (const password of [COMMON[0], TOO_LONG[1]]) {
      const address = email();
      const res = await create({ email: address, name: 'Pat Password', role: 'technician', password });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(password === COMMON[0] ? /too common/ : /at most 72 bytes/);
      expect(await db().select().from(users).where(eq(users.email, address))).toHaveLength(0);
    }
  });

  it('an admin setting a password refuses the same, and keeps the old one', async () => {
    const user = await makeUser('technician');
    const before = await userRow(user.id);
    for (const password of [COMMON[1], TOO_LONG[2]]) {
      const res = await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: user.id }, json: { password } });
      expect(res.status).toBe(400);
    }
    expect((await userRow(user.id)).passwordHash).toBe(before.passwordHash);
  });

  it('accepting an invite refuses the same, and keeps the link usable', async () => {
    const res = await create({ email: email(), name: 'Ivy Invited', role: 'technician', invite: true });
    const { invite, user } = (await res.json()) as { invite: { url: string }; user: { id: string } };
    const token = invite.url.split('/invite/')[1];
    for (const password of [COMMON[2], TOO_LONG[3]]) {
      const refused = await call(acceptInvite.POST, { json: { token, password } });
      expect(refused.status).toBe(400);
      expect((await errorOf(refused)).code).toBe('validation_error');
    }
    expect((await userRow(user.id)).passwordHash).toBeNull();
    expect((await call(acceptInvite.POST, { json: { token, password: 'ember lantern quarry 7' } })).status).toBe(200);
  });

  it('the create-user script refuses the same', async () => {
    await expect(upsertUser({ email: email(), role: 'technician', password: COMMON[3] })).rejects.toThrow(/too common/);
    await expect(upsertUser({ email: email(), role: 'technician', password: TOO_LONG[0] })).rejects.toThrow(/at most 72 bytes/);
  });
});
