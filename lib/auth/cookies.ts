import 'server-only';
import { env } from '@/lib/env';

/** Secure cookies whenever the app is served over TLS. */
export function secureCookies(): boolean {
  return env().appUrl.startsWith('https://');
}

export function sessionCookieName(): string {
  return `${secureCookies() ? '__Secure-' : ''}fixline.session-token`;
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
