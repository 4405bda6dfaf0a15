import { NewConversation } from '@/components/chat/new-conversation';

export const metadata = { title: 'Chat' };

// The list of conversations (in the layout) and a new conversation.
export default function ChatPage() {
  return <NewConversation />;
}
