// POST /api/sessions/:id/stop – stop the answer being written; what was written so far is kept
import { route } from '@/lib/api/handler';
import { stopGeneration } from '@/lib/chat/sessions';
import { sessionId } from '../../schema';

export const POST = route({ name: 'POST /api/sessions/:id/stop' }, async ({ user, params }) =>
  Response.json(await stopGeneration(user, sessionId(params)), { status: 202 }),
);
