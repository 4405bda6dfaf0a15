import 'server-only';
import { env } from '@/lib/env';

/** Secure cookies whenever the app is served over TLS. */
export function secureCookies(): boolean {
  return env().appUrl.startsWith('https://');
}

export function sessionCookieName(): string {
  return `${secureCookies() ? '__Secure-' : ''}fixline.session-token`;
}

/**
 * Where to return after signing in. Not next-auth's default name, which a stale or planted value (anything that is not an
 * http URL) makes every sign-in fail before any callback runs; over TLS a `__Host-` cookie, which no subdomain can set.
 */
export function callbackUrlCookieName(): string {
  return `${secureCookies() ? '__Host-' : ''}fixline.callback-url`;
}

/** A sign-in ends after 12 hours without use (each use within that renews it)... */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** ...and 7 days after the password was entered, however often it was used. */
export const SESSION_ABSOLUTE_MAX_SECONDS = 7 * 24 * 60 * 60;
