// GET /api/escalations – the support inbox: filters, unread per reader, counts by status (support and admin)
import { documentRoute, route } from '@/lib/api/handler';
import { listInbox } from '@/lib/escalation/inbox';
import { listQuery, SUPPORT_ROLES } from './schema';

export const GET = route({ name: 'GET /api/escalations', roles: SUPPORT_ROLES, query: listQuery }, async ({ user, query }) =>
  listInbox(user, query),
);

documentRoute(GET, { summary: 'The support inbox: filters, unread per reader, counts by status' });
