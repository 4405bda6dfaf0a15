// GET /api/sessions – my conversations, newest first
import { documentRoute, route } from '@/lib/api/handler';
import { listSessions } from '@/lib/chat/sessions';

export const GET = route({ name: 'GET /api/sessions' }, async ({ user }) => ({ sessions: await listSessions(user) }));

documentRoute(GET, { summary: 'My conversations, newest first' });
