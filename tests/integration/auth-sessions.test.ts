// Before anything else, as in the Next server: the request scope needs AsyncLocalStorage on the global object.
import 'next/dist/server/node-environment-baseline';
import crypto from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as nextauth from '@/app/api/auth/[...nextauth]/route';
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from '@/lib/auth/cookies';
import { authSecret } from '@/lib/auth/secret';
import { userFromSessionCookie } from '@/lib/auth/session';
import { authCaller } from '../helpers/auth-route';
import { makeUser, TEST_PASSWORD } from '../helpers/api';

/** A sign-in ends 7 days after the password was entered (SESSION_ABSOLUTE_MAX_SECONDS). */
const SESSION_ABSOLUTE_MAX_SECONDS = 7 * 24 * 60 * 60;

const authCall = authCaller(nextauth.GET);

function sessionCookieOf(res: Response): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    if (pair.startsWith(`${sessionCookieName()}=`)) return pair.slice(sessionCookieName().length + 1) || undefined;
  }
  return undefined;
}

async function signIn(email: string): Promise<string> {
  const csrf = await authCall(['csrf']);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .join('; ');
  const res = await authCall(['callback', 'credentials'], {
    method: 'POST',
    body: new URLSearchParams({ csrfToken, email, password: TEST_PASSWORD, json: 'true' }),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.8.${crypto.randomInt(250)}.1` },
  });
  const jwt = sessionCookieOf(res);
  expect(jwt).toBeTruthy();
  return jwt!;
}

afterEach(() => vi.useRealTimers());

describe('the absolute session limit', () => {
  it('is 7 days', async () => {
    expect((await import('@/lib/auth/cookies')).SESSION_ABSOLUTE_MAX_SECONDS).toBe(SESSION_ABSOLUTE_MAX_SECONDS);
  });

  it('ends a sign-in 7 days after the password was entered, however often the session was refreshed', async () => {
    const user = await makeUser('technician');
    const start = Date.now() - SESSION_ABSOLUTE_MAX_SECONDS * 1000 - 86_400_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    let jwt = await signIn(user.email);
    // Refreshed well within the 12 h idle limit each time, as an open tab does.
    const step = SESSION_MAX_AGE_SECONDS * 1000 - 30 * 60_000;
    let elapsed = 0;
    while (elapsed + step <= SESSION_ABSOLUTE_MAX_SECONDS * 1000) {
      elapsed += step;
      vi.setSystemTime(start + elapsed);
      const res = await authCall(['session'], { headers: { cookie: `${sessionCookieName()}=${jwt}` } });
      expect(await res.json()).toMatchObject({ user: { id: user.id } });
      jwt = sessionCookieOf(res)!;
      expect(jwt).toBeTruthy();
    }
    // The newest token is only minutes old, but its sign-in is over 7 days old.
    vi.setSystemTime(start + elapsed + step);
    const late = await authCall(['session'], { headers: { cookie: `${sessionCookieName()}=${jwt}` } });
    expect(await late.json()).toEqual({});
    expect(await userFromSessionCookie(jwt)).toBeNull();
    expect(sessionCookieOf(late)).toBeUndefined();
  });

  it('keeps the sign-in time through each refresh', async () => {
    const user = await makeUser('support');
    const jwt = await signIn(user.email);
    const first = await decode({ token: jwt, secret: authSecret() });
    expect(Math.abs(Number(first?.sat) - Date.now() / 1000)).toBeLessThan(60);
    const res = await authCall(['session'], { headers: { cookie: `${sessionCookieName()}=${jwt}` } });
    const refreshed = await decode({ token: sessionCookieOf(res)!, secret: authSecret() });
    expect(refreshed?.sat).toBe(first?.sat);
  });

  it('refuses a fresh token of an old sign-in, and counts a token without a sign-in time from its issue', async () => {
    const user = await makeUser('technician');
    const claims = { uid: user.id, role: user.role, sv: user.sessionVersion, sid: crypto.randomUUID(), email: user.email };
    const old = await encode({
      token: { ...claims, sat: Math.floor(Date.now() / 1000) - SESSION_ABSOLUTE_MAX_SECONDS - 60 },
      secret: authSecret(),
    });
    expect(await userFromSessionCookie(old)).toBeNull();
    const recent = await encode({
      token: { ...claims, sat: Math.floor(Date.now() / 1000) - SESSION_ABSOLUTE_MAX_SECONDS + 3600 },
      secret: authSecret(),
    });
    expect(await userFromSessionCookie(recent)).toMatchObject({ id: user.id });
    const legacy = await encode({ token: claims, secret: authSecret() });
    expect(await userFromSessionCookie(legacy)).toMatchObject({ id: user.id });
    const res = await authCall(['session'], { headers: { cookie: `${sessionCookieName()}=${legacy}` } });
    const refreshed = await decode({ token: sessionCookieOf(res)!, secret: authSecret() });
    const legacyIat = Number((await decode({ token: legacy, secret: authSecret() }))?.iat);
    expect(refreshed?.sat).toBe(legacyIat);
  });
});
