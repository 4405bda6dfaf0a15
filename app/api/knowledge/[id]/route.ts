// GET /api/knowledge/:id – one manual with its status; DELETE – remove it and its index (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { deleteManual, getManual } from '@/lib/knowledge/service';
import { empty } from '@/lib/openapi/schemas';
import { documentId } from '../schema';

export const GET = route({ name: 'GET /api/knowledge/:id', roles: ['admin', 'support'] }, async ({ params }) => ({
  document: await getManual(documentId(params)),
}));

export const DELETE = route({ name: 'DELETE /api/knowledge/:id', roles: ['admin'] }, async ({ params, user, meta }) => {
  await deleteManual(documentId(params), user, meta);
  return new Response(null, { status: 204 });
});

documentRoute(GET, { summary: 'One manual with its status and progress' });
documentRoute(DELETE, { summary: 'Delete a manual and its index', responses: { 204: empty('Deleted') } });
