// POST /api/knowledge/:id/reindex – extract and index the manual again (admin only)
import { route } from '@/lib/api/handler';
import { reindexManual } from '@/lib/knowledge/service';
import { documentId } from '../../schema';

export const POST = route({ name: 'POST /api/knowledge/:id/reindex', roles: ['admin'] }, async ({ params, user, meta }) =>
  Response.json({ document: await reindexManual(documentId(params), user, meta) }, { status: 202 }),
);
