// POST /api/admin/outbox/:id/retry – send a failed or waiting email again now (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { retryOutboxEmail } from '@/lib/email/admin';
import { json } from '@/lib/openapi/schemas';
import { outboxId } from '../../schema';

export const POST = route({ name: 'POST /api/admin/outbox/:id/retry', roles: ['admin'] }, async ({ user, params, meta }) =>
  retryOutboxEmail(user, outboxId(params), meta),
);

documentRoute(POST, {
  summary: 'Send a failed or waiting email again now',
  responses: { 200: json('Queued: { email: { id, status, nextAttemptAt } }') },
});
