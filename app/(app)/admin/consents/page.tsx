import { ConsentsTable } from '@/components/admin/consents/consents-table';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { listConsentsForAdmin } from '@/lib/privacy/consents';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Consents' };
export const dynamic = 'force-dynamic';

export default async function ConsentsPage() {
  await requireUser(['admin']);
  const data = await listConsentsForAdmin({ limit: 50, offset: 0 });
  return (
    <div>
      <PageHeader title="Consents" description="Who consented to AI processing, to which version of the notice, and when." />
      <ConsentsTable initial={serialize(data)} />
    </div>
  );
}
