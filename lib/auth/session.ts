import 'server-only';
import { decode, type JWT } from 'next-auth/jwt';
import { getApiTokenWithUser, getUserById, touchApiToken } from '@/db/queries/users';
import type { Role, User } from '@/db/schema';
import { store } from '@/lib/store';
import { SESSION_ABSOLUTE_MAX_SECONDS, SESSION_MAX_AGE_SECONDS, sessionCookieName } from './cookies';
import { authSecret } from './secret';
import { hashToken, TOKEN_PREFIX } from './tokens';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  phone: string | null;
  via: 'session' | 'token';
}

const revokedKey = (sid: string) => `auth:revoked:${sid}`;

/** Clock difference tolerated between app instances, in seconds. */
const CLOCK_SKEW_SECONDS = 60;
/**
 * A sign-out is remembered longer than any token of that sign-in can live: each is refused once it is
 * SESSION_MAX_AGE_SECONDS old, and a revoked one is never re-issued.
 */
export const REVOCATION_TTL_SECONDS = SESSION_MAX_AGE_SECONDS + 60 * 60;

export async function revokeSignIn(sid: string): Promise<void> {
  await store().set(revokedKey(sid), '1', REVOCATION_TTL_SECONDS);
}

/**
 * True when the token was issued longer ago than a session lives (whatever its own `exp` says), has expired, or
 * belongs to a sign-in older than the absolute limit. Each refresh issues a new token (a new `iat`); `sat`, the time
 * of the sign-in, stays. A token from before `sat` existed counts from its own `iat`, and its refresh keeps that.
 */
function outlived(token: JWT, now = Date.now() / 1000): boolean {
  const iat = Number(token.iat);
  const exp = Number(token.exp);
  const sat = Number(token.sat ?? token.iat);
  if (!Number.isFinite(iat) || !Number.isFinite(exp) || !Number.isFinite(sat)) return true;
  if (sat > now + CLOCK_SKEW_SECONDS || now - sat > SESSION_ABSOLUTE_MAX_SECONDS) return true;
  return iat > now + CLOCK_SKEW_SECONDS || now - iat > SESSION_MAX_AGE_SECONDS || exp <= now;
}

/**
 * The account a decoded session token still signs in, or null when the token is too old, its sign-in was
 * signed out, or the account was disabled or changed since.
 */
export async function userOfSessionToken(token: JWT | null): Promise<User | null> {
  if (!token?.uid || !token.sid || outlived(token)) return null;
  const [user, revoked] = await Promise.all([getUserById({ id: String(token.uid) }), store().get(revokedKey(String(token.sid)))]);
  if (!user || user.disabledAt || revoked) return null;
  // A role change, disabling or a new password bumps the version: older sign-ins end at once.
  if (Number(token.sv) !== user.sessionVersion) return null;
  return user;
}

function toAuthUser(user: User, via: AuthUser['via']): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, phone: user.phone, via };
}

/** The user behind a session cookie, checked against the database on every request. */
export async function userFromSessionCookie(cookie: string | undefined): Promise<AuthUser | null> {
  if (!cookie) return null;
  let token;
  try {
    token = await decode({ token: cookie, secret: authSecret() });
  } catch {
    return null; // tampered or from another secret
  }
  const user = await userOfSessionToken(token);
  return user ? toAuthUser(user, 'session') : null;
}

const TOUCH_INTERVAL_MS = 60_000;

/** The user behind `Authorization: Bearer <token>`, or null for a missing, expired or revoked token. */
export async function userFromBearer(authorization: string | null): Promise<AuthUser | null> {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!match || !match[1].startsWith(TOKEN_PREFIX)) return null;
  const row = await getApiTokenWithUser({ tokenHash: hashToken(match[1]) });
  if (!row || row.token.revokedAt || row.user.disabledAt) return null;
  if (row.token.expiresAt && row.token.expiresAt.getTime() <= Date.now()) return null;
  if (!row.token.lastUsedAt || Date.now() - row.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    void touchApiToken({ id: row.token.id }).catch(() => {});
  }
  return toAuthUser(row.user, 'token');
}

type CookieReader = { get(name: string): { value: string } | undefined };
type HeaderReader = { get(name: string): string | null };

export async function authenticate(headers: HeaderReader, cookies: CookieReader): Promise<AuthUser | null> {
  const authorization = headers.get('authorization');
  if (authorization) return userFromBearer(authorization);
  return userFromSessionCookie(cookies.get(sessionCookieName())?.value);
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
    sv?: number;
    sid?: string;
    /** When the password was entered (seconds since the epoch): the sign-in ends SESSION_ABSOLUTE_MAX_SECONDS later. */
    sat?: number;
  }
}
