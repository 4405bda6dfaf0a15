// PATCH /api/admin/users/:id – rename, change role, disable or re-enable, set a password (admin only)
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { notFound } from '@/lib/errors';
import { updateUserAsAdmin } from '@/lib/users';
import { updateUserBody } from '../schema';

export const PATCH = route(
  { name: 'PATCH /api/admin/users/:id', roles: ['admin'], body: updateUserBody },
  async ({ body, params, user, meta }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw notFound('User');
    return { user: await updateUserAsAdmin(id.data, body, user, meta) };
  },
);

documentRoute(PATCH, { summary: 'Rename, change the role, disable or re-enable (the last active admin stays an admin)', errors: [409] });
