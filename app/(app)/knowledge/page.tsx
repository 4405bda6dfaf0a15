import { KnowledgeManager } from '@/components/knowledge/knowledge-manager';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { listManuals } from '@/lib/knowledge/service';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Knowledge' };
export const dynamic = 'force-dynamic';

export default async function KnowledgePage() {
  await requireUser(['admin']);
  return (
    <div>
      <PageHeader
        title="Knowledge base"
        description="The manuals the assistant answers from. Each is indexed page by page so answers cite the exact page."
      />
      <KnowledgeManager initial={serialize(await listManuals())} />
    </div>
  );
}
