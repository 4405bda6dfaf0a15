import Link from 'next/link';
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
        actions={
          <Link href="/admin" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
            Back to admin
          </Link>
        }
      />
      <OutboxTable initial={serialize(data)} />
    </div>
  );
}
