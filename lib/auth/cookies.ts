import { env } from '@/lib/env';

/** Secure cookies whenever the app is served over TLS. */
export function useSecureCookies(): boolean {
  return env().appUrl.startsWith('https://');
}

export function sessionCookieName(): string {
  return `${useSecureCookies() ? '__Secure-' : ''}fixline.session-token`;
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
