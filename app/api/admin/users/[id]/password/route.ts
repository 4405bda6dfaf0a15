// POST /api/admin/users/:id/password – reset a password: a generated one shown once, or an invite link (admin only)
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { notFound } from '@/lib/errors';
import { resetPasswordAsAdmin } from '@/lib/users';
import { resetPasswordBody } from '../../schema';

export const POST = route(
  { name: 'POST /api/admin/users/:id/password', roles: ['admin'], body: resetPasswordBody },
  async ({ body, params, user, meta }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw notFound('User');
    return resetPasswordAsAdmin(id.data, body.method, user, meta);
  },
);

documentRoute(POST, {
  summary: 'Reset a password: a generated one shown once, or a new invite link; every sign-in of the user ends',
  errors: [409],
});
