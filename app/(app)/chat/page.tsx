import { EmptyState } from '@/components/ui/empty-state';
import { ChatIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';

export const metadata = { title: 'Chat' };

export default async function ChatPage() {
  await requireUser();
  return (
    <div className="flex h-full flex-col">
      <PageHeader title="Chat" description="Describe what the machine is doing; answers come from its manuals, with the page." />
      <EmptyState icon={<ChatIcon />} title="No conversations yet">
        Start by describing the symptom, an error code or the part you are working on. Add the machine model and serial number so answers come from the right manual.
      </EmptyState>
    </div>
  );
}
