import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import crypto from 'node:crypto';
import { getUserByEmail, normaliseEmail, recordSignIn } from '@/db/queries/users';
import type { Role } from '@/db/schema';
import { clientIp } from '@/lib/api/request';
import { audit } from '@/lib/audit';
import { errorSummary, log } from '@/lib/log';
import { callbackUrlCookieName, SESSION_MAX_AGE_SECONDS, sessionCookieName, secureCookies } from './cookies';
import { verifyPassword } from './password';
import { authSecret } from './secret';
import { revokeSignIn, userOfSessionToken } from './session';
import { noteRefusal, recordFailedSignIn, recordSignInSuccess, signInRefusal } from './sign-in-limits';

export function authOptions(): NextAuthOptions {
  const secure = secureCookies();
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    // The sign-in cookie's token expires with the session, not after next-auth's default 30 days.
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
      callbackUrl: { name: callbackUrlCookieName(), options: { sameSite: 'lax', path: '/', secure } },
    },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    logger: {
      error(code, metadata) {
        const err = errorSummary((metadata as { error?: unknown })?.error ?? metadata);
        // How next-auth clears a cookie the jwt callback refused (ended, tampered, disabled account): not a fault.
        if (code === 'JWT_SESSION_ERROR') log().info({ code, err }, 'session cookie refused and cleared');
        else log().error({ code, err }, 'sign-in error');
      },
      warn: (code) => log().warn({ code }, 'sign-in configuration warning'),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const email = normaliseEmail(String(credentials?.email ?? '')).slice(0, 254);
          const password = String(credentials?.password ?? '');
          const headers = (req?.headers ?? {}) as Record<string, string>;
          const meta = { ip: clientIp(headers), userAgent: headers['user-agent'] ?? null };
          // No account has a NUL in its email, and Postgres cannot take one in a query or the audit log.
          if (email.includes('\u0000')) throw new Error('CredentialsSignin');
          if (!email || !password) {
            if (email)
              await audit({ action: 'auth.sign_in', actorEmail: email, outcome: 'failure', details: { reason: 'no_password' }, meta });
            throw new Error('CredentialsSignin');
          }

          const refusal = await signInRefusal(email, meta.ip);
          if (refusal) {
            noteRefusal(refusal);
            const details = { reason: 'rate_limited', limit: refusal.code === 'RateLimited' ? 'address' : 'account' };
            await audit({ action: 'auth.sign_in', actorEmail: email, outcome: 'denied', details, meta });
            throw new Error(refusal.code);
          }

          const user = await getUserByEmail({ email });
          const valid = await verifyPassword(password, user?.passwordHash);
          if (!user || !valid) {
            await recordFailedSignIn(email, meta.ip);
            await audit({ action: 'auth.sign_in', actorEmail: email, outcome: 'failure', details: { reason: 'bad_credentials' }, meta });
            throw new Error('CredentialsSignin');
          }
          if (user.disabledAt) {
            await audit({ action: 'auth.sign_in', actor: user, outcome: 'denied', details: { reason: 'disabled' }, meta });
            throw new Error('Disabled');
          }
          await recordSignInSuccess(email, meta.ip);
          await recordSignIn({ id: user.id });
          await audit({ action: 'auth.sign_in', actor: user, meta });
          return { id: user.id, email: user.email, name: user.name, role: user.role, sv: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: Role; sv: number };
          token.uid = u.id;
          token.role = u.role;
          token.sv = u.sv;
          // A fresh sign-in id each time: sign-out revokes exactly this sign-in.
          token.sid = crypto.randomUUID();
          token.sat = Math.floor(Date.now() / 1000);
          return token;
        }
        // /api/auth/session re-issues the cookie: not for a sign-in that has ended, nor a disabled or changed account.
        const current = await userOfSessionToken(token);
        // The sign-in time carries over to each new token: refreshes never extend the absolute limit.
        return (current ? { ...token, role: current.role, sat: token.sat ?? token.iat } : null) as typeof token;
      },
      async session({ session, token }) {
        // No token: answered as signed out (an empty session), and next-auth clears the cookie.
        if (!token) return {} as typeof session;
        return { ...session, user: { ...session.user, id: token.uid, role: token.role } } as typeof session;
      },
      async redirect({ url, baseUrl }) {
        return sameOriginUrl(url, baseUrl);
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSignIn(String(token.sid));
        if (token?.uid) await audit({ action: 'auth.sign_out', actor: { id: String(token.uid), email: String(token.email ?? '') } });
      },
    },
  };
}

/** Where to go after signing in or out: the URL when it is on this site (a path or same-origin), the home page otherwise. */
export function sameOriginUrl(url: string, baseUrl: string): string {
  try {
    const target = new URL(url, baseUrl);
    return target.origin === new URL(baseUrl).origin ? target.href : baseUrl;
  } catch {
    return baseUrl; // not a URL at all, e.g. a mangled callback-url cookie
  }
}
