// POST /api/invites/accept – set the password from an invite link (signed out; the link works once)
import { documentRoute, route } from '@/lib/api/handler';
import { acceptInvite } from '@/lib/users/invites';
import { acceptInviteBody } from './schema';

export const POST = route({ name: 'POST /api/invites/accept', auth: false, body: acceptInviteBody }, async ({ body, meta }) => {
  return acceptInvite(body, meta);
});

documentRoute(POST, { summary: 'Set the password from an invite link and sign in (the link works once)', errors: [403, 410] });
