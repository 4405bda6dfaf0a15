// Before anything else, as in the Next server: the request scope needs AsyncLocalStorage on the global object.
import 'next/dist/server/node-environment-baseline';
import crypto from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as nextauth from '@/app/api/auth/[...nextauth]/route';
import * as me from '@/app/api/me/route';
import { getUserByEmail, updateUser } from '@/db/queries/users';
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from '@/lib/auth/cookies';
import { verifyPassword } from '@/lib/auth/password';
import { authSecret } from '@/lib/auth/secret';
import { revokeSignIn, userFromSessionCookie } from '@/lib/auth/session';
import { authCaller } from '../helpers/auth-route';
import { call, makeUser, TEST_PASSWORD, type TestUser } from '../helpers/api';
import { setTestEnv } from '../helpers/env';

type Handler = Parameters<typeof call>[0];
const authCall = authCaller(nextauth.GET);

function setCookies(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const i = pair.indexOf('=');
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

async function cookieFor(user: TestUser, sid: string, issuedSecondsAgo = 0): Promise<string> {
  const claims = { uid: user.id, role: user.role, sv: user.sessionVersion, sid, email: user.email };
  if (issuedSecondsAgo) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - issuedSecondsAgo * 1000);
  }
  // next-auth's default lifetime: 30 days.
  const jwt = await encode({ token: claims, secret: authSecret() });
  vi.useRealTimers();
  return `${sessionCookieName()}=${jwt}`;
}

