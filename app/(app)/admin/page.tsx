import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';

export const metadata = { title: 'Admin' };

export default async function AdminPage() {
  await requireUser(['admin']);
  return (
    <div>
      <PageHeader title="Administration" description="Users, analytics and the audit log." />
      <EmptyState icon={<ShieldIcon />} title="Nothing to review yet">
        Activity from sign-ins, uploads and escalations will show here as people start using Fixline.
      </EmptyState>
    </div>
  );
}
