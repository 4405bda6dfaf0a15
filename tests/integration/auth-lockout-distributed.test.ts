// Before anything else, as in the Next server: the request scope needs AsyncLocalStorage on the global object.
import 'next/dist/server/node-environment-baseline';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as nextauth from '@/app/api/auth/[...nextauth]/route';
import { sessionCookieName } from '@/lib/auth/cookies';
import { recordFailedSignIn } from '@/lib/auth/sign-in-limits';
import { RATE_LIMITS } from '@/lib/policies';
import { authCaller } from '../helpers/auth-route';
import { makeUser, TEST_PASSWORD } from '../helpers/api';

const authCall = authCaller(nextauth.POST);

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((line) => line.split(';')[0]);
}

/** A fresh address for each test run: the limits live in the shared Redis. */
const address = () => `10.${crypto.randomInt(200)}.${crypto.randomInt(250)}.${crypto.randomInt(250) + 1}`;

/** The browser's sign-in over HTTP, from `ip`: CSRF token first, then the credentials form (as next-auth's client sends it). */
async function signInFrom(ip: string, email: string, password: string) {
  const csrf = await authCall(['csrf'], { method: 'GET' });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await authCall(['callback', 'credentials'], {
    method: 'POST',
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    headers: { cookie: cookiePairs(csrf).join('; '), 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
  });
  const { url } = (await res.clone().json()) as { url: string };
  const signedIn = res.headers
    .getSetCookie()
    .some((c) => c.startsWith(`${sessionCookieName()}=`) && !c.startsWith(`${sessionCookieName()}=;`));
  return { res, error: new URL(url).searchParams.get('error'), signedIn };
}

describe('failed sign-ins from many places', () => {
  it('spread over many addresses pause the account for new addresses only: its usual address still signs in', async () => {
    const owner = await makeUser('support');
    const usual = address();
    expect((await signInFrom(usual, owner.email, TEST_PASSWORD)).signedIn).toBe(true);
    // A distributed guess: each address stays under its own limit (counted as the sign-in counts a failure).
    for (let i = 0; i < RATE_LIMITS.signInPerEmail.points; i++) await recordFailedSignIn(owner.email, address());
    const stranger = await signInFrom(address(), owner.email, TEST_PASSWORD);
    expect(stranger).toMatchObject({ error: 'RateLimitedAccount', signedIn: false });
    expect(stranger.res.status).toBe(429);
    expect(Number(stranger.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await signInFrom(usual, owner.email, TEST_PASSWORD)).toMatchObject({ error: null, signedIn: true });
    // Another account is not affected.
    const other = await makeUser('support');
    expect((await signInFrom(address(), other.email, TEST_PASSWORD)).signedIn).toBe(true);
  });

  it('from one address across many accounts are limited for that address', async () => {
    const sprayer = address();
    for (let i = 0; i < RATE_LIMITS.signInPerIp.points; i++)
      await recordFailedSignIn(`sprayed-${i}-${crypto.randomUUID()}@example.com`, sprayer);
    const victim = await makeUser('technician');
    const refused = await signInFrom(sprayer, victim.email, TEST_PASSWORD);
    expect(refused).toMatchObject({ error: 'RateLimited', signedIn: false });
    expect(refused.res.headers.get('retry-after')).toBeTruthy();
    expect((await signInFrom(address(), victim.email, TEST_PASSWORD)).signedIn).toBe(true);
  });
});
