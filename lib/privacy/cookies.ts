import 'server-only';
import { secureCookies, sessionCookieName } from '@/lib/auth/cookies';

/** Set-Cookie values that clear this browser's sign-in (the account's sessions elsewhere end through its session version). */
export function signOutCookies(): string[] {
  const secure = secureCookies() ? '; Secure' : '';
  return [`${sessionCookieName()}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`];
}
