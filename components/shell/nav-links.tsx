'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { BookIcon, ChatIcon, InboxIcon, ShieldIcon, UserIcon } from '@/components/ui/icons';
import { unreadLabel, useUnread } from './unread-provider';

const ICONS = { '/chat': ChatIcon, '/escalations': InboxIcon, '/knowledge': BookIcon, '/admin': ShieldIcon, '/profile': UserIcon } as const;

export interface NavItem {
  href: string;
  label: string;
  badge?: number;
}

export function NavLinks({ items, variant }: { items: NavItem[]; variant: 'side' | 'bottom' }) {
  const pathname = usePathname();
  const unread = useUnread().total;
  return (
    <>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const Icon = ICONS[item.href as keyof typeof ICONS] ?? ChatIcon;
        // The Chat link counts the support replies not read yet, in words for screen readers.
        const replies = item.href === '/chat' ? unread : 0;
        if (variant === 'bottom') {
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`flex flex-1 flex-col items-center gap-0.5 py-2 text-xs font-medium ${active ? 'text-brand-600' : 'text-slate-500'}`}
            >
              <span className="relative">
                <Icon className="h-5 w-5" />
                {replies ? (
                  <span
                    className="absolute -top-1.5 -right-2.5 min-w-4 rounded-full bg-emerald-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
                    data-testid="nav-unread"
                  >
                    <span aria-hidden>{replies}</span>
                    <span className="sr-only">{unreadLabel(replies)}</span>
                  </span>
                ) : null}
              </span>
              {item.label}
            </Link>
          );
        }
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
              active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white'
            }`}
          >
            <Icon className="h-5 w-5" />
            <span className="flex-1">{item.label}</span>
            {replies ? (
              <span className="rounded-full bg-emerald-500 px-2 py-0.5 text-xs font-semibold text-slate-900" data-testid="nav-unread">
                <span aria-hidden>{replies}</span>
                <span className="sr-only">{unreadLabel(replies)}</span>
              </span>
            ) : null}
            {item.badge ? (
              <span className="rounded-full bg-amber-500 px-2 py-0.5 text-xs font-semibold text-slate-900">{item.badge}</span>
            ) : null}
          </Link>
        );
      })}
    </>
  );
}
