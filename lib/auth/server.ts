import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Role } from '@/db/schema';
import { RETURN_PATH_HEADER, safeReturnPath } from './return-path';
import { authenticate, type AuthUser } from './session';

/** The signed-in user for a page or layout (server components). */
export const currentUser = cache(async (): Promise<AuthUser | null> => authenticate(await headers(), await cookies()));

/**
 * Redirects to sign-in when signed out (to come back to the page asked for, which the proxy names), and to the
 * forbidden page when the role may not see the page.
 */
export async function requireUser(roles?: readonly Role[]): Promise<AuthUser> {
  const user = await currentUser();
  if (!user) {
    const back = safeReturnPath((await headers()).get(RETURN_PATH_HEADER));
    redirect(back ? `/sign-in?${new URLSearchParams({ callbackUrl: back })}` : '/sign-in');
  }
  if (roles && !roles.includes(user.role)) redirect('/forbidden');
  return user;
}

export const NAV: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: '/chat', label: 'Chat', roles: ['technician', 'admin', 'support'] },
  { href: '/escalations', label: 'Escalations', roles: ['support', 'admin'] },
  { href: '/knowledge', label: 'Knowledge', roles: ['admin'] },
  { href: '/admin', label: 'Admin', roles: ['admin'] },
  { href: '/profile', label: 'Profile', roles: ['technician', 'admin', 'support'] },
];

export function homeFor(role: Role): string {
  return role === 'support' ? '/escalations' : '/chat';
}
