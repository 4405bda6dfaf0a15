import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { requireUser } from '@/lib/auth/server';

// Every admin page: admins only, with the sections' navigation above the page.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireUser(['admin']);
  return (
    <div>
      <AdminNav />
      {children}
    </div>
  );
}
