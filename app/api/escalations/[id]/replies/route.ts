// POST /api/escalations/:id/replies – a support reply, delivered live into the technician's chat
import { documentRoute, route } from '@/lib/api/handler';
import { replyToEscalation } from '@/lib/escalation/actions';
import { json } from '@/lib/openapi/schemas';
import { escalationId, replyBody, SUPPORT_ROLES } from '../../schema';

export const POST = route(
  { name: 'POST /api/escalations/:id/replies', roles: SUPPORT_ROLES, body: replyBody },
  async ({ user, params, body, meta }) =>
    Response.json(await replyToEscalation(user, escalationId(params), body.message, meta), { status: 201 }),
);

documentRoute(POST, {
  summary: "A support reply, delivered live into the technician's chat",
  responses: { 201: json('The reply') },
  errors: [409],
});
