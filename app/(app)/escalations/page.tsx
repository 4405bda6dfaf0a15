import { EmptyState } from '@/components/ui/empty-state';
import { InboxIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';

export const metadata = { title: 'Escalations' };

export default async function EscalationsPage() {
  await requireUser(['support', 'admin']);
  return (
    <div>
      <PageHeader title="Escalations" description="Conversations technicians handed to support." />
      <EmptyState icon={<InboxIcon />} title="Inbox zero">
        Nothing is waiting for support. New escalations appear here and are emailed to the support address.
      </EmptyState>
    </div>
  );
}
