// GET /api/sessions/unread – unread support replies per conversation, and in all
import { documentRoute, route } from '@/lib/api/handler';
import { unreadSummary } from '@/lib/escalation/unread';

export const GET = route({ name: 'GET /api/sessions/unread' }, async ({ user }) => unreadSummary(user.id));

documentRoute(GET, { summary: 'Unread support replies per conversation, and the total' });
