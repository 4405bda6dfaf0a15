import { Inbox, type InboxFilters, type StatusFilter } from '@/components/escalations/inbox';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import type { Urgency } from '@/lib/conversations/views';
import { listInbox } from '@/lib/escalation/inbox';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Escalations' };
export const dynamic = 'force-dynamic';

const STATUSES: StatusFilter[] = ['active', 'open', 'acknowledged', 'resolved', 'all'];
const URGENCIES: Urgency[] = ['low', 'normal', 'high'];

function pick(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

export default async function EscalationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(['support', 'admin']);
  const params = await searchParams;
  const status = pick(params.status) as StatusFilter;
  const urgency = pick(params.urgency) as Urgency;
  const assigned = pick(params.assigned);
  const filters: InboxFilters = {
    status: STATUSES.includes(status) ? status : 'active',
    urgency: URGENCIES.includes(urgency) ? urgency : '',
    machineModel: pick(params.machineModel).slice(0, 120),
    assigned: assigned === 'me' || assigned === 'none' ? assigned : '',
  };
  const data = await listInbox(user, {
    status: filters.status === 'all' ? undefined : filters.status,
    urgency: filters.urgency || undefined,
    machineModel: filters.machineModel || undefined,
    assigned: filters.assigned || undefined,
    limit: 50,
  });
  return (
    <div>
      <PageHeader
        title="Escalations"
        description="Conversations technicians handed to support. Newest first; open one to reply in the technician's chat."
      />
      <Inbox initial={serialize(data)} initialFilters={filters} />
    </div>
  );
}
