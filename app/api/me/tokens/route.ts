// GET /api/me/tokens – my API tokens; POST – create one (the token is shown once)
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { json } from '@/lib/openapi/schemas';
import { createToken, listApiTokens } from '@/lib/users';

const body = z.strictObject({ name: z.string().trim().min(1).max(80), expiresInDays: z.number().int().min(1).max(365).optional() });

export const GET = route({ name: 'GET /api/me/tokens' }, async ({ user }) => ({ tokens: await listApiTokens({ userId: user.id }) }));

export const POST = route({ name: 'POST /api/me/tokens', body }, async ({ user, body, meta }) => {
  return Response.json({ token: await createToken(user, body, meta) }, { status: 201 });
});

documentRoute(GET, { summary: 'My API tokens, with their last use' });
documentRoute(POST, { summary: 'Create an API token (the token is shown once)', responses: { 201: json('The token: { token }') } });
