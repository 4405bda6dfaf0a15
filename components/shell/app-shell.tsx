import type { ReactNode } from 'react';
import type { AuthUser } from '@/lib/auth/session';
import { NAV } from '@/lib/auth/server';
import { Logo } from '@/components/ui/logo';
import { NavLinks, type NavItem } from './nav-links';
import { SignOutButton } from './sign-out-button';
import { UnreadProvider } from './unread-provider';

const ROLE_LABEL = { technician: 'Technician', admin: 'Administrator', support: 'Support' } as const;

/** Sidebar on desktop, top bar and bottom tabs on a phone; navigation follows the user's role. */
export function AppShell({ user, badges = {}, children }: { user: AuthUser; badges?: Record<string, number>; children: ReactNode }) {
  const items: NavItem[] = NAV.filter((n) => n.roles.includes(user.role)).map((n) => ({
    href: n.href,
    label: n.label,
    badge: badges[n.href],
  }));
  return (
    <UnreadProvider enabled={items.some((i) => i.href === '/chat')}>
      <div className="flex h-dvh flex-col md:flex-row">
        <aside className="hidden w-60 shrink-0 flex-col bg-slate-900 px-3 py-4 text-white md:flex" aria-label="Main">
          <div className="px-3 pb-6">
            <Logo className="text-white" />
          </div>
          <nav className="flex flex-1 flex-col gap-1" data-testid="main-nav">
            <NavLinks items={items} variant="side" />
          </nav>
          <div className="border-t border-slate-800 pt-3">
            <div className="px-3 pb-2">
              <p className="truncate text-sm font-medium" data-testid="user-name">
                {user.name}
              </p>
              <p className="truncate text-xs text-slate-400">
                {ROLE_LABEL[user.role]} · {user.email}
              </p>
            </div>
            <SignOutButton />
          </div>
        </aside>

        <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2 md:hidden">
          <Logo className="text-slate-900" />
          <div className="flex items-center gap-2">
            <span className="text-xs text-slate-500">{ROLE_LABEL[user.role]}</span>
            <SignOutButton compact />
          </div>
        </header>

        <main className="min-h-0 flex-1 overflow-y-auto">{children}</main>

        <nav className="flex border-t border-slate-200 bg-white md:hidden" aria-label="Main" data-testid="mobile-nav">
          <NavLinks items={items} variant="bottom" />
        </nav>
      </div>
    </UnreadProvider>
  );
}
