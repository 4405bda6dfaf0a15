// POST /api/sessions/:id/read – the technician has seen the conversation: its support replies are read
import { documentRoute, route } from '@/lib/api/handler';
import { markConversationRead } from '@/lib/escalation/unread';
import { sessionId } from '../../schema';

export const POST = route({ name: 'POST /api/sessions/:id/read' }, async ({ user, params }) =>
  markConversationRead(user, sessionId(params)),
);

documentRoute(POST, { summary: 'Mark the conversation read up to its latest message; returns the unread counts left' });
