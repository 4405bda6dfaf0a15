// GET /api/admin/outbox – every outgoing email with status, attempts and last error (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { listOutbox } from '@/lib/email/admin';
import { listOutboxQuery } from './schema';

export const GET = route({ name: 'GET /api/admin/outbox', roles: ['admin'], query: listOutboxQuery }, async ({ query }) =>
  listOutbox(query),
);

documentRoute(GET, { summary: 'Outgoing email with status, attempts and last error' });
