import { ChatWorkspace } from '@/components/chat/chat-workspace';
import { requireUser } from '@/lib/auth/server';

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  await requireUser();
  return <ChatWorkspace>{children}</ChatWorkspace>;
}
