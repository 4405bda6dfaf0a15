import { AuditLog } from '@/components/admin/audit/audit-log';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { AUDIT_PAGE, listAuditPage } from '@/lib/audit/viewer';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

export default async function AuditPage() {
  await requireUser(['admin']);
  const page = await listAuditPage({ limit: AUDIT_PAGE.defaultSize });
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Sign-ins, uploads, role changes, escalations and every other security-relevant or admin action, newest first."
      />
      <AuditLog initial={serialize(page)} />
    </div>
  );
}
