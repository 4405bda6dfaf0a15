import { KnowledgeManager } from '@/components/knowledge/knowledge-manager';
import type { ManualView } from '@/components/knowledge/types';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { listManuals } from '@/lib/knowledge/service';

export const metadata = { title: 'Knowledge' };
export const dynamic = 'force-dynamic';

export default async function KnowledgePage() {
  await requireUser(['admin']);
  const manuals = JSON.parse(JSON.stringify(await listManuals())) as ManualView[];
  return (
    <div>
      <PageHeader title="Knowledge base" description="The manuals the assistant answers from. Each is indexed page by page so answers cite the exact page." />
      <KnowledgeManager initial={manuals} />
    </div>
  );
}
