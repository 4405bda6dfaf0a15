// POST /api/messages/:id/feedback – helpful / not helpful, with an optional comment
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { giveFeedback } from '@/lib/chat/sessions';
import { notFound } from '@/lib/errors';
import { LIMITS } from '@/lib/policies';

const body = z.strictObject({ helpful: z.boolean(), comment: z.string().trim().max(LIMITS.noteChars).optional() });

export const POST = route({ name: 'POST /api/messages/:id/feedback', body }, async ({ user, params, body }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw notFound('Message');
  return giveFeedback(user, id.data, body);
});

documentRoute(POST, { summary: 'Rate an answer helpful or not, with an optional comment', errors: [409] });
