// GET /api/sessions/:id – a conversation with its messages; PATCH – rename or set the machine; DELETE – delete it
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { empty } from '@/lib/openapi/schemas';
import { LIMITS } from '@/lib/policies';
import { getSessionDetail, patchSession, removeSession } from '@/lib/chat/sessions';
import { sessionId } from '../schema';

const patchBody = z
  .strictObject({
    title: z.string().trim().min(1).max(LIMITS.titleChars).optional(),
    machineModel: z.string().trim().max(120).nullable().optional(),
    serialNumber: z.string().trim().max(80).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change');

export const GET = route({ name: 'GET /api/sessions/:id' }, async ({ user, params }) => getSessionDetail(user, sessionId(params)));

export const PATCH = route({ name: 'PATCH /api/sessions/:id', body: patchBody }, async ({ user, params, body }) => ({
  session: await patchSession(user, sessionId(params), body),
}));

export const DELETE = route({ name: 'DELETE /api/sessions/:id' }, async ({ user, params }) => {
  await removeSession(user, sessionId(params));
  return new Response(null, { status: 204 });
});

documentRoute(GET, { summary: 'A conversation with its messages and citations' });
documentRoute(PATCH, { summary: 'Rename, or set the machine model and serial number' });
documentRoute(DELETE, { summary: 'Delete a conversation', responses: { 204: empty('Deleted') } });
