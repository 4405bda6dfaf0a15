// GET /api/admin/users – list and search users; POST /api/admin/users – create a user (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { json } from '@/lib/openapi/schemas';
import { createUserAsAdmin, listUsersForAdmin } from '@/lib/users';
import { createUserBody, listUsersQuery } from './schema';

export const GET = route({ name: 'GET /api/admin/users', roles: ['admin'], query: listUsersQuery }, async ({ query }) => {
  return listUsersForAdmin(query);
});

export const POST = route({ name: 'POST /api/admin/users', roles: ['admin'], body: createUserBody }, async ({ body, user, meta }) => {
  return Response.json(await createUserAsAdmin(body, user, meta), { status: 201 });
});

documentRoute(GET, { summary: 'Users, searched by name or email and filtered by role and status' });
documentRoute(POST, { summary: 'Create a user', responses: { 201: json('The user') }, errors: [409] });
