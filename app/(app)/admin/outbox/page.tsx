import { OutboxTable } from '@/components/escalations/outbox-table';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { listOutbox } from '@/lib/email/admin';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Outbox' };
export const dynamic = 'force-dynamic';

export default async function OutboxPage() {
  await requireUser(['admin']);
  const data = await listOutbox({ limit: 200, offset: 0 });
  return (
    <div>
      <PageHeader
        title="Outbox"
        description="Every email Fixline sends — escalations to support, confirmations to technicians — and whether it went out."
      />
      <OutboxTable initial={serialize(data)} />
    </div>
  );
}
