// POST /api/knowledge/reindex – re-index every manual (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { reindexAll } from '@/lib/knowledge/service';
import { json } from '@/lib/openapi/schemas';

export const POST = route({ name: 'POST /api/knowledge/reindex', roles: ['admin'] }, async ({ user, meta }) =>
  Response.json(await reindexAll(user, meta), { status: 202 }),
);

documentRoute(POST, { summary: 'Re-index every manual', responses: { 202: json('Queued') } });
