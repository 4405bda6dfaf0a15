// GET /api/admin/users – list and search users; POST /api/admin/users – create a user (admin only)
import { route } from '@/lib/api/handler';
import { createUserAsAdmin, listUsersForAdmin } from '@/lib/users';
import { createUserBody, listUsersQuery } from './schema';

export const GET = route({ name: 'GET /api/admin/users', roles: ['admin'], query: listUsersQuery }, async ({ query }) => {
  return listUsersForAdmin(query);
});

export const POST = route({ name: 'POST /api/admin/users', roles: ['admin'], body: createUserBody }, async ({ body, user, meta }) => {
  return Response.json(await createUserAsAdmin(body, user, meta), { status: 201 });
});
