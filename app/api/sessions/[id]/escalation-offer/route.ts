// DELETE /api/sessions/:id/escalation-offer – the technician dismisses the offer to escalate (it is not made again for this problem)
import { documentRoute, route } from '@/lib/api/handler';
import { dismissOffer } from '@/lib/escalation/offer';
import { empty } from '@/lib/openapi/schemas';
import { sessionId } from '../../schema';

export const DELETE = route({ name: 'DELETE /api/sessions/:id/escalation-offer' }, async ({ user, params }) => {
  await dismissOffer(user, sessionId(params));
  return new Response(null, { status: 204 });
});

documentRoute(DELETE, { summary: 'Dismiss the offer to escalate the conversation', responses: { 204: empty('Dismissed') } });