/** The browser's sign-in: CSRF token first, then the credentials form, with any extra cookies. */
async function signInOverHttp(email: string, password: string, extraCookie = '', callbackUrl?: string) {
  const csrf = await authCall(['csrf'], { headers: extraCookie ? { cookie: extraCookie } : {} });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [extraCookie, ...Object.entries(setCookies(csrf)).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join('; ');
  const res = await authCall(['callback', 'credentials'], {
    method: 'POST',
    body: new URLSearchParams({ csrfToken, email, password, json: 'true', ...(callbackUrl ? { callbackUrl } : {}) }),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.9.${crypto.randomInt(250)}.1` },
  });
  return { csrf, res };
}

afterEach(() => vi.useRealTimers());

describe('session lifetime', () => {
  it('issues sign-in cookies whose token lives as long as the session (12 h), not 30 days', async () => {
    const user = await makeUser('technician');
    const { res } = await signInOverHttp(user.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    const jwt = setCookies(res)[sessionCookieName()];
    expect(jwt).toBeTruthy();
    const token = await decode({ token: jwt, secret: authSecret() });
    expect(Number(token?.exp) - Number(token?.iat)).toBe(SESSION_MAX_AGE_SECONDS);
  });

  it('refuses a token issued more than 12 h ago even when its exp is still in the future', async () => {
    const user = await makeUser('technician');
    const old = await cookieFor(user, crypto.randomUUID(), SESSION_MAX_AGE_SECONDS + 60);
    expect(await userFromSessionCookie(old.split('=')[1])).toBeNull();
    expect((await call(me.GET as unknown as Handler, { headers: { cookie: old } })).status).toBe(401);
    // The same token, issued 11 h ago, still works.
    const recent = await cookieFor(user, crypto.randomUUID(), SESSION_MAX_AGE_SECONDS - 3600);
    expect(await userFromSessionCookie(recent.split('=')[1])).toMatchObject({ id: user.id });
    // Nor is an old token refreshed by the session endpoint.
    const res = await authCall(['session'], { headers: { cookie: old } });
    expect(await res.json()).toEqual({});
  });

  it('keeps a sign-out in force for longer than any token it revokes can live', async () => {
    const { store } = await import('@/lib/store');
    const redis = store() as unknown as { client: { status: string; ttl(key: string): Promise<number> }; k(key: string): string };
    while (redis.client.status !== 'ready') await new Promise((resolve) => setTimeout(resolve, 20));
    const sid = crypto.randomUUID();
    await revokeSignIn(sid);
    // The Redis store of the integration run, read directly for the key's remaining lifetime.
    expect(store().mode).toBe('redis');
    expect(await redis.client.ttl(redis.k(`auth:revoked:${sid}`))).toBeGreaterThan(SESSION_MAX_AGE_SECONDS);
  });
});

describe('/api/auth/session', () => {
  it('answers with the user for a live cookie', async () => {
    const user = await makeUser('support');
    const res = await authCall(['session'], { as: user });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { id: user.id, role: 'support' } });
  });

  it('answers as signed out for a revoked cookie, and does not re-issue it', async () => {
    const user = await makeUser('support');
    const sid = crypto.randomUUID();
    const cookie = await cookieFor(user, sid);
    await revokeSignIn(sid);
    const res = await authCall(['session'], { headers: { cookie } });
    expect(await res.json()).toEqual({});
    const reissued = setCookies(res)[sessionCookieName()];
    expect(reissued ?? '').toBe('');
  });

  it('answers as signed out for a disabled user', async () => {
    const user = await makeUser('technician');
    const cookie = await cookieFor(user, crypto.randomUUID());
    await updateUser({ id: user.id, disabledAt: new Date() });
    const res = await authCall(['session'], { headers: { cookie } });
    expect(await res.json()).toEqual({});
  });
});

describe('the callback-url cookie', () => {
  for (const bad of ['%%%', 'javascript:alert(1)', 'https://evil.example.com/phish', '//evil.example.com']) {
    it(`does not break sign-in or redirect off-site when it holds ${bad}`, async () => {
      const user = await makeUser('technician');
      const extra = `next-auth.callback-url=${bad}`;
      const { csrf, res } = await signInOverHttp(user.email, TEST_PASSWORD, extra);
      expect(csrf.status).toBe(200);
      expect(res.status).toBe(200);
      const { url } = (await res.json()) as { url: string };
      expect(new URL(url).origin).toBe('http://localhost:3000');
      expect(setCookies(res)[sessionCookieName()]).toBeTruthy();
    });
  }

  it('sends the user home for a malformed callback URL in the sign-in form, and keeps a same-site path', async () => {
    const user = await makeUser('technician');
    const bad = await signInOverHttp(user.email, TEST_PASSWORD, '', 'http://%%%');
    expect(bad.res.status).toBe(200);
    // Remembered under the app's own cookie name, which next-auth's default name does not reach.
    expect(Object.keys(setCookies(bad.csrf))).toContain('fixline.callback-url');
    expect(((await bad.res.json()) as { url: string }).url).toBe('http://localhost:3000');
    const good = await signInOverHttp(user.email, TEST_PASSWORD, '', '/escalations?id=1');
    expect(((await good.res.json()) as { url: string }).url).toBe('http://localhost:3000/escalations?id=1');
  });
});

describe('the ADMIN_EMAIL account at start-up', () => {
  const ADMIN_PASSWORD = 'ops-admin-password-2026-long';

  async function start(email: string, password = ADMIN_PASSWORD) {
    const { bootstrap } = await import('@/lib/ops/bootstrap');
    const { dropSingleton } = await import('@/lib/singleton');
    const restore = setTestEnv({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
    try {
      dropSingleton('fixlineBoot');
      await bootstrap();
    } finally {
      dropSingleton('fixlineBoot');
      restore();
    }
    return (await getUserByEmail({ email }))!;
  }

  it('creates the admin when missing, then leaves it (and its sign-ins) alone on later starts', async () => {
    const email = `ops-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const created = await start(email);
    expect(created).toMatchObject({ role: 'admin', disabledAt: null });
    const again = await start(email);
    expect(again.sessionVersion).toBe(created.sessionVersion);
    expect(again.passwordHash).toBe(created.passwordHash);
  });

  it('does not re-enable a disabled admin nor restore a changed role', async () => {
    const email = `ops-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const created = await start(email);
    const disabled = await updateUser({ id: created.id, disabledAt: new Date() });
    expect((await start(email)).disabledAt).toEqual(disabled.disabledAt);
    const demoted = await updateUser({ id: created.id, disabledAt: null, role: 'support' });
    const after = await start(email);
    expect(after).toMatchObject({ role: 'support', sessionVersion: demoted.sessionVersion });
  });

  it('changes the password (ending older sign-ins) only when ADMIN_PASSWORD changed', async () => {
    const email = `ops-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const created = await start(email);
    const changed = await start(email, 'a-rotated-ops-password-2027');
    expect(changed.sessionVersion).toBe(created.sessionVersion + 1);
    expect(await verifyPassword('a-rotated-ops-password-2027', changed.passwordHash)).toBe(true);
  });
});
