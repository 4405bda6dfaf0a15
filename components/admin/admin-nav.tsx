'use client';

import { SectionNav } from '@/components/ui/section-nav';

/** The admin area's sections; each is a page under /admin. */
const ADMIN_SECTIONS = [
  { href: '/admin', label: 'Analytics', exact: true },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/consents', label: 'Consents' },
  { href: '/admin/outbox', label: 'Email outbox' },
] as const;

export function AdminNav() {
  return <SectionNav label="Admin sections" sections={ADMIN_SECTIONS} />;
}
