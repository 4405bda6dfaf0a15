// GET /api/me/consent – my consent to AI processing; POST – consent to the current version; DELETE – withdraw it
import { documentRoute, route } from '@/lib/api/handler';
import { readOptionalJson } from '@/lib/privacy/body';
import { getConsent, giveConsent, withdrawConsent } from '@/lib/privacy/consents';
import { consentBody } from './schema';

export const GET = route({ name: 'GET /api/me/consent' }, async ({ user }) => ({ consent: await getConsent(user) }));

// The body is optional (an empty one consents to the current version), so it is read here rather than by route().
export const POST = route({ name: 'POST /api/me/consent' }, async ({ user, req, meta }) => {
  const body = await readOptionalJson(req, consentBody);
  return { consent: await giveConsent(user, body.version, meta) };
});

export const DELETE = route({ name: 'DELETE /api/me/consent' }, async ({ user, meta }) => ({ consent: await withdrawConsent(user, meta) }));

documentRoute(GET, { summary: 'My consent to AI processing: state, version and the notice' });
documentRoute(POST, {
  summary: 'Consent to AI processing: an empty body consents to the current version; a body may name it',
  requestBody: { required: false, content: { 'application/json': { schema: consentBody } } },
  errors: [409],
});
documentRoute(DELETE, { summary: 'Withdraw my consent: new chats are refused until it is given again' });
