import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';

export const metadata = { title: 'Admin' };

export default async function AdminPage() {
  await requireUser(['admin']);
  return (
    <div>
      <PageHeader
        title="Administration"
        description="Users, analytics and the audit log."
        actions={
          <Link
            href="/admin/outbox"
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Email outbox
          </Link>
        }
      />
      <EmptyState icon={<ShieldIcon />} title="Nothing to review yet">
        Activity from sign-ins, uploads and escalations will show here as people start using Fixline.
      </EmptyState>
    </div>
  );
}
