// POST /api/chat – store the message, then stream the answer as Server-Sent Events
import { route } from '@/lib/api/handler';
import { sendMessage } from '@/lib/chat/turn';
import { AppError } from '@/lib/errors';
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
