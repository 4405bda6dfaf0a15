import { UsersManager } from '@/components/admin/users/users-manager';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { serialize } from '@/lib/serialized';
import { listUsersForAdmin } from '@/lib/users';

export const metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const admin = await requireUser(['admin']);
  const data = await listUsersForAdmin({ limit: 100, offset: 0 });
  return (
    <div>
      <PageHeader
        title="Users"
        description="Accounts, roles and access. Every change takes effect at once and is recorded in the audit log."
      />
      <UsersManager initial={serialize(data)} currentUserId={admin.id} />
    </div>
  );
}
