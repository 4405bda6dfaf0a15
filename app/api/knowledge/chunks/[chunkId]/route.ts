// GET /api/knowledge/chunks/:chunkId – one indexed passage, for the manual viewer's highlight (any signed-in user)
import { getChunkById } from '@/db/queries/knowledge';
import { documentRoute, route } from '@/lib/api/handler';
import { notFound } from '@/lib/errors';
import { chunkId } from '../../schema';

export const GET = route({ name: 'GET /api/knowledge/chunks/:chunkId' }, async ({ params }) => {
  const chunk = await getChunkById({ id: chunkId(params) });
  // Re-indexing a manual replaces its passages: an old citation's passage is gone, not an error.
  if (!chunk) throw notFound('Passage');
  return { chunk };
});

documentRoute(GET, { summary: "One indexed passage (what a citation points to), for the viewer's highlight" });
