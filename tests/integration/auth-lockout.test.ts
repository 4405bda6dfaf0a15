// Before anything else, as in the Next server: the request scope needs AsyncLocalStorage on the global object.
import 'next/dist/server/node-environment-baseline';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as nextauth from '@/app/api/auth/[...nextauth]/route';
import { db } from '@/db';
import { aiAuditLogs } from '@/db/schema';
import { sessionCookieName } from '@/lib/auth/cookies';
import { RATE_LIMITS } from '@/lib/policies';
import { authCaller } from '../helpers/auth-route';
import { makeUser, TEST_PASSWORD } from '../helpers/api';

const authCall = authCaller(nextauth.POST);

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((line) => line.split(';')[0]);
}

/** Failures one address may make on one account before it must wait, and for how long (lib/policies.ts). */
const PER_ADDRESS = { points: 5, durationSeconds: 10 * 60 };

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

describe('failed sign-ins', () => {
  it('are limited per address and account as the policy says', () => {
    expect(RATE_LIMITS.signInPerIpEmail).toMatchObject(PER_ADDRESS);
  });

  it("limit the attacker's address, not the owner: the owner's right password works from elsewhere", async () => {
    const owner = await makeUser('technician');
    const attacker = address();
    for (let i = 0; i < PER_ADDRESS.points; i++) {
      const attempt = await signInFrom(attacker, owner.email, `wrong-guess-number-${i}`);
      expect(attempt).toMatchObject({ error: 'CredentialsSignin', signedIn: false });
      expect(attempt.res.headers.get('retry-after')).toBeNull();
    }
    // From here on the attacker is refused before any password is checked, right or wrong, with Retry-After.
    for (const password of ['another-wrong-guess', TEST_PASSWORD]) {
      const refused = await signInFrom(attacker, owner.email, password);
      expect(refused).toMatchObject({ error: 'RateLimited', signedIn: false });
      expect(refused.res.status).toBe(429);
      const wait = Number(refused.res.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(PER_ADDRESS.durationSeconds);
    }
    // Many more tries from the attacker change nothing for the owner.
    for (let i = 0; i < 20; i++) await signInFrom(attacker, owner.email, `more-wrong-guesses-${i}`);
    const ownerIn = await signInFrom(address(), owner.email, TEST_PASSWORD);
    expect(ownerIn).toMatchObject({ error: null, signedIn: true });
    expect(ownerIn.res.status).toBe(200);
    const denied = await db()
      .select()
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.actorEmail, owner.email), eq(aiAuditLogs.outcome, 'denied')));
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(denied[0].details).toMatchObject({ reason: 'rate_limited', limit: 'address' });
  });

  it('are forgotten for that address once its owner signs in there', async () => {
    const owner = await makeUser('technician');
    const home = address();
    for (let i = 0; i < PER_ADDRESS.points - 1; i++) await signInFrom(home, owner.email, `typo-in-password-${i}`);
    expect((await signInFrom(home, owner.email, TEST_PASSWORD)).signedIn).toBe(true);
    for (let i = 0; i < PER_ADDRESS.points - 1; i++) await signInFrom(home, owner.email, `typo-in-password-${i}`);
    expect((await signInFrom(home, owner.email, TEST_PASSWORD)).signedIn).toBe(true);
  });
});
