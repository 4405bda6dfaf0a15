'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { BookIcon, ChatIcon, InboxIcon, ShieldIcon, UserIcon } from '@/components/ui/icons';

const ICONS = { '/chat': ChatIcon, '/escalations': InboxIcon, '/knowledge': BookIcon, '/admin': ShieldIcon, '/profile': UserIcon } as const;

export interface NavItem {
  href: string;
  label: string;
  badge?: number;
}

export function NavLinks({ items, variant }: { items: NavItem[]; variant: 'side' | 'bottom' }) {
  const pathname = usePathname();
  return (
    <>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const Icon = ICONS[item.href as keyof typeof ICONS] ?? ChatIcon;
        if (variant === 'bottom') {
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`flex flex-1 flex-col items-center gap-0.5 py-2 text-xs font-medium ${active ? 'text-brand-600' : 'text-slate-500'}`}
            >
              <Icon className="h-5 w-5" />
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
            {item.badge ? (
              <span className="rounded-full bg-amber-500 px-2 py-0.5 text-xs font-semibold text-slate-900">{item.badge}</span>
            ) : null}
          </Link>
        );
      })}
    </>
  );
}
