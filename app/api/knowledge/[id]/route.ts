// GET /api/knowledge/:id – one manual with its status; DELETE – remove it and its index (admin only)
import { route } from '@/lib/api/handler';
import { deleteManual, getManual } from '@/lib/knowledge/service';
import { documentId } from '../schema';

export const GET = route({ name: 'GET /api/knowledge/:id', roles: ['admin', 'support'] }, async ({ params }) => ({
  document: await getManual(documentId(params)),
}));

export const DELETE = route({ name: 'DELETE /api/knowledge/:id', roles: ['admin'] }, async ({ params, user, meta }) => {
  await deleteManual(documentId(params), user, meta);
  return new Response(null, { status: 204 });
});
