// POST /api/sessions/:id/stop – stop the answer being written; what was written so far is kept
import { documentRoute, route } from '@/lib/api/handler';
import { stopGeneration } from '@/lib/chat/sessions';
import { json } from '@/lib/openapi/schemas';
import { sessionId } from '../../schema';

export const POST = route({ name: 'POST /api/sessions/:id/stop' }, async ({ user, params }) =>
  Response.json(await stopGeneration(user, sessionId(params)), { status: 202 }),
);

documentRoute(POST, {
  summary: 'Stop the answer being written (what was written is kept)',
  responses: { 202: json('Stopping') },
  errors: [409],
});
