import { ChatWorkspace } from '@/components/chat/chat-workspace';
import { requireUser } from '@/lib/auth/server';
import { getConsent } from '@/lib/privacy/consents';
import { serialize } from '@/lib/serialized';

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // Asked before the first question; the server refuses a chat request without it as well.
  const consent = await getConsent(user);
  return <ChatWorkspace consent={serialize(consent)}>{children}</ChatWorkspace>;
}
