import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db';
import { aiAuditLogs } from '@/db/schema';
import { authOptions } from '@/lib/auth/options';
import { makeUser, TEST_PASSWORD } from '../helpers/api';

type Authorize = (
  credentials: Record<string, string>,
  req: { headers: Record<string, string> },
) => Promise<{ id: string; role: string } | null>;

/** The credentials check that the sign-in endpoint runs (the full HTTP flow is covered by the browser tests). */
async function signIn(email: string, password: string, ip: string) {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  try {
    const user = await provider.options.authorize({ email, password }, { headers: { 'x-forwarded-for': ip, 'user-agent': 'vitest' } });
    return { user, error: null as string | null };
  } catch (error) {
    return { user: null, error: (error as Error).message };
  }
}

describe('sign-in with email and password', () => {
  it('accepts the right password (email in any case) and audits the sign-in', async () => {
    const user = await makeUser('support');
    const { user: signedIn, error } = await signIn(user.email.toUpperCase(), TEST_PASSWORD, '10.1.0.1');
    expect(error).toBeNull();
    expect(signedIn).toMatchObject({ id: user.id, role: 'support' });
    const rows = await db()
      .select()
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.actorId, user.id), eq(aiAuditLogs.action, 'auth.sign_in')));
    expect(rows[0]).toMatchObject({ outcome: 'success', ip: '10.1.0.1' });
  });

  it('refuses a wrong password without saying whether the account exists, and audits the failure', async () => {
    const user = await makeUser('technician');
    const wrong = await signIn(user.email, 'not-the-password-at-all', '10.1.0.2');
    const unknown = await signIn('nobody@example.com', 'not-the-password-at-all', '10.1.0.3');
    expect(wrong.error).toBe('CredentialsSignin');
    expect(unknown.error).toBe('CredentialsSignin');
    expect(wrong.user).toBeNull();
    const rows = await db()
      .select()
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.actorEmail, 'nobody@example.com'), eq(aiAuditLogs.outcome, 'failure')));
    expect(rows).toHaveLength(1);
  });

  it('limits failed sign-ins per IP: the sixth try is refused even with the right password', async () => {
    const user = await makeUser('technician');
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `wrong-password-${i}-xxxx`, '10.1.0.9')).error).toBe('CredentialsSignin');
    const blocked = await signIn(user.email, TEST_PASSWORD, '10.1.0.9');
    expect(blocked.error).toBe('RateLimited');
    expect(blocked.user).toBeNull();
    // Another address is not blocked by this one's failures.
    expect((await signIn(user.email, TEST_PASSWORD, '10.1.0.10')).user).toBeTruthy();
  });

  it('does not lock the owner out over a few failures from other addresses (the account-wide limit: auth-lockout.test.ts)', async () => {
    const user = await makeUser('technician');
    for (let i = 0; i < 10; i++) await signIn(user.email, `wrong-password-${i}-xxxx`, `10.2.${i}.1`);
    expect((await signIn(user.email, TEST_PASSWORD, '10.3.0.1')).user).toBeTruthy();
  });

  it('refuses a disabled account', async () => {
    const user = await makeUser('technician');
    const { users } = await import('@/db/schema');
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await signIn(user.email, TEST_PASSWORD, '10.4.0.1')).error).toBe('Disabled');
  });
});
