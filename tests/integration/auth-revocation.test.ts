import { describe, expect, it } from 'vitest';
import * as adminUser from '@/app/api/admin/users/[id]/route';
import * as resetPassword from '@/app/api/admin/users/[id]/password/route';
import * as acceptInvite from '@/app/api/invites/accept/route';
import * as me from '@/app/api/me/route';
import { issueApiToken } from '@/lib/auth/tokens';
import { ensureAdminAccount } from '@/lib/ops/accounts';
import { call, makeUser, type TestUser } from '../helpers/api';

const NEW_PASSWORD = 'a long enough passphrase 77';

/** Whether the user's API token and browser session still reach the API. */
async function access(user: TestUser) {
  const [byToken, bySession] = await Promise.all([call(me.GET, { as: user, auth: 'token' }), call(me.GET, { as: user })]);
  return { token: byToken.status, session: bySession.status };
}

describe('a new password ends what the old one started', () => {
  it('an admin reset to a generated password: API tokens and sessions stop working', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('technician');
    expect(await access(user)).toEqual({ token: 200, session: 200 });
    const res = await call(resetPassword.POST, { as: admin, params: { id: user.id }, json: { method: 'password' } });
    expect(res.status).toBe(200);
    expect(await access(user)).toEqual({ token: 401, session: 401 });
  });

  it('an admin reset by invite link: the same, and a token made after accepting the link works', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('support');
    const res = await call(resetPassword.POST, { as: admin, params: { id: user.id }, json: { method: 'invite' } });
    const { invite } = (await res.json()) as { invite: { url: string } };
    expect(await access(user)).toEqual({ token: 401, session: 401 });
    const accepted = await call(acceptInvite.POST, { json: { token: invite.url.split('/invite/')[1], password: NEW_PASSWORD } });
    expect(accepted.status).toBe(200);
    const { token } = await issueApiToken({ userId: user.id, name: 'after the reset' });
    expect((await call(me.GET, { as: { ...user, token }, auth: 'token' })).status).toBe(200);
  });

  it('an admin setting the password: the same; other changes leave tokens alone', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('technician');
    await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: user.id }, json: { name: 'Renamed Person' } });
    expect(await access(user)).toEqual({ token: 200, session: 200 });
    const res = await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: user.id }, json: { password: NEW_PASSWORD } });
    expect(res.status).toBe(200);
    expect(await access(user)).toEqual({ token: 401, session: 401 });
  });

  it('the start-up admin account getting a changed ADMIN_PASSWORD: its tokens stop working', async () => {
    const user = await makeUser('admin');
    await ensureAdminAccount({ email: user.email, password: NEW_PASSWORD });
    expect(await access(user)).toEqual({ token: 401, session: 401 });
  });

  it('a refused password changes nothing', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('technician');
    const res = await call(adminUser.PATCH, { method: 'PATCH', as: admin, params: { id: user.id }, json: { password: 'password1234' } });
    expect(res.status).toBe(400);
    expect(await access(user)).toEqual({ token: 200, session: 200 });
  });
});
