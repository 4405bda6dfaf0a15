'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The profile area's sections; each is a page under /profile. */
export const PROFILE_SECTIONS = [
  { href: '/profile/tokens', label: 'API tokens' },
  { href: '/profile/privacy', label: 'Privacy & data' },
] as const;

export function ProfileNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Profile sections" className="border-b border-slate-200 bg-white px-4 sm:px-8">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {PROFILE_SECTIONS.map((s) => {
          const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={active ? 'page' : undefined}
                className={`inline-block whitespace-nowrap border-b-2 px-3 py-3 text-sm font-medium ${
                  active
                    ? 'border-brand-600 text-brand-700'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
                }`}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
