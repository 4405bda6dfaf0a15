// POST /api/sessions/:id/escalate – hand the conversation to human support (urgency, optional note and phone)
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { escalateSession } from '@/lib/escalation/create';
import { escalationBrief } from '@/lib/escalation/views';
import { json } from '@/lib/openapi/schemas';
import { LIMITS } from '@/lib/policies';
import { sessionId } from '../../schema';

const body = z.strictObject({
  urgency: z.enum(['low', 'normal', 'high']),
  note: z.string().trim().max(LIMITS.noteChars).optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+0-9 ()./-]*$/, 'must contain only digits, spaces and + ( ) . / -')
    .optional(),
});

export const POST = route({ name: 'POST /api/sessions/:id/escalate', body }, async ({ user, params, body, meta }) => {
  const { escalation } = await escalateSession(user, sessionId(params), body, meta);
  return Response.json({ escalation: escalationBrief(escalation) }, { status: 201 });
});

documentRoute(POST, {
  summary: 'Hand the conversation to human support',
  responses: { 201: json('The escalation: { escalation }') },
  errors: [409],
});
