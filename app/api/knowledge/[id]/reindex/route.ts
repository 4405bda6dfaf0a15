// POST /api/knowledge/:id/reindex – extract and index the manual again (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { reindexManual } from '@/lib/knowledge/service';
import { json } from '@/lib/openapi/schemas';
import { documentId } from '../../schema';

export const POST = route({ name: 'POST /api/knowledge/:id/reindex', roles: ['admin'] }, async ({ params, user, meta }) =>
  Response.json({ document: await reindexManual(documentId(params), user, meta) }, { status: 202 }),
);

documentRoute(POST, { summary: 'Extract and index one manual again', responses: { 202: json('Queued: { document }') }, errors: [409] });
