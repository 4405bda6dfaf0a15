// GET /api/escalations/:id – one escalation with transcript (marks it read); PATCH – acknowledge, assign, resolve, hand back
import { documentRoute, route } from '@/lib/api/handler';
import { changeEscalation } from '@/lib/escalation/actions';
import { getEscalationForSupport } from '@/lib/escalation/inbox';
import { escalationId, patchBody, SUPPORT_ROLES } from '../schema';

export const GET = route({ name: 'GET /api/escalations/:id', roles: SUPPORT_ROLES }, async ({ user, params }) =>
  getEscalationForSupport(user, escalationId(params)),
);

export const PATCH = route(
  { name: 'PATCH /api/escalations/:id', roles: SUPPORT_ROLES, body: patchBody },
  async ({ user, params, body, meta }) => changeEscalation(user, escalationId(params), body, meta),
);

documentRoute(GET, { summary: 'One escalation with its transcript (marks it read)' });
documentRoute(PATCH, { summary: 'Acknowledge, assign, resolve or hand back to the assistant', errors: [409] });
