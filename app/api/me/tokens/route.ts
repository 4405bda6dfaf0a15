// GET /api/me/tokens – my API tokens; POST – create one (shown once; only when signed in, never with a token)
import { documentRoute, route } from '@/lib/api/handler';
import { json } from '@/lib/openapi/schemas';
import { createToken, listTokens } from '@/lib/users';
import { createTokenBody } from './schema';

export const GET = route({ name: 'GET /api/me/tokens' }, async ({ user }) => ({ tokens: await listTokens(user) }));

export const POST = route({ name: 'POST /api/me/tokens', body: createTokenBody }, async ({ user, body, meta }) => {
  return Response.json({ token: await createToken(user, body, meta) }, { status: 201 });
});

documentRoute(GET, { summary: 'My API tokens, with their last use' });
documentRoute(POST, {
  summary: 'Create an API token with a name and an expiry (the token is shown once; a bearer token cannot create one)',
  responses: { 201: json('The token: { token }') },
  errors: [403, 409],
});
