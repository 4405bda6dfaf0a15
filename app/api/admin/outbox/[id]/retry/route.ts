// POST /api/admin/outbox/:id/retry – send a failed or waiting email again now (admin only)
import { route } from '@/lib/api/handler';
import { retryOutboxEmail } from '@/lib/email/admin';
import { outboxId } from '../../schema';

export const POST = route({ name: 'POST /api/admin/outbox/:id/retry', roles: ['admin'] }, async ({ user, params, meta }) =>
  retryOutboxEmail(user, outboxId(params), meta),
);
