// POST /api/chat – store the message, then stream the answer as Server-Sent Events
import { documentRoute, route } from '@/lib/api/handler';
import { sendMessage } from '@/lib/chat/turn';
import { AppError } from '@/lib/errors';
import { eventStream } from '@/lib/openapi/schemas';
import { isShuttingDown } from '@/lib/ops/lifecycle';
import { requireConsent } from '@/lib/privacy/consents';
import { chatBody } from './schema';

export const dynamic = 'force-dynamic';

export const POST = route({ name: 'POST /api/chat', body: chatBody, maxBodyBytes: 48 * 1024 }, async ({ user, body, meta, req }) => {
  if (isShuttingDown())
    throw new AppError('unavailable', 'The server is restarting. Send your message again in a moment.', { retryAfterSeconds: 5 });
  // A question, and an answer generated again, send the user's text to the model: only with their consent.
  await requireConsent(user);
  return sendMessage(user, body, meta, req.signal);
});

documentRoute(POST, {
  summary: 'Send a message (a new conversation without sessionId) and stream the answer',
  responses: { 200: eventStream('Events: session, token, reset, citations, escalation, done, error') },
  errors: [404, 409, 503],
});
