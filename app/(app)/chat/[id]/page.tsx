import { Conversation } from '@/components/chat/conversation';

export const metadata = { title: 'Conversation' };

// One conversation; the list stays beside it on a large screen (see the layout).
export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Conversation key={id} sessionId={id} />;
}
