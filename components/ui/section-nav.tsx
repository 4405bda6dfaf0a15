'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface Section {
  href: string;
  label: string;
  /** Active only on this very path, not on the pages under it (an area's own start page). */
  exact?: boolean;
}

/** The tabs above the pages of one area (admin, profile): the current page's tab is marked. */
export function SectionNav({ label, sections }: { label: string; sections: readonly Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="border-b border-slate-200 bg-white px-4 sm:px-8">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {sections.map((s) => {
          const active = pathname === s.href || (!s.exact && pathname.startsWith(`${s.href}/`));
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
