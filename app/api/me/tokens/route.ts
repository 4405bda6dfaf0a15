// GET /api/me/tokens – my API tokens; POST – create one (shown once; only when signed in, never with a token)
import { route } from '@/lib/api/handler';
import { createToken, listTokens } from '@/lib/users';
import { createTokenBody } from './schema';

export const GET = route({ name: 'GET /api/me/tokens' }, async ({ user }) => ({ tokens: await listTokens(user) }));

export const POST = route({ name: 'POST /api/me/tokens', body: createTokenBody }, async ({ user, body, meta }) => {
  return Response.json({ token: await createToken(user, body, meta) }, { status: 201 });
});
