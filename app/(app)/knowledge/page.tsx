import { EmptyState } from '@/components/ui/empty-state';
import { BookIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';

export const metadata = { title: 'Knowledge' };

export default async function KnowledgePage() {
  await requireUser(['admin']);
  return (
    <div>
      <PageHeader title="Knowledge base" description="The manuals the assistant answers from." />
      <EmptyState icon={<BookIcon />} title="No manuals yet">
        Upload PDF service manuals (or Markdown and text files). Each is indexed page by page so answers can cite the exact page.
      </EmptyState>
    </div>
  );
}
