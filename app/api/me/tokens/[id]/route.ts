// DELETE /api/me/tokens/:id – revoke one of my API tokens
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { notFound } from '@/lib/errors';
import { empty } from '@/lib/openapi/schemas';
import { revokeToken } from '@/lib/users';

export const DELETE = route({ name: 'DELETE /api/me/tokens/:id' }, async ({ user, params, meta }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw notFound('API token');
  await revokeToken(user, id.data, meta);
  return new Response(null, { status: 204 });
});

documentRoute(DELETE, { summary: 'Revoke one of my API tokens', responses: { 204: empty('Revoked') } });
