// POST /api/knowledge/reindex – re-index every manual (admin only)
import { route } from '@/lib/api/handler';
import { reindexAll } from '@/lib/knowledge/service';

export const POST = route({ name: 'POST /api/knowledge/reindex', roles: ['admin'] }, async ({ user, meta }) =>
  Response.json(await reindexAll(user, meta), { status: 202 }),
);
