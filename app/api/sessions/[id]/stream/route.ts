// GET /api/sessions/:id/stream – everything live in a conversation (answer in progress, support replies) as SSE
import { getSessionForUserOrThrow } from '@/db/queries/chat';
import { documentRoute, route } from '@/lib/api/handler';
import { openLiveResponse } from '@/lib/chat/stream';
import { eventStream } from '@/lib/openapi/schemas';
import { sessionId } from '../../schema';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/sessions/:id/stream' }, async ({ user, params, req }) => {
  const session = await getSessionForUserOrThrow({ id: sessionId(params), userId: user.id });
  return openLiveResponse({ sessionId: session.id, snapshot: true, signal: req.signal });
});

documentRoute(GET, {
  summary: 'Everything live in a conversation (answer in progress, support replies)',
  responses: { 200: eventStream('A snapshot, then the events as they happen') },
});
