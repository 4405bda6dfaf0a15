// POST /api/escalations/:id/replies – a support reply, delivered live into the technician's chat
import { route } from '@/lib/api/handler';
import { replyToEscalation } from '@/lib/escalation/actions';
import { escalationId, replyBody, SUPPORT_ROLES } from '../../schema';

export const POST = route(
  { name: 'POST /api/escalations/:id/replies', roles: SUPPORT_ROLES, body: replyBody },
  async ({ user, params, body, meta }) =>
    Response.json(await replyToEscalation(user, escalationId(params), body.message, meta), { status: 201 }),
);
