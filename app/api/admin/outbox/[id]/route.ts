// GET /api/admin/outbox/:id – one outgoing email with its text body (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { getOutboxEmail } from '@/lib/email/admin';
import { outboxId } from '../schema';

export const GET = route({ name: 'GET /api/admin/outbox/:id', roles: ['admin'] }, async ({ params }) => getOutboxEmail(outboxId(params)));

documentRoute(GET, { summary: 'One outgoing email with its text body' });
